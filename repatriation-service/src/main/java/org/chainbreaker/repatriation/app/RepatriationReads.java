package org.chainbreaker.repatriation.app;

import java.util.List;
import java.util.UUID;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditEntry;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.audit.AuditVerification;
import org.chainbreaker.platform.audit.ChainVerification;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.repatriation.domain.Repatriation;
import org.chainbreaker.repatriation.domain.RepatriationPermissions;
import org.chainbreaker.repatriation.store.RepatriationStore;
import org.springframework.stereotype.Service;

/**
 * Reading repatriations: one, a page, who outside the two countries read one, and the audit trail's
 * verification. Transit countries and coordinators see less, and their reads are audited.
 */
@Service
public class RepatriationReads {

    private final RepatriationStore store;
    private final TenantTransactions transactions;
    private final AuditTrail audit;

    RepatriationReads(RepatriationStore store, TenantTransactions transactions, AuditTrail audit) {
        this.store = store;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * Reads a repatriation; reads by transit countries and coordinators are audited, and transit
     * countries see less.
     */
    public Repatriation get(Caller caller, UUID id) {
        Repatriation found =
                transactions
                        .read(caller.tenant(), () -> store.find(caller.tenant(), id))
                        .orElseThrow(RepatriationPermissions::notFound);
        if (found.isParty(caller.tenant())) {
            return found;
        }
        transactions.write(
                caller.tenant(),
                () ->
                        audit.record(
                                caller,
                                AuditAction.READ,
                                RepatriationRegistry.RECORD_TYPE,
                                id.toString(),
                                found.ownerCountry(),
                                ""));
        return found.asSeenBy(caller.tenant());
    }

    /**
     * Who outside the two countries read a repatriation. The country that opened it only (it owns
     * its audit).
     */
    public List<AuditEntry> readsOf(Caller caller, UUID id) {
        return transactions.read(
                caller.tenant(),
                () -> {
                    Repatriation found =
                            store.find(caller.tenant(), id)
                                    .orElseThrow(RepatriationPermissions::notFound);
                    RepatriationPermissions.mayReadWhoRead(found, caller.tenant());
                    return audit.byOthersOn(
                            found.ownerCountry(),
                            RepatriationRegistry.RECORD_TYPE,
                            id.toString(),
                            AuditAction.READ);
                });
    }

    public Page<Repatriation> list(Caller caller, int pageSize, String pageToken) {
        return transactions.readPage(
                caller.tenant(),
                pageSize,
                pageToken,
                (after, limit) ->
                        store.list(caller.tenant(), after, limit).stream()
                                .map(r -> r.asSeenBy(caller.tenant()))
                                .toList(),
                last -> new PageCursor(last.createTime(), last.id()));
    }

    public ChainVerification verifyAuditTrail(Caller caller) {
        return AuditVerification.verifyAndRecord(caller, transactions, audit, "repatriation");
    }

    Repatriation visible(Caller caller, UUID id) {
        return transactions
                .read(caller.tenant(), () -> store.find(caller.tenant(), id))
                .orElseThrow(RepatriationPermissions::notFound);
    }
}
