package org.chainbreaker.repatriation.app;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditEntry;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.audit.ChainVerification;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.repatriation.domain.ArrestTransfer;
import org.chainbreaker.repatriation.domain.CustodyTransfer;
import org.chainbreaker.repatriation.domain.Handover;
import org.chainbreaker.repatriation.domain.Logistics;
import org.chainbreaker.repatriation.domain.NewRepatriation;
import org.chainbreaker.repatriation.domain.Repatriation;
import org.chainbreaker.repatriation.domain.RepatriationPermissions;
import org.chainbreaker.repatriation.domain.RepatriationRules;
import org.chainbreaker.repatriation.domain.RepatriationStatus;
import org.chainbreaker.repatriation.domain.Side;
import org.chainbreaker.repatriation.domain.Step;
import org.chainbreaker.repatriation.domain.WantedPersonCheck;
import org.chainbreaker.repatriation.store.Asker;
import org.chainbreaker.repatriation.store.CustodyDeliveryStore;
import org.chainbreaker.repatriation.store.FugitiveCheckStore;
import org.chainbreaker.repatriation.store.RepatriationStore;
import org.springframework.stereotype.Service;

/**
 * The use cases of repatriations: open ({@link RepatriationDrafts}), read ({@link
 * RepatriationReads}), plan, and every step of the two-country workflow (here, within the frame of
 * {@link RepatriationChanges}); each one transaction on behalf of the caller's country, every step
 * recorded in the history, published as an event, and approvals and rejections audited.
 */
@Service
public class RepatriationRegistry {

    static final String RECORD_TYPE = "repatriation";
    private final RepatriationStore store;
    private final FugitiveCheckStore checks;
    private final WantedPersonChecks wanted;
    private final TenantTransactions transactions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final CustodyDeliveryStore deliveries;
    private final CustodyTransferRelay relay;
    private final RepatriationDrafts drafts;
    private final RepatriationReads reads;
    private final RepatriationChanges changes;

    RepatriationRegistry(
            RepatriationStore store,
            FugitiveCheckStore checks,
            WantedPersonChecks wanted,
            TenantTransactions transactions,
            Outbox outbox,
            AuditTrail audit,
            Clock clock,
            CustodyDeliveryStore deliveries,
            CustodyTransferRelay relay,
            RepatriationDrafts drafts,
            RepatriationReads reads,
            RepatriationChanges changes) {
        this.store = store;
        this.checks = checks;
        this.wanted = wanted;
        this.transactions = transactions;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.deliveries = deliveries;
        this.relay = relay;
        this.drafts = drafts;
        this.reads = reads;
        this.changes = changes;
    }

    /** See {@link RepatriationDrafts#create}. */
    public Repatriation create(Caller caller, NewRepatriation draft, String requestId) {
        return drafts.create(caller, draft, requestId);
    }

    void openVictimReturn(Caller caller, UUID rescueRequestId, String host, String to, int count) {
        drafts.openVictimReturn(caller, rescueRequestId, host, to, count);
    }

    /** See {@link RepatriationDrafts#openFromArrest}. */
    UUID openFromArrest(Caller caller, ArrestTransfer.Open open) {
        return drafts.openFromArrest(caller, open);
    }

    /**
     * Cancels a DRAFT an arrest opened because the fugitive-service no longer supports it (the
     * notice was cancelled): a consequence of the owner's act, told by the relay, so no role or
     * side is asked of the caller beyond seeing it. Anything past DRAFT is left to the workflow.
     */
    void closeFromArrest(Caller caller, UUID id, String reason) {
        changes.change(
                caller,
                id,
                "",
                seen -> {},
                seen -> {
                    if (seen.closesWhenTheArrestEnds()) {
                        changes.apply(caller, seen, seen.cancel(reason));
                        checks.remove(id);
                    }
                });
    }

    /** See {@link RepatriationReads#get}. */
    public Repatriation get(Caller caller, UUID id) {
        return reads.get(caller, id);
    }

    public List<AuditEntry> readsOf(Caller caller, UUID id) {
        return reads.readsOf(caller, id);
    }

    public Page<Repatriation> list(Caller caller, int pageSize, String pageToken) {
        return reads.list(caller, pageSize, pageToken);
    }

    public ChainVerification verifyAuditTrail(Caller caller) {
        return reads.verifyAuditTrail(caller);
    }

    /**
     * Replaces the plan (and a victim return's count); liaison officers of either side, until
     * scheduled. A change of plan withdraws the escort waivers and, once a side approved, both
     * approvals: back to REQUESTED, with a history entry, an event both sides see and an audit
     * entry.
     */
    public Repatriation updateLogistics(
            Caller caller, UUID id, Logistics logistics, int victimCount, String etag) {
        return changes.change(
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
                    store.touch(id, changes.now());
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
                                        changes.apply(caller, seen, back);
                                    });
                });
    }

    /** The caller's side waives the two-escort requirement (effective once both sides did). */
    public Repatriation waiveEscorts(Caller caller, UUID id, String etag) {
        return changes.change(
                caller,
                id,
                etag,
                seen -> RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles()),
                seen -> {
                    if (seen.waiveEscorts(seen.sideOf(caller.tenant()).orElseThrow())
                            instanceof Step.Refuse refuse) {
                        throw new FailedPreconditionException(refuse.reason());
                    }
                    store.waiveEscorts(
                            id, seen.sideOf(caller.tenant()).orElseThrow(), changes.now());
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
        Repatriation before = reads.visible(caller, id);
        RepatriationPermissions.mayHandleDraft(before, caller.tenant(), caller.roles());
        if (before.checksWantedPersonAgainOnSubmit()) {
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
        return changes.change(
                caller,
                id,
                etag,
                seen ->
                        RepatriationPermissions.mayHandleDraft(
                                seen, caller.tenant(), caller.roles()),
                seen -> changes.apply(caller, seen, seen.submit()));
    }

    /**
     * One side's approval, by that side's liaison; the second side's approval clears the
     * repatriation, once.
     */
    public Repatriation approve(Caller caller, UUID id, String etag) {
        return changes.change(
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
                    changes.apply(caller, seen, step);
                });
    }

    public Repatriation reject(Caller caller, UUID id, String reason, String etag) {
        new FieldChecks().text(reason, "reason", 1).throwIfAny();
        return changes.change(
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
                    changes.apply(caller, seen, step);
                });
    }

    /** CLEARED -> SCHEDULED; the wanted person is checked again first, with the caller's token. */
    public Repatriation schedule(Caller caller, UUID id, String etag) {
        return changes.checkedChange(
                caller,
                id,
                etag,
                new RepatriationChanges.CheckedStep(
                        RepatriationStatus.CLEARED, "be scheduled", false),
                seen -> RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles()),
                seen -> changes.apply(caller, seen, seen.schedule(clock.instant())));
    }

    /** SCHEDULED -> IN_TRANSIT by the sending side; the wanted person is checked again first. */
    public Repatriation startTransit(Caller caller, UUID id, String etag) {
        return changes.checkedChange(
                caller,
                id,
                etag,
                new RepatriationChanges.CheckedStep(
                        RepatriationStatus.SCHEDULED, "start its journey", false),
                seen ->
                        RepatriationPermissions.liaisonOf(
                                seen, Side.SENDING, caller.tenant(), caller.roles()),
                seen -> changes.apply(caller, seen, seen.startTransit()));
    }

    /**
     * Custody handed over, by the receiving side. The wanted person is checked again first (if the
     * fugitive-service cannot answer, the handover, which happened, is recorded all the same). For
     * a linked wanted person, the delivery of the transfer to the fugitive-service is committed in
     * the same transaction (the state machine refuses a second handover, so there is one delivery);
     * {@link CustodyTransferRelay} sends it with this officer's token until it is acknowledged.
     */
    public Repatriation recordHandover(Caller caller, UUID id, Handover handover, String etag) {
        return changes.checkedChange(
                caller,
                id,
                etag,
                new RepatriationChanges.CheckedStep(
                        RepatriationStatus.IN_TRANSIT, "be handed over", true),
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
                    changes.apply(caller, seen, step);
                    if (seen.deliversCustodyAtHandover()) {
                        deliveries.savePending(
                                new CustodyTransfer(
                                        id,
                                        seen.wantedPersonId().get(),
                                        handover.time(),
                                        seen.sendingCountry(),
                                        seen.receivingCountry()),
                                Asker.of(caller),
                                changes.now());
                    }
                });
    }

    /**
     * Sends a PENDING custody transfer now (on behalf of the officer who recorded the handover). A
     * liaison officer of the receiving country, whose country recorded the handover.
     */
    public Repatriation retryCustodyTransfer(Caller caller, UUID id) {
        Repatriation seen = reads.visible(caller, id);
        RepatriationPermissions.liaisonOf(seen, Side.RECEIVING, caller.tenant(), caller.roles());
        seen.refusesCustodyRetry()
                .ifPresent(
                        refusal -> {
                            throw refusal;
                        });
        relay.deliverNow(caller.tenant(), id);
        return reads.get(caller, id);
    }

    /**
     * HANDED_OVER -> COMPLETED once the custody transfer is settled (saying so plainly if it was
     * refused).
     */
    public Repatriation complete(Caller caller, UUID id, String etag) {
        return changes.change(
                caller,
                id,
                etag,
                seen ->
                        RepatriationPermissions.liaisonOf(
                                seen, Side.RECEIVING, caller.tenant(), caller.roles()),
                seen -> changes.apply(caller, seen, seen.complete()));
    }

    /**
     * Cancels before transit: a liaison of either side, or the owning country while it is a DRAFT.
     */
    public Repatriation cancel(Caller caller, UUID id, String reason, String etag) {
        new FieldChecks().text(reason, "reason", 1).throwIfAny();
        return changes.change(
                caller,
                id,
                etag,
                seen -> RepatriationPermissions.mayCancel(seen, caller.tenant(), caller.roles()),
                seen -> {
                    changes.apply(caller, seen, seen.cancel(reason.strip()));
                    checks.remove(id);
                });
    }
}
