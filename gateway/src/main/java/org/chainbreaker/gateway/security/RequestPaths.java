package org.chainbreaker.gateway.security;

import java.util.Locale;

/**
 * One reading of a request's path for every part of the gateway: the filters that decide what needs
 * a token, what is limited, which headers and log lines a response gets, and the router that picks
 * the RPC. Percent-encoded unreserved characters ({@code %61pi} is {@code api}, RFC 3986 section
 * 6.2.2.2) are decoded, because every router treats them as the character; forms that components
 * read differently are refused instead of guessed at: dot segments (plain or encoded), empty
 * segments ({@code //}), matrix parameters ({@code ;}), backslashes plain or encoded, control
 * characters, malformed encodings, and dot segments behind an encoded slash ({@code ..%2F}). An
 * encoded slash ({@code %2F}) otherwise stays encoded: it is part of a segment's value (an id such
 * as {@code KR-2026/000123}), never a separator, for this reading and for the router alike. Letter
 * case is kept: {@code /API/} is not {@code /api/}, so it needs a token like any other path and
 * then finds no route.
 */
public final class RequestPaths {

    private RequestPaths() {}

    /** A path as the gateway reads it, or why it is refused. */
    public sealed interface Reading permits Canonical, Refused {}

    /**
     * The path every part of the gateway sees; still percent-encoded where the character is not
     * unreserved.
     */
    public record Canonical(String path) implements Reading {}

    /** A path that means different things to different readers: answered 400, never routed. */
    public record Refused(String reason) implements Reading {}

    /**
     * Paths served without a token: the health probes and the API's documentation, exactly. They
     * reach no service; everything else, actuator paths included, needs a token.
     */
    public static boolean isOpen(String canonicalPath) {
        return isDocumentation(canonicalPath)
                || canonicalPath.equals("/actuator/health")
                || canonicalPath.equals("/actuator/health/liveness")
                || canonicalPath.equals("/actuator/health/readiness");
    }

    /** The OpenAPI document and the Swagger UI page with its assets. */
    public static boolean isDocumentation(String canonicalPath) {
        return canonicalPath.equals("/openapi.json")
                || canonicalPath.equals("/docs")
                || canonicalPath.startsWith("/docs/");
    }

    /** Whether a raw path is, once read, one of the open paths; refused paths are not. */
    public static boolean isOpenRaw(String rawPath) {
        return read(rawPath) instanceof Canonical(String path) && isOpen(path);
    }

    /** Reads a raw (as received) request path. */
    public static Reading read(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return new Canonical("/");
        }
        if (rawPath.charAt(0) != '/') {
            return new Refused("the path must start with '/'");
        }
        StringBuilder out = new StringBuilder(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                int value =
                        i + 2 < rawPath.length()
                                ? hexByte(rawPath.charAt(i + 1), rawPath.charAt(i + 2))
                                : -1;
                if (value < 0) {
                    return new Refused("the path has a malformed percent-encoding");
                }
                if (value == '\\') {
                    return new Refused("the path has an encoded backslash");
                }
                if (value < 0x20 || value == 0x7F) {
                    return new Refused("the path has an encoded control character");
                }
                if (unreserved(value)) {
                    out.append((char) value);
                } else {
                    out.append('%')
                            .append(rawPath.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                }
                i += 2;
            } else if (c == ';') {
                return new Refused("the path has matrix parameters (';')");
            } else if (c == '\\') {
                return new Refused("the path has a backslash");
            } else if (c <= 0x20 || c >= 0x7F) {
                return new Refused("the path has a character that must be percent-encoded");
            } else {
                out.append(c);
            }
        }
        String path = out.toString();
        // Segments between slashes: none may be empty (but the path may end in one slash) or a dot
        // segment.
        int from = 1;
        while (from <= path.length()) {
            int slash = path.indexOf('/', from);
            int end = slash < 0 ? path.length() : slash;
            String segment = path.substring(from, end);
            if (segment.equals(".") || segment.equals("..")) {
                return new Refused("the path has a dot segment ('.' or '..')");
            }
            if (segment.contains("%2F") && hasDotPiece(segment)) {
                // A component that decodes %2F before it resolves dot segments (Spring's {*path})
                // would walk up.
                return new Refused("the path has a dot segment behind an encoded slash");
            }
            if (segment.isEmpty() && slash >= 0) {
                return new Refused("the path has an empty segment ('//')");
            }
            if (slash < 0) {
                break;
            }
            from = slash + 1;
        }
        return new Canonical(path);
    }

    private static boolean hasDotPiece(String segment) {
        for (String piece : segment.split("%2F", -1)) {
            if (piece.equals(".") || piece.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreserved(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }

    private static int hexByte(char high, char low) {
        int h = hexDigit(high);
        int l = hexDigit(low);
        return h < 0 || l < 0 ? -1 : h << 4 | l;
    }

    /** ASCII hex digits only ({@link Character#digit} would take other scripts' digits too). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
