package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.chainbreaker.gateway.limits.RequestLimits;
import org.chainbreaker.gateway.problems.Problem;
import org.chainbreaker.gateway.problems.ProblemResponses;
import org.chainbreaker.gateway.problems.Problems;
import org.chainbreaker.gateway.resilience.UpstreamGuard;
import org.chainbreaker.gateway.resilience.UpstreamGuards;
import org.chainbreaker.gateway.security.BearerAuthentication;
import org.chainbreaker.platform.tenancy.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Serves one REST request by calling the RPC its route names: binds the gRPC request from path,
 * query and body, calls the upstream with the verified caller's token (and no other header of the
 * client), and answers with the response in proto3 JSON, or a problem. Fields without presence are
 * printed even when they hold their default value (empty lists, zero, empty strings, the zero
 * enum), so every response of a type has the same shape; message fields and {@code optional} fields
 * that are unset are left out. A client-streaming RPC takes a JSON array of messages, sent in order
 * as its stream, and answers its one response likewise.
 */
public final class RestTranscoder {

    private static final Logger log = LoggerFactory.getLogger(RestTranscoder.class);

    /**
     * Exchange attribute naming the RPC a request was transcoded to (for the access log and
     * metrics).
     */
    public static final String RPC = "org.chainbreaker.gateway.rpc";

    /** Exchange attribute where the contract predicate leaves the route it resolved. */
    static final String RESOLUTION = RestTranscoder.class.getName() + ".resolution";

    private final RouteTable routes;
    private final Upstreams upstreams;
    private final RequestBinder binder;
    private final JsonFormat.Printer printer;
    private final long deadlineNanos;
    private final int maxBodyBytes;
    private final ServerSentEvents events;
    private final Map<HttpRoute, FieldDescriptor> locations;
    private final UpstreamGuards guards;
    private final int idempotentRetries;

    /**
     * How long a call may take, how large a body may be, how often an idempotent read is tried
     * again.
     */
    record Limits(long deadlineNanos, int maxBodyBytes, int idempotentRetries) {}

    RestTranscoder(
            RouteTable routes,
            Upstreams upstreams,
            RequestBinder binder,
            JsonFormat.Printer printer,
            UpstreamGuards guards,
            Limits limits) {
        this.guards = guards;
        this.idempotentRetries = limits.idempotentRetries();
        this.routes = routes;
        this.upstreams = upstreams;
        this.binder = binder;
        this.printer = printer;
        this.events = new ServerSentEvents(printer);
        this.locations = CreatedResources.of(routes);
        this.deadlineNanos = limits.deadlineNanos();
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    RouteTable routes() {
        return routes;
    }

    Mono<Void> handle(ServerWebExchange exchange, String upstream) {
        // Fail closed: whatever path led here, no service is called for a request that has no
        // verified caller or
        // has not passed its country's limit. The filters before routing should make both true;
        // this does not
        // rely on them.
        Caller caller = exchange.getAttribute(BearerAuthentication.CALLER);
        if (caller == null) {
            log.warn(
                    "A request reached the transcoder without a verified caller: {} {}",
                    exchange.getRequest().getMethod().name(),
                    exchange.getRequest().getPath().value());
            exchange.getResponse()
                    .getHeaders()
                    .set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"chainbreaker\"");
            return ProblemResponses.write(
                    exchange,
                    Problems.of(Status.Code.UNAUTHENTICATED, "a bearer token is required"));
        }
        if (exchange.getAttribute(RequestLimits.ADMITTED) != caller) {
            log.error(
                    "A request of {} reached the transcoder without passing its country's limit: {} {}",
                    caller.tenant(),
                    exchange.getRequest().getMethod().name(),
                    exchange.getRequest().getPath().value());
            return ProblemResponses.write(exchange, Problems.generic(Status.Code.INTERNAL));
        }
        ServerHttpRequest request = exchange.getRequest();
        RouteTable.Resolution resolution = exchange.getAttribute(RESOLUTION);
        if (resolution == null) {
            String rawPath = request.getURI().getRawPath();
            resolution =
                    upstream == null
                            ? routes.resolveAny(request.getMethod().name(), rawPath)
                            : routes.resolve(upstream, request.getMethod().name(), rawPath);
        }
        return switch (resolution) {
            case RouteTable.NotFound notFound ->
                    ProblemResponses.write(exchange, Problems.notFound());
            case RouteTable.MethodNotAllowed notAllowed -> {
                exchange.getResponse()
                        .getHeaders()
                        .setAllow(
                                notAllowed.allowed().stream()
                                        .map(HttpMethod::valueOf)
                                        .collect(java.util.stream.Collectors.toSet()));
                yield ProblemResponses.write(exchange, Problems.methodNotAllowed());
            }
            case RouteTable.Matched matched ->
                    serve(exchange, matched.route(), matched.pathValues(), caller);
        };
    }

    private Mono<Void> serve(
            ServerWebExchange exchange, HttpRoute route, String[] pathValues, Caller caller) {
        exchange.getAttributes().put(RPC, route.rpc().fullName());
        Channel channel = upstreams.channel(route.rpc().upstream());
        if (channel == null) {
            log.warn(
                    "No address is configured for upstream '{}' (chainbreaker.upstreams.{})",
                    route.rpc().upstream(),
                    route.rpc().upstream());
            return ProblemResponses.write(exchange, Problems.generic(Status.Code.UNAVAILABLE));
        }
        ServerHttpRequest request = exchange.getRequest();
        MediaType streamForm = null;
        if (route.rpc().serverStreaming()) {
            streamForm = ServerSentEvents.negotiate(request);
            if (streamForm == null) {
                return ProblemResponses.write(
                        exchange,
                        Problems.notAcceptable(
                                "this operation streams text/event-stream, application/x-ndjson or application/json"));
            }
        }
        MediaType form = streamForm;
        Mono<String> body;
        if (route.bodyKind() == HttpRoute.BodyKind.NONE) {
            body = Mono.just("");
        } else {
            MediaType contentType = request.getHeaders().getContentType();
            if (contentType != null
                            && !contentType.isCompatibleWith(MediaType.APPLICATION_JSON)
                            && !contentType.getSubtype().endsWith("+json")
                    || UpdateMasks.isMergePatch(contentType)
                            && UpdateMasks.maskField(route) == null) {
                // A JSON merge patch (RFC 7396) means "change what the body names": only an update
                // whose mask
                // the body can give honours that.
                return ProblemResponses.write(exchange, Problems.unsupportedMediaType());
            }
            body = RequestBodies.read(request, maxBodyBytes);
        }
        Map<String, List<String>> query = request.getQueryParams();
        // The token that was verified, and nothing else the client sent, goes to the service.
        Metadata headers = new Metadata();
        headers.put(UnaryCalls.AUTHORIZATION, "Bearer " + caller.token());
        return body.flatMap(
                        text -> {
                            DynamicMessage message;
                            List<DynamicMessage> messages;
                            try {
                                String idempotencyKey =
                                        request.getHeaders().getFirst(IdempotencyKeys.HEADER);
                                if (route.rpc().clientStreaming()) {
                                    // The whole array is bound before the call starts: a refused
                                    // stream reaches no service.
                                    IdempotencyKeys.refuseForStream(idempotencyKey);
                                    messages = binder.bindStream(route, pathValues, query, text);
                                    message = null;
                                } else {
                                    message =
                                            IdempotencyKeys.apply(
                                                    idempotencyKey,
                                                    EntityTags.applyIfMatch(
                                                            exchange,
                                                            route,
                                                            binder.bind(
                                                                    route,
                                                                    pathValues,
                                                                    query,
                                                                    text)));
                                    messages = null;
                                }
                            } catch (BadRequest e) {
                                return ProblemResponses.write(
                                        exchange,
                                        Problems.invalidArgument(e.getMessage(), e.errors()));
                            }
                            UpstreamGuard guard = guards.of(route.rpc().upstream());
                            boolean stream = route.rpc().serverStreaming();
                            UpstreamGuard.Entry entry = guard.enter(stream);
                            if (entry instanceof UpstreamGuard.Refusal refusal) {
                                return refuse(exchange, refusal);
                            }
                            UpstreamGuard.Permit permit = (UpstreamGuard.Permit) entry;
                            if (stream) {
                                return events.write(
                                        exchange,
                                        route,
                                        form,
                                        StreamingCalls.call(
                                                        channel,
                                                        route.rpc(),
                                                        events.resumed(request, message),
                                                        headers)
                                                .doOnNext(first -> permit.finish(Status.Code.OK))
                                                .doOnError(
                                                        e ->
                                                                permit.finish(
                                                                        Status.fromThrowable(e)
                                                                                .getCode()))
                                                .doFinally(
                                                        signal -> permit.finish(Status.Code.OK)));
                            }
                            Mono<DynamicMessage> call =
                                    messages != null
                                            ? ClientStreamingCalls.call(
                                                    channel,
                                                    route.rpc(),
                                                    messages,
                                                    headers,
                                                    deadlineNanos)
                                            : retried(
                                                    route,
                                                    UnaryCalls.call(
                                                            channel,
                                                            route.rpc(),
                                                            message,
                                                            headers,
                                                            deadlineNanos));
                            return call.doOnSuccess(response -> permit.finish(Status.Code.OK))
                                    .doOnError(
                                            e -> permit.finish(Status.fromThrowable(e).getCode()))
                                    .doOnCancel(() -> permit.finish(Status.Code.CANCELLED))
                                    .flatMap(
                                            response ->
                                                    writeJson(
                                                            exchange,
                                                            route,
                                                            response,
                                                            locations.get(route)));
                        })
                .onErrorResume(
                        StatusRuntimeException.class,
                        e -> GrpcFailures.write(exchange, e, failure(exchange, e, route)))
                .onErrorResume(
                        DataBufferLimitException.class,
                        e -> ProblemResponses.write(exchange, Problems.payloadTooLarge()))
                .onErrorResume(
                        RequestBodies.Refused.class,
                        e -> {
                            if (e.acceptEncoding() != null) {
                                exchange.getResponse()
                                        .getHeaders()
                                        .set(HttpHeaders.ACCEPT_ENCODING, e.acceptEncoding());
                            }
                            return ProblemResponses.write(exchange, e.problem());
                        });
    }

    /**
     * Idempotent (GET) calls that found the service unreachable are tried again, briefly; nothing
     * else is.
     */
    private Mono<DynamicMessage> retried(HttpRoute route, Mono<DynamicMessage> call) {
        if (idempotentRetries == 0 || !"GET".equals(route.httpMethod())) {
            return call;
        }
        return call.retryWhen(
                Retry.backoff(idempotentRetries, Duration.ofMillis(50))
                        .filter(e -> Status.fromThrowable(e).getCode() == Status.Code.UNAVAILABLE)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /** An open breaker or a full bulkhead answers at once, saying when to come back. */
    private static Mono<Void> refuse(ServerWebExchange exchange, UpstreamGuard.Refusal refusal) {
        exchange.getResponse()
                .getHeaders()
                .set(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, refusal.retryAfter().toSeconds())));
        return ProblemResponses.write(exchange, Problems.generic(refusal.status().getCode()));
    }

    /**
     * A stale etag the client sent as If-Match is a failed precondition (412), not a conflict
     * (409).
     */
    private static Problem failure(
            ServerWebExchange exchange, StatusRuntimeException e, HttpRoute route) {
        Problem problem = GrpcFailures.toProblem(e, route);
        return EntityTags.isMismatch(exchange, problem)
                ? EntityTags.preconditionFailed(problem)
                : problem;
    }

    /**
     * The response as JSON: 304 when If-None-Match names its etag; else 200, or 201 with the new
     * resource's URL in {@code Location} when the binding creates one that can be read back ({@link
     * CreatedResources}).
     */
    private Mono<Void> writeJson(
            ServerWebExchange exchange,
            HttpRoute route,
            DynamicMessage response,
            FieldDescriptor createdId) {
        if (EntityTags.notModified(exchange, route.httpMethod(), response)) {
            exchange.getResponse().setStatusCode(HttpStatus.NOT_MODIFIED);
            return exchange.getResponse().setComplete();
        }
        byte[] json;
        try {
            json = printer.print(response).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            log.error("Could not print a response as JSON", e);
            return ProblemResponses.write(exchange, Problems.generic(Status.Code.INTERNAL));
        }
        ServerHttpResponse out = exchange.getResponse();
        String id = createdId == null ? "" : (String) response.getField(createdId);
        if (id.isEmpty()) {
            out.setStatusCode(HttpStatus.OK);
        } else {
            out.setStatusCode(HttpStatus.CREATED);
            out.getHeaders()
                    .set(
                            HttpHeaders.LOCATION,
                            exchange.getRequest().getURI().getRawPath()
                                    + "/"
                                    + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8));
        }
        out.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        out.getHeaders().setContentLength(json.length);
        return out.writeWith(Mono.just(out.bufferFactory().wrap(json)));
    }
}
