package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which bindings create a resource that can be read back, so that the REST face answers them {@code
 * 201 Created} with a {@code Location} (RFC 9110 §15.3.2), and the OpenAPI document says so. A
 * binding creates when it is a {@code POST} to a collection (no custom verb) and the same package
 * has a {@code GET} of that collection's {@code /{x}} answering the same message type, whose field
 * {@code x} is a string: the created message's {@code x} then names it. {@code POST /api/v1/cases}
 * creates ({@code GET /api/v1/cases/{id}} reads a Case back); {@code POST
 * /api/v1/cases/{case_id}/persons} does not (a person has no URL of its own): a 201 without a
 * Location would name the collection as the new resource, so such calls keep answering 200.
 */
public final class CreatedResources {

    private CreatedResources() {}

    /** The creating routes of the table, each with the response field naming what it created. */
    static Map<HttpRoute, FieldDescriptor> of(RouteTable table) {
        Map<HttpRoute, FieldDescriptor> creates = new IdentityHashMap<>();
        for (String upstream : table.upstreams()) {
            List<HttpRoute> routes = table.routes(upstream);
            Map<String, Descriptor> reads = new HashMap<>();
            routes.stream()
                    .filter(r -> r.httpMethod().equals("GET") && !r.rpc().serverStreaming())
                    .forEach(r -> reads.putIfAbsent(r.template().source(), r.rpc().responseType()));
            for (HttpRoute route : routes) {
                if (route.rpc().serverStreaming() || route.rpc().clientStreaming()) {
                    continue;
                }
                FieldDescriptor field =
                        locationField(
                                route.httpMethod(),
                                route.template().source(),
                                route.rpc().responseType(),
                                reads);
                if (field != null) {
                    creates.put(route, field);
                }
            }
        }
        return Map.copyOf(creates);
    }

    /**
     * The field of the response that names the created resource in its URL, or null when the
     * binding does not create one.
     *
     * @param httpMethod the binding's method
     * @param template the binding's path template
     * @param response the RPC's response type
     * @param reads every GET binding of the same package: template to response type
     */
    public static FieldDescriptor locationField(
            String httpMethod,
            String template,
            Descriptor response,
            Map<String, Descriptor> reads) {
        if (!"POST".equalsIgnoreCase(httpMethod)
                || template.substring(template.lastIndexOf('/') + 1).contains(":")
                        && !template.endsWith("}")) {
            return null;
        }
        for (Map.Entry<String, Descriptor> read : reads.entrySet()) {
            String get = read.getKey();
            if (!read.getValue().getFullName().equals(response.getFullName())
                    || !get.startsWith(template + "/{")
                    || !get.endsWith("}")) {
                continue;
            }
            String variable = get.substring(template.length() + 2, get.length() - 1);
            if (variable.contains("/")
                    || variable.contains("=")
                    || variable.contains(".")
                    || variable.contains("{")) {
                continue;
            }
            FieldDescriptor field = response.findFieldByName(variable);
            if (field != null
                    && !field.isRepeated()
                    && field.getJavaType() == FieldDescriptor.JavaType.STRING) {
                return field;
            }
        }
        return null;
    }
}
