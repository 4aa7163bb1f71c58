package org.chainbreaker.gateway.hygiene;

import org.chainbreaker.gateway.security.RequestPaths;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Security headers on every response, refusals included: nothing the gateway serves may be sniffed,
 * framed, cached by intermediaries or leak its URL in a Referer. API answers allow no active
 * content at all; the API documentation page gets the narrow policy it needs to run its own
 * scripts.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ResponseHeaders implements WebFilter {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String DOCS_POLICY =
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // Read as the router reads it: another spelling of an API path gets the API's headers.
        boolean documentation =
                RequestPaths.read(exchange.getRequest().getURI().getRawPath())
                                instanceof RequestPaths.Canonical(String path)
                        && RequestPaths.isDocumentation(path);
        boolean open = RequestPaths.isOpenRaw(exchange.getRequest().getURI().getRawPath());
        exchange.getResponse()
                .beforeCommit(
                        () -> {
                            HttpHeaders headers = exchange.getResponse().getHeaders();
                            headers.set("X-Content-Type-Options", "nosniff");
                            headers.set("X-Frame-Options", "DENY");
                            headers.set("Referrer-Policy", "no-referrer");
                            headers.set(
                                    "Strict-Transport-Security",
                                    "max-age=31536000; includeSubDomains");
                            headers.set("Cross-Origin-Resource-Policy", "same-origin");
                            headers.set(
                                    "Permissions-Policy",
                                    "camera=(), microphone=(), geolocation=()");
                            headers.set(
                                    "Content-Security-Policy",
                                    documentation ? DOCS_POLICY : API_POLICY);
                            if (!open && !headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                                headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
                            }
                            return Mono.empty();
                        });
        return chain.filter(exchange);
    }
}
