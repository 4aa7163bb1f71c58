package org.chainbreaker.repatriation.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditEntry;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.audit.AuditVerification;
import org.chainbreaker.platform.audit.ChainVerification;
import org.chainbreaker.platform.errors.EtagMismatchException;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestIds;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.chainbreaker.repatriation.domain.ArrestTransfer;
import org.chainbreaker.repatriation.domain.CustodyDelivery;
import org.chainbreaker.repatriation.domain.FugitiveCheck;
import org.chainbreaker.repatriation.domain.Handover;
import org.chainbreaker.repatriation.domain.Kind;
import org.chainbreaker.repatriation.domain.Logistics;
import org.chainbreaker.repatriation.domain.NewRepatriation;
import org.chainbreaker.repatriation.domain.Repatriation;
import org.chainbreaker.repatriation.domain.RepatriationPermissions;
import org.chainbreaker.repatriation.domain.RepatriationRules;
import org.chainbreaker.repatriation.domain.RepatriationStatus;
import org.chainbreaker.repatriation.domain.Side;
import org.chainbreaker.repatriation.domain.Step;
import org.chainbreaker.repatriation.domain.VictimGroup;
import org.chainbreaker.repatriation.domain.WantedPersonCheck;
import org.chainbreaker.repatriation.store.CustodyDeliveryStore;
import org.chainbreaker.repatriation.store.FugitiveCheckStore;
import org.chainbreaker.repatriation.store.RepatriationStore;
import org.springframework.stereotype.Service;

/**
 * The use cases of repatriations: open, read, list, plan, and every step of the two-country
 * workflow; each one transaction on behalf of the caller's country, every step recorded in the
 * history, published as an event, and approvals and rejections audited.
 */
@Service
public class RepatriationRegistry {

    static final String RECORD_TYPE = "repatriation";

    private final RepatriationStore store;
    private final FugitiveCheckStore checks;
    private final WantedPersonChecks wanted;
    private final TenantTransactions transactions;
    private final TenantDirectory tenants;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final CustodyDeliveryStore deliveries;
    private final CustodyTransferRelay relay;

    RepatriationRegistry(
            RepatriationStore store,
            FugitiveCheckStore checks,
            WantedPersonChecks wanted,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit,
            Clock clock,
            CustodyDeliveryStore deliveries,
            CustodyTransferRelay relay) {
        this.store = store;
        this.checks = checks;
        this.wanted = wanted;
        this.transactions = transactions;
        this.tenants = tenants;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.deliveries = deliveries;
        this.relay = relay;
    }

    /**
     * Opens a DRAFT; a retry with the same request id returns the repatriation the first call
     * opened (and asks the fugitive-service nothing). A linked wanted person is checked with the
     * caller's token (arrested by the sending country, wanted by the receiving one, no other live
     * repatriation); if the fugitive-service cannot answer, the DRAFT is accepted with the check
     * PENDING.
     */
    public Repatriation create(Caller caller, NewRepatriation draft, String requestId) {
        FieldChecks fieldChecks = new FieldChecks();
        RequestIds.check(requestId, fieldChecks);
        RepatriationRules.check(draft, "repatriation.", tenants::knows, fieldChecks);
        fieldChecks.throwIfAny();
        RepatriationPermissions.mayOpen(
                caller.roles(), caller.tenant(), draft.sendingCountry(), draft.receivingCountry());
        Optional<RequestKey> key = RequestKey.of(requestId, draft);
        String owner = caller.tenant();
        Optional<UUID> earlier =
                key.flatMap(
                        k ->
                                k.replay(
                                        transactions.read(
                                                owner,
                                                () -> store.findByRequestId(owner, k.id()))));
        if (earlier.isPresent()) {
            return get(caller, earlier.get());
        }
        FugitiveCheck check = FugitiveCheck.NOT_APPLICABLE;
        String reference = "";
        String pendingReason = "";
        if (draft.wantedPersonId().isPresent()) {
            switch (wanted.ask(
                    caller,
                    draft.wantedPersonId().get(),
                    draft.sendingCountry(),
                    draft.receivingCountry())) {
                case WantedPersonCheck.Holds holds -> {
                    check = FugitiveCheck.CONFIRMED;
                    reference = holds.reference();
                }
                case WantedPersonCheck.Fails fails ->
                        throw new FailedPreconditionException(fails.reason());
                case WantedPersonCheck.NotVisible ignored ->
                        throw InvalidArgumentException.of(
                                "repatriation.wanted_person_id",
                                "names no wanted person your country may see in the fugitive-service");
                case WantedPersonCheck.Unknown unknown -> {
                    check = FugitiveCheck.PENDING;
                    pendingReason = unknown.reason();
                }
            }
        }
        FugitiveCheck settled = check;
        String settledReference = reference;
        String reason = pendingReason;
        UUID id;
        try {
            id =
                    transactions.write(
                            owner,
                            () ->
                                    insertDraft(
                                            caller,
                                            draft,
                                            settled,
                                            settledReference,
                                            key,
                                            fresh -> {
                                                if (settled == FugitiveCheck.PENDING) {
                                                    wanted.keepPending(
                                                            caller,
                                                            fresh,
                                                            draft.wantedPersonId().orElseThrow(),
                                                            reason);
                                                    outbox.append(
                                                            caller,
                                                            owner,
                                                            RECORD_TYPE,
                                                            fresh.toString(),
                                                            "repatriation.fugitive_check_pending");
                                                }
                                            }));
        } catch (RepatriationStore.AnotherLiveRepatriation another) {
            // Its two parties are this one's (the arresting and the owning country), so naming it
            // reveals nothing.
            String which =
                    transactions
                            .read(
                                    owner,
                                    () ->
                                            store.liveOf(
                                                    draft.wantedPersonId().orElseThrow(),
                                                    new UUID(0, 0)))
                            .map(other -> " (" + other + ")")
                            .orElse("");
            throw new FailedPreconditionException(
                    "another repatriation of this wanted person is under way"
                            + which
                            + "; complete, reject or cancel it first");
        }
        return get(caller, id);
    }

    /**
     * Opens, inside the caller's transaction, the DRAFT return of {@code count} victims of
     * nationality {@code to} rescued in {@code host}, linked to the rescue request; once per rescue
     * request and nationality (the pair is its request id), so a repeat opens nothing.
     */
    void openVictimReturn(Caller caller, UUID rescueRequestId, String host, String to, int count) {
        NewRepatriation draft =
                new NewRepatriation(
                        Kind.VICTIM_RETURN,
                        host,
                        to,
                        List.of(),
                        Optional.empty(),
                        List.of(),
                        new VictimGroup(count, List.of(to), List.of(), List.of()),
                        Logistics.EMPTY);
        insertDraft(
                caller,
                draft,
                FugitiveCheck.NOT_APPLICABLE,
                "",
                Optional.of(RequestKey.internal("rescue:" + rescueRequestId + ":" + to)),
                fresh -> store.linkToRescue(fresh, rescueRequestId));
    }

    /**
     * Opens, once per arrest (the arrest is its internal request id), the DRAFT transfer an arrest
     * opens, its wanted person already confirmed; returns its id, or the id of the repatriation of
     * the person that is live already.
     */
    UUID openFromArrest(Caller caller, ArrestTransfer.Open open) {
        UUID person = open.draft().wantedPersonId().orElseThrow();
        RequestKey key =
                RequestKey.internal(
                        "arrest/" + person + "/" + open.arrest().arrestTime().toEpochMilli());
        try {
            return transactions.write(
                    caller.tenant(),
                    () ->
                            insertDraft(
                                    caller,
                                    open.draft(),
                                    FugitiveCheck.CONFIRMED,
                                    open.reference(),
                                    Optional.of(key),
                                    fresh -> {
                                        store.markArrest(fresh, open.arrest());
                                        outbox.append(
                                                caller,
                                                caller.tenant(),
                                                RECORD_TYPE,
                                                fresh.toString(),
                                                "repatriation.opened_from_arrest");
                                    }));
        } catch (RepatriationStore.AnotherLiveRepatriation another) {
            return transactions
                    .read(caller.tenant(), () -> store.liveOf(person, new UUID(0, 0)))
                    .orElseThrow(
                            () ->
                                    new FailedPreconditionException(
                                            "another repatriation of this wanted person is under way"));
        }
    }

    /**
     * Cancels a DRAFT an arrest opened because the fugitive-service no longer supports it (the
     * notice was cancelled): a consequence of the owner's act, told by the relay, so no role or
     * side is asked of the caller beyond seeing it. Anything past DRAFT is left to the workflow.
     */
    void closeFromArrest(Caller caller, UUID id, String reason) {
        change(
                caller,
                id,
                "",
                seen -> {},
                seen -> {
                    if (seen.status() == RepatriationStatus.DRAFT) {
                        apply(caller, seen, seen.cancel(reason));
                        checks.remove(id);
                    }
                });
    }

    /**
     * Inserts a DRAFT owned by the caller's country unless its request id was used; returns its id
     * either way.
     */
    private UUID insertDraft(
            Caller caller,
            NewRepatriation draft,
            FugitiveCheck check,
            String reference,
            Optional<RequestKey> key,
            Consumer<UUID> andThen) {
        String owner = caller.tenant();
        Optional<UUID> earlier = key.flatMap(k -> k.replay(store.findByRequestId(owner, k.id())));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant now = now();
        UUID fresh = UUID.randomUUID();
        if (!store.insert(fresh, owner, draft, check, reference, key, now)) {
            // A concurrent request with the same request id won the race: its record, if it was the
            // same request.
            RequestKey k = key.orElseThrow();
            return k.replay(store.findByRequestId(owner, k.id())).orElseThrow();
        }
        store.replaceLogistics(fresh, draft.logistics());
        store.addHistory(fresh, "", RepatriationStatus.DRAFT, owner, caller.username(), "", now);
        outbox.append(
                caller, owner, RECORD_TYPE, fresh.toString(), RepatriationStatus.DRAFT.event());
        andThen.accept(fresh);
        return fresh;
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
                                RECORD_TYPE,
                                id.toString(),
                                found.ownerCountry(),
                                ""));
        return forOutsider(found, caller.tenant());
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
                    if (!found.ownerCountry().equals(caller.tenant())) {
                        throw new PermissionDeniedException(
                                "only the country that opened this request may see who read it");
                    }
                    return audit.byOthersOn(
                            found.ownerCountry(), RECORD_TYPE, id.toString(), AuditAction.READ);
                });
    }

    public Page<Repatriation> list(Caller caller, int pageSize, String pageToken) {
        return Page.read(
                pageSize,
                pageToken,
                (after, limit) ->
                        transactions
                                .read(
                                        caller.tenant(),
                                        () -> store.list(caller.tenant(), after, limit))
                                .stream()
                                .map(
                                        r ->
                                                r.isParty(caller.tenant())
                                                        ? r
                                                        : forOutsider(r, caller.tenant()))
                                .toList(),
                last -> new PageCursor(last.createTime(), last.id()));
    }

    private static Repatriation forOutsider(Repatriation r, String tenant) {
        return r.transitCountries().contains(tenant) ? r.withheldForTransit() : r;
    }

    /**
     * Replaces the plan (and a victim return's count); liaison officers of either side, until
     * scheduled. A change of plan withdraws the escort waivers and, once a side approved, both
     * approvals: back to REQUESTED, with a history entry, an event both sides see and an audit
     * entry.
     */
    public Repatriation updateLogistics(
            Caller caller, UUID id, Logistics logistics, int victimCount, String etag) {
        return change(
                caller,
                id,
                etag,
                seen -> {
                    RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles());
                    FieldChecks fieldChecks = new FieldChecks();
                    RepatriationRules.logistics(
                            logistics,
                            "logistics.",
                            seen.kind(),
                            seen.sendingCountry(),
                            seen.receivingCountry(),
                            fieldChecks);
                    fieldChecks.require(
                            victimCount >= 0 && victimCount <= RepatriationRules.MAX_VICTIMS,
                            "logistics.victim_count",
                            "must be 0 (unchanged) or 1 to " + RepatriationRules.MAX_VICTIMS);
                    fieldChecks.throwIfAny();
                },
                seen -> {
                    Step.Replan replan =
                            switch (seen.replan(logistics, victimCount, caller.tenant())) {
                                case Step.Replan r -> r;
                                case Step.Refuse refuse ->
                                        throw new FailedPreconditionException(refuse.reason());
                                default ->
                                        throw new IllegalStateException(
                                                "a plan changes nothing else");
                            };
                    store.replaceLogistics(id, logistics);
                    if (victimCount != 0) {
                        store.setVictimCount(id, victimCount);
                    }
                    if (replan.waiversWithdrawn()) {
                        store.withdrawWaivers(id);
                    }
                    store.touch(id, now());
                    outbox.append(
                            caller,
                            seen.ownerCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            "repatriation.logistics_updated");
                    replan.approvalsWithdrawn()
                            .ifPresent(
                                    back -> {
                                        audit.record(
                                                caller,
                                                AuditAction.WITHDRAW_APPROVAL,
                                                RECORD_TYPE,
                                                id.toString(),
                                                seen.ownerCountry(),
                                                back.reason());
                                        apply(caller, seen, back);
                                    });
                });
    }

    /** The caller's side waives the two-escort requirement (effective once both sides did). */
    public Repatriation waiveEscorts(Caller caller, UUID id, String etag) {
        return change(
                caller,
                id,
                etag,
                seen -> RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles()),
                seen -> {
                    if (seen.waiveEscorts(seen.sideOf(caller.tenant()).orElseThrow())
                            instanceof Step.Refuse refuse) {
                        throw new FailedPreconditionException(refuse.reason());
                    }
                    store.waiveEscorts(id, seen.sideOf(caller.tenant()).orElseThrow(), now());
                    outbox.append(
                            caller,
                            seen.ownerCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            "repatriation.escorts_waived");
                });
    }

    /**
     * DRAFT -> REQUESTED by the owning country; a PENDING fugitive check is made again now, with
     * the caller's token.
     */
    public Repatriation submit(Caller caller, UUID id, String etag) {
        Repatriation before = visible(caller, id);
        RepatriationPermissions.mayHandleDraft(before, caller.tenant(), caller.roles());
        if (before.fugitiveCheck() == FugitiveCheck.PENDING
                && before.status() == RepatriationStatus.DRAFT) {
            WantedPersonCheck verdict =
                    wanted.ask(
                            caller,
                            before.wantedPersonId().orElseThrow(),
                            before.sendingCountry(),
                            before.receivingCountry());
            transactions.run(
                    caller.tenant(),
                    () -> {
                        if (verdict instanceof WantedPersonCheck.Unknown unknown) {
                            wanted.keepPending(
                                    caller,
                                    id,
                                    before.wantedPersonId().orElseThrow(),
                                    unknown.reason());
                        } else {
                            wanted.settle(caller, before, verdict);
                        }
                    });
        }
        return change(
                caller,
                id,
                etag,
                seen ->
                        RepatriationPermissions.mayHandleDraft(
                                seen, caller.tenant(), caller.roles()),
                seen -> apply(caller, seen, seen.submit()));
    }

    /**
     * One side's approval, by that side's liaison; the second side's approval clears the
     * repatriation, once.
     */
    public Repatriation approve(Caller caller, UUID id, String etag) {
        return change(
                caller,
                id,
                etag,
                seen -> RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles()),
                seen -> {
                    Side side = seen.sideOf(caller.tenant()).orElseThrow();
                    Step step = seen.approve(side);
                    if (step instanceof Step.Move) {
                        audit.record(
                                caller,
                                AuditAction.APPROVE,
                                RECORD_TYPE,
                                id.toString(),
                                seen.ownerCountry(),
                                side.name().toLowerCase() + " side");
                    }
                    apply(caller, seen, step);
                });
    }

    public Repatriation reject(Caller caller, UUID id, String reason, String etag) {
        new FieldChecks().text(reason, "reason", 1).throwIfAny();
        return change(
                caller,
                id,
                etag,
                seen -> RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles()),
                seen -> {
                    Step step = seen.reject(reason.strip());
                    if (step instanceof Step.Move) {
                        audit.record(
                                caller,
                                AuditAction.REJECT,
                                RECORD_TYPE,
                                id.toString(),
                                seen.ownerCountry(),
                                reason.strip());
                    }
                    apply(caller, seen, step);
                });
    }

    /** CLEARED -> SCHEDULED; the wanted person is checked again first, with the caller's token. */
    public Repatriation schedule(Caller caller, UUID id, String etag) {
        return checkedChange(
                caller,
                id,
                etag,
                RepatriationStatus.CLEARED,
                "be scheduled",
                false,
                seen -> RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles()),
                seen -> apply(caller, seen, seen.schedule(clock.instant())));
    }

    /** SCHEDULED -> IN_TRANSIT by the sending side; the wanted person is checked again first. */
    public Repatriation startTransit(Caller caller, UUID id, String etag) {
        return checkedChange(
                caller,
                id,
                etag,
                RepatriationStatus.SCHEDULED,
                "start its journey",
                false,
                seen ->
                        RepatriationPermissions.liaisonOf(
                                seen, Side.SENDING, caller.tenant(), caller.roles()),
                seen -> apply(caller, seen, seen.startTransit()));
    }

    /**
     * Custody handed over, by the receiving side. The wanted person is checked again first (if the
     * fugitive-service cannot answer, the handover, which happened, is recorded all the same). For
     * a linked wanted person, the delivery of the transfer to the fugitive-service is committed in
     * the same transaction (the state machine refuses a second handover, so there is one delivery);
     * {@link CustodyTransferRelay} sends it with this officer's token until it is acknowledged.
     */
    public Repatriation recordHandover(Caller caller, UUID id, Handover handover, String etag) {
        return checkedChange(
                caller,
                id,
                etag,
                RepatriationStatus.IN_TRANSIT,
                "be handed over",
                true,
                seen ->
                        RepatriationPermissions.liaisonOf(
                                seen, Side.RECEIVING, caller.tenant(), caller.roles()),
                seen -> {
                    Step step = seen.handOver();
                    if (step instanceof Step.Refuse refuse) {
                        throw new FailedPreconditionException(refuse.reason());
                    }
                    FieldChecks fieldChecks = new FieldChecks();
                    RepatriationRules.handover(handover, seen, clock.instant(), fieldChecks);
                    fieldChecks.throwIfAny();
                    store.setHandover(id, handover);
                    apply(caller, seen, step);
                    if (seen.wantedPersonId().isPresent()
                            && seen.fugitiveCheck() == FugitiveCheck.CONFIRMED) {
                        deliveries.savePending(
                                id,
                                seen.wantedPersonId().get(),
                                handover.time(),
                                seen.sendingCountry(),
                                seen.receivingCountry(),
                                caller.tenant(),
                                caller.subject(),
                                caller.username(),
                                caller.clientId(),
                                now());
                    }
                });
    }

    /**
     * Sends a PENDING custody transfer now (on behalf of the officer who recorded the handover). A
     * liaison officer of the receiving country, whose country recorded the handover.
     */
    public Repatriation retryCustodyTransfer(Caller caller, UUID id) {
        Repatriation seen = visible(caller, id);
        RepatriationPermissions.liaisonOf(seen, Side.RECEIVING, caller.tenant(), caller.roles());
        boolean pending =
                seen.custodyDelivery()
                        .map(d -> d.state() == CustodyDelivery.State.PENDING)
                        .orElse(false);
        if (!pending) {
            throw new FailedPreconditionException(
                    "no custody transfer of this repatriation is waiting for delivery");
        }
        relay.deliverNow(caller.tenant(), id);
        return get(caller, id);
    }

    /**
     * HANDED_OVER -> COMPLETED once the custody transfer is settled (saying so plainly if it was
     * refused).
     */
    public Repatriation complete(Caller caller, UUID id, String etag) {
        return change(
                caller,
                id,
                etag,
                seen ->
                        RepatriationPermissions.liaisonOf(
                                seen, Side.RECEIVING, caller.tenant(), caller.roles()),
                seen -> apply(caller, seen, seen.complete()));
    }

    /**
     * Cancels before transit: a liaison of either side, or the owning country while it is a DRAFT.
     */
    public Repatriation cancel(Caller caller, UUID id, String reason, String etag) {
        new FieldChecks().text(reason, "reason", 1).throwIfAny();
        return change(
                caller,
                id,
                etag,
                seen -> {
                    if (seen.status() == RepatriationStatus.DRAFT
                            && seen.ownerCountry().equals(caller.tenant())) {
                        RepatriationPermissions.mayHandleDraft(
                                seen, caller.tenant(), caller.roles());
                    } else {
                        RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles());
                    }
                },
                seen -> {
                    apply(caller, seen, seen.cancel(reason.strip()));
                    checks.remove(id);
                });
    }

    public ChainVerification verifyAuditTrail(Caller caller) {
        return AuditVerification.verifyAndRecord(caller, transactions, audit, "repatriation");
    }

    private Repatriation visible(Caller caller, UUID id) {
        return transactions
                .read(caller.tenant(), () -> store.find(caller.tenant(), id))
                .orElseThrow(RepatriationPermissions::notFound);
    }

    /**
     * The frame of every change: NOT_FOUND for what the caller cannot see, PERMISSION_DENIED for
     * what it sees but may not change, then the row lock, a fresh read under it, the etag, and the
     * change itself.
     */
    private Repatriation change(
            Caller caller,
            UUID id,
            String etag,
            Consumer<Repatriation> permitted,
            Consumer<Repatriation> work) {
        permitted.accept(visible(caller, id));
        transactions.run(
                caller.tenant(),
                () -> {
                    if (store.lockVersion(id).isEmpty()) {
                        throw RepatriationPermissions.notFound();
                    }
                    Repatriation seen =
                            store.find(caller.tenant(), id)
                                    .orElseThrow(RepatriationPermissions::notFound);
                    if (etag != null && !etag.isEmpty() && !etag.equals(seen.etag())) {
                        throw new EtagMismatchException();
                    }
                    permitted.accept(seen);
                    work.accept(seen);
                });
        return get(caller, id);
    }

    /**
     * A change whose step (taken from status {@code from}) first asks the fugitive-service again
     * about the linked wanted person (with the caller's token, before the lock: no remote call is
     * made while the row is locked); then as {@link #change}, which decides on the record read
     * under the lock. A record not in {@code from} is left to the state machine's refusal; one that
     * reached {@code from} meanwhile was not checked, and the caller is asked to try again
     * (ABORTED), so no step goes ahead unchecked.
     */
    private Repatriation checkedChange(
            Caller caller,
            UUID id,
            String etag,
            RepatriationStatus from,
            String step,
            boolean proceedIfUnknown,
            Consumer<Repatriation> permitted,
            Consumer<Repatriation> work) {
        Repatriation before = visible(caller, id);
        permitted.accept(before);
        boolean checked = before.status() == from;
        if (checked) {
            wanted.before(caller, before, step, proceedIfUnknown);
        }
        return change(
                caller,
                id,
                etag,
                permitted,
                seen -> {
                    if (!checked && seen.status() == from && seen.wantedPersonId().isPresent()) {
                        throw new EtagMismatchException();
                    }
                    work.accept(seen);
                });
    }

    /**
     * Stores what the record decided: a move of status (conditional on the status it moves from,
     * with its history entry and events), or the refusal.
     */
    private void apply(Caller caller, Repatriation seen, Step step) {
        switch (step) {
            case Step.Move move -> {
                if (!store.setStatus(
                        seen.id(),
                        move.from(),
                        move.to(),
                        caller.tenant(),
                        caller.username(),
                        move.reason(),
                        now())) {
                    // Cannot happen under the row lock; if it ever does, nothing is written and the
                    // caller reads again.
                    throw new EtagMismatchException();
                }
                move.events()
                        .forEach(
                                event ->
                                        outbox.append(
                                                caller,
                                                seen.ownerCountry(),
                                                RECORD_TYPE,
                                                seen.id().toString(),
                                                event));
            }
            case Step.Refuse refuse -> throw new FailedPreconditionException(refuse.reason());
            default -> throw new IllegalStateException("not a move: " + step);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
