package org.chainbreaker.repatriation.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.LockedRow;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestIds;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.chainbreaker.repatriation.domain.RescueRequest;
import org.chainbreaker.repatriation.domain.RescueRules;
import org.chainbreaker.repatriation.store.RescueStore;
import org.springframework.stereotype.Service;

/**
 * The use cases of emergency rescue requests: raise, read, list, acknowledge, record the outcome
 * (which opens the victim returns); each one transaction on behalf of the caller's country, with
 * its event, and acknowledgements and coordinators' reads audited. Escalation is {@link
 * RescueEscalationTimer}'s.
 */
@Service
public class RescueRegistry {

    static final String RECORD_TYPE = "rescue_request";

    private final RescueStore store;
    private final RepatriationRegistry repatriations;
    private final TenantTransactions transactions;
    private final TenantDirectory tenants;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final RescueProperties properties;

    RescueRegistry(
            RescueStore store,
            RepatriationRegistry repatriations,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit,
            Clock clock,
            RescueProperties properties) {
        this.store = store;
        this.repatriations = repatriations;
        this.transactions = transactions;
        this.tenants = tenants;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Raises an OPEN request to the host; a retry with the same request id returns the first
     * request.
     */
    public RescueRequest create(Caller caller, RescueRequest.Raise raise, String requestId) {
        FieldChecks checks = new FieldChecks();
        RequestIds.check(requestId, checks);
        RescueRules.check(caller.tenant(), raise, tenants::knows, checks);
        checks.throwIfAny();
        RescueRules.mayRaise(caller.roles());
        // The request as it is stored (the store strips the free texts), so that only a different
        // request differs.
        Optional<RequestKey> key =
                RequestKey.of(
                        requestId,
                        raise.hostCountry(),
                        raise.location().country(),
                        raise.location().province().strip(),
                        raise.location().description().strip(),
                        raise.location().latitude(),
                        raise.location().longitude(),
                        raise.estimatedPeople(),
                        raise.nationalities(),
                        raise.source().strip());
        String requesting = caller.tenant();
        UUID id =
                transactions.write(
                        requesting,
                        () -> {
                            Optional<UUID> earlier =
                                    key.flatMap(
                                            k ->
                                                    k.replay(
                                                            store.findByRequestId(
                                                                    requesting, k.id())));
                            if (earlier.isPresent()) {
                                return earlier.get();
                            }
                            Instant now = now();
                            UUID fresh = UUID.randomUUID();
                            if (!store.insert(
                                    new RescueStore.Raised(
                                            fresh,
                                            requesting,
                                            raise,
                                            now.plus(properties.acknowledgeWithin())),
                                    key,
                                    now)) {
                                // A concurrent request with the same request id won the race: its
                                // request, if it was the same.
                                RequestKey k = key.orElseThrow();
                                return k.replay(store.findByRequestId(requesting, k.id()))
                                        .orElseThrow();
                            }
                            outbox.append(
                                    caller,
                                    requesting,
                                    RECORD_TYPE,
                                    fresh.toString(),
                                    "rescue_request.raised");
                            return fresh;
                        });
        return get(caller, id);
    }

    /** Reads a request; reads by coordinators (after escalation) are audited. */
    public RescueRequest get(Caller caller, UUID id) {
        RescueRequest found = visible(caller, id);
        if (!found.isParty(caller.tenant())) {
            transactions.write(
                    caller.tenant(),
                    () ->
                            audit.record(
                                    caller,
                                    AuditAction.READ,
                                    RECORD_TYPE,
                                    id.toString(),
                                    found.requestingCountry(),
                                    ""));
        }
        return found;
    }

    public Page<RescueRequest> list(Caller caller, int pageSize, String pageToken) {
        return transactions.readPage(
                caller.tenant(),
                pageSize,
                pageToken,
                (after, limit) -> store.list(caller.tenant(), after, limit),
                last -> new PageCursor(last.createTime(), last.id()));
    }

    /**
     * OPEN -> ACKNOWLEDGED by a liaison officer of the host; of two at once, one acknowledges and
     * one is refused.
     */
    public RescueRequest acknowledge(Caller caller, UUID id, String etag) {
        return change(
                caller,
                id,
                etag,
                seen -> {
                    RescueRequest.Step.Move move = moveOrRefuse(seen.acknowledge());
                    LockedRow.requireWritten(store.acknowledge(id, caller.username(), now()));
                    audit.record(
                            caller,
                            AuditAction.ACKNOWLEDGE,
                            RECORD_TYPE,
                            id.toString(),
                            seen.requestingCountry(),
                            seen.escalated() ? "after escalation" : "");
                    outbox.append(
                            caller,
                            seen.requestingCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            move.event());
                });
    }

    /**
     * ACKNOWLEDGED -> RESOLVED with the outcome, by a liaison officer of the host, in one
     * transaction with the victim returns it opens: one per nationality that is another member
     * country, each keyed by the rescue request and the nationality, so it is opened once. The same
     * outcome again is answered as it is.
     */
    public RescueRequest recordOutcome(
            Caller caller, UUID id, RescueRequest.Outcome outcome, String etag) {
        FieldChecks checks = new FieldChecks();
        // Not after today anywhere on Earth (UTC+14): the host records the day in its own time
        // zone.
        RescueRules.outcome(outcome, LocalDate.now(clock.withZone(ZoneOffset.ofHours(14))), checks);
        checks.throwIfAny();
        return change(
                caller,
                id,
                etag,
                seen -> {
                    FieldChecks dated = new FieldChecks();
                    RescueRules.outcomeOf(seen, outcome, dated);
                    dated.throwIfAny();
                    RescueRequest.Step step = seen.recordOutcome(outcome);
                    if (step instanceof RescueRequest.Step.Repeat) {
                        return;
                    }
                    RescueRequest.Step.Move move = moveOrRefuse(step);
                    LockedRow.requireWritten(store.resolve(id, outcome, now()));
                    outbox.append(
                            caller,
                            seen.requestingCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            move.event());
                    for (RescueRequest.RescuedGroup group :
                            outcome.returningHomeFrom(seen.hostCountry(), tenants::knows)) {
                        repatriations.openVictimReturn(
                                caller, id, seen.hostCountry(), group.nationality(), group.count());
                    }
                });
    }

    private static RescueRequest.Step.Move moveOrRefuse(RescueRequest.Step step) {
        return switch (step) {
            case RescueRequest.Step.Move move -> move;
            case RescueRequest.Step.Refuse refuse ->
                    throw new FailedPreconditionException(refuse.reason());
            case RescueRequest.Step.Repeat ignored ->
                    throw new IllegalStateException("a repeat moves nothing");
        };
    }

    private RescueRequest visible(Caller caller, UUID id) {
        return transactions
                .read(caller.tenant(), () -> store.find(caller.tenant(), id))
                .orElseThrow(RescueRegistry::notFound);
    }

    /**
     * NOT_FOUND for what the caller cannot see, PERMISSION_DENIED unless a host liaison; then the
     * platform's locked change (lock, read again under the lock, rule, etag), and the work decides
     * on that read (its status updates are conditional on the status read).
     */
    private RescueRequest change(
            Caller caller, UUID id, String etag, Consumer<RescueRequest> work) {
        RescueRules.hostLiaison(visible(caller, id), caller.tenant(), caller.roles());
        transactions.run(
                caller.tenant(),
                () ->
                        work.accept(
                                new LockedRow<>(
                                                id,
                                                () -> store.lock(id),
                                                () -> store.find(caller.tenant(), id),
                                                RescueRequest::version,
                                                RescueRegistry::notFound)
                                        .forChange(
                                                seen ->
                                                        RescueRules.hostLiaison(
                                                                seen,
                                                                caller.tenant(),
                                                                caller.roles()),
                                                etag)));
        return get(caller, id);
    }

    public static NotFoundException notFound() {
        return new NotFoundException("rescue request");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
