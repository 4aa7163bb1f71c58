package org.chainbreaker.gateway.observability;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.gateway.problems.ProblemResponses;
import org.chainbreaker.gateway.security.BearerAuthentication;
import org.chainbreaker.gateway.security.RequestPaths;
import org.chainbreaker.gateway.transcoding.RestTranscoder;
import org.chainbreaker.platform.tenancy.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One structured log line and one timer sample per API request: tenant, user, client, RPC, HTTP
 * status, latency and trace id. Never the token, never a body. Runs outside authentication, so
 * refused requests are logged too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessLog implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger("org.chainbreaker.gateway.access");

    private final MeterRegistry meters;
    private final ObjectProvider<Tracer> tracer;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    AccessLog(MeterRegistry meters, ObjectProvider<Tracer> tracer) {
        this.meters = meters;
        this.tracer = tracer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // Every request but health and documentation, read as the router reads it (refused
        // spellings included).
        if (RequestPaths.isOpenRaw(exchange.getRequest().getURI().getRawPath())) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        return Mono.deferContextual(
                context -> {
                    Span span;
                    try (ContextSnapshot.Scope trace = ReactorTrace.current(context)) {
                        span = currentSpan();
                    }
                    String traceId = span == null ? "" : span.context().traceId();
                    if (span != null) {
                        // The client learns the trace of its request (the one it sent in
                        // traceparent, if any) on every
                        // answer, and problems name it too, so that a partner can quote it.
                        exchange.getAttributes().put(ProblemResponses.TRACE_ID, traceId);
                        exchange.getResponse()
                                .getHeaders()
                                .set(TRACE_RESPONSE, traceResponse(span));
                    }
                    return chain.filter(exchange)
                            .doFinally(signal -> record(exchange, start, traceId));
                });
    }

    /** W3C Trace Context Level 2's response header: {@code 00-<trace id>-<span id>-<flags>}. */
    static final String TRACE_RESPONSE = "traceresponse";

    private static String traceResponse(Span span) {
        return "00-"
                + span.context().traceId()
                + "-"
                + span.context().spanId()
                + "-"
                + (Boolean.TRUE.equals(span.context().sampled()) ? "01" : "00");
    }

    private void record(ServerWebExchange exchange, long start, String traceId) {
        long nanos = System.nanoTime() - start;
        Caller caller = exchange.getAttribute(BearerAuthentication.CALLER);
        String rpc = exchange.getAttributeOrDefault(RestTranscoder.RPC, "none");
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = status == null ? 200 : status.value();
        String tenant = caller == null ? "unauthenticated" : caller.tenant();
        timer(tenant, rpc, code).record(nanos, TimeUnit.NANOSECONDS);
        double millis = TimeUnit.NANOSECONDS.toMicros(nanos) / 1000.0;
        // The message reads well in plain logs; the key-values are the fields of the structured
        // (JSON) logs.
        log.atInfo()
                .setMessage("{} {} -> {} {} for {}@{} in {} ms")
                .addArgument(exchange.getRequest().getMethod().name())
                .addArgument(exchange.getRequest().getPath().value())
                .addArgument(rpc)
                .addArgument(code)
                .addArgument(caller == null ? "-" : caller.username())
                .addArgument(tenant)
                .addArgument(millis)
                .addKeyValue("tenant", tenant)
                .addKeyValue("user", caller == null ? "" : caller.username())
                .addKeyValue("client", caller == null ? "" : caller.clientId())
                .addKeyValue("method", exchange.getRequest().getMethod().name())
                .addKeyValue("path", exchange.getRequest().getPath().value())
                .addKeyValue("rpc", rpc)
                .addKeyValue("status", code)
                .addKeyValue("latencyMs", millis)
                .addKeyValue("traceId", traceId)
                .log();
    }

    /**
     * Tenants, RPCs and statuses are few: each timer is built once rather than looked up by tags
     * per request.
     */
    private Timer timer(String tenant, String rpc, int status) {
        return timers.computeIfAbsent(
                new TimerKey(tenant, rpc, status),
                key ->
                        Timer.builder("chainbreaker.gateway.requests")
                                .description(
                                        "REST requests through the gateway, by tenant, RPC and status")
                                .tag("tenant", key.tenant())
                                .tag("rpc", key.rpc())
                                .tag("status", Integer.toString(key.status()))
                                .register(meters));
    }

    private record TimerKey(String tenant, String rpc, int status) {}

    private Span currentSpan() {
        Tracer current = tracer.getIfAvailable();
        return current == null ? null : current.currentSpan();
    }
}
