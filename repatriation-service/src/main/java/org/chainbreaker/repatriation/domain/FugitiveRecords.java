package org.chainbreaker.repatriation.domain;

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
     * Records that custody of the wanted person passed between the countries under the
     * repatriation. Never throws for an unreachable service.
     */
    CustodyTransferOutcome transferCustody(Caller caller, CustodyTransfer transfer);
}
