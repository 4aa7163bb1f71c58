package org.chainbreaker.cases.app;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.cases.domain.Case;
import org.chainbreaker.cases.domain.CasePermissions;
import org.chainbreaker.cases.domain.CaseRecordId;
import org.chainbreaker.cases.domain.GrantRoute;
import org.chainbreaker.cases.domain.HandOver;
import org.chainbreaker.cases.domain.HandlingCode;
import org.chainbreaker.cases.domain.Lead;
import org.chainbreaker.cases.domain.LeadFinding;
import org.chainbreaker.cases.domain.LeadStatus;
import org.chainbreaker.cases.domain.NewLead;
import org.chainbreaker.cases.domain.SharingPolicy;
import org.chainbreaker.cases.domain.Step;
import org.chainbreaker.cases.store.CaseStore;
import org.chainbreaker.cases.store.LeadStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.audit.AuditedRead;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.Etags;
import org.chainbreaker.platform.records.LockedRow;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.stereotype.Service;

/**
 * The use cases of leads: add, read, list, assign to a partner country, work (status, findings). A
 * lead assigned to a country lets that country see the lead and the case's header, and work the
 * lead; nobody else may work it.
 */
@Service
public class LeadRegistry {

    static final String RECORD_TYPE = "lead";

    private final CaseRegistry cases;
    private final CaseStore caseStore;
    private final LeadStore store;
    private final TenantTransactions transactions;
    private final HandOver handOver;
    private final Outbox outbox;
    private final AuditTrail audit;

    LeadRegistry(
            CaseRegistry cases,
            CaseStore caseStore,
            LeadStore store,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit) {
        this.cases = cases;
        this.caseStore = caseStore;
        this.store = store;
        this.transactions = transactions;
        this.handOver = new HandOver(new SharingPolicy(tenants));
        this.outbox = outbox;
        this.audit = audit;
    }

    /**
     * Adds a lead; a retry with the same request id (by the same country) returns the lead the
     * first call added.
     */
    public Lead create(Caller caller, UUID caseId, NewLead draft) {
        String tenant = caller.tenant();
        // The case is part of the request: the same key for a lead on another case is a different
        // request.
        Optional<RequestKey> key = RequestKey.of(draft.requestId(), caseId, draft);
        CaseRecordId created =
                transactions.write(
                        tenant,
                        () ->
                                RequestKey.once(
                                        key,
                                        k -> store.findByRequestId(tenant, k),
                                        () -> {
                                            Case seen =
                                                    caseStore
                                                            .find(tenant, caseId)
                                                            .orElseThrow(CasePermissions::notFound);
                                            CasePermissions.mayChange(seen, tenant, caller.roles());
                                            UUID id = UUID.randomUUID();
                                            if (store.insert(
                                                    id,
                                                    caseId,
                                                    seen.ownerCountry(),
                                                    draft,
                                                    key,
                                                    cases.now())) {
                                                outbox.append(
                                                        caller,
                                                        seen.ownerCountry(),
                                                        RECORD_TYPE,
                                                        id.toString(),
                                                        "lead.added");
                                                return Optional.of(new CaseRecordId(caseId, id));
                                            }
                                            // A concurrent request with the same request id won the
                                            // race: answer with its lead if it was the same.
                                            return Optional.empty();
                                        }));
        return get(caller, created.caseId(), created.id());
    }

    /** Reads a lead; a read by another country is audited in the same transaction. */
    public Lead get(Caller caller, UUID caseId, UUID id) {
        return new AuditedRead<>(
                        RECORD_TYPE,
                        id.toString(),
                        () -> store.find(caller.tenant(), caseId, id),
                        Lead::ownerCountry,
                        CasePermissions::leadNotFound)
                .by(caller, transactions, audit);
    }

    /**
     * The leads of a case the caller sees: all for the owner and share partners, its own for an
     * assignee.
     */
    public List<Lead> list(Caller caller, UUID caseId) {
        return transactions.read(
                caller.tenant(),
                () -> {
                    Case seen =
                            caseStore
                                    .find(caller.tenant(), caseId)
                                    .orElseThrow(CasePermissions::notFound);
                    return store.list(caller.tenant(), caseId, seen.headerOnly());
                });
    }

    /**
     * The owner assigns the lead, or reassigns it at any time until it is closed (taking it back
     * from a partner that does not answer); the country it is assigned to may pass it on instead
     * (see {@link #passOn}).
     */
    public Lead assign(
            Caller caller, CaseRecordId lead, String country, HandlingCode code, String etag) {
        UUID caseId = lead.caseId();
        UUID id = lead.id();
        Optional<Lead> handedOver =
                transactions.write(
                        caller.tenant(),
                        () -> {
                            Lead seen = lockThenRead(caller, caseId, id);
                            return switch (GrantRoute.ofHandOver(seen, caller.tenant())) {
                                case ONWARD ->
                                        Optional.of(passOn(caller, seen, country, code, etag));
                                case OWNER -> {
                                    assignAsOwner(caller, seen, country, code, etag, "");
                                    yield Optional.<Lead>empty();
                                }
                            };
                        });
        return handedOver.orElseGet(() -> get(caller, caseId, id));
    }

    /**
     * The owner hands the lead over to a country because it granted a cooperation request: the same
     * rules, store, audit entry and event as AssignLead by the owner, inside the answer's
     * transaction (a refused assignment, e.g. of a closed lead, leaves the request unanswered).
     */
    void grantOnRequest(Caller owner, UUID id, String country, HandlingCode code, String why) {
        UUID caseId = store.caseOf(id).orElseThrow(CasePermissions::leadNotFound);
        Lead lead = lockThenRead(owner, caseId, id);
        assignAsOwner(owner, lead, country, code, "", ", " + why);
    }

    private void assignAsOwner(
            Caller caller, Lead lead, String country, HandlingCode code, String etag, String why) {
        UUID id = lead.id();
        Case seen =
                caseStore
                        .find(caller.tenant(), lead.caseId())
                        .orElseThrow(CasePermissions::notFound);
        Step.Move<Lead.Assignment> move =
                handOver.assign(seen, lead, caller.tenant(), caller.roles(), country, code, etag)
                        .orThrow();
        LockedRow.requireWritten(store.assign(id, move, cases.now()));
        audit.record(
                caller,
                AuditAction.ASSIGN,
                RECORD_TYPE,
                id.toString(),
                seen.ownerCountry(),
                "to "
                        + country
                        + " under "
                        + code
                        + move.from()
                                .country()
                                .filter(before -> !before.equals(country))
                                .map(
                                        before ->
                                                ", taken from "
                                                        + before
                                                        + " ("
                                                        + move.from().status()
                                                        + ")")
                                .orElse("")
                        + why);
        outbox.append(caller, seen.ownerCountry(), RECORD_TYPE, id.toString(), "lead.assigned");
    }

    /**
     * The assigned country hands the lead on to another country, as its own assignment allows (H0
     * or H1, never less strictly). The lead keeps its status; the owner is told (event
     * lead.passed_on, and the audit trail). Answers the lead as handed over: the caller no longer
     * sees it unless the case is shared with it.
     */
    private Lead passOn(Caller caller, Lead lead, String country, HandlingCode code, String etag) {
        Step.Move<Lead.Assignment> move =
                handOver.passOn(lead, caller.tenant(), caller.roles(), country, code, etag)
                        .orThrow();
        Instant now = cases.now();
        // Told before the hand-over: the database accepts an event only about a record the caller
        // still sees (a refused hand-over rolls the event back with it).
        audit.record(
                caller,
                AuditAction.ASSIGN,
                RECORD_TYPE,
                lead.id().toString(),
                lead.ownerCountry(),
                "passed on by "
                        + caller.tenant()
                        + " to "
                        + country
                        + " under "
                        + code
                        + " ("
                        + lead.status()
                        + ")");
        outbox.append(
                caller, lead.ownerCountry(), RECORD_TYPE, lead.id().toString(), "lead.passed_on");
        LockedRow.requireWritten(store.passOn(lead.id(), move, now));
        return lead.handedOver(move.to(), now);
    }

    public Lead setStatus(Caller caller, UUID caseId, UUID id, LeadStatus target, String etag) {
        LeadStatus.checkRequested(target);
        return transactions.write(
                caller.tenant(),
                () -> {
                    Lead lead = lockThenRead(caller, caseId, id);
                    CasePermissions.mayWork(lead, caller.tenant(), caller.roles());
                    Etags.requireCurrent(etag, lead.id(), lead.version());
                    LockedRow.requireWritten(
                            store.setStatus(id, lead.moveTo(target).orThrow(), cases.now()));
                    outbox.append(
                            caller,
                            lead.ownerCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            "lead.status_changed");
                    return answer(caller, caseId, id);
                });
    }

    public Lead addFinding(Caller caller, UUID caseId, UUID id, String text) {
        new FieldChecks().text(text, "text", 1).throwIfAny();
        return transactions.write(
                caller.tenant(),
                () -> {
                    Lead lead = lockThenRead(caller, caseId, id);
                    CasePermissions.mayWork(lead, caller.tenant(), caller.roles());
                    store.addFinding(
                            id,
                            lead.ownerCountry(),
                            new LeadFinding(
                                    UUID.randomUUID(),
                                    caller.tenant(),
                                    caller.username(),
                                    text.strip(),
                                    cases.now()));
                    store.touch(id, cases.now());
                    outbox.append(
                            caller,
                            lead.ownerCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            "lead.finding_added");
                    return answer(caller, caseId, id);
                });
    }

    /**
     * The lead as the change left it, read in the change's own transaction (still under its lock):
     * a change that was made is answered as made, even if the owner reassigns the lead the next
     * moment. A read by another country is audited like {@link #get}.
     */
    private Lead answer(Caller caller, UUID caseId, UUID id) {
        Lead seen =
                store.find(caller.tenant(), caseId, id).orElseThrow(CasePermissions::leadNotFound);
        if (seen.auditsReadBy(caller.tenant())) {
            audit.record(
                    caller, AuditAction.READ, RECORD_TYPE, id.toString(), seen.ownerCountry(), "");
        }
        return seen;
    }

    /**
     * Lock, then read: the lead as it stands under its row lock (the owner and the assignee can
     * lock it). For anyone else nothing is locked: the read then only decides between NOT_FOUND and
     * the permission refusal that follows, and nothing is changed on it.
     */
    private Lead lockThenRead(Caller caller, UUID caseId, UUID id) {
        store.lock(caseId, id);
        return store.find(caller.tenant(), caseId, id).orElseThrow(CasePermissions::leadNotFound);
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
