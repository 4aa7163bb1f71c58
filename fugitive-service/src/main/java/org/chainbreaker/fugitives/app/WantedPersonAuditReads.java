package org.chainbreaker.fugitives.app;

import java.util.List;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.FugitivePermissions;
import org.chainbreaker.fugitives.domain.WantedPerson;
import org.chainbreaker.fugitives.store.WantedPersonStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditEntry;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.audit.AuditVerification;
import org.chainbreaker.platform.audit.ChainVerification;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.Caller;
import org.springframework.stereotype.Service;

/**
 * Who in other countries read or checked one of the caller's records, and the audit trail's check.
 */
@Service
public class WantedPersonAuditReads {

    private final WantedPersonStore store;
    private final TenantTransactions transactions;
    private final AuditTrail audit;

    WantedPersonAuditReads(
            WantedPersonStore store, TenantTransactions transactions, AuditTrail audit) {
        this.store = store;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** The identity checks by other countries that hit one of the caller's notices. Owner only. */
    public List<AuditEntry> checksOf(Caller caller, UUID id) {
        return byOthersOn(
                caller,
                id,
                AuditAction.CHECK,
                "only the owning country may see who checked this notice");
    }

    /** Who in other countries read one of the caller's wanted persons. Owner only. */
    public List<AuditEntry> readsOf(Caller caller, UUID id) {
        return byOthersOn(
                caller,
                id,
                AuditAction.READ,
                "only the owning country may see who read this record");
    }

    /**
     * Checks are keyed by the notice's reference (the only thing a checker learns); reads by the
     * record's id.
     */
    private List<AuditEntry> byOthersOn(
            Caller caller, UUID id, AuditAction action, String refusal) {
        return transactions.read(
                caller.tenant(),
                () -> {
                    WantedPerson found =
                            store.find(caller.tenant(), id)
                                    .orElseThrow(FugitivePermissions::wantedPersonNotFound);
                    FugitivePermissions.mayReadAuditOf(found, caller.tenant(), refusal);
                    return action == AuditAction.CHECK
                            ? audit.byOthersOn(
                                    caller.tenant(),
                                    FugitiveRegistry.NOTICE,
                                    found.reference(),
                                    action)
                            : audit.byOthersOn(
                                    caller.tenant(),
                                    FugitiveRegistry.RECORD_TYPE,
                                    id.toString(),
                                    action);
                });
    }

    public ChainVerification verifyAuditTrail(Caller caller) {
        return AuditVerification.verifyAndRecord(caller, transactions, audit, "fugitives");
    }
}
