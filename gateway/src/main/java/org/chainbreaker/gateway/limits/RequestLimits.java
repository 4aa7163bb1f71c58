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
import org.chainbreaker.gateway.problems.Problems;
import org.chainbreaker.gateway.problems.ProblemResponses;
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
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Applies {@link TenantLimits} to both faces, after authentication (the tenant is known only from the token):
 * REST answers 429 with Retry-After and a problem, gRPC answers RESOURCE_EXHAUSTED.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimits.Settings.class)
public class RequestLimits {

    /**
     * @param defaults the limit of every tenant not listed
     * @param tenants  limits of particular tenants, by code
     * @param redisUrl a Redis shared by every gateway replica (e.g. redis://limits:6379); unset: in-process
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
            return new TenantLimits.Limit(rate <= 0 ? 100 : rate, burst <= 0 ? 200 : burst, dailyQuota);
        }
    }

    @Bean
    LimitStore limitStore(Settings settings, Clock clock) {
        InProcessBuckets local = new InProcessBuckets(clock);
        return settings.redisUrl() == null || settings.redisUrl().isBlank() ? local : new RedisBuckets(settings.redisUrl(), local);
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
                return chain.filter(exchange);
            }
            return limits.admit(caller.tenant()).flatMap(decision -> {
                if (decision.allowed()) {
                    return chain.filter(exchange);
                }
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000)));
                return ProblemResponses.write(exchange, Problems.generic(Status.Code.RESOURCE_EXHAUSTED)
                        .withDetail(decision.reason()));
            });
        };
    }

    /** The same limits on the gRPC face; runs inside authentication. */
    public static ServerInterceptor grpcLimits(TenantLimits limits) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                Caller caller = CallerContext.KEY.get();
                if (caller != null) {
                    // gRPC handlers run on an executor, not an event loop: waiting for the store is fine here.
                    TenantLimits.Decision decision = limits.admit(caller.tenant()).block(Duration.ofSeconds(2));
                    if (decision != null && !decision.allowed()) {
                        call.close(Status.RESOURCE_EXHAUSTED.withDescription(decision.reason() + "; retry in "
                                + Math.max(1, decision.retryAfter().toSeconds()) + " s"), new Metadata());
                        return new ServerCall.Listener<>() {
                        };
                    }
                }
                return next.startCall(call, headers);
            }
        };
    }
}
