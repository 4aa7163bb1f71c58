package org.chainbreaker.gateway.security;

import java.util.List;
import org.chainbreaker.gateway.problems.Problem;
import org.chainbreaker.gateway.problems.ProblemResponses;
import org.chainbreaker.gateway.problems.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts every request on its {@link RequestPaths canonical} path before anything decides on it
 * (authentication, limits, routing), or refuses it with 400 when its path could be read two ways.
 * After this filter the raw path of the request is the canonical one, so the decision "needs a
 * token" and the router's match are made on the same text.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class PathCanonicalisation implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String raw = request.getURI().getRawPath();
        return switch (RequestPaths.read(raw)) {
            case RequestPaths.Refused refused ->
                    ProblemResponses.write(
                            exchange,
                            Problems.invalidArgument(
                                    refused.reason(),
                                    List.of(new Problem.FieldError("path", refused.reason()))));
            case RequestPaths.Canonical canonical when canonical.path().equals(raw) ->
                    chain.filter(exchange);
            case RequestPaths.Canonical canonical ->
                    chain.filter(exchange.mutate().request(r -> r.path(canonical.path())).build());
        };
    }
}
