package org.chainbreaker.gateway.transcoding;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A path template of the {@code google.api.http} grammar:
 *
 * <pre>
 * Template = "/" Segments [ Verb ] ;
 * Segments = Segment { "/" Segment } ;
 * Segment  = "*" | "**" | LITERAL | Variable ;
 * Variable = "{" FieldPath [ "=" Segments ] "}" ;
 * FieldPath = IDENT { "." IDENT } ;
 * Verb     = ":" LITERAL ;
 * </pre>
 *
 * {@code {id}} is {@code {id=*}}; {@code **} matches zero or more segments and must come last.
 * Matching takes the raw (still percent-encoded) path: a variable of one segment is fully decoded,
 * a variable of several keeps {@code %2F} encoded so its value still splits into the segments the
 * client meant.
 */
final class PathTemplate {

    enum Kind {
        LITERAL,
        ONE,
        MANY
    }

    record Segment(Kind kind, String literal) {}

    /**
     * A variable binding a field path to template segments {@code [start, end)}; end = -1 means "to
     * the end".
     */
    record Variable(List<String> fieldPath, int start, int end) {

        String dotted() {
            return String.join(".", fieldPath);
        }
    }

    private final String source;
    private final Segment[] segments;
    private final String verbSuffix;
    private final List<Variable> variables;
    private final boolean endsWithMany;
    private final int literalCount;

    private PathTemplate(
            String source, List<Segment> segments, String verb, List<Variable> variables) {
        this.source = source;
        this.segments = segments.toArray(Segment[]::new);
        this.verbSuffix = verb == null ? null : ":" + verb;
        this.variables = List.copyOf(variables);
        this.endsWithMany = !segments.isEmpty() && segments.getLast().kind() == Kind.MANY;
        this.literalCount = (int) segments.stream().filter(s -> s.kind() == Kind.LITERAL).count();
    }

    static PathTemplate parse(String template) {
        return new Parser(template).parse();
    }

    String source() {
        return source;
    }

    List<Variable> variables() {
        return variables;
    }

    boolean hasVerb() {
        return verbSuffix != null;
    }

    int literalCount() {
        return literalCount;
    }

    boolean endsWithMany() {
        return endsWithMany;
    }

    /**
     * Matches a raw request path; returns the decoded value of each variable (in {@link
     * #variables()} order), or null if the path does not match.
     */
    String[] match(String rawPath) {
        String path = rawPath;
        if (verbSuffix != null) {
            if (!path.endsWith(verbSuffix)) {
                return null;
            }
            path = path.substring(0, path.length() - verbSuffix.length());
        }
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        List<String> parts = split(path);
        int n = segments.length;
        if (endsWithMany ? parts.size() < n - 1 : parts.size() != n) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            Segment segment = segments[i];
            switch (segment.kind()) {
                case LITERAL -> {
                    String part = parts.get(i);
                    String decoded = part.indexOf('%') < 0 ? part : decode(part, false);
                    if (!segment.literal().equals(decoded)) {
                        return null;
                    }
                }
                case ONE -> {
                    if (parts.get(i).isEmpty()) {
                        return null;
                    }
                }
                case MANY -> {
                    for (int j = i; j < parts.size(); j++) {
                        if (parts.get(j).isEmpty()) {
                            return null;
                        }
                    }
                }
            }
        }
        String[] values = new String[variables.size()];
        for (int v = 0; v < values.length; v++) {
            Variable variable = variables.get(v);
            int end = variable.end() < 0 ? parts.size() : variable.end();
            boolean single =
                    end - variable.start() == 1 && segments[variable.start()].kind() != Kind.MANY;
            String raw =
                    end - variable.start() == 1
                            ? parts.get(variable.start())
                            : String.join("/", parts.subList(variable.start(), end));
            String value = raw.indexOf('%') < 0 ? raw : decode(raw, !single);
            if (value == null) {
                return null;
            }
            values[v] = value;
        }
        return values;
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>(8);
        int from = 1;
        while (true) {
            int slash = path.indexOf('/', from);
            if (slash < 0) {
                parts.add(path.substring(from));
                return parts;
            }
            parts.add(path.substring(from, slash));
            from = slash + 1;
        }
    }

    /** Percent-decodes UTF-8; keeps {@code %2F} as is when asked; null for a broken encoding. */
    static String decode(String raw, boolean keepEncodedSlash) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                int b = (hi << 4) | lo;
                if (keepEncodedSlash && b == '/') {
                    bytes.write('%');
                    bytes.write(raw.charAt(i + 1));
                    bytes.write(raw.charAt(i + 2));
                } else {
                    bytes.write(b);
                }
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return source;
    }

    private static final class Parser {

        private final String text;
        private int pos;
        private final List<Segment> segments = new ArrayList<>();
        private final List<Variable> variables = new ArrayList<>();

        Parser(String text) {
            this.text = text;
        }

        PathTemplate parse() {
            if (text == null || !text.startsWith("/")) {
                throw error("must start with '/'");
            }
            pos = 1;
            segments(false);
            String verb = null;
            if (pos < text.length() && text.charAt(pos) == ':') {
                pos++;
                verb = literal();
                if (verb.isEmpty()) {
                    throw error("empty verb");
                }
            }
            if (pos != text.length()) {
                throw error("unexpected '" + text.charAt(pos) + "' at " + pos);
            }
            for (int i = 0; i < segments.size() - 1; i++) {
                if (segments.get(i).kind() == Kind.MANY) {
                    throw error("'**' must be the last segment");
                }
            }
            List<String> seen = new ArrayList<>();
            for (Variable v : variables) {
                if (seen.contains(v.dotted())) {
                    throw error("variable " + v.dotted() + " bound twice");
                }
                seen.add(v.dotted());
            }
            return new PathTemplate(text, segments, verb, variables);
        }

        private void segments(boolean inVariable) {
            while (true) {
                segment(inVariable);
                if (pos < text.length() && text.charAt(pos) == '/') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        private void segment(boolean inVariable) {
            if (text.startsWith("**", pos)) {
                pos += 2;
                segments.add(new Segment(Kind.MANY, null));
            } else if (text.startsWith("*", pos)) {
                pos += 1;
                segments.add(new Segment(Kind.ONE, null));
            } else if (text.startsWith("{", pos)) {
                if (inVariable) {
                    throw error("variables cannot nest");
                }
                pos++;
                List<String> fieldPath = new ArrayList<>();
                while (true) {
                    fieldPath.add(ident());
                    if (pos < text.length() && text.charAt(pos) == '.') {
                        pos++;
                    } else {
                        break;
                    }
                }
                int start = segments.size();
                if (pos < text.length() && text.charAt(pos) == '=') {
                    pos++;
                    segments(true);
                } else {
                    segments.add(new Segment(Kind.ONE, null));
                }
                if (pos >= text.length() || text.charAt(pos) != '}') {
                    throw error("unclosed variable");
                }
                pos++;
                boolean toEnd = segments.getLast().kind() == Kind.MANY;
                variables.add(
                        new Variable(List.copyOf(fieldPath), start, toEnd ? -1 : segments.size()));
            } else {
                String literal = literal();
                if (literal.isEmpty()) {
                    throw error("empty segment at " + pos);
                }
                segments.add(new Segment(Kind.LITERAL, literal));
            }
        }

        private String literal() {
            int start = pos;
            while (pos < text.length() && "/:{}=*".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private String ident() {
            int start = pos;
            while (pos < text.length()
                    && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos || Character.isDigit(text.charAt(start))) {
                throw error("expected a field name at " + start);
            }
            return text.substring(start, pos);
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("invalid path template '" + text + "': " + what);
        }
    }
}
