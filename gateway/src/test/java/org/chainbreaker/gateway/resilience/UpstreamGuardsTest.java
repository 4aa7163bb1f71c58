package org.chainbreaker.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chainbreaker.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;

class UpstreamGuardsTest {

    @Test
    void a_breaker_letting_trial_calls_through_asks_for_the_connections_to_be_retried_now()
            throws Exception {
        List<String> retried = new CopyOnWriteArrayList<>();
        UpstreamGuards guards =
                new UpstreamGuards(
                        new GatewayProperties.Resilience(50, 4, 4, Duration.ofMillis(200), 1, 8, 0),
                        new SimpleMeterRegistry(),
                        retried::add);
        UpstreamGuard cases = guards.of("cases");
        guards.of("fugitives");
        for (int i = 0; i < 4; i++) {
            ((UpstreamGuard.Permit) cases.enter(false)).finish(Status.Code.UNAVAILABLE);
        }
        assertThat(cases.state())
                .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
        assertThat(retried).isEmpty();

        // The open state ends by itself (automatic transition) after the configured wait.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (retried.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(retried).containsExactly("cases");
        assertThat(cases.state())
                .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.HALF_OPEN);
    }
}
