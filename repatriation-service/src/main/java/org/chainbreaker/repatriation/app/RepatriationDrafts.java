package org.chainbreaker.repatriation.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.RequestIds;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.chainbreaker.repatriation.domain.ArrestTransfer;
import org.chainbreaker.repatriation.domain.FugitiveCheck;
import org.chainbreaker.repatriation.domain.Kind;
import org.chainbreaker.repatriation.domain.Logistics;
import org.chainbreaker.repatriation.domain.NewRepatriation;
import org.chainbreaker.repatriation.domain.Repatriation;
import org.chainbreaker.repatriation.domain.RepatriationPermissions;
import org.chainbreaker.repatriation.domain.RepatriationRules;
import org.chainbreaker.repatriation.domain.RepatriationStatus;
import org.chainbreaker.repatriation.domain.Transition;
import org.chainbreaker.repatriation.domain.VictimGroup;
import org.chainbreaker.repatriation.domain.WantedPersonCheck;
import org.chainbreaker.repatriation.store.RepatriationStore;
import org.springframework.stereotype.Service;

/**
 * Opening repatriations: a DRAFT by a caller (with the check of a linked wanted person) and a
 * rescue's victim return; a request id opens at most one.
 */
@Service
public class RepatriationDrafts {

    private final RepatriationStore store;
    private final WantedPersonChecks wanted;
    private final TenantTransactions transactions;
    private final TenantDirectory tenants;
    private final Outbox outbox;
    private final Clock clock;
    private final RepatriationReads reads;

    RepatriationDrafts(
            RepatriationStore store,
            WantedPersonChecks wanted,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            Clock clock,
            RepatriationReads reads) {
        this.store = store;
        this.wanted = wanted;
        this.transactions = transactions;
        this.tenants = tenants;
        this.outbox = outbox;
        this.clock = clock;
        this.reads = reads;
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
            return reads.get(caller, earlier.get());
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
                                                            RepatriationRegistry.RECORD_TYPE,
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
        return reads.get(caller, id);
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
                                                RepatriationRegistry.RECORD_TYPE,
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
        return RequestKey.once(
                key,
                id -> store.findByRequestId(owner, id),
                () -> {
                    Instant now = now();
                    UUID fresh = UUID.randomUUID();
                    if (!store.insert(
                            new RepatriationStore.Draft(fresh, owner, draft, check, reference),
                            key,
                            now)) {
                        // A concurrent request with the same request id won the race: its record,
                        // if it was the same request.
                        return Optional.empty();
                    }
                    store.replaceLogistics(fresh, draft.logistics());
                    store.addHistory(
                            fresh,
                            new Transition(
                                    "",
                                    RepatriationStatus.DRAFT,
                                    owner,
                                    caller.username(),
                                    now,
                                    ""));
                    outbox.append(
                            caller,
                            owner,
                            RepatriationRegistry.RECORD_TYPE,
                            fresh.toString(),
                            RepatriationStatus.DRAFT.event());
                    andThen.accept(fresh);
                    return Optional.of(fresh);
                });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
