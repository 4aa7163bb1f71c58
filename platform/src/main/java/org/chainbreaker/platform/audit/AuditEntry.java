package org.chainbreaker.platform.audit;

import java.time.Instant;

/** One audit entry as stored (hashes omitted: verification happens in the database). */
public record AuditEntry(
        long seq,
        Instant at,
        String actorTenant,
        String actorUser,
        String actorClient,
        String action,
        String recordType,
        String recordId,
        String recordOwner,
        String purpose) {}
