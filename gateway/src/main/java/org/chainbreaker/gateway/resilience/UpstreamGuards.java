package org.chainbreaker.gateway.resilience;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.chainbreaker.gateway.GatewayProperties;

/**
 * One {@link UpstreamGuard} per service, configured from {@code chainbreaker.gateway.resilience},
 * with metrics.
 */
public final class UpstreamGuards {

    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final Map<String, UpstreamGuard> guards = new ConcurrentHashMap<>();
    private final Consumer<String> onTrial;

    /**
     * @param onTrial told the service's name when its breaker half-opens to let trial calls
     *     through: the connections to it should be retried now, not after the gRPC client's
     *     reconnect backoff (up to two minutes), or the trial calls fail at once and the breaker
     *     opens again
     */
    public UpstreamGuards(
            GatewayProperties.Resilience settings, MeterRegistry meters, Consumer<String> onTrial) {
        this.onTrial = onTrial;
        this.breakers =
                CircuitBreakerRegistry.of(
                        CircuitBreakerConfig.custom()
                                .slidingWindowType(
                                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                                .slidingWindowSize(settings.slidingWindow())
                                .minimumNumberOfCalls(settings.minimumCalls())
                                .failureRateThreshold(settings.failureRateThreshold())
                                .waitDurationInOpenState(settings.openWait())
                                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                                .build());
        this.bulkheads =
                BulkheadRegistry.of(
                        BulkheadConfig.custom()
                                .maxConcurrentCalls(settings.maxConcurrentCalls())
                                .maxWaitDuration(Duration.ZERO)
                                .build());
        // resilience4j_circuitbreaker_state{name=<service>,state=...}, calls, failure rate;
        // bulkhead saturation.
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
    }

    public UpstreamGuard of(String upstream) {
        return guards.computeIfAbsent(
                upstream,
                name -> {
                    CircuitBreaker breaker = breakers.circuitBreaker(name);
                    breaker.getEventPublisher()
                            .onStateTransition(
                                    event -> {
                                        if (event.getStateTransition().getToState()
                                                == CircuitBreaker.State.HALF_OPEN) {
                                            onTrial.accept(name);
                                        }
                                    });
                    return new UpstreamGuard(breaker, bulkheads.bulkhead(name));
                });
    }
}
