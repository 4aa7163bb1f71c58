package org.chainbreaker.gateway.observability;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.util.context.ContextView;

/**
 * Makes the request's trace (its observation, and the MDC with it) current on this thread for one
 * short step, from the Reactor context where WebFlux keeps it. The gateway restores it only where
 * it is read (starting a call to a service, naming the trace in the access log) rather than around
 * every reactive operator, which on the REST path cost more CPU than the transcoding itself.
 */
public final class ReactorTrace {

    private static final ContextSnapshotFactory SNAPSHOTS =
            ContextSnapshotFactory.builder().build();

    private ReactorTrace() {}

    /** Opens the scope; close it (try-with-resources) before leaving the step. */
    public static ContextSnapshot.Scope current(ContextView context) {
        return SNAPSHOTS.setThreadLocalsFrom(context);
    }
}
