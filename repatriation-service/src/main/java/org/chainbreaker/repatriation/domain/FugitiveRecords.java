package org.chainbreaker.repatriation.domain;

import java.time.Instant;
import java.util.UUID;
import org.chainbreaker.platform.tenancy.Caller;

/**
 * The fugitive-service as this service needs it: reads on behalf of a caller, with the caller's own
 * token.
 */
public interface FugitiveRecords {

    /** Never throws for an unreachable service: that is {@link FugitiveLookup.Unavailable}. */
    FugitiveLookup lookup(Caller caller, UUID wantedPersonId);

    /**
     * Records that custody of the wanted person passed from {@code from} to {@code to} under the
     * repatriation (its id is the idempotency key there). Never throws for an unreachable service.
     */
    CustodyTransferOutcome transferCustody(
            Caller caller,
            UUID wantedPersonId,
            String repatriationReference,
            Instant handoverTime,
            String from,
            String to);
}
