package org.chainbreaker.gateway.openapi;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One {@code google.api.http} binding of an RPC as OpenAPI sees it: the HTTP method, the path with
 * each variable written {@code {field.path}} (a variable with its own segments, {@code
 * {name=cases/*}}, keeps the segments as a pattern of the parameter; a verb such as {@code :share}
 * stays literal), and the body selector.
 *
 * @param index 0 for the rule itself, 1.. for its additional bindings
 */
record HttpBinding(
        MethodDescriptor method,
        int index,
        String httpMethod,
        String template,
        String path,
        List<PathVariable> variables,
        String body) {

    /**
     * A path variable.
     *
     * @param fieldPath the request field it sets, dotted ({@code inner.label})
     * @param segments the segments it spans when not a single one ({@code cases/*}), else null
     */
    record PathVariable(String fieldPath, String segments) {

        /** A regular expression for the value, or null when it is one path segment. */
        String pattern() {
            if (segments == null) {
                return null;
            }
            StringBuilder regex = new StringBuilder("^");
            String[] parts = segments.split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    regex.append('/');
                }
                switch (parts[i]) {
                    case "*" -> regex.append("[^/]+");
                    case "**" -> regex.append(".+");
                    default -> regex.append(java.util.regex.Pattern.quote(parts[i]));
                }
            }
            return regex.append('$').toString();
        }
    }

    private static final ExtensionRegistry HTTP = httpRegistry();

    /**
     * Every binding of the method (the rule, then its additional bindings), or none without a rule.
     */
    static List<HttpBinding> of(MethodDescriptor method) {
        HttpRule rule = rule(method);
        if (rule == null) {
            return List.of();
        }
        List<HttpBinding> bindings = new ArrayList<>();
        bindings.add(binding(method, 0, rule));
        for (int i = 0; i < rule.getAdditionalBindingsCount(); i++) {
            bindings.add(binding(method, i + 1, rule.getAdditionalBindings(i)));
        }
        return bindings;
    }

    boolean hasBody() {
        return body != null && !body.isEmpty();
    }

    boolean wholeBody() {
        return "*".equals(body);
    }

    private static HttpRule rule(MethodDescriptor method) {
        MethodOptions options = method.getOptions();
        if (!options.hasExtension(AnnotationsProto.http)) {
            try {
                // Built without the extension known: it sits among the unknown fields.
                options = MethodOptions.parseFrom(options.toByteString(), HTTP);
            } catch (InvalidProtocolBufferException e) {
                return null;
            }
        }
        return options.hasExtension(AnnotationsProto.http)
                ? options.getExtension(AnnotationsProto.http)
                : null;
    }

    private static HttpBinding binding(MethodDescriptor method, int index, HttpRule rule) {
        String verb;
        String template;
        switch (rule.getPatternCase()) {
            case GET -> {
                verb = "get";
                template = rule.getGet();
            }
            case PUT -> {
                verb = "put";
                template = rule.getPut();
            }
            case POST -> {
                verb = "post";
                template = rule.getPost();
            }
            case DELETE -> {
                verb = "delete";
                template = rule.getDelete();
            }
            case PATCH -> {
                verb = "patch";
                template = rule.getPatch();
            }
            case CUSTOM -> {
                verb = rule.getCustom().getKind().toLowerCase(Locale.ROOT);
                template = rule.getCustom().getPath();
            }
            default ->
                    throw new IllegalStateException(
                            method.getFullName() + " has an HTTP rule without a pattern");
        }
        List<PathVariable> variables = new ArrayList<>();
        String path = openApiPath(template, variables);
        return new HttpBinding(
                method, index, verb, template, path, List.copyOf(variables), rule.getBody());
    }

    /**
     * {@code /v1/{name=shelves/*}/books:list} → {@code /v1/{name}/books:list}, collecting the
     * variables.
     */
    static String openApiPath(String template, List<PathVariable> variables) {
        StringBuilder path = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                path.append(c);
                i++;
                continue;
            }
            int close = template.indexOf('}', i);
            if (close < 0) {
                throw new IllegalArgumentException(
                        "unclosed variable in path template " + template);
            }
            String inner = template.substring(i + 1, close);
            int equals = inner.indexOf('=');
            String field = equals < 0 ? inner : inner.substring(0, equals);
            String segments = equals < 0 ? null : inner.substring(equals + 1);
            if ("*".equals(segments)) {
                segments = null;
            }
            variables.add(new PathVariable(field, segments));
            path.append('{').append(field).append('}');
            i = close + 1;
        }
        return path.toString();
    }

    private static ExtensionRegistry httpRegistry() {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        registry.add(AnnotationsProto.http);
        return registry.getUnmodifiable();
    }
}
