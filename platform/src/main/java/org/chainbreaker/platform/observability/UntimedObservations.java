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
 *
 * <p>Decided when the observation starts and stops, not in {@code supportsContext}: an observation
 * made from a convention (gRPC, HTTP) has no name yet when its handlers are chosen.
 */
public final class UntimedObservations extends DefaultMeterObservationHandler {

    private final Set<String> untimed;

    public UntimedObservations(
            MeterRegistry registry, Set<String> untimed, IgnoredMeters... ignored) {
        super(registry, ignored);
        this.untimed = Set.copyOf(untimed);
    }

    private boolean timed(Observation.Context context) {
        String name = context.getName();
        return name == null || !untimed.contains(name);
    }

    @Override
    public void onStart(Observation.Context context) {
        if (timed(context)) {
            super.onStart(context);
        }
    }

    @Override
    public void onStop(Observation.Context context) {
        if (timed(context)) {
            super.onStop(context);
        }
    }

    @Override
    public void onEvent(Observation.Event event, Observation.Context context) {
        if (timed(context)) {
            super.onEvent(event, context);
        }
    }
}
