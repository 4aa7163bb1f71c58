package org.chainbreaker.repatriation.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the delivery of a custody handover to the fugitive-service stands, as everyone who sees the
 * repatriation may see it (the call itself, with the token it acts with, is kept apart).
 */
public record CustodyDelivery(
        State state,
        int attempts,
        String lastError,
        Optional<Instant> nextAttempt,
        Optional<Instant> tokenExpiry,
        Optional<Instant> settleTime) {

    public enum State {
        /** Committed with the handover; sent until the fugitive-service acknowledges it. */
        PENDING,
        /** The fugitive-service recorded the transfer. */
        DELIVERED,
        /** The fugitive-service refused it for good. */
        REFUSED
    }

    /**
     * Whether the relay waits for a fresh token: the stored one expired before the delivery was
     * settled.
     */
    public boolean awaitingToken(Instant now) {
        return state == State.PENDING && tokenExpiry.map(e -> !e.isAfter(now)).orElse(false);
    }
}
