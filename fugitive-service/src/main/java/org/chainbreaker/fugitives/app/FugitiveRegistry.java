package org.chainbreaker.fugitives.app;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.chainbreaker.fugitives.domain.Arrest;
import org.chainbreaker.fugitives.domain.CustodyTransfer;
import org.chainbreaker.fugitives.domain.Decision;
import org.chainbreaker.fugitives.domain.FugitivePermissions;
import org.chainbreaker.fugitives.domain.NoticeReference;
import org.chainbreaker.fugitives.domain.NoticeStatus;
import org.chainbreaker.fugitives.domain.NoticeSteps;
import org.chainbreaker.fugitives.domain.Operation;
import org.chainbreaker.fugitives.domain.PersonName;
import org.chainbreaker.fugitives.domain.WantedPerson;
import org.chainbreaker.fugitives.domain.WantedPersonDetails;
import org.chainbreaker.fugitives.domain.names.NameForm;
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.chainbreaker.fugitives.domain.names.NormalizedNameMemo;
import org.chainbreaker.fugitives.store.ArrestHandoffStore;
import org.chainbreaker.fugitives.store.NewWantedPersonStore;
import org.chainbreaker.fugitives.store.OperationStore;
import org.chainbreaker.fugitives.store.WantedPersonIndexStore;
import org.chainbreaker.fugitives.store.WantedPersonStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.audit.AuditedRead;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.events.AccessEndings;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestIds;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.stereotype.Service;

/**
 * The use cases of wanted persons: record, read, list, update, the notice lifecycle, publication to
 * operations, arrests and custody transfers; each one transaction on behalf of the caller's
 * country. Sightings are in {@link SightingRegistry}, name search and identity checks in {@link
 * FugitiveSearch}, audit reads in {@link WantedPersonAuditReads}.
 */
@Service
public class FugitiveRegistry {

    static final String RECORD_TYPE = "wanted_person";
    private static final String TABLE = "wanted_persons";

    /**
     * Audit and event record type of identity checks that hit a notice (the record id is the notice
     * reference).
     */
    static final String NOTICE = "notice";

    /** Stored names already read (see {@link NormalizedNameMemo}); a few tens of MB when full. */
    static final NormalizedNameMemo NAMES = new NormalizedNameMemo(50_000);

    private final WantedPersonStore store;
    private final NewWantedPersonStore inserts;
    private final WantedPersonIndexStore index;
    private final OperationStore operations;
    private final TenantTransactions transactions;
    private final TenantDirectory tenants;
    private final Outbox outbox;
    private final AccessEndings endings;
    private final AuditTrail audit;
    private final Clock clock;
    private final WantedPersonLocks locks;
    private final ArrestHandoffStore handoffs;

    FugitiveRegistry(
            WantedPersonStore store,
            NewWantedPersonStore inserts,
            WantedPersonIndexStore index,
            OperationStore operations,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AccessEndings endings,
            AuditTrail audit,
            Clock clock,
            WantedPersonLocks locks,
            ArrestHandoffStore handoffs) {
        this.store = store;
        this.inserts = inserts;
        this.index = index;
        this.operations = operations;
        this.transactions = transactions;
        this.tenants = tenants;
        this.outbox = outbox;
        this.endings = endings;
        this.audit = audit;
        this.clock = clock;
        this.locks = locks;
        this.handoffs = handoffs;
    }

    public int currentYear() {
        return clock.instant().atOffset(ZoneOffset.UTC).getYear();
    }

    /** Records a DRAFT; a retry with the same request id returns the record the first call made. */
    public WantedPerson record(Caller caller, WantedPersonDetails details, String requestId) {
        FugitivePermissions.mayRecord(caller.roles());
        FieldChecks checks = new FieldChecks();
        RequestIds.check(requestId, checks);
        checks.throwIfAny();
        Optional<RequestKey> key = RequestKey.of(requestId, details);
        String owner = caller.tenant();
        UUID id =
                transactions.write(
                        owner,
                        () ->
                                RequestKey.once(
                                        key,
                                        k -> inserts.findByRequestId(owner, k),
                                        () -> {
                                            Instant now = now();
                                            UUID fresh = UUID.randomUUID();
                                            NoticeReference reference =
                                                    inserts.nextReference(owner, currentYear());
                                            if (inserts.insert(
                                                    fresh, reference, details, key, now)) {
                                                index(fresh, owner, details);
                                                outbox.append(
                                                        caller,
                                                        owner,
                                                        RECORD_TYPE,
                                                        fresh.toString(),
                                                        "wanted_person.recorded");
                                                return Optional.of(fresh);
                                            }
                                            // A concurrent request with the same request id won the
                                            // race: its record, if it was the same request.
                                            return Optional.empty();
                                        }));
        return get(caller, id);
    }

    /**
     * Reads a wanted person; a read of another country's record is audited in the same transaction.
     */
    public WantedPerson get(Caller caller, UUID id) {
        return new AuditedRead<>(
                        RECORD_TYPE,
                        id.toString(),
                        () -> store.find(caller.tenant(), id),
                        WantedPerson::ownerCountry,
                        FugitivePermissions::wantedPersonNotFound)
                .by(caller, transactions, audit);
    }

    public Page<WantedPerson> list(Caller caller, int pageSize, String pageToken) {
        return transactions.readPage(
                caller.tenant(),
                pageSize,
                pageToken,
                (after, limit) -> store.list(caller.tenant(), after, limit),
                last -> new PageCursor(last.createTime(), last.id()));
    }

    /** Changes the details to what {@code change} makes of the record as it is under the lock. */
    public WantedPerson update(
            Caller caller,
            UUID id,
            Function<WantedPerson, WantedPersonDetails> change,
            String etag) {
        return transactions.write(
                caller.tenant(),
                () -> {
                    WantedPerson seen = lockOwned(caller, id, etag);
                    WantedPersonDetails details = change.apply(seen);
                    NoticeSteps.Edit edit = seen.edit(details).orThrow();
                    if (!store.updateDetails(
                            id, seen.ownerCountry(), edit.from(), edit.details(), now())) {
                        throw changedMeanwhile(caller, id, w -> w.edit(details));
                    }
                    index(id, seen.ownerCountry(), details);
                    outbox.append(
                            caller,
                            seen.ownerCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            "wanted_person.updated");
                    return changed(caller, id);
                });
    }

    /** A step of the notice lifecycle; only the steps {@link NoticeStatus#next()} allows. */
    public WantedPerson transition(
            Caller caller, UUID id, NoticeStatus target, String etag, String reason) {
        FieldChecks reasonCheck = new FieldChecks();
        NoticeStatus.checkReason(target, reason, reasonCheck);
        reasonCheck.throwIfAny();
        Optional<String> why = Optional.ofNullable(reason);
        return transactions.write(
                caller.tenant(),
                () -> {
                    WantedPerson seen = lockOwned(caller, id, etag);
                    NoticeSteps.StatusChange change = seen.moveTo(target, why).orThrow();
                    // Who sees the notice before the step, to tell those it hides it from.
                    Set<String> seers =
                            change.endsAccess()
                                    ? endings.seers(TABLE, id, seen.ownerCountry())
                                    : Set.of();
                    if (!store.setStatus(id, change, now())) {
                        throw changedMeanwhile(caller, id, w -> w.moveTo(target, why));
                    }
                    outbox.append(
                            caller,
                            seen.ownerCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            change.event());
                    if (change.closesArrestDraft()) {
                        handoffs.queue(
                                id, ArrestHandoffStore.Reason.NOTICE_CANCELLED, caller, now());
                    }
                    for (String lost : endings.lost(seers, TABLE, id)) {
                        outbox.appendFor(
                                caller,
                                seen.ownerCountry(),
                                RECORD_TYPE,
                                id.toString(),
                                "wanted_person.access_ended",
                                lost);
                    }
                    return changed(caller, id);
                });
    }

    public WantedPerson publishToOperation(Caller caller, UUID id, UUID operationId) {
        return transactions.write(
                caller.tenant(),
                () -> {
                    WantedPerson seen = lockOwned(caller, id, "");
                    Operation operation =
                            operations
                                    .find(caller.tenant(), operationId)
                                    .orElseThrow(FugitivePermissions::operationNotFound);
                    seen.publishTo(operation).orThrow();
                    if (store.publishToOperation(id, operationId, caller.tenant(), now())) {
                        audit.record(
                                caller,
                                AuditAction.SHARE,
                                RECORD_TYPE,
                                id.toString(),
                                caller.tenant(),
                                "to operation " + operationId);
                        outbox.append(
                                caller,
                                caller.tenant(),
                                RECORD_TYPE,
                                id.toString(),
                                "wanted_person.published_to_operation");
                    }
                    return changed(caller, id);
                });
    }

    public WantedPerson recordArrest(
            Caller caller, UUID id, String place, Instant time, String custody) {
        FugitivePermissions.mayReport(caller.roles());
        Arrest arrest = Arrest.of(caller.tenant(), place, time, custody, now());
        return transactions.write(
                caller.tenant(),
                () -> {
                    WantedPerson seen = lockVisible(caller, id);
                    seen.arrest(arrest).orThrow();
                    // Conditional on a PUBLISHED notice of a person at large, like the rule.
                    if (!store.recordArrest(id, arrest, now())) {
                        throw changedMeanwhile(caller, id, w -> w.arrest(arrest));
                    }
                    outbox.append(
                            caller,
                            seen.ownerCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            "wanted_person.arrested");
                    // Told to the repatriation-service (a draft transfer), committed with the
                    // arrest.
                    handoffs.queue(id, ArrestHandoffStore.Reason.ARRESTED, caller, now());
                    return changed(caller, id);
                });
    }

    /**
     * Records the transfer of custody at the end of a repatriation, once: a repeat under the same
     * repatriation reference answers the record as it is and changes nothing; another reference is
     * refused. The owner or the arresting country only (see the contract).
     */
    public WantedPerson recordCustodyTransfer(
            Caller caller, UUID id, CustodyTransfer.Request request) {
        FugitivePermissions.mayReport(caller.roles());
        CustodyTransfer transfer =
                CustodyTransfer.of(request, tenants::knows, caller.tenant(), now());
        return transactions.write(
                caller.tenant(),
                () -> {
                    WantedPerson seen = lockVisible(caller, id);
                    FugitivePermissions.mayTransferCustody(seen, caller.tenant());
                    NoticeSteps.TransferStep step = seen.transferCustody(transfer).orThrow();
                    if (step.repeat()) {
                        return changed(caller, id);
                    }
                    // Conditional on the person still ARRESTED by the country that hands over.
                    if (!store.recordCustodyTransfer(id, transfer)) {
                        throw changedMeanwhile(caller, id, w -> w.transferCustody(transfer));
                    }
                    audit.record(
                            caller,
                            AuditAction.TRANSFER_CUSTODY,
                            RECORD_TYPE,
                            id.toString(),
                            seen.ownerCountry(),
                            "repatriation "
                                    + transfer.repatriationReference()
                                    + ": "
                                    + transfer.fromCountry()
                                    + " to "
                                    + transfer.toCountry());
                    outbox.append(
                            caller,
                            seen.ownerCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            "wanted_person.transferred");
                    return changed(caller, id);
                });
    }

    private WantedPerson lockVisible(Caller caller, UUID id) {
        return locks.lockVisible(caller, id);
    }

    private WantedPerson lockOwned(Caller caller, UUID id, String etag) {
        return locks.lockOwned(caller, id, etag);
    }

    private WantedPerson changed(Caller caller, UUID id) {
        return locks.changed(caller, id);
    }

    private RuntimeException changedMeanwhile(
            Caller caller, UUID id, Function<WantedPerson, Decision<?>> rule) {
        return locks.changedMeanwhile(caller, id, rule);
    }

    static Set<String> keysOf(WantedPersonDetails details) {
        Set<String> keys = new LinkedHashSet<>();
        for (PersonName name : details.names()) {
            keys.addAll(NameNormalizer.keys(NAMES.normalize(name.value(), name.script())));
        }
        return keys;
    }

    /**
     * Each name of the record written wholly in one non-Latin script, as its written syllables (for
     * checks).
     */
    static List<List<String>> writtenOf(WantedPersonDetails details) {
        List<List<String>> written = new ArrayList<>();
        for (PersonName name : details.names()) {
            List<String> syllables =
                    NameNormalizer.writtenSyllables(NAMES.normalize(name.value(), name.script()));
            if (!syllables.isEmpty()) {
                written.add(syllables);
            }
        }
        return written;
    }

    /**
     * What the matcher reads of each name of the record (NameForm), in the order of its names: what
     * identity checks score inside the database (V19).
     */
    static List<String> formsOf(WantedPersonDetails details) {
        List<String> forms = new ArrayList<>();
        for (PersonName name : details.names()) {
            forms.add(NameForm.of(NAMES.normalize(name.value(), name.script())));
        }
        return forms;
    }

    void index(UUID id, String owner, WantedPersonDetails details) {
        Set<String> keys = keysOf(details);
        Set<String> numbers = new LinkedHashSet<>();
        details.documents().forEach(d -> numbers.add(d.normalizedNumber()));
        index.replaceIndex(id, owner, details, keys, numbers);
        index.replaceWrittenNames(owner, java.util.Map.of(id, writtenOf(details)));
        index.replaceNameForms(owner, java.util.Map.of(id, formsOf(details)));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
