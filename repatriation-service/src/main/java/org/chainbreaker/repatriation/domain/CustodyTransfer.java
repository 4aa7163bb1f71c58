package org.chainbreaker.repatriation.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Custody of a wanted person handed over under a repatriation, as the fugitive-service is told of
 * it; the repatriation's id is the idempotency key there.
 */
public record CustodyTransfer(
        UUID repatriationId,
        UUID wantedPersonId,
        Instant handoverTime,
        String fromCountry,
        String toCountry) {}
