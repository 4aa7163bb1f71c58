package org.chainbreaker.repatriation.domain;

/**
 * What the fugitive-service answered to a custody transfer sent on behalf of the officer who
 * recorded the handover.
 */
public sealed interface CustodyTransferOutcome {

    /**
     * Recorded now or earlier under the same repatriation (the call is idempotent): the delivery is
     * done.
     */
    record Recorded() implements CustodyTransferOutcome {}

    /** Refused for good (not visible, not permitted, wrong state): retrying cannot help. */
    record Refused(String reason) implements CustodyTransferOutcome {}

    /** No answer now (down, too slow, circuit open, token not accepted): try again later. */
    record Unavailable(String reason) implements CustodyTransferOutcome {}
}
