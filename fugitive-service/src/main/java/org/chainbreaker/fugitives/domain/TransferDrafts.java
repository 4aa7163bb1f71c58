package org.chainbreaker.fugitives.domain;

import java.util.UUID;
import org.chainbreaker.platform.tenancy.Caller;

/**
 * The repatriation-service as the arrest relay needs it: told, on behalf of an officer, that a
 * wanted person's arrest (or the cancellation of an arrested person's notice) should be reflected
 * in the draft transfer there.
 */
public interface TransferDrafts {

    /** What the repatriation-service answered. */
    sealed interface Outcome {

        /** It answered the transfer (opened, found, or closed): the handoff is done. */
        record Answered(String repatriationId) implements Outcome {}

        /**
         * It refused for good (no arrest to open from, person not visible to the officer): sending
         * again would change nothing.
         */
        record Refused(String reason) implements Outcome {}

        /** It could not answer now: tried again later. */
        record Unavailable(String reason) implements Outcome {}
    }

    /**
     * Never throws for an unreachable service. {@code officer} carries the officer's token,
     * obtained for this call.
     */
    Outcome sync(Caller officer, UUID wantedPersonId);
}
