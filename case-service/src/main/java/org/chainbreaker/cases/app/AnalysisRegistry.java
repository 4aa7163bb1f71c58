package org.chainbreaker.cases.app;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.cases.domain.AnalysisDetails;
import org.chainbreaker.cases.domain.Case;
import org.chainbreaker.cases.domain.CasePermissions;
import org.chainbreaker.cases.domain.CaseRecordId;
import org.chainbreaker.cases.domain.GrantRoute;
import org.chainbreaker.cases.domain.HandOver;
import org.chainbreaker.cases.domain.HandlingCode;
import org.chainbreaker.cases.domain.SharingPolicy;
import org.chainbreaker.cases.domain.TechnicalAnalysis;
import org.chainbreaker.cases.store.AnalysisStore;
import org.chainbreaker.cases.store.CaseStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.audit.AuditedRead;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.LockedRow;
import org.chainbreaker.platform.records.RecordIds;
import org.chainbreaker.platform.records.RequestIds;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.stereotype.Service;

/**
 * The use cases of technical analyses: attach to a case (owner), read, list, change (owner), assign
 * to a partner country (owner; the assignee then sees the analysis and the case header).
 */
@Service
public class AnalysisRegistry {

    static final String RECORD_TYPE = "technical_analysis";

    private final CaseRegistry cases;
    private final CaseStore caseStore;
    private final AnalysisStore store;
    private final TenantTransactions transactions;
    private final SharingPolicy sharing;
    private final HandOver handOver;
    private final Outbox outbox;
    private final AuditTrail audit;

    AnalysisRegistry(
            CaseRegistry cases,
            CaseStore caseStore,
            AnalysisStore store,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit) {
        this.cases = cases;
        this.caseStore = caseStore;
        this.store = store;
        this.transactions = transactions;
        this.sharing = new SharingPolicy(tenants);
        this.handOver = new HandOver(sharing);
        this.outbox = outbox;
        this.audit = audit;
    }

    /**
     * Attaches an analysis; a retry with the same request id returns the analysis the first call
     * attached.
     */
    public TechnicalAnalysis create(
            Caller caller, UUID caseId, AnalysisDetails.Draft draft, String requestId) {
        FieldChecks checks = new FieldChecks();
        AnalysisDetails details = draft.check(checks);
        RequestIds.check(requestId, checks).throwIfAny();
        Optional<RequestKey> key = RequestKey.of(requestId, caseId, details);
        String tenant = caller.tenant();
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
                                                    tenant,
                                                    caller.username(),
                                                    details,
                                                    key,
                                                    cases.now())) {
                                                outbox.append(
                                                        caller,
                                                        tenant,
                                                        RECORD_TYPE,
                                                        id.toString(),
                                                        "technical_analysis.added");
                                                return Optional.of(new CaseRecordId(caseId, id));
                                            }
                                            return Optional.empty();
                                        }));
        return get(caller, created.caseId(), created.id());
    }

    /** Reads an analysis; a read by another country is audited in the same transaction. */
    public TechnicalAnalysis get(Caller caller, UUID caseId, UUID id) {
        return new AuditedRead<>(
                        RECORD_TYPE,
                        id.toString(),
                        () -> store.find(caller.tenant(), caseId, id),
                        TechnicalAnalysis::ownerCountry,
                        CasePermissions::analysisNotFound)
                .by(caller, transactions, audit);
    }

    public List<TechnicalAnalysis> list(Caller caller, UUID caseId) {
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

    public TechnicalAnalysis update(
            Caller caller,
            CaseRecordId analysis,
            List<String> paths,
            AnalysisDetails.Draft draft,
            String etag) {
        UUID caseId = analysis.caseId();
        UUID id = analysis.id();
        FieldChecks maskChecks = new FieldChecks();
        Set<String> mask = AnalysisDetails.mask(paths, maskChecks);
        maskChecks.throwIfAny();
        transactions.run(
                caller.tenant(),
                () -> {
                    TechnicalAnalysis seen = lockOwned(caller, caseId, id, etag);
                    seen.refusesEditing()
                            .ifPresent(
                                    refusal -> {
                                        throw refusal;
                                    });
                    FieldChecks checks = new FieldChecks();
                    AnalysisDetails merged = draft.over(seen.details(), mask).check(checks);
                    checks.throwIfAny();
                    store.update(id, seen.ownerCountry(), merged, cases.now());
                    outbox.append(
                            caller,
                            seen.ownerCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            "technical_analysis.updated");
                });
        return get(caller, caseId, id);
    }

    /**
     * The owner assigns (or re-assigns) an analysis; the country it is assigned to may hand it on
     * as its own assignment allows (H0 or H1, never less strictly), and then no longer sees it
     * unless the case is shared with it.
     */
    public TechnicalAnalysis assign(
            Caller caller, CaseRecordId analysis, String country, HandlingCode code, String etag) {
        UUID caseId = analysis.caseId();
        UUID id = analysis.id();
        Optional<TechnicalAnalysis> handedOver =
                transactions.write(
                        caller.tenant(),
                        () -> {
                            // Lock, then read, then decide: the owner and the assignee lock the
                            // analysis; anyone else locks nothing and is refused below.
                            store.lock(id);
                            TechnicalAnalysis visible =
                                    store.find(caller.tenant(), caseId, id)
                                            .orElseThrow(CasePermissions::analysisNotFound);
                            if (GrantRoute.ofHandOver(visible, caller.tenant())
                                    == GrantRoute.ONWARD) {
                                return Optional.of(passOn(caller, visible, country, code, etag));
                            }
                            TechnicalAnalysis seen = lockOwned(caller, caseId, id, etag);
                            sharing.checkGrant(seen.ownerCountry(), country, code);
                            store.assign(id, country, code, cases.now());
                            audit.record(
                                    caller,
                                    AuditAction.ASSIGN,
                                    RECORD_TYPE,
                                    id.toString(),
                                    seen.ownerCountry(),
                                    "to " + country + " under " + code);
                            outbox.append(
                                    caller,
                                    seen.ownerCountry(),
                                    RECORD_TYPE,
                                    id.toString(),
                                    "technical_analysis.assigned");
                            return Optional.<TechnicalAnalysis>empty();
                        });
        return handedOver.orElseGet(() -> get(caller, caseId, id));
    }

    private TechnicalAnalysis passOn(
            Caller caller,
            TechnicalAnalysis analysis,
            String country,
            HandlingCode code,
            String etag) {
        handOver.passOn(analysis, caller.tenant(), caller.roles(), country, code, etag);
        Instant now = cases.now();
        // Told before the hand-over: the database accepts an event only about a record the caller
        // still sees (a refused hand-over rolls the event back with it).
        audit.record(
                caller,
                AuditAction.ASSIGN,
                RECORD_TYPE,
                analysis.id().toString(),
                analysis.ownerCountry(),
                "passed on by " + caller.tenant() + " to " + country + " under " + code);
        outbox.append(
                caller,
                analysis.ownerCountry(),
                RECORD_TYPE,
                analysis.id().toString(),
                "technical_analysis.assigned");
        if (!store.passOn(analysis.id(), country, code, now)) {
            throw new FailedPreconditionException(
                    "the analysis cannot be passed on in its current state");
        }
        return analysis.passedOn(country, code, now);
    }

    /**
     * The analysis if the caller sees it and its country owns the case (and has a changing role),
     * locked.
     */
    private TechnicalAnalysis lockOwned(Caller caller, UUID caseId, UUID id, String etag) {
        return new LockedRow<>(
                        id,
                        () -> store.lock(id),
                        () -> store.find(caller.tenant(), caseId, id),
                        TechnicalAnalysis::version,
                        CasePermissions::analysisNotFound)
                .forChange(
                        seen ->
                                CasePermissions.mayChange(
                                        caseStore
                                                .find(caller.tenant(), caseId)
                                                .orElseThrow(CasePermissions::analysisNotFound),
                                        caller.tenant(),
                                        caller.roles()),
                        etag);
    }

    /** Parses an analysis id; one that is not a UUID names no analysis the caller could see. */
    public static UUID analysisId(String field, String value) {
        return RecordIds.parse(field, value, CasePermissions::analysisNotFound);
    }
}
