package org.chainbreaker.platform.requests.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.errors.EtagMismatchException;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.errors.ResourceExhaustedException;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RecordIds;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.requests.Answer;
import org.chainbreaker.platform.requests.Ask;
import org.chainbreaker.platform.requests.CooperationRequest;
import org.chainbreaker.platform.requests.NewCooperationRequest;
import org.chainbreaker.platform.requests.RequestStep;
import org.chainbreaker.platform.requests.Subject;
import org.chainbreaker.platform.requests.store.CooperationRequestTable;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;

/**
 * The use cases of cooperation requests, the same in every service that owns records: ask, read,
 * list, answer, reply, withdraw, escalate. Each is one transaction for the caller's country: load
 * (under the row lock for a change), let the request's rules decide, store conditionally on the
 * state decided on, emit the event (to both parties: the request's visibility decides who reads it)
 * and the audit entry. What a grant creates is the service's ({@link Granting}), run in the same
 * transaction, so a grant that its sharing rules refuse changes nothing.
 */
public final class CooperationDesk {

    public static final String RECORD_TYPE = "cooperation_request";

    /**
     * What a service does when the owner grants: the share or visibility grant, through its
     * direct-share rules.
     */
    @FunctionalInterface
    public interface Granting {
        void grant(Caller owner, UUID subjectId, CooperationRequest granted, Answer answer);
    }

    /**
     * Per-service settings: the asks its records allow and the rate limit per requesting country
     * and target.
     */
    public record Settings(Set<Ask> allowedAsks, int perTargetPerDay) {}

    /**
     * One kind of record a service's requests may be about ({@code case}, {@code scam_centre},
     * ...): the asks it allows and what a grant creates. The mechanics are the same for every kind.
     */
    public record SubjectRules(Set<Ask> allowedAsks, Granting granting) {}

    private final CooperationRequestTable table;
    private final TenantTransactions transactions;
    private final TenantDirectory tenants;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final int perTargetPerDay;
    private final Map<String, SubjectRules> kinds;

    /**
     * What every service's desk works with: the request table, the tenant's transactions and
     * directory, the outbox, the audit trail and the clock (one bean, {@link CooperationTimers}).
     */
    public record Machinery(
            CooperationRequestTable table,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit,
            Clock clock) {}

    /** A desk for a service whose requests are about one kind of record. */
    public CooperationDesk(
            Machinery machinery, Settings settings, Granting granting, String subjectKind) {
        this(
                machinery,
                settings.perTargetPerDay(),
                Map.of(subjectKind, new SubjectRules(settings.allowedAsks(), granting)));
    }

    /**
     * A desk for a service whose requests are about several kinds of record (one table, the kind
     * stored with each request).
     */
    public CooperationDesk(
            Machinery machinery, int perTargetPerDay, Map<String, SubjectRules> kinds) {
        this.table = machinery.table();
        this.transactions = machinery.transactions();
        this.tenants = machinery.tenants();
        this.outbox = machinery.outbox();
        this.audit = machinery.audit();
        this.clock = machinery.clock();
        this.perTargetPerDay = perTargetPerDay;
        this.kinds = Map.copyOf(kinds);
    }

    static NotFoundException notFound() {
        return new NotFoundException("cooperation request");
    }

    static NotFoundException subjectNotFound(String kind) {
        return new NotFoundException(kind);
    }

    public static UUID requestId(String value) {
        return RecordIds.parse("id", value, CooperationDesk::notFound);
    }

    /**
     * Sends a request. Invalid input is refused before anything is read; a reference the
     * requester's country may not ask about is NOT_FOUND whether it exists or not; the rate limit
     * counts only requests stored, so it too answers alike for a target that does not exist (never
     * stored) and one the requester has not asked about yet.
     */
    public CooperationRequest ask(Caller caller, NewCooperationRequest draft) {
        if (caller.roles().stream()
                .noneMatch(Set.of("investigator", "liaison", "analyst", "admin")::contains)) {
            throw new PermissionDeniedException(
                    "sending a cooperation request needs the investigator, liaison or analyst role");
        }
        String requester = caller.tenant();
        Instant now = now();
        String subjectKind =
                draft.subject() == null || draft.subject().kind() == null
                        ? ""
                        : draft.subject().kind();
        SubjectRules rules = kinds.get(subjectKind);
        if (rules == null) {
            throw new InvalidArgumentException(
                    List.of(
                            new InvalidArgumentException.FieldViolation(
                                    "subject_kind",
                                    "this service answers requests about "
                                            + new TreeSet<>(kinds.keySet()))));
        }
        draft.check(requester, tenants, rules.allowedAsks(), now);
        Optional<RequestKey> key =
                RequestKey.of(
                        draft.requestId(),
                        draft.ownerCountry(),
                        draft.subject(),
                        draft.purpose().strip(),
                        draft.legalBasis().strip(),
                        draft.urgency(),
                        draft.asks(),
                        draft.thirdCountry(),
                        draft.deadline());
        UUID id =
                transactions.write(
                        requester,
                        () -> {
                            Optional<UUID> earlier =
                                    key.flatMap(
                                            k ->
                                                    k.replay(
                                                            table.findByRequestId(
                                                                    requester, k.id())));
                            if (earlier.isPresent()) {
                                return earlier.get();
                            }
                            String reference = draft.subject().reference().strip();
                            UUID subjectId =
                                    table.subject(subjectKind, draft.ownerCountry(), reference)
                                            .orElseThrow(() -> subjectNotFound(subjectKind));
                            if (table.sentSince(
                                            subjectKind,
                                            requester,
                                            draft.ownerCountry(),
                                            reference,
                                            now.minus(Duration.ofDays(1)))
                                    >= perTargetPerDay) {
                                throw new ResourceExhaustedException(
                                        "at most "
                                                + perTargetPerDay
                                                + " requests a day about one record; answer or withdraw the earlier ones");
                            }
                            NewCooperationRequest clean =
                                    new NewCooperationRequest(
                                            draft.ownerCountry(),
                                            new Subject(subjectKind, reference),
                                            draft.purpose(),
                                            draft.legalBasis(),
                                            draft.urgency(),
                                            draft.asks(),
                                            draft.thirdCountry(),
                                            draft.deadline(),
                                            draft.requestId());
                            CooperationRequest asked =
                                    CooperationRequest.ask(
                                            UUID.randomUUID(), requester, clean, now);
                            if (!table.insert(asked, subjectId, key)) {
                                RequestKey k = key.orElseThrow();
                                return k.replay(table.findByRequestId(requester, k.id()))
                                        .orElseThrow();
                            }
                            audit.record(
                                    caller,
                                    AuditAction.REQUEST,
                                    RECORD_TYPE,
                                    asked.id().toString(),
                                    asked.owner(),
                                    "asked "
                                            + asked.owner()
                                            + " about "
                                            + subjectKind
                                            + " "
                                            + reference
                                            + " for "
                                            + asked.asks()
                                            + " ("
                                            + asked.urgency()
                                            + ", deadline "
                                            + asked.deadline()
                                            + "): "
                                            + asked.purpose());
                            outbox.append(
                                    caller,
                                    requester,
                                    RECORD_TYPE,
                                    asked.id().toString(),
                                    "cooperation_request.asked");
                            return asked.id();
                        });
        return transactions
                .read(requester, () -> table.find(id))
                .orElseThrow(CooperationDesk::notFound);
    }

    /**
     * Reads a request: the two countries, or a coordinator once it escalated (that read is
     * audited).
     */
    public CooperationRequest get(Caller caller, UUID id) {
        CooperationRequest found =
                transactions
                        .read(caller.tenant(), () -> table.find(id))
                        .orElseThrow(CooperationDesk::notFound);
        if (!found.involves(caller.tenant())) {
            transactions.write(
                    caller.tenant(),
                    () ->
                            audit.record(
                                    caller,
                                    AuditAction.READ,
                                    RECORD_TYPE,
                                    id.toString(),
                                    found.owner(),
                                    "escalated request"));
        }
        return found;
    }

    public Page<CooperationRequest> list(Caller caller, int pageSize, String pageToken) {
        return transactions.readPage(
                caller.tenant(),
                pageSize,
                pageToken,
                table::list,
                r -> new PageCursor(r.askTime(), r.id()));
    }

    public CooperationRequest answer(Caller caller, UUID id, Answer answer) {
        if (caller.roles().stream()
                .noneMatch(Set.of("investigator", "liaison", "admin")::contains)) {
            throw new PermissionDeniedException(
                    "answering a cooperation request needs the investigator or liaison role");
        }
        return change(
                caller,
                id,
                seen -> seen.answer(caller.tenant(), answer, now()),
                (before, after) -> {
                    if (answer.grants()) {
                        kinds.get(after.subject().kind())
                                .granting()
                                .grant(
                                        caller,
                                        table.subjectOf(id),
                                        after,
                                        after.answer().orElseThrow());
                    }
                });
    }

    public CooperationRequest reply(Caller caller, UUID id, String text) {
        return change(
                caller,
                id,
                seen -> seen.reply(caller.tenant(), text, now()),
                (before, after) -> {});
    }

    public CooperationRequest withdraw(Caller caller, UUID id) {
        return change(caller, id, seen -> seen.withdraw(caller.tenant()), (before, after) -> {});
    }

    private interface Decide {
        RequestStep decide(CooperationRequest seen);
    }

    private interface After {
        void run(CooperationRequest before, CooperationRequest after);
    }

    private CooperationRequest change(Caller caller, UUID id, Decide decide, After then) {
        String tenant = caller.tenant();
        return transactions.write(
                tenant,
                () -> {
                    // Lock, then read, then decide. A coordinator seeing an escalated request locks
                    // nothing (not a party).
                    Optional<CooperationRequest> locked = table.lock(id);
                    CooperationRequest seen =
                            locked.or(() -> table.find(id)).orElseThrow(CooperationDesk::notFound);
                    if (!seen.involves(tenant)) {
                        throw new PermissionDeniedException(
                                "only the two countries of a request take its steps");
                    }
                    switch (decide.decide(seen)) {
                        case RequestStep.Denied d ->
                                throw new PermissionDeniedException(d.reason());
                        case RequestStep.Refused r ->
                                throw new FailedPreconditionException(r.reason());
                        case RequestStep.Changed c -> {
                            if (!table.update(c.before(), c.after())) {
                                throw new EtagMismatchException();
                            }
                            then.run(c.before(), c.after());
                            audit.record(
                                    caller,
                                    auditAction(c.event()),
                                    RECORD_TYPE,
                                    id.toString(),
                                    seen.owner(),
                                    c.note());
                            outbox.append(caller, tenant, RECORD_TYPE, id.toString(), c.event());
                        }
                    }
                    return table.find(id).orElseThrow(CooperationDesk::notFound);
                });
    }

    private static AuditAction auditAction(String event) {
        return switch (event) {
            case "cooperation_request.granted", "cooperation_request.partially_granted" ->
                    AuditAction.APPROVE;
            case "cooperation_request.declined" -> AuditAction.REJECT;
            default -> AuditAction.REQUEST;
        };
    }

    /**
     * One round of the escalation timer, country by country (the database escalates only the
     * session's country's requests, FOR UPDATE SKIP LOCKED: replicas running it at once escalate
     * each request once, never one being answered). The event and audit entry are written in the
     * same transaction; from then on coordinators see it.
     */
    public int escalateDue(int batch) {
        int escalated = 0;
        for (String tenant : tenants.codes()) {
            escalated +=
                    transactions.write(
                            tenant,
                            () -> {
                                List<CooperationRequestTable.Escalated> due =
                                        table.escalateDue(batch);
                                for (CooperationRequestTable.Escalated e : due) {
                                    Caller timer =
                                            new Caller(
                                                    "cooperation-escalation-timer",
                                                    "cooperation-escalation-timer",
                                                    e.requester(),
                                                    Set.of(),
                                                    "cooperation-escalation-timer",
                                                    "");
                                    audit.record(
                                            timer,
                                            AuditAction.ESCALATE,
                                            RECORD_TYPE,
                                            e.id().toString(),
                                            e.owner(),
                                            "not answered by "
                                                    + e.owner()
                                                    + " by "
                                                    + e.deadline()
                                                    + "; to the coordinators");
                                    outbox.append(
                                            timer,
                                            e.requester(),
                                            RECORD_TYPE,
                                            e.id().toString(),
                                            "cooperation_request.escalated");
                                }
                                return due.size();
                            });
        }
        return escalated;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
