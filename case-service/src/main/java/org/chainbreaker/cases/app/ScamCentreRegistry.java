package org.chainbreaker.cases.app;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.cases.domain.Case;
import org.chainbreaker.cases.domain.CasePermissions;
import org.chainbreaker.cases.domain.ScamCentre;
import org.chainbreaker.cases.domain.ScamCentreDetails;
import org.chainbreaker.cases.domain.Share;
import org.chainbreaker.cases.domain.ShareRequest;
import org.chainbreaker.cases.domain.SharingPolicy;
import org.chainbreaker.cases.store.CaseStore;
import org.chainbreaker.cases.store.ScamCentreStore;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.audit.AuditedRead;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.LockedRow;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RecordIds;
import org.chainbreaker.platform.records.RequestIds;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.stereotype.Service;

/**
 * The use cases of scam centres: record, read, list, change, share and revoke (like cases, owner
 * only), link and unlink cases. A centre is seen by its owner and the countries holding a live
 * grant; a link by whoever sees both the centre and the case.
 */
@Service
public class ScamCentreRegistry {

    static final String RECORD_TYPE = "scam_centre";

    private final ScamCentreStore store;
    private final CaseStore cases;
    private final TenantTransactions transactions;
    private final SharingPolicy sharing;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final GrantRecords grants;
    private final CaseRegistry clock;

    ScamCentreRegistry(
            ScamCentreStore store,
            CaseStore cases,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit,
            CaseRegistry clock) {
        this.store = store;
        this.cases = cases;
        this.transactions = transactions;
        this.sharing = new SharingPolicy(tenants);
        this.outbox = outbox;
        this.audit = audit;
        this.grants = new GrantRecords(audit, outbox, RECORD_TYPE);
        this.clock = clock;
    }

    /**
     * Records a centre; a retry with the same request id returns the centre the first call
     * recorded.
     */
    public ScamCentre create(Caller caller, ScamCentreDetails.Draft draft, String requestId) {
        FieldChecks checks = new FieldChecks();
        ScamCentreDetails details = draft.check(checks);
        RequestIds.check(requestId, checks).throwIfAny();
        CasePermissions.mayOpen(caller.roles());
        String owner = caller.tenant();
        Optional<RequestKey> key = RequestKey.of(requestId, details);
        UUID id =
                transactions.write(
                        owner,
                        () ->
                                RequestKey.once(
                                        key,
                                        k -> store.findByRequestId(owner, k),
                                        () -> {
                                            UUID fresh = UUID.randomUUID();
                                            if (store.insert(
                                                    fresh, owner, details, key, clock.now())) {
                                                outbox.append(
                                                        caller,
                                                        owner,
                                                        RECORD_TYPE,
                                                        fresh.toString(),
                                                        "scam_centre.recorded");
                                                return Optional.of(fresh);
                                            }
                                            return Optional.empty();
                                        }));
        return get(caller, id);
    }

    /** Reads a centre; a read of another country's centre is audited in the same transaction. */
    public ScamCentre get(Caller caller, UUID id) {
        return new AuditedRead<>(
                        RECORD_TYPE,
                        id.toString(),
                        () -> store.find(caller.tenant(), id),
                        ScamCentre::ownerCountry,
                        CasePermissions::centreNotFound)
                .by(caller, transactions, audit);
    }

    public Page<ScamCentre> list(Caller caller, int pageSize, String pageToken) {
        return transactions.readPage(
                caller.tenant(),
                pageSize,
                pageToken,
                (after, limit) -> store.list(caller.tenant(), after, limit),
                c -> new PageCursor(c.createTime(), c.id()));
    }

    /** Changes the fields named by the update mask (empty: all). Owner only. */
    public ScamCentre update(
            Caller caller,
            UUID id,
            List<String> paths,
            ScamCentreDetails.Draft draft,
            String etag) {
        FieldChecks maskChecks = new FieldChecks();
        Set<String> mask = ScamCentreDetails.mask(paths, maskChecks);
        maskChecks.throwIfAny();
        transactions.run(
                caller.tenant(),
                () -> {
                    ScamCentre seen = lockOwned(caller, id, etag);
                    FieldChecks checks = new FieldChecks();
                    ScamCentreDetails merged = draft.over(seen.details(), mask).check(checks);
                    checks.throwIfAny();
                    store.update(id, merged, clock.now());
                    outbox.append(
                            caller,
                            seen.ownerCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            "scam_centre.updated");
                });
        return get(caller, id);
    }

    public ScamCentre share(Caller caller, UUID id, ShareRequest request, String etag) {
        transactions.run(caller.tenant(), () -> grant(caller, id, request, etag, ""));
        return get(caller, id);
    }

    /**
     * The owner grants the centre to a country because it granted a cooperation request: the same
     * rules, store, audit entry and event as a direct share, inside the answer's transaction (a
     * refused grant leaves the request unanswered).
     */
    void grantOnRequest(Caller owner, UUID id, ShareRequest request, String why) {
        grant(owner, id, request, "", ", " + why);
    }

    private void grant(Caller caller, UUID id, ShareRequest request, String etag, String why) {
        String owner = caller.tenant();
        lockOwned(caller, id, etag);
        Instant now = clock.now();
        Share share = sharing.ownerGrant(owner, caller.username(), request, now);
        store.upsertShare(id, owner, share);
        store.touch(id, now);
        grants.shared(caller, owner, id, share.note() + why, List.of(share.country()));
    }

    public ScamCentre revoke(Caller caller, UUID id, String country, String etag) {
        String owner = caller.tenant();
        transactions.run(
                owner,
                () -> {
                    lockOwned(caller, id, etag);
                    sharing.checkRevocation(owner, country);
                    if (store.deleteShare(id, country)) {
                        store.touch(id, clock.now());
                        grants.revoked(caller, owner, id, "from " + country, List.of(country));
                        // The holder, if it lost the centre, is told by the database at commit
                        // (V19).
                    }
                });
        return get(caller, id);
    }

    /**
     * Links a case the caller sees fully (owner or live share); a case it cannot see is NOT_FOUND.
     */
    public ScamCentre link(Caller caller, UUID id, String caseId, String etag) {
        UUID linked = RecordIds.parse("case_id", caseId, CasePermissions::notFound);
        transactions.run(
                caller.tenant(),
                () -> {
                    ScamCentre seen = lockOwned(caller, id, etag);
                    Case target =
                            cases.find(caller.tenant(), linked)
                                    .orElseThrow(CasePermissions::notFound);
                    target.refusesLinkingBy(caller.tenant())
                            .ifPresent(
                                    refusal -> {
                                        throw refusal;
                                    });
                    if (store.link(
                            id, linked, seen.ownerCountry(), caller.username(), clock.now())) {
                        store.touch(id, clock.now());
                        outbox.append(
                                caller,
                                seen.ownerCountry(),
                                RECORD_TYPE,
                                id.toString(),
                                "scam_centre.case_linked");
                    }
                });
        return get(caller, id);
    }

    public ScamCentre unlink(Caller caller, UUID id, String caseId, String etag) {
        UUID linked = RecordIds.parse("case_id", caseId, CasePermissions::notFound);
        transactions.run(
                caller.tenant(),
                () -> {
                    ScamCentre seen = lockOwned(caller, id, etag);
                    if (store.unlink(id, linked)) {
                        store.touch(id, clock.now());
                        outbox.append(
                                caller,
                                seen.ownerCountry(),
                                RECORD_TYPE,
                                id.toString(),
                                "scam_centre.case_unlinked");
                    }
                });
        return get(caller, id);
    }

    /**
     * Lock, then read, then decide (as for cases): only the owner can lock (update policy); for
     * anyone else the read only tells NOT_FOUND from PERMISSION_DENIED.
     */
    ScamCentre lockOwned(Caller caller, UUID id, String etag) {
        return new LockedRow<>(
                        id,
                        () -> store.lockVersion(id).isPresent(),
                        () -> store.find(caller.tenant(), id),
                        ScamCentre::version,
                        CasePermissions::centreNotFound)
                .forChange(
                        seen ->
                                CasePermissions.mayChangeCentre(
                                        seen, caller.tenant(), caller.roles()),
                        etag);
    }

    /** Parses a centre id; one that is not a UUID names no centre the caller could see. */
    public static UUID centreId(String field, String value) {
        return RecordIds.parse(field, value, CasePermissions::centreNotFound);
    }
}
