package org.chainbreaker.cases.app;

import java.util.List;
import java.util.UUID;
import org.chainbreaker.cases.domain.Case;
import org.chainbreaker.cases.domain.CasePermissions;
import org.chainbreaker.cases.domain.NewPerson;
import org.chainbreaker.cases.domain.Person;
import org.chainbreaker.cases.domain.VictimProtection;
import org.chainbreaker.cases.store.CaseStore;
import org.chainbreaker.cases.store.PersonStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.Caller;
import org.springframework.stereotype.Service;

/**
 * Suspects and victims linked to a case; victims are protected as {@link VictimProtection} states.
 */
@Service
public class PersonRegistry {

    private final CaseRegistry cases;
    private final CaseStore caseStore;
    private final PersonStore store;
    private final TenantTransactions transactions;
    private final Outbox outbox;
    private final AuditTrail audit;

    PersonRegistry(
            CaseRegistry cases,
            CaseStore caseStore,
            PersonStore store,
            TenantTransactions transactions,
            Outbox outbox,
            AuditTrail audit) {
        this.cases = cases;
        this.caseStore = caseStore;
        this.store = store;
        this.transactions = transactions;
        this.outbox = outbox;
        this.audit = audit;
    }

    public Person add(Caller caller, UUID caseId, NewPerson draft) {
        UUID id = UUID.randomUUID();
        return transactions.write(
                caller.tenant(),
                () -> {
                    Case seen =
                            caseStore
                                    .find(caller.tenant(), caseId)
                                    .orElseThrow(CasePermissions::notFound);
                    CasePermissions.mayChange(seen, caller.tenant(), caller.roles());
                    store.insert(id, caseId, seen.ownerCountry(), draft, cases.now());
                    outbox.append(
                            caller,
                            seen.ownerCountry(),
                            CaseRegistry.RECORD_TYPE,
                            caseId.toString(),
                            "case.person_added");
                    return store.list(caseId).stream()
                            .filter(p -> p.id().equals(id))
                            .findFirst()
                            .orElseThrow();
                });
    }

    /** The persons the caller may see; a partner's read is audited. */
    public List<Person> list(Caller caller, UUID caseId) {
        return transactions.write(
                caller.tenant(),
                () -> {
                    Case seen =
                            caseStore
                                    .find(caller.tenant(), caseId)
                                    .orElseThrow(CasePermissions::notFound);
                    if (seen.headerOnly()) {
                        return List.<Person>of();
                    }
                    List<Person> visible =
                            VictimProtection.visible(
                                    seen, caller.tenant(), caller.roles(), store.list(caseId));
                    if (seen.auditsReadBy(caller.tenant())) {
                        audit.record(
                                caller,
                                AuditAction.READ,
                                CaseRegistry.RECORD_TYPE,
                                caseId.toString(),
                                seen.ownerCountry(),
                                "persons");
                    }
                    return visible;
                });
    }
}
