package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP binding of an RPC ({@code google.api.http} rule or one of its additional bindings), with
 * everything a request needs resolved at start-up: the field chain of each path variable, the body
 * field, and every query parameter name the remaining fields answer to (JSON name or proto name,
 * dotted into nested messages).
 */
final class HttpRoute {

    /** How deep query parameters may reach into nested messages. */
    private static final int MAX_QUERY_DEPTH = 5;

    enum BodyKind {
        NONE,
        WHOLE,
        FIELD
    }

    private final String httpMethod;
    private final PathTemplate template;
    private final RpcMethod rpc;
    private final BodyKind bodyKind;
    private final FieldDescriptor bodyField;
    private final FieldDescriptor[][] pathFields;
    private final Map<String, FieldDescriptor[]> queryFields;

    HttpRoute(String httpMethod, PathTemplate template, RpcMethod rpc, String body) {
        this.httpMethod = httpMethod;
        this.template = template;
        this.rpc = rpc;
        Descriptor request = rpc.requestType();
        List<PathTemplate.Variable> variables = template.variables();
        this.pathFields = new FieldDescriptor[variables.size()][];
        for (int i = 0; i < pathFields.length; i++) {
            pathFields[i] = resolvePathVariable(request, variables.get(i).fieldPath());
        }
        if (body == null || body.isEmpty()) {
            bodyKind = BodyKind.NONE;
            bodyField = null;
        } else if (body.equals("*")) {
            bodyKind = BodyKind.WHOLE;
            bodyField = null;
        } else {
            bodyKind = BodyKind.FIELD;
            bodyField = request.findFieldByName(body);
            if (bodyField == null) {
                throw contractError(
                        "body field '" + body + "' does not exist in " + request.getFullName());
            }
        }
        this.queryFields = bodyKind == BodyKind.WHOLE ? Map.of() : queryFields(request);
    }

    private FieldDescriptor[] resolvePathVariable(Descriptor request, List<String> path) {
        FieldDescriptor[] chain = new FieldDescriptor[path.size()];
        Descriptor type = request;
        for (int i = 0; i < chain.length; i++) {
            FieldDescriptor field = type == null ? null : type.findFieldByName(path.get(i));
            if (field == null || field.isRepeated()) {
                throw contractError(
                        "path variable '"
                                + String.join(".", path)
                                + "' is not a singular field of "
                                + request.getFullName());
            }
            chain[i] = field;
            boolean last = i == chain.length - 1;
            if (!last) {
                if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                    throw contractError(
                            "path variable '" + String.join(".", path) + "' goes through a scalar");
                }
                type = field.getMessageType();
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && !FieldValues.isScalarLike(field)) {
                throw contractError(
                        "path variable '" + String.join(".", path) + "' names a message");
            }
        }
        return chain;
    }

    private Map<String, FieldDescriptor[]> queryFields(Descriptor request) {
        Set<List<FieldDescriptor>> bound = new HashSet<>();
        for (FieldDescriptor[] chain : pathFields) {
            bound.add(List.of(chain));
        }
        if (bodyField != null) {
            bound.add(List.of(bodyField));
        }
        Map<String, FieldDescriptor[]> names = new LinkedHashMap<>();
        collect(request, List.of(""), new ArrayList<>(), bound, names);
        return Map.copyOf(names);
    }

    /** Recursive messages are followed only {@value #MAX_QUERY_DEPTH} levels deep. */
    private static void collect(
            Descriptor type,
            List<String> prefixes,
            List<FieldDescriptor> chain,
            Set<List<FieldDescriptor>> bound,
            Map<String, FieldDescriptor[]> names) {
        for (FieldDescriptor field : type.getFields()) {
            chain.add(field);
            if (!bound.contains(chain) && !field.isMapField()) {
                List<String> keys = new ArrayList<>(prefixes.size() * 2);
                for (String prefix : prefixes) {
                    keys.add(prefix + field.getJsonName());
                    if (!field.getName().equals(field.getJsonName())) {
                        keys.add(prefix + field.getName());
                    }
                }
                if (FieldValues.isScalarLike(field)) {
                    FieldDescriptor[] resolved = chain.toArray(FieldDescriptor[]::new);
                    keys.forEach(key -> names.putIfAbsent(key, resolved));
                } else if (!field.isRepeated() && chain.size() < MAX_QUERY_DEPTH) {
                    collect(
                            field.getMessageType(),
                            keys.stream().map(k -> k + ".").toList(),
                            chain,
                            bound,
                            names);
                }
            }
            chain.removeLast();
        }
    }

    private IllegalStateException contractError(String what) {
        return new IllegalStateException(
                "cannot transcode "
                        + httpMethod
                        + " "
                        + template.source()
                        + " to "
                        + rpc.fullName()
                        + ": "
                        + what);
    }

    String httpMethod() {
        return httpMethod;
    }

    PathTemplate template() {
        return template;
    }

    RpcMethod rpc() {
        return rpc;
    }

    BodyKind bodyKind() {
        return bodyKind;
    }

    FieldDescriptor bodyField() {
        return bodyField;
    }

    FieldDescriptor[] pathField(int variable) {
        return pathFields[variable];
    }

    /**
     * The field chain a query parameter of this name sets, or null if no field answers to it here.
     */
    FieldDescriptor[] queryField(String name) {
        return queryFields.get(name);
    }

    Set<String> queryParameterNames() {
        return queryFields.keySet();
    }

    @Override
    public String toString() {
        return httpMethod + " " + template.source() + " -> " + rpc.fullName();
    }
}
