package org.chainbreaker.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UntimedObservationsTest {

    @Test
    void an_observation_named_untimed_records_no_timer_while_every_other_still_does() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations
                .observationConfig()
                .observationHandler(new UntimedObservations(meters, Set.of("grpc.server")));

        Observation.start("grpc.server", observations).stop();
        Observation.start("grpc.client", observations).stop();
        // Observations made from a convention (gRPC, HTTP) are named only when they start, after
        // their handlers were chosen.
        Observation.start(new Named("grpc.server"), Observation.Context::new, observations).stop();

        assertThat(meters.find("grpc.server").timer()).isNull();
        assertThat(meters.find("grpc.client").timer()).isNotNull();
        assertThat(meters.find("grpc.client").timer().count()).isEqualTo(1);
    }

    private record Named(String name) implements ObservationConvention<Observation.Context> {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }
}
