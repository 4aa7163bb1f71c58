package org.chainbreaker.gateway.transcoding;

import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP binding of every RPC in the contract, grouped by upstream (the middle segment of the
 * proto package: {@code chainbreaker.cases.v1} is {@code cases}). Built once at start-up; resolving
 * a request walks only the routes of one upstream. Bindings with a verb are tried first, then those
 * with more literal segments, so {@code POST /cases/{id}:share} is never taken for {@code POST
 * /cases/{id}}, and a colon inside a variable is part of the value unless it ends in a verb that
 * some route of the same path has.
 */
public final class RouteTable {

    private static final Logger log = LoggerFactory.getLogger(RouteTable.class);

    /** What a request resolves to. */
    sealed interface Resolution permits Matched, MethodNotAllowed, NotFound {}

    record Matched(HttpRoute route, String[] pathValues) implements Resolution {}

    record MethodNotAllowed(Set<String> allowed) implements Resolution {}

    enum NotFound implements Resolution {
        INSTANCE
    }

    private static final Comparator<HttpRoute> SPECIFIC_FIRST =
            Comparator.comparing((HttpRoute r) -> !r.template().hasVerb())
                    .thenComparing(r -> r.template().endsWithMany())
                    .thenComparing(r -> -r.template().literalCount());

    private final Map<String, HttpRoute[]> byUpstream;

    private RouteTable(Map<String, List<HttpRoute>> routes) {
        Map<String, HttpRoute[]> sorted = new LinkedHashMap<>();
        routes.forEach(
                (upstream, list) ->
                        sorted.put(
                                upstream,
                                list.stream().sorted(SPECIFIC_FIRST).toArray(HttpRoute[]::new)));
        this.byUpstream = Map.copyOf(sorted);
    }

    static RouteTable from(Collection<FileDescriptor> files) {
        Map<String, List<HttpRoute>> routes = new LinkedHashMap<>();
        for (FileDescriptor file : files) {
            String upstream = upstreamOf(file.getPackage());
            for (ServiceDescriptor service : file.getServices()) {
                for (MethodDescriptor method : service.getMethods()) {
                    HttpRule rule = httpRule(method);
                    if (rule == null) {
                        continue;
                    }
                    if (upstream == null) {
                        log.warn(
                                "{} has an HTTP binding but its package names no upstream; not served",
                                method.getFullName());
                        continue;
                    }
                    if (method.isClientStreaming() && !servesClientStream(method, rule)) {
                        // Over REST a client stream is a JSON array of whole messages; nothing else
                        // maps to it.
                        log.info(
                                "{} streams from the client without a body: \"*\" binding (or both ways); "
                                        + "it is served on the gRPC face only",
                                method.getFullName());
                        continue;
                    }
                    RpcMethod rpc = RpcMethod.of(upstream, method);
                    List<HttpRoute> list = routes.computeIfAbsent(upstream, u -> new ArrayList<>());
                    list.add(route(rule, rpc));
                    for (HttpRule additional : rule.getAdditionalBindingsList()) {
                        list.add(route(additional, rpc));
                    }
                }
            }
        }
        return new RouteTable(routes);
    }

    /**
     * Whether REST can serve this client-streaming RPC: every binding takes the whole message as
     * body (the body is then a JSON array of messages) and the response is one message.
     */
    public static boolean servesClientStream(MethodDescriptor method, HttpRule rule) {
        if (method.isServerStreaming() || !"*".equals(rule.getBody())) {
            return false;
        }
        return rule.getAdditionalBindingsList().stream().allMatch(b -> "*".equals(b.getBody()));
    }

    /** {@code chainbreaker.cases.v1} → {@code cases}; null for a package without such a segment. */
    public static String upstreamOf(String protoPackage) {
        String[] parts = protoPackage.split("\\.");
        return parts.length >= 3 ? parts[parts.length - 2] : null;
    }

    private static HttpRule httpRule(MethodDescriptor method) {
        MethodOptions options = method.getOptions();
        if (!options.hasExtension(com.google.api.AnnotationsProto.http)) {
            try {
                options = MethodOptions.parseFrom(options.toByteString(), Contract.EXTENSIONS);
            } catch (InvalidProtocolBufferException e) {
                return null;
            }
        }
        return options.hasExtension(com.google.api.AnnotationsProto.http)
                ? options.getExtension(com.google.api.AnnotationsProto.http)
                : null;
    }

    private static HttpRoute route(HttpRule rule, RpcMethod rpc) {
        String method;
        String path;
        switch (rule.getPatternCase()) {
            case GET -> {
                method = "GET";
                path = rule.getGet();
            }
            case PUT -> {
                method = "PUT";
                path = rule.getPut();
            }
            case POST -> {
                method = "POST";
                path = rule.getPost();
            }
            case DELETE -> {
                method = "DELETE";
                path = rule.getDelete();
            }
            case PATCH -> {
                method = "PATCH";
                path = rule.getPatch();
            }
            case CUSTOM -> {
                method = rule.getCustom().getKind();
                path = rule.getCustom().getPath();
            }
            default ->
                    throw new IllegalStateException(
                            rpc.fullName() + " has an HTTP rule without a pattern");
        }
        return new HttpRoute(method, PathTemplate.parse(path), rpc, rule.getBody());
    }

    Set<String> upstreams() {
        return byUpstream.keySet();
    }

    /**
     * One HTTP binding the transcoder serves, as a client sees it: method, path template, the RPC
     * it calls, and how the request carries a body. For tests and tools that must cover every route
     * without listing them.
     */
    public record Binding(
            String httpMethod,
            String pathTemplate,
            String upstream,
            String rpc,
            boolean hasBody,
            boolean clientStreaming,
            boolean serverStreaming) {}

    /** Every binding of every upstream, in matching order. */
    public List<Binding> bindings() {
        List<Binding> all = new ArrayList<>();
        byUpstream.forEach(
                (upstream, routes) -> {
                    for (HttpRoute route : routes) {
                        all.add(
                                new Binding(
                                        route.httpMethod(),
                                        route.template().source(),
                                        upstream,
                                        route.rpc().fullName(),
                                        route.bodyKind() != HttpRoute.BodyKind.NONE,
                                        route.rpc().clientStreaming(),
                                        route.rpc().serverStreaming()));
                    }
                });
        return List.copyOf(all);
    }

    List<HttpRoute> routes(String upstream) {
        HttpRoute[] routes = byUpstream.get(upstream);
        return routes == null ? List.of() : List.of(routes);
    }

    /** The route of one upstream that serves this method and raw path. */
    Resolution resolve(String upstream, String httpMethod, String rawPath) {
        HttpRoute[] routes = byUpstream.get(upstream);
        if (routes == null) {
            return NotFound.INSTANCE;
        }
        Set<String> allowed = null;
        // HEAD is served wherever GET is (RFC 9110 §9.3.2): the same answer without its content.
        String wanted = "HEAD".equals(httpMethod) ? "GET" : httpMethod;
        for (HttpRoute route : routes) {
            String[] values = route.template().match(rawPath);
            if (values == null) {
                continue;
            }
            if (route.httpMethod().equals(wanted)) {
                return new Matched(route, values);
            }
            if (allowed == null) {
                allowed = new LinkedHashSet<>();
            }
            allowed.add(route.httpMethod());
            if (route.httpMethod().equals("GET")) {
                allowed.add("HEAD");
            }
        }
        return allowed == null ? NotFound.INSTANCE : new MethodNotAllowed(allowed);
    }

    /** Resolves against every upstream (for a route whose predicate is not the contract's). */
    Resolution resolveAny(String httpMethod, String rawPath) {
        Resolution best = NotFound.INSTANCE;
        for (String upstream : byUpstream.keySet()) {
            Resolution resolution = resolve(upstream, httpMethod, rawPath);
            if (resolution instanceof Matched) {
                return resolution;
            }
            if (resolution instanceof MethodNotAllowed) {
                best = resolution;
            }
        }
        return best;
    }
}
