package org.chainbreaker.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import java.util.Set;

/**
 * Micrometer's meter handler for observations, except those named in {@code
 * chainbreaker.observations.untimed}: a component lists there the observations whose calls its own
 * per-request timer already times (a service's {@code chainbreaker.calls} for {@code grpc.server},
 * the gateway's access-log timer for {@code http.server.requests}). Such an observation keeps its
 * trace (span, propagation, log correlation) but stops timing the same call a second time, a timer
 * built from its tags and looked up on every call.
 */
public final class UntimedObservations extends DefaultMeterObservationHandler {

    private final Set<String> untimed;

    public UntimedObservations(
            MeterRegistry registry, Set<String> untimed, IgnoredMeters... ignored) {
        super(registry, ignored);
        this.untimed = Set.copyOf(untimed);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return !untimed.contains(context.getName());
    }
}
