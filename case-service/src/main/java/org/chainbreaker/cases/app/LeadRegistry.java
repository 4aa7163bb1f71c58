package org.chainbreaker.cases.app;

import java.util.List;
import java.util.UUID;
import org.chainbreaker.cases.domain.Case;
import org.chainbreaker.cases.domain.CasePermissions;
import org.chainbreaker.cases.domain.HandlingCode;
import org.chainbreaker.cases.domain.Lead;
import org.chainbreaker.cases.domain.LeadFinding;
import org.chainbreaker.cases.domain.LeadStatus;
import org.chainbreaker.cases.domain.NewLead;
import org.chainbreaker.cases.domain.SharingPolicy;
import org.chainbreaker.cases.store.CaseStore;
import org.chainbreaker.cases.store.LeadStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.errors.EtagMismatchException;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.stereotype.Service;

/**
 * The use cases of leads: add, read, list, assign to a partner country, work (status, findings). A lead assigned
 * to a country lets that country see the lead and the case's header, and work the lead; nobody else may work it.
 */
@Service
public class LeadRegistry {

    static final String RECORD_TYPE = "lead";

    private final CaseRegistry cases;
    private final CaseStore caseStore;
    private final LeadStore store;
    private final TenantTransactions transactions;
    private final SharingPolicy sharing;
    private final Outbox outbox;
    private final AuditTrail audit;

    LeadRegistry(CaseRegistry cases, CaseStore caseStore, LeadStore store, TenantTransactions transactions,
                 TenantDirectory tenants, Outbox outbox, AuditTrail audit) {
        this.cases = cases;
        this.caseStore = caseStore;
        this.store = store;
        this.transactions = transactions;
        this.sharing = new SharingPolicy(tenants);
        this.outbox = outbox;
        this.audit = audit;
    }

    public Lead create(Caller caller, UUID caseId, NewLead draft) {
        UUID id = UUID.randomUUID();
        transactions.write(caller.tenant(), () -> {
            Case seen = caseStore.find(caller.tenant(), caseId).orElseThrow(CasePermissions::notFound);
            CasePermissions.mayChange(seen, caller.tenant(), caller.roles());
            store.insert(id, caseId, seen.ownerCountry(), draft, cases.now());
            outbox.append(caller, seen.ownerCountry(), RECORD_TYPE, id.toString(), "lead.added");
            return null;
        });
        return get(caller, caseId, id);
    }

    /** Reads a lead; a read by another country is audited in the same transaction. */
    public Lead get(Caller caller, UUID caseId, UUID id) {
        Lead found = transactions.read(caller.tenant(), () -> store.find(caller.tenant(), caseId, id))
                .orElseThrow(CasePermissions::leadNotFound);
        if (found.ownedBy(caller.tenant())) {
            return found;
        }
        return transactions.write(caller.tenant(), () -> {
            Lead seen = store.find(caller.tenant(), caseId, id).orElseThrow(CasePermissions::leadNotFound);
            audit.record(caller, AuditAction.READ, RECORD_TYPE, id.toString(), seen.ownerCountry(), "");
            return seen;
        });
    }

    /** The leads of a case the caller sees: all for the owner and share partners, its own for an assignee. */
    public List<Lead> list(Caller caller, UUID caseId) {
        return transactions.read(caller.tenant(), () -> {
            Case seen = caseStore.find(caller.tenant(), caseId).orElseThrow(CasePermissions::notFound);
            return store.list(caller.tenant(), caseId, seen.headerOnly());
        });
    }

    public Lead assign(Caller caller, UUID caseId, UUID id, String country, HandlingCode code, String etag) {
        transactions.write(caller.tenant(), () -> {
            Case seen = caseStore.find(caller.tenant(), caseId).orElseThrow(CasePermissions::notFound);
            Lead lead = store.find(caller.tenant(), caseId, id).orElseThrow(CasePermissions::leadNotFound);
            CasePermissions.mayGrant(seen, caller.tenant(), caller.roles());
            sharing.checkGrant(seen.ownerCountry(), country, code);
            lock(lead, etag);
            if (lead.status() != LeadStatus.NEW && lead.status() != LeadStatus.ASSIGNED) {
                throw new FailedPreconditionException("only a NEW or ASSIGNED lead can be assigned; this one is " + lead.status());
            }
            store.assign(id, country, code, cases.now());
            audit.record(caller, AuditAction.ASSIGN, RECORD_TYPE, id.toString(), seen.ownerCountry(),
                    "to " + country + " under " + code);
            outbox.append(caller, seen.ownerCountry(), RECORD_TYPE, id.toString(), "lead.assigned");
            return null;
        });
        return get(caller, caseId, id);
    }

    public Lead setStatus(Caller caller, UUID caseId, UUID id, LeadStatus target, String etag) {
        new FieldChecks()
                .require(target != null, "status", "is required: IN_PROGRESS, CONFIRMED or DISMISSED")
                .require(target != LeadStatus.ASSIGNED, "status", "ASSIGNED is reached by assigning the lead")
                .throwIfAny();
        transactions.write(caller.tenant(), () -> {
            Lead lead = store.find(caller.tenant(), caseId, id).orElseThrow(CasePermissions::leadNotFound);
            CasePermissions.mayWork(lead, caller.tenant(), caller.roles());
            lock(lead, etag);
            if (!lead.status().canMoveTo(target)) {
                throw new FailedPreconditionException("a lead cannot move from " + lead.status() + " to " + target
                        + "; allowed: " + lead.status().next());
            }
            store.setStatus(id, target, cases.now());
            outbox.append(caller, lead.ownerCountry(), RECORD_TYPE, id.toString(), "lead.status_changed");
            return null;
        });
        return get(caller, caseId, id);
    }

    public Lead addFinding(Caller caller, UUID caseId, UUID id, String text) {
        new FieldChecks().text(text, "text", 1, LeadFinding.MAX_TEXT).throwIfAny();
        transactions.write(caller.tenant(), () -> {
            Lead lead = store.find(caller.tenant(), caseId, id).orElseThrow(CasePermissions::leadNotFound);
            CasePermissions.mayWork(lead, caller.tenant(), caller.roles());
            lock(lead, null);
            store.addFinding(id, lead.ownerCountry(),
                    new LeadFinding(UUID.randomUUID(), caller.tenant(), caller.username(), text.strip(), cases.now()));
            store.touch(id, cases.now());
            outbox.append(caller, lead.ownerCountry(), RECORD_TYPE, id.toString(), "lead.finding_added");
            return null;
        });
        return get(caller, caseId, id);
    }

    private void lock(Lead lead, String etag) {
        long version = store.lockVersion(lead.id()).orElseThrow(CasePermissions::leadNotFound);
        if (etag != null && !etag.isEmpty() && !etag.equals(Lead.etagOf(lead.id(), version))) {
            throw new EtagMismatchException();
        }
    }

    /** Parses a lead id; one that is not a UUID names no lead the caller could see. */
    public static UUID leadId(String value) {
        if (value == null || value.isEmpty()) {
            throw InvalidArgumentException.of("id", "is required");
        }
        try {
            return CaseRegistry.caseId("id", value);
        } catch (org.chainbreaker.platform.errors.NotFoundException e) {
            throw CasePermissions.leadNotFound();
        }
    }
}
