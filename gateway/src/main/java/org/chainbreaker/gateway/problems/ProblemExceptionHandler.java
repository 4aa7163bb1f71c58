package org.chainbreaker.gateway.problems;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every failure nothing else answered (no route for a path, a framework refusal, a bug) becomes
 * problem+json. Runs before Spring Boot's error handler, so no stack trace, exception class or host
 * name ever reaches a client; unexpected failures are logged here, on the server only.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        exchange.getResponse().getHeaders().clearContentHeaders();
        if (failure instanceof ResponseStatusException status) {
            if (failure instanceof MethodNotAllowedException notAllowed
                    && !notAllowed.getSupportedMethods().isEmpty()) {
                exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
            }
            int code = status.getStatusCode().value();
            if (code >= 500) {
                log.error(
                        "Request {} {} failed",
                        exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(),
                        failure);
            }
            return ProblemResponses.write(exchange, Problems.forHttpStatus(code));
        }
        log.error(
                "Unexpected failure serving {} {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                failure);
        exchange.getResponse().getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
        return ProblemResponses.write(exchange, Problems.forHttpStatus(500));
    }
}
