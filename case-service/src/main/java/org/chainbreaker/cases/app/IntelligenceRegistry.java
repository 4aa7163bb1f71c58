package org.chainbreaker.cases.app;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.cases.domain.Case;
import org.chainbreaker.cases.domain.CasePermissions;
import org.chainbreaker.cases.domain.IdentifierMatch;
import org.chainbreaker.cases.domain.NewScamReport;
import org.chainbreaker.cases.domain.ScamReport;
import org.chainbreaker.cases.domain.identifiers.IdentifierKind;
import org.chainbreaker.cases.domain.identifiers.Identifiers;
import org.chainbreaker.cases.store.CaseStore;
import org.chainbreaker.cases.store.ScamReportStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditEntry;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.audit.AuditedRead;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.stereotype.Service;

/**
 * Scam intelligence: cross-matching identifiers over every country's cases (hit/no-hit), and scam
 * reports.
 */
@Service
public class IntelligenceRegistry {

    /**
     * Audit and event record type of checks that hit a case (the record id is the case's
     * reference).
     */
    static final String CASE_REFERENCE = "case_reference";

    static final String SCAM_REPORT = "scam_report";

    private final CaseStore caseStore;
    private final ScamReportStore reports;
    private final TenantTransactions transactions;
    private final TenantDirectory tenants;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final CaseRegistry cases;

    IntelligenceRegistry(
            CaseStore caseStore,
            ScamReportStore reports,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit,
            CaseRegistry cases) {
        this.caseStore = caseStore;
        this.reports = reports;
        this.transactions = transactions;
        this.tenants = tenants;
        this.outbox = outbox;
        this.audit = audit;
        this.cases = cases;
    }

    /**
     * Which cases hold the identifier: those the caller sees in full (or as a header), and for the
     * others only owner and reference. Each hidden hit is audited for its owner and announced to
     * it; a no-hit is audited too.
     */
    public IdentifierMatch match(Caller caller, IdentifierKind kind, String value, String purpose) {
        FieldChecks checks =
                new FieldChecks()
                        .require(
                                kind != null,
                                "identifier.kind",
                                "is required: one of "
                                        + java.util.Arrays.toString(IdentifierKind.values()))
                        .text(purpose, "purpose", 3);
        Optional<String> normalized =
                kind == null
                        ? Optional.empty()
                        : Identifiers.normalize(kind, value, "identifier.value", checks);
        checks.throwIfAny();
        String key = normalized.orElseThrow();
        String why = purpose.strip();
        return transactions.write(
                caller.tenant(),
                () -> {
                    IdentifierMatch match =
                            IdentifierMatch.of(
                                    key,
                                    caseStore.holding(caller.tenant(), key),
                                    caseStore.identifierHits(key));
                    for (Case c : match.visibleCases()) {
                        if (c.auditsReadBy(caller.tenant())) {
                            audit.record(
                                    caller,
                                    AuditAction.READ,
                                    CaseRegistry.RECORD_TYPE,
                                    c.id().toString(),
                                    c.ownerCountry(),
                                    "identifier match: " + why);
                        }
                    }
                    for (IdentifierMatch.Hit hit : match.hits()) {
                        audit.record(
                                caller,
                                AuditAction.CHECK,
                                CASE_REFERENCE,
                                hit.reference(),
                                hit.ownerCountry(),
                                why);
                    }
                    caseStore.announceIdentifierChecks(key, match.hits(), caller.username());
                    if (match.noHit()) {
                        audit.record(
                                caller,
                                AuditAction.CHECK,
                                "identifier_check",
                                UUID.randomUUID().toString(),
                                caller.tenant(),
                                "no hit: " + why);
                    }
                    return match;
                });
    }

    /**
     * The checks by other countries that hit one of the caller's cases. Owner only; others learn
     * nothing.
     */
    public List<AuditEntry> checksOf(Caller caller, UUID caseId) {
        return transactions.read(
                caller.tenant(),
                () -> {
                    Case found =
                            caseStore
                                    .find(caller.tenant(), caseId)
                                    .orElseThrow(CasePermissions::notFound);
                    CasePermissions.maySeeChecks(found, caller.tenant());
                    return audit.byOthersOn(
                            caller.tenant(), CASE_REFERENCE, found.reference(), AuditAction.CHECK);
                });
    }

    /**
     * Registers a scam report in one transaction and addresses it to every country it concerns: the
     * countries of its identifiers and the owners and share partners of cases holding them. Those
     * countries see it (and its event) from the commit on; the reporter is not told who they are.
     */
    public ScamReport register(Caller caller, NewScamReport draft) {
        CasePermissions.mayReport(caller.roles());
        String reporter = caller.tenant();
        Optional<RequestKey> key = RequestKey.of(draft.requestId(), draft);
        UUID id =
                transactions.write(
                        reporter,
                        () -> {
                            Optional<UUID> earlier =
                                    key.flatMap(
                                            k ->
                                                    k.replay(
                                                            reports.findByRequestId(
                                                                    reporter, k.id())));
                            if (earlier.isPresent()) {
                                return earlier.get();
                            }
                            UUID fresh = UUID.randomUUID();
                            if (!reports.insert(fresh, reporter, draft, key, cases.now())) {
                                RequestKey k = key.orElseThrow();
                                return k.replay(reports.findByRequestId(reporter, k.id()))
                                        .orElseThrow();
                            }
                            Set<String> concerned =
                                    draft.concernedCountries(
                                            reports.audienceOf(
                                                    new LinkedHashSet<>(draft.normalizedValues())),
                                            tenants.codes(),
                                            reporter);
                            reports.addRecipients(fresh, reporter, concerned);
                            audit.record(
                                    caller,
                                    AuditAction.SHARE,
                                    SCAM_REPORT,
                                    fresh.toString(),
                                    reporter,
                                    "registered; visible to the countries it concerns");
                            outbox.append(
                                    caller,
                                    reporter,
                                    SCAM_REPORT,
                                    fresh.toString(),
                                    "scam_report.registered");
                            return fresh;
                        });
        return get(caller, id);
    }

    public ScamReport get(Caller caller, UUID id) {
        return new AuditedRead<>(
                        SCAM_REPORT,
                        id.toString(),
                        () -> reports.find(caller.tenant(), id),
                        ScamReport::reportingCountry,
                        CasePermissions::reportNotFound)
                .by(caller, transactions, audit);
    }

    public Page<ScamReport> list(Caller caller, int pageSize, String pageToken) {
        return transactions.readPage(
                caller.tenant(),
                pageSize,
                pageToken,
                (after, limit) -> reports.list(caller.tenant(), after, limit),
                r -> new PageCursor(r.reportTime(), r.id()));
    }
}
