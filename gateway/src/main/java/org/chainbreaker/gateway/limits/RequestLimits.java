package org.chainbreaker.gateway.limits;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.chainbreaker.gateway.problems.ProblemResponses;
import org.chainbreaker.gateway.problems.Problems;
import org.chainbreaker.gateway.security.BearerAuthentication;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Applies {@link TenantLimits} to both faces, after authentication (the tenant is known only from
 * the token): REST answers 429 with Retry-After and a problem, gRPC answers RESOURCE_EXHAUSTED.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimits.Settings.class)
public class RequestLimits {

    /**
     * Exchange attribute set once a request with a caller has passed its country's limit. The
     * transcoder calls no service for a request without it.
     */
    public static final String ADMITTED = RequestLimits.class.getName() + ".admitted";

    /**
     * @param defaults the limit of every tenant not listed
     * @param tenants limits of particular tenants, by code
     * @param redisUrl a Redis shared by every gateway replica (e.g. redis://limits:6379); unset:
     *     in-process
     */
    @ConfigurationProperties("chainbreaker.gateway.limits")
    record Settings(Setting defaults, Map<String, Setting> tenants, String redisUrl) {

        Settings {
            defaults = defaults == null ? new Setting(0, 0, 0) : defaults;
            tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        }
    }

    /** Rate per second (default 100), burst (default 200), daily quota (default 0: none). */
    record Setting(double rate, int burst, long dailyQuota) {

        TenantLimits.Limit toLimit() {
            return new TenantLimits.Limit(
                    rate <= 0 ? 100 : rate, burst <= 0 ? 200 : burst, dailyQuota);
        }
    }

    @Bean
    LimitStore limitStore(Settings settings, Clock clock) {
        InProcessBuckets local = new InProcessBuckets(clock);
        return settings.redisUrl() == null || settings.redisUrl().isBlank()
                ? local
                : new RedisBuckets(settings.redisUrl(), local);
    }

    @Bean
    TenantLimits tenantLimits(Settings settings, LimitStore store) {
        Map<String, TenantLimits.Limit> perTenant = new HashMap<>();
        settings.tenants().forEach((tenant, setting) -> perTenant.put(tenant, setting.toLimit()));
        return new TenantLimits(settings.defaults().toLimit(), perTenant, store);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    WebFilter restLimits(TenantLimits limits) {
        return (exchange, chain) -> {
            Caller caller = exchange.getAttribute(BearerAuthentication.CALLER);
            if (caller == null) {
                // Only the open paths get here without a caller; none of them reaches a service.
                return chain.filter(exchange);
            }
            TenantLimits.Decision atOnce = limits.admitAtOnce(caller.tenant());
            if (atOnce != null) {
                return decided(exchange, chain, caller, atOnce);
            }
            return limits.admit(caller.tenant())
                    .flatMap(decision -> decided(exchange, chain, caller, decision));
        };
    }

    private static Mono<Void> decided(
            ServerWebExchange exchange,
            WebFilterChain chain,
            Caller caller,
            TenantLimits.Decision decision) {
        if (decision.allowed()) {
            exchange.getAttributes().put(ADMITTED, caller);
            return chain.filter(exchange);
        }
        exchange.getResponse()
                .getHeaders()
                .set(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(
                                Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000)));
        return ProblemResponses.write(
                exchange,
                Problems.generic(Status.Code.RESOURCE_EXHAUSTED).withDetail(decision.reason()));
    }

    /**
     * The same limits on the gRPC face; runs inside authentication, and lets no call without a
     * caller through.
     */
    public static ServerInterceptor grpcLimits(TenantLimits limits) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                Caller caller = CallerContext.KEY.get();
                if (caller == null) {
                    // Authentication runs first on every proxied service; a call without a caller
                    // is a wiring fault.
                    call.close(
                            Status.UNAUTHENTICATED.withDescription("a bearer token is required"),
                            new Metadata());
                    return new ServerCall.Listener<>() {};
                }
                // Buckets in this process answer at once; a shared store is waited for (gRPC
                // handlers run on an executor, not an event loop).
                TenantLimits.Decision decision = limits.admitAtOnce(caller.tenant());
                if (decision == null) {
                    decision = limits.admit(caller.tenant()).block(Duration.ofSeconds(2));
                }
                if (decision == null) {
                    call.close(
                            Status.UNAVAILABLE.withDescription(
                                    "the request limits could not be checked"),
                            new Metadata());
                    return new ServerCall.Listener<>() {};
                }
                if (!decision.allowed()) {
                    call.close(
                            Status.RESOURCE_EXHAUSTED.withDescription(
                                    decision.reason()
                                            + "; retry in "
                                            + Math.max(1, decision.retryAfter().toSeconds())
                                            + " s"),
                            new Metadata());
                    return new ServerCall.Listener<>() {};
                }
                return next.startCall(call, headers);
            }
        };
    }
}
