package org.chainbreaker.cases.app;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.cases.domain.Case;
import org.chainbreaker.cases.domain.CasePermissions;
import org.chainbreaker.cases.domain.CaseReference;
import org.chainbreaker.cases.domain.CaseStatus;
import org.chainbreaker.cases.domain.CaseUpdate;
import org.chainbreaker.cases.domain.GrantRoute;
import org.chainbreaker.cases.domain.HandlingCode;
import org.chainbreaker.cases.domain.NewCase;
import org.chainbreaker.cases.domain.Operation;
import org.chainbreaker.cases.domain.OperationDirectory;
import org.chainbreaker.cases.domain.Share;
import org.chainbreaker.cases.domain.ShareRequest;
import org.chainbreaker.cases.domain.SharingPolicy;
import org.chainbreaker.cases.domain.Step;
import org.chainbreaker.cases.store.CaseStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditEntry;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.audit.AuditVerification;
import org.chainbreaker.platform.audit.AuditedRead;
import org.chainbreaker.platform.audit.ChainVerification;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.Etags;
import org.chainbreaker.platform.records.LockedRow;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RecordIds;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.stereotype.Service;

/**
 * The use cases of cases: open, read, list, share, revoke; each one transaction on behalf of the
 * caller's country.
 */
@Service
public class CaseRegistry {

    static final String RECORD_TYPE = "case";

    private final CaseStore store;
    private final TenantTransactions transactions;
    private final SharingPolicy sharing;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final GrantRecords grants;
    private final Clock clock;
    private final OperationDirectory operations;

    CaseRegistry(
            CaseStore store,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit,
            Clock clock,
            OperationDirectory operations) {
        this.operations = operations;
        this.store = store;
        this.transactions = transactions;
        this.sharing = new SharingPolicy(tenants);
        this.outbox = outbox;
        this.audit = audit;
        this.grants = new GrantRecords(audit, outbox, RECORD_TYPE);
        this.clock = clock;
    }

    /**
     * Opens a case; a retry with the same request id returns the case the first call opened, and
     * the same request id with a different request is refused (see {@link RequestKey}).
     */
    public Case open(Caller caller, NewCase draft) {
        Optional<RequestKey> key = RequestKey.of(draft.requestId(), draft);
        CasePermissions.mayOpen(caller.roles());
        String owner = caller.tenant();
        UUID id =
                transactions.write(
                        owner,
                        () ->
                                RequestKey.once(
                                        key,
                                        k -> store.findByRequestId(owner, k),
                                        () -> {
                                            Instant now = now();
                                            UUID fresh = UUID.randomUUID();
                                            CaseReference reference =
                                                    store.nextReference(
                                                            owner,
                                                            now.atOffset(ZoneOffset.UTC).getYear());
                                            if (store.insert(fresh, reference, draft, key, now)) {
                                                outbox.append(
                                                        caller,
                                                        owner,
                                                        RECORD_TYPE,
                                                        fresh.toString(),
                                                        "case.opened");
                                                return Optional.of(fresh);
                                            }
                                            // A concurrent request with the same request id won the
                                            // race: answer with its case if it was the same.
                                            return Optional.empty();
                                        }));
        return get(caller, id);
    }

    /**
     * Reads a case; a read of another country's case is written to the audit trail in the same
     * transaction.
     */
    public Case get(Caller caller, UUID id) {
        return new AuditedRead<>(
                        RECORD_TYPE,
                        id.toString(),
                        () -> store.find(caller.tenant(), id),
                        Case::ownerCountry,
                        CasePermissions::notFound)
                .by(caller, transactions, audit);
    }

    /** Who in other countries read one of the caller's cases. Owner only; others learn nothing. */
    public List<AuditEntry> readsOf(Caller caller, UUID id) {
        return transactions.read(
                caller.tenant(),
                () -> {
                    Case found =
                            store.find(caller.tenant(), id).orElseThrow(CasePermissions::notFound);
                    CasePermissions.maySeeReads(found, caller.tenant());
                    return audit.byOthersOn(
                            caller.tenant(), RECORD_TYPE, id.toString(), AuditAction.READ);
                });
    }

    /** Recomputes this service's audit chain; the verification itself is recorded. */
    public ChainVerification verifyAuditTrail(Caller caller) {
        return AuditVerification.verifyAndRecord(caller, transactions, audit, "cases");
    }

    public Page<Case> list(Caller caller, int pageSize, String pageToken) {
        return transactions.readPage(
                caller.tenant(),
                pageSize,
                pageToken,
                (after, limit) -> store.list(caller.tenant(), after, limit),
                c -> new PageCursor(c.createTime(), c.id()));
    }

    /**
     * Grants the case to a country. The owner grants (or replaces a grant) freely; a share partner
     * passes the case on only as its own grant allows (see {@link SharingPolicy#onwardGrant}).
     * Refused requests change nothing.
     */
    public Case share(Caller caller, UUID id, ShareRequest request, String etag) {
        String tenant = caller.tenant();
        transactions.run(
                tenant,
                () -> {
                    Case seen = store.find(tenant, id).orElseThrow(CasePermissions::notFound);
                    switch (GrantRoute.ofShare(seen, tenant)) {
                        case ONWARD -> passOn(caller, seen, request, etag);
                        case OWNER -> grant(caller, id, request, etag, "");
                    }
                });
        return get(caller, id);
    }

    /**
     * The owner grants the case to a country because it granted a cooperation request: the same
     * rules, store, audit entry and event as a direct share, inside the answer's transaction (so a
     * refused grant leaves the request unanswered).
     */
    void grantOnRequest(Caller owner, UUID id, ShareRequest request, String why) {
        grant(owner, id, request, "", ", " + why);
    }

    /** The owner's grant: locked, checked and built by {@link SharingPolicy#ownerGrant}. */
    private void grant(Caller caller, UUID id, ShareRequest request, String etag, String why) {
        String tenant = caller.tenant();
        lockVisible(caller, id, etag);
        Instant now = now();
        Share share = sharing.ownerGrant(tenant, caller.username(), request, now);
        store.upsertShare(id, tenant, share);
        store.touch(id, now);
        grants.shared(caller, tenant, id, share.note() + why, List.of(share.country()));
    }

    /**
     * A share partner passes the case on to another country (the database checks the same rules
     * again).
     */
    private void passOn(Caller caller, Case seen, ShareRequest request, String etag) {
        String tenant = caller.tenant();
        Share share =
                sharing.onwardGrant(
                        seen, tenant, caller.roles(), caller.username(), request, now());
        Etags.requireCurrent(etag, seen.id(), seen.version());
        boolean granted = store.insertOnwardShare(seen.id(), seen.ownerCountry(), share);
        // Whether a grant was made depends on grants the passer may not know of (the receiver may
        // hold one from the owner or another partner): the passer's own audit entry is written
        // either way, and the event, for the owner and the receiver only, never reaches the
        // passer.
        grants.shared(
                caller,
                seen.ownerCountry(),
                seen.id(),
                "passed on by "
                        + tenant
                        + " to "
                        + share.country()
                        + " under "
                        + share.handlingCode()
                        + share.expireTime().map(t -> " until " + t).orElse(""),
                granted ? List.of(share.country()) : List.of());
    }

    /**
     * Shares the case with every participant of an operation: one grant each, tagged with the
     * operation and expiring when it ends. The operation is read first, outside the transaction (no
     * lock is held while the fugitive-service answers); if it cannot be read, nothing changes.
     */
    public Case shareWithOperation(
            Caller caller, UUID id, String operationId, HandlingCode handlingCode, String etag) {
        String owner = caller.tenant();
        UUID operationKey = null;
        try {
            operationKey = RecordIds.parse("operation_id", operationId, CasePermissions::notFound);
        } catch (org.chainbreaker.platform.errors.NotFoundException | InvalidArgumentException e) {
            // Reported with the other fields below.
        }
        new FieldChecks()
                .require(
                        operationKey != null,
                        "operation_id",
                        "must be the id (a UUID) of an operation")
                .require(
                        handlingCode != null, "handling_code", "is required: one of H0, H1, H2, H3")
                .throwIfAny();
        UUID operationRef = operationKey;
        Case seen =
                transactions
                        .read(owner, () -> store.find(owner, id))
                        .orElseThrow(CasePermissions::notFound);
        CasePermissions.mayGrant(seen, owner, caller.roles());
        Operation operation =
                operations
                        .find(caller, operationRef)
                        .orElseThrow(
                                () ->
                                        InvalidArgumentException.of(
                                                "operation_id",
                                                "names no operation your country coordinates or takes part in"));
        Instant now = now();
        operation
                .refusesSharingAt(now)
                .ifPresent(
                        refusal -> {
                            throw refusal;
                        });
        transactions.run(
                owner,
                () -> {
                    lockVisible(caller, id, etag);
                    List<Share> given =
                            sharing.operationGrants(
                                    owner, operation, handlingCode, caller.username(), now);
                    for (Share share : given) {
                        store.upsertShare(id, owner, share);
                    }
                    store.touch(id, now);
                    grants.shared(
                            caller,
                            owner,
                            id,
                            "to the members of operation "
                                    + operation.name()
                                    + " ("
                                    + operation.id()
                                    + ") under "
                                    + handlingCode
                                    + " until "
                                    + operation.endTime(),
                            given.stream().map(Share::country).toList());
                });
        return get(caller, id);
    }

    public Case revoke(Caller caller, UUID id, String country, String etag) {
        String owner = caller.tenant();
        transactions.run(
                owner,
                () -> {
                    lockVisible(caller, id, etag);
                    sharing.checkRevocation(owner, country);
                    if (!store.deleteShareChain(id, country).isEmpty()) {
                        store.touch(id, now());
                        grants.revoked(caller, owner, id, "from " + country, List.of(country));
                        // Each country that lost the case (the one revoked, those it had passed it
                        // on to) and does not see it by another path is told, alone, by the
                        // database when this transaction commits (V19).
                    }
                });
        return get(caller, id);
    }

    /**
     * Changes the editable fields named by the update; the case's partners learn of it by an event.
     */
    public Case update(Caller caller, UUID id, CaseUpdate change, String etag) {
        return transactions.write(
                caller.tenant(),
                () -> {
                    Case seen = lockOwned(caller, id, etag, CasePermissions::mayChange);
                    LockedRow.requireWritten(store.update(id, seen.version(), change, now()));
                    outbox.append(
                            caller,
                            seen.ownerCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            "case.updated");
                    // Answered as this change left it (owner only here: no read to audit).
                    return store.find(caller.tenant(), id).orElseThrow(CasePermissions::notFound);
                });
    }

    /**
     * Moves the case one step along its lifecycle; any other step is refused and changes nothing.
     */
    public Case transition(Caller caller, UUID id, CaseStatus target, String etag) {
        CaseStatus.requireTarget(target);
        return transactions.write(
                caller.tenant(),
                () -> {
                    Case seen = lockOwned(caller, id, etag, CasePermissions::mayChange);
                    Step.Move<CaseStatus> move = seen.moveTo(target).orThrow();
                    LockedRow.requireWritten(store.setStatus(id, move.from(), move.to(), now()));
                    outbox.append(
                            caller,
                            seen.ownerCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            "case.status_changed");
                    return store.find(caller.tenant(), id).orElseThrow(CasePermissions::notFound);
                });
    }

    /** Checks who may change a visible case. */
    @FunctionalInterface
    interface ChangeRule {
        void check(Case visibleCase, String tenant, java.util.Set<String> roles);
    }

    /**
     * Locks the case for change if the caller sees it, owns it, and still has the version it read.
     */
    private void lockVisible(Caller caller, UUID id, String etag) {
        lockOwned(caller, id, etag, CasePermissions::mayGrant);
    }

    /**
     * Locks the case for change if the caller sees it, passes the rule (owner only), and still has
     * the version it read; returns the case as seen before the change.
     */
    Case lockOwned(Caller caller, UUID id, String etag, ChangeRule rule) {
        return new LockedRow<>(
                        id,
                        () -> store.lockVersion(id).isPresent(),
                        () -> store.find(caller.tenant(), id),
                        Case::version,
                        CasePermissions::notFound)
                .forChange(seen -> rule.check(seen, caller.tenant(), caller.roles()), etag);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Parses a case id from a request; an id that is not a UUID names no case the caller could see.
     */
    public static UUID caseId(String field, String value) {
        return RecordIds.parse(field, value, CasePermissions::notFound);
    }
}
