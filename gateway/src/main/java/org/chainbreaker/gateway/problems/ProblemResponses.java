package org.chainbreaker.gateway.problems;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes problems as {@code application/problem+json}. */
public final class ProblemResponses {

    private ProblemResponses() {}

    /**
     * Exchange attribute holding the request's trace id (32 hex digits), set before anything can
     * refuse it.
     */
    public static final String TRACE_ID = ProblemResponses.class.getName() + ".traceId";

    public static Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        byte[] body = problem.toJson(traceId(exchange)).getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(HttpStatusCode.valueOf(problem.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        response.getHeaders().set("Cache-Control", "no-store");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** The trace id of the exchange's request, or null when it is not traced. */
    public static String traceId(ServerWebExchange exchange) {
        return exchange.getAttribute(TRACE_ID);
    }
}
