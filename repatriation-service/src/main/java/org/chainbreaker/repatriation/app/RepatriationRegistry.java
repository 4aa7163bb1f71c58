package org.chainbreaker.repatriation.app;

import org.chainbreaker.platform.records.RequestIds;
import org.chainbreaker.platform.records.PageCursor;
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
import org.chainbreaker.platform.audit.ChainVerification;
import org.chainbreaker.platform.errors.EtagMismatchException;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.chainbreaker.repatriation.domain.CustodyDelivery;
import org.chainbreaker.repatriation.domain.FugitiveCheck;
import org.chainbreaker.repatriation.domain.FugitiveLookup;
import org.chainbreaker.repatriation.domain.FugitiveRecords;
import org.chainbreaker.repatriation.domain.Handover;
import org.chainbreaker.repatriation.domain.Kind;
import org.chainbreaker.repatriation.domain.VictimGroup;
import org.chainbreaker.repatriation.domain.Logistics;
import org.chainbreaker.repatriation.domain.NewRepatriation;
import org.chainbreaker.repatriation.domain.Page;
import org.chainbreaker.repatriation.domain.Repatriation;
import org.chainbreaker.repatriation.domain.RepatriationPermissions;
import org.chainbreaker.repatriation.domain.RepatriationRules;
import org.chainbreaker.repatriation.domain.RepatriationStatus;
import org.chainbreaker.repatriation.domain.Side;
import org.chainbreaker.repatriation.store.CustodyDeliveryStore;
import org.chainbreaker.repatriation.store.FugitiveCheckStore;
import org.chainbreaker.repatriation.store.RepatriationStore;
import org.springframework.stereotype.Service;

/**
 * The use cases of repatriations: open, read, list, plan, and every step of the two-country workflow; each one
 * transaction on behalf of the caller's country, every step recorded in the history, published as an event, and
 * approvals and rejections audited.
 */
@Service
public class RepatriationRegistry {

    static final String RECORD_TYPE = "repatriation";

    private final RepatriationStore store;
    private final FugitiveCheckStore checks;
    private final FugitiveRecords fugitives;
    private final TenantTransactions transactions;
    private final TenantDirectory tenants;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final RepatriationProperties properties;
    private final CustodyDeliveryStore deliveries;
    private final CustodyTransferRelay relay;

    RepatriationRegistry(RepatriationStore store, FugitiveCheckStore checks, FugitiveRecords fugitives,
                         TenantTransactions transactions, TenantDirectory tenants, Outbox outbox, AuditTrail audit,
                         Clock clock, RepatriationProperties properties, CustodyDeliveryStore deliveries,
                         CustodyTransferRelay relay) {
        this.store = store;
        this.checks = checks;
        this.fugitives = fugitives;
        this.transactions = transactions;
        this.tenants = tenants;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.deliveries = deliveries;
        this.relay = relay;
    }

    /**
     * Opens a DRAFT; a retry with the same request id returns the repatriation the first call opened (and asks the
     * fugitive-service nothing). A linked wanted person is checked with the caller's token; if the fugitive-service
     * cannot answer, the DRAFT is accepted with the check PENDING.
     */
    public Repatriation create(Caller caller, NewRepatriation draft, String requestId) {
        FieldChecks fieldChecks = new FieldChecks();
        RequestIds.check(requestId, fieldChecks);
        RepatriationRules.check(draft, "repatriation.", tenants::knows, fieldChecks);
        fieldChecks.throwIfAny();
        RepatriationPermissions.mayOpen(caller.roles(), caller.tenant(), draft.sendingCountry(), draft.receivingCountry());
        Optional<String> key = RequestIds.of(requestId);
        String owner = caller.tenant();
        Optional<UUID> earlier = key.flatMap(k -> transactions.read(owner, () -> store.findByRequestId(owner, k)));
        if (earlier.isPresent()) {
            return get(caller, earlier.get());
        }
        FugitiveCheck check = FugitiveCheck.NOT_APPLICABLE;
        String reference = "";
        String pendingReason = "";
        if (draft.wantedPersonId().isPresent()) {
            FugitiveLookup lookup = fugitives.lookup(caller, draft.wantedPersonId().get());
            switch (lookup) {
                case FugitiveLookup.Found found when found.arrested() -> {
                    check = FugitiveCheck.CONFIRMED;
                    reference = found.reference();
                }
                case FugitiveLookup.Found found -> throw new FailedPreconditionException(
                        "the wanted person is not recorded as arrested in the fugitive-service");
                case FugitiveLookup.NotVisible ignored -> throw InvalidArgumentException.of("repatriation.wanted_person_id",
                        "names no wanted person your country may see in the fugitive-service");
                case FugitiveLookup.Unavailable unavailable -> {
                    check = FugitiveCheck.PENDING;
                    pendingReason = unavailable.reason();
                }
            }
        }
        FugitiveCheck settled = check;
        String settledReference = reference;
        String reason = pendingReason;
        UUID id = transactions.write(owner, () -> insertDraft(caller, draft, settled, settledReference, key, fresh -> {
            if (settled == FugitiveCheck.PENDING) {
                keepPending(caller, fresh, draft.wantedPersonId().orElseThrow(), now(), reason);
                outbox.append(caller, owner, RECORD_TYPE, fresh.toString(), "repatriation.fugitive_check_pending");
            }
        }));
        return get(caller, id);
    }

    /**
     * Opens, inside the caller's transaction, the DRAFT return of {@code count} victims of nationality {@code to}
     * rescued in {@code host}, linked to the rescue request; once per rescue request and nationality (the pair is
     * its request id), so a repeat opens nothing.
     */
    void openVictimReturn(Caller caller, UUID rescueRequestId, String host, String to, int count) {
        NewRepatriation draft = new NewRepatriation(Kind.VICTIM_RETURN, host, to, List.of(), Optional.empty(), List.of(),
                new VictimGroup(count, List.of(to), List.of(), List.of()), Logistics.EMPTY);
        insertDraft(caller, draft, FugitiveCheck.NOT_APPLICABLE, "",
                Optional.of("rescue:" + rescueRequestId + ":" + to), fresh -> store.linkToRescue(fresh, rescueRequestId));
    }

    /** Inserts a DRAFT owned by the caller's country unless its request id was used; returns its id either way. */
    private UUID insertDraft(Caller caller, NewRepatriation draft, FugitiveCheck check, String reference,
                             Optional<String> key, Consumer<UUID> andThen) {
        String owner = caller.tenant();
        Optional<UUID> earlier = key.flatMap(k -> store.findByRequestId(owner, k));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant now = now();
        UUID fresh = UUID.randomUUID();
        if (!store.insert(fresh, owner, draft, check, reference, key, now)) {
            return store.findByRequestId(owner, key.orElseThrow()).orElseThrow();
        }
        store.replaceLogistics(fresh, draft.logistics());
        store.addHistory(fresh, "", RepatriationStatus.DRAFT, owner, caller.username(), "", now);
        outbox.append(caller, owner, RECORD_TYPE, fresh.toString(), RepatriationStatus.DRAFT.event());
        andThen.accept(fresh);
        return fresh;
    }

    /** Reads a repatriation; reads by transit countries and coordinators are audited, and transit countries see less. */
    public Repatriation get(Caller caller, UUID id) {
        Repatriation found = transactions.read(caller.tenant(), () -> store.find(caller.tenant(), id))
                .orElseThrow(RepatriationPermissions::notFound);
        if (found.isParty(caller.tenant())) {
            renewDeliveryToken(caller, found);
            return found;
        }
        transactions.write(caller.tenant(), () ->
                audit.record(caller, AuditAction.READ, RECORD_TYPE, id.toString(), found.ownerCountry(), ""));
        return forOutsider(found, caller.tenant());
    }

    /** Who outside the two countries read a repatriation. The country that opened it only (it owns its audit). */
    public List<AuditEntry> readsOf(Caller caller, UUID id) {
        return transactions.read(caller.tenant(), () -> {
            Repatriation found = store.find(caller.tenant(), id).orElseThrow(RepatriationPermissions::notFound);
            if (!found.ownerCountry().equals(caller.tenant())) {
                throw new PermissionDeniedException("only the country that opened this request may see who read it");
            }
            return audit.byOthersOn(found.ownerCountry(), RECORD_TYPE, id.toString()).stream()
                    .filter(e -> e.action().equals(AuditAction.READ.name()))
                    .toList();
        });
    }

    public Page<Repatriation> list(Caller caller, int pageSize, String pageToken) {
        new FieldChecks().require(pageSize >= 0, "page_size", "must not be negative").throwIfAny();
        int size = pageSize == 0 ? 50 : Math.min(pageSize, 200);
        Optional<PageCursor> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty() : Optional.of(PageCursor.decode(pageToken));
        List<Repatriation> found = transactions.read(caller.tenant(), () -> store.list(caller.tenant(), after, size + 1))
                .stream().map(r -> r.isParty(caller.tenant()) ? r : forOutsider(r, caller.tenant())).toList();
        if (found.size() <= size) {
            return new Page<>(found, Optional.empty());
        }
        List<Repatriation> page = found.subList(0, size);
        return new Page<>(page, Optional.of(new PageCursor(page.getLast().createTime(), page.getLast().id())));
    }

    private static Repatriation forOutsider(Repatriation r, String tenant) {
        return r.transitCountries().contains(tenant) ? r.withheldForTransit() : r;
    }

    /** Replaces the plan; liaison officers of either side, until scheduled. */
    public Repatriation updateLogistics(Caller caller, UUID id, Logistics logistics, String etag) {
        return change(caller, id, etag, seen -> {
            RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles());
            FieldChecks fieldChecks = new FieldChecks();
            RepatriationRules.logistics(logistics, "logistics.", seen.kind(), seen.sendingCountry(),
                    seen.receivingCountry(), fieldChecks);
            fieldChecks.throwIfAny();
        }, seen -> {
            if (!seen.status().logisticsOpen()) {
                throw new FailedPreconditionException("the logistics of a " + seen.status() + " repatriation are fixed");
            }
            store.replaceLogistics(id, logistics);
            store.touch(id, now());
            outbox.append(caller, seen.ownerCountry(), RECORD_TYPE, id.toString(), "repatriation.logistics_updated");
        });
    }

    /** The caller's side waives the two-escort requirement (effective once both sides did). */
    public Repatriation waiveEscorts(Caller caller, UUID id, String etag) {
        return change(caller, id, etag, seen -> RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles()),
                seen -> {
                    if (!seen.kind().movesASuspect()) {
                        throw new FailedPreconditionException("escorts are required only for suspects");
                    }
                    if (!seen.status().logisticsOpen()) {
                        throw new FailedPreconditionException("the logistics of a " + seen.status() + " repatriation are fixed");
                    }
                    Side side = seen.sideOf(caller.tenant()).orElseThrow();
                    store.waiveEscorts(id, side, now());
                    outbox.append(caller, seen.ownerCountry(), RECORD_TYPE, id.toString(), "repatriation.escorts_waived");
                });
    }

    /** DRAFT -> REQUESTED by the owning country; a PENDING fugitive check is made again now, with the caller's token. */
    public Repatriation submit(Caller caller, UUID id, String etag) {
        Repatriation before = visible(caller, id);
        RepatriationPermissions.mayHandleDraft(before, caller.tenant(), caller.roles());
        if (before.fugitiveCheck() == FugitiveCheck.PENDING && before.status() == RepatriationStatus.DRAFT) {
            FugitiveLookup lookup = fugitives.lookup(caller, before.wantedPersonId().orElseThrow());
            transactions.write(caller.tenant(), () -> {
                if (lookup instanceof FugitiveLookup.Unavailable unavailable) {
                    keepPending(caller, id, before.wantedPersonId().orElseThrow(), now(), unavailable.reason());
                } else {
                    settle(caller, before, lookup);
                }
                return null;
            });
        }
        return change(caller, id, etag, seen -> RepatriationPermissions.mayHandleDraft(seen, caller.tenant(), caller.roles()),
                seen -> {
                    switch (seen.fugitiveCheck()) {
                        case PENDING -> throw new FailedPreconditionException(
                                "the wanted person's check in the fugitive-service is still pending; try again later");
                        case REFUSED -> throw new FailedPreconditionException(
                                "the fugitive-service does not record the wanted person as arrested");
                        default -> {
                        }
                    }
                    step(caller, seen, RepatriationStatus.REQUESTED, "");
                });
    }

    /** One side's approval, by that side's liaison; the second side's approval clears the repatriation, once. */
    public Repatriation approve(Caller caller, UUID id, String etag) {
        return change(caller, id, etag, seen -> RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles()),
                seen -> {
                    Side side = seen.sideOf(caller.tenant()).orElseThrow();
                    RepatriationStatus target = seen.status().approvedBy(side);
                    audit.record(caller, AuditAction.APPROVE, RECORD_TYPE, id.toString(), seen.ownerCountry(),
                            side.name().toLowerCase() + " side");
                    step(caller, seen, target, "");
                    if (target == RepatriationStatus.CLEARED) {
                        // The approval itself is an event too, so each side's approval is announced exactly once.
                        outbox.append(caller, seen.ownerCountry(), RECORD_TYPE, id.toString(),
                                (side == Side.SENDING ? RepatriationStatus.APPROVED_BY_SENDING
                                        : RepatriationStatus.APPROVED_BY_RECEIVING).event());
                    }
                });
    }

    public Repatriation reject(Caller caller, UUID id, String reason, String etag) {
        new FieldChecks().text(reason, "reason", 1, 500).throwIfAny();
        return change(caller, id, etag, seen -> RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles()),
                seen -> {
                    seen.status().moveTo(RepatriationStatus.REJECTED);
                    audit.record(caller, AuditAction.REJECT, RECORD_TYPE, id.toString(), seen.ownerCountry(), reason.strip());
                    step(caller, seen, RepatriationStatus.REJECTED, reason.strip());
                });
    }

    public Repatriation schedule(Caller caller, UUID id, String etag) {
        return change(caller, id, etag, seen -> RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles()),
                seen -> {
                    seen.status().moveTo(RepatriationStatus.SCHEDULED);
                    RepatriationRules.readyToSchedule(seen);
                    step(caller, seen, RepatriationStatus.SCHEDULED, "");
                });
    }

    public Repatriation startTransit(Caller caller, UUID id, String etag) {
        return change(caller, id, etag,
                seen -> RepatriationPermissions.liaisonOf(seen, Side.SENDING, caller.tenant(), caller.roles()),
                seen -> step(caller, seen, RepatriationStatus.IN_TRANSIT, ""));
    }

    /**
     * Custody handed over, by the receiving side. For a linked wanted person, the delivery of the transfer to the
     * fugitive-service is committed in the same transaction (the state machine refuses a second handover, so there
     * is one delivery); {@link CustodyTransferRelay} sends it with this officer's token until it is acknowledged.
     */
    public Repatriation recordHandover(Caller caller, UUID id, Handover handover, String etag) {
        return change(caller, id, etag,
                seen -> RepatriationPermissions.liaisonOf(seen, Side.RECEIVING, caller.tenant(), caller.roles()),
                seen -> {
                    seen.status().moveTo(RepatriationStatus.HANDED_OVER);
                    FieldChecks fieldChecks = new FieldChecks();
                    RepatriationRules.handover(handover, seen, clock.instant(), fieldChecks);
                    fieldChecks.throwIfAny();
                    store.setHandover(id, handover);
                    step(caller, seen, RepatriationStatus.HANDED_OVER, "");
                    if (seen.wantedPersonId().isPresent() && seen.fugitiveCheck() == FugitiveCheck.CONFIRMED) {
                        deliveries.savePending(id, seen.wantedPersonId().get(), handover.time(), seen.sendingCountry(),
                                seen.receivingCountry(), caller.tenant(), caller.username(), caller.clientId(),
                                caller.token(), Tokens.expiry(caller.token()), now());
                    }
                });
    }

    /**
     * Sends a PENDING custody transfer now, with the caller's token (which replaces the stored one if it is valid
     * longer). A liaison officer of the receiving country, whose country recorded the handover.
     */
    public Repatriation retryCustodyTransfer(Caller caller, UUID id) {
        Repatriation seen = visible(caller, id);
        RepatriationPermissions.liaisonOf(seen, Side.RECEIVING, caller.tenant(), caller.roles());
        boolean pending = seen.custodyDelivery().map(d -> d.state() == CustodyDelivery.State.PENDING).orElse(false);
        if (!pending) {
            throw new FailedPreconditionException("no custody transfer of this repatriation is waiting for delivery");
        }
        renewDeliveryToken(caller, seen);
        relay.deliverNow(caller.tenant(), id);
        return get(caller, id);
    }

    /**
     * A liaison officer of the country whose officer recorded the handover may stand in for that officer: the
     * relay then acts with this newer token (and tries at once), so a delivery never waits on an expired token
     * longer than until the next such call.
     */
    private void renewDeliveryToken(Caller caller, Repatriation found) {
        boolean pending = found.custodyDelivery().map(d -> d.state() == CustodyDelivery.State.PENDING).orElse(false);
        if (pending && caller.tenant().equals(found.receivingCountry()) && caller.hasRole("liaison")) {
            transactions.write(caller.tenant(), () -> deliveries.renewToken(found.id(), caller.username(),
                    caller.clientId(), caller.token(), Tokens.expiry(caller.token()), now()));
        }
    }

    public Repatriation complete(Caller caller, UUID id, String etag) {
        return change(caller, id, etag,
                seen -> RepatriationPermissions.liaisonOf(seen, Side.RECEIVING, caller.tenant(), caller.roles()),
                seen -> step(caller, seen, RepatriationStatus.COMPLETED, ""));
    }

    /** Cancels before transit: a liaison of either side, or the owning country while it is a DRAFT. */
    public Repatriation cancel(Caller caller, UUID id, String reason, String etag) {
        new FieldChecks().text(reason, "reason", 1, 500).throwIfAny();
        return change(caller, id, etag, seen -> {
            if (seen.status() == RepatriationStatus.DRAFT && seen.ownerCountry().equals(caller.tenant())) {
                RepatriationPermissions.mayHandleDraft(seen, caller.tenant(), caller.roles());
            } else {
                RepatriationPermissions.liaisonOf(seen, caller.tenant(), caller.roles());
            }
        }, seen -> {
            step(caller, seen, RepatriationStatus.CANCELLED, reason.strip());
            checks.remove(id);
        });
    }

    public ChainVerification verifyAuditTrail(Caller caller) {
        if (!caller.hasRole("admin") && !caller.hasRole("coordinator")) {
            throw new PermissionDeniedException("verifying the audit trail needs the admin or coordinator role");
        }
        ChainVerification result = transactions.read(caller.tenant(), audit::verify);
        transactions.write(caller.tenant(), () -> audit.record(caller, AuditAction.VERIFY_CHAIN, "audit_trail",
                "repatriation", caller.tenant(), result.summary()));
        return result;
    }

    /**
     * Settles a PENDING check with the fugitive-service's answer, inside the caller's transaction. Effects (the
     * status of the check, its event) happen only for the settlement that found it still PENDING.
     */
    void settle(Caller actor, Repatriation seen, FugitiveLookup lookup) {
        UUID id = seen.id();
        switch (lookup) {
            case FugitiveLookup.Found found when found.arrested() -> {
                if (store.settleFugitiveCheck(id, FugitiveCheck.CONFIRMED, found.reference(), now())) {
                    outbox.append(actor, seen.ownerCountry(), RECORD_TYPE, id.toString(), "repatriation.fugitive_check_confirmed");
                }
                checks.remove(id);
            }
            case FugitiveLookup.Found ignored -> refuse(actor, seen);
            case FugitiveLookup.NotVisible ignored -> refuse(actor, seen);
            case FugitiveLookup.Unavailable ignored -> throw new IllegalStateException("an unavailable answer settles nothing");
        }
    }

    private void refuse(Caller actor, Repatriation seen) {
        if (store.settleFugitiveCheck(seen.id(), FugitiveCheck.REFUSED, "", now())) {
            outbox.append(actor, seen.ownerCountry(), RECORD_TYPE, seen.id().toString(), "repatriation.fugitive_check_refused");
        }
        checks.remove(seen.id());
    }

    /** Keeps the check pending, to be made again later on behalf of this caller while the caller's token is valid. */
    private void keepPending(Caller caller, UUID id, UUID wantedPersonId, Instant now, String reason) {
        checks.savePending(id, wantedPersonId, caller.tenant(), caller.username(), caller.clientId(), caller.token(),
                Tokens.expiry(caller.token()), now.plus(properties.reconcileInterval()), reason);
    }

    private Repatriation visible(Caller caller, UUID id) {
        return transactions.read(caller.tenant(), () -> store.find(caller.tenant(), id))
                .orElseThrow(RepatriationPermissions::notFound);
    }

    /**
     * The frame of every change: NOT_FOUND for what the caller cannot see, PERMISSION_DENIED for what it sees but
     * may not change, then the row lock, a fresh read under it, the etag, and the change itself.
     */
    private Repatriation change(Caller caller, UUID id, String etag, Consumer<Repatriation> permitted,
                                Consumer<Repatriation> work) {
        permitted.accept(visible(caller, id));
        transactions.write(caller.tenant(), () -> {
            store.lockVersion(id).orElseThrow(RepatriationPermissions::notFound);
            Repatriation seen = store.find(caller.tenant(), id).orElseThrow(RepatriationPermissions::notFound);
            if (etag != null && !etag.isEmpty() && !etag.equals(seen.etag())) {
                throw new EtagMismatchException();
            }
            permitted.accept(seen);
            work.accept(seen);
            return null;
        });
        return get(caller, id);
    }

    /** A checked step of the workflow, with its history entry and event. */
    private void step(Caller caller, Repatriation seen, RepatriationStatus target, String reason) {
        seen.status().moveTo(target);
        store.setStatus(seen.id(), seen.status(), target, caller.tenant(), caller.username(), reason, now());
        outbox.append(caller, seen.ownerCountry(), RECORD_TYPE, seen.id().toString(), target.event());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
