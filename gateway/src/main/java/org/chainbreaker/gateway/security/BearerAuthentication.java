package org.chainbreaker.gateway.security;

import java.util.List;
import java.util.Locale;
import org.chainbreaker.gateway.problems.Problem;
import org.chainbreaker.gateway.problems.ProblemResponses;
import org.chainbreaker.platform.security.TokenRejectedException;
import org.chainbreaker.platform.tenancy.Caller;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every request must carry a valid bearer token of a tenant this deployment serves, except on the
 * few open paths (health, the API's documentation; {@link RequestPaths#isOpen}). Failing closed
 * this way, a path no one thought of (another spelling of {@code /api/}, a route added later) needs
 * a token too. The path is read as the router reads it ({@link PathCanonicalisation} runs first).
 * Runs before routing, so an unauthenticated client learns nothing about which paths exist. The
 * tenant comes only from the token: any header a client sends that names a tenant is removed from
 * every request before anything else sees it. The token itself is never logged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BearerAuthentication implements WebFilter {

    /**
     * Exchange attribute holding the verified {@link Caller} of a request outside the open paths.
     */
    public static final String CALLER = BearerAuthentication.class.getName() + ".caller";

    private final VerifiedTokens tokens;

    BearerAuthentication(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerWebExchange cleaned = withoutTenantHeaders(exchange);
        if (RequestPaths.isOpenRaw(cleaned.getRequest().getURI().getRawPath())) {
            return chain.filter(cleaned);
        }
        List<String> authorization =
                cleaned.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (authorization.size() > 1) {
            return reject(
                    cleaned,
                    new TokenRejectedException(
                            TokenRejectedException.Reason.MALFORMED,
                            "send exactly one Authorization header"));
        }
        return tokens.verify(authorization.isEmpty() ? null : authorization.getFirst())
                .onErrorResume(
                        TokenRejectedException.class, e -> reject(cleaned, e).then(Mono.empty()))
                .flatMap(
                        caller -> {
                            cleaned.getAttributes().put(CALLER, caller);
                            return chain.filter(cleaned);
                        });
    }

    /** Any header whose name mentions a tenant is something only the token may say. */
    static boolean namesTenant(String headerName) {
        return headerName.toLowerCase(Locale.ROOT).contains("tenant");
    }

    private static ServerWebExchange withoutTenantHeaders(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> offending =
                request.getHeaders().headerNames().stream()
                        .filter(BearerAuthentication::namesTenant)
                        .toList();
        if (offending.isEmpty()) {
            return exchange;
        }
        return exchange.mutate().request(r -> r.headers(h -> offending.forEach(h::remove))).build();
    }

    private static Mono<Void> reject(ServerWebExchange exchange, TokenRejectedException e) {
        Problem problem = TokenProblems.of(e);
        if (problem.status() == 401) {
            boolean tokenGiven = e.reason() != TokenRejectedException.Reason.MISSING;
            exchange.getResponse()
                    .getHeaders()
                    .set(
                            HttpHeaders.WWW_AUTHENTICATE,
                            tokenGiven
                                    ? "Bearer realm=\"chainbreaker\", error=\"invalid_token\""
                                    : "Bearer realm=\"chainbreaker\"");
        }
        return ProblemResponses.write(exchange, problem);
    }
}
