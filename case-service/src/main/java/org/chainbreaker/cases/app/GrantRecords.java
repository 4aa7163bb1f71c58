package org.chainbreaker.cases.app;

import java.util.Collection;
import java.util.UUID;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.tenancy.Caller;

/**
 * What a change of a record's grants leaves behind, for cases and scam centres alike, granted to a
 * country or to a group: one audit entry, and an event for each country concerned, read by the
 * owner and that country only (other partners must not learn of another's grant).
 */
final class GrantRecords {

    private final AuditTrail audit;
    private final Outbox outbox;
    private final String recordType;

    GrantRecords(AuditTrail audit, Outbox outbox, String recordType) {
        this.audit = audit;
        this.outbox = outbox;
        this.recordType = recordType;
    }

    /** The record of {@code owner} granted to {@code countries} ({@code <type>.shared} each). */
    void shared(
            Caller caller, String owner, UUID id, String purpose, Collection<String> countries) {
        audit.record(caller, AuditAction.SHARE, recordType, id.toString(), owner, purpose);
        for (String country : countries) {
            outbox.appendFor(
                    caller, owner, recordType, id.toString(), recordType + ".shared", country);
        }
    }

    /** The grants of {@code countries} revoked ({@code <type>.share_revoked} each). */
    void revoked(
            Caller caller, String owner, UUID id, String purpose, Collection<String> countries) {
        audit.record(caller, AuditAction.REVOKE, recordType, id.toString(), owner, purpose);
        for (String country : countries) {
            outbox.appendFor(
                    caller,
                    owner,
                    recordType,
                    id.toString(),
                    recordType + ".share_revoked",
                    country);
        }
    }
}
