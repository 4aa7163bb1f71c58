package org.chainbreaker.fugitives.app;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.chainbreaker.fugitives.domain.Arrest;
import org.chainbreaker.fugitives.domain.Custody;
import org.chainbreaker.fugitives.domain.CustodyTransfer;
import org.chainbreaker.fugitives.domain.Decision;
import org.chainbreaker.fugitives.domain.FugitivePermissions;
import org.chainbreaker.fugitives.domain.IdentityDocument;
import org.chainbreaker.fugitives.domain.IdentityHit;
import org.chainbreaker.fugitives.domain.NewSighting;
import org.chainbreaker.fugitives.domain.NoticeReference;
import org.chainbreaker.fugitives.domain.NoticeStatus;
import org.chainbreaker.fugitives.domain.NoticeSteps;
import org.chainbreaker.fugitives.domain.Operation;
import org.chainbreaker.fugitives.domain.PartialDate;
import org.chainbreaker.fugitives.domain.PersonName;
import org.chainbreaker.fugitives.domain.SearchHit;
import org.chainbreaker.fugitives.domain.Sighting;
import org.chainbreaker.fugitives.domain.WantedPerson;
import org.chainbreaker.fugitives.domain.WantedPersonDetails;
import org.chainbreaker.fugitives.domain.names.NameForm;
import org.chainbreaker.fugitives.domain.names.NameMatch;
import org.chainbreaker.fugitives.domain.names.NameMatcher;
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.chainbreaker.fugitives.domain.names.NormalizedName;
import org.chainbreaker.fugitives.domain.names.NormalizedNameMemo;
import org.chainbreaker.fugitives.domain.names.Scripts;
import org.chainbreaker.fugitives.store.ArrestHandoffStore;
import org.chainbreaker.fugitives.store.OperationStore;
import org.chainbreaker.fugitives.store.WantedPersonStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditEntry;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.audit.AuditVerification;
import org.chainbreaker.platform.audit.AuditedRead;
import org.chainbreaker.platform.audit.ChainVerification;
import org.chainbreaker.platform.errors.EtagMismatchException;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.events.AccessEndings;
import org.chainbreaker.platform.events.CursorCodec;
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
 * operations, sightings, arrests, name search and hit/no-hit identity checks; each one transaction
 * on behalf of the caller's country.
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

    /**
     * Lowest trigram similarity between search keys for a candidate of an identity check. Lower
     * than the search's: the candidates are scored by the matcher's rules (in the database, V19),
     * and at 0.45 one true pair in 80 of the development half (Li Teng / 李婷, Mao Sreymom / ម៉ៅ
     * ស្រីមុំ) never became a candidate although the matcher scores it a hit.
     */
    static final double CHECK_KEY_THRESHOLD = 0.3;

    /**
     * How many candidates the trigram step hands to the scorer, and the lowest trigram similarity
     * of a candidate's key to a query key. Keys are canonical romanised spellings, so a true match
     * across scripts shares most of its trigrams; 0.3 (pg_trgm's default) made a million-record
     * search gather thousands of namesakes' neighbours.
     */
    static final int SEARCH_CANDIDATES = 100;

    /** Stored names already read (see {@link NormalizedNameMemo}); a few tens of MB when full. */
    private static final NormalizedNameMemo NAMES = new NormalizedNameMemo(50_000);

    public static final double SEARCH_KEY_THRESHOLD = 0.45;

    private final WantedPersonStore store;
    private final OperationStore operations;
    private final TenantTransactions transactions;
    private final TenantDirectory tenants;
    private final Outbox outbox;
    private final AccessEndings endings;
    private final AuditTrail audit;
    private final Clock clock;
    private final SearchTokens searchTokens;
    private final ArrestHandoffStore handoffs;

    FugitiveRegistry(
            WantedPersonStore store,
            OperationStore operations,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AccessEndings endings,
            AuditTrail audit,
            Clock clock,
            CursorCodec cursors,
            ArrestHandoffStore handoffs) {
        this.store = store;
        this.operations = operations;
        this.transactions = transactions;
        this.tenants = tenants;
        this.outbox = outbox;
        this.endings = endings;
        this.audit = audit;
        this.clock = clock;
        this.searchTokens = new SearchTokens(cursors);
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
                                        k -> store.findByRequestId(owner, k),
                                        () -> {
                                            Instant now = now();
                                            UUID fresh = UUID.randomUUID();
                                            NoticeReference reference =
                                                    store.nextReference(owner, currentYear());
                                            if (store.insert(fresh, reference, details, key, now)) {
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
        return Page.read(
                pageSize,
                pageToken,
                (after, limit) ->
                        transactions.read(
                                caller.tenant(), () -> store.list(caller.tenant(), after, limit)),
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
                    if (!store.updateDetails(id, edit.from(), edit.details(), now())) {
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
        if (target == NoticeStatus.CANCELLED) {
            new FieldChecks().text(reason, "reason", 1).throwIfAny();
        }
        Optional<String> why = Optional.ofNullable(reason);
        return transactions.write(
                caller.tenant(),
                () -> {
                    WantedPerson seen = lockOwned(caller, id, etag);
                    NoticeSteps.StatusChange change = seen.moveTo(target, why).orThrow();
                    // Who sees the notice before the step, to tell those it hides it from.
                    Set<String> seers =
                            target == NoticeStatus.CANCELLED
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
                    if (target == NoticeStatus.CANCELLED && seen.custody() == Custody.ARRESTED) {
                        // The draft transfer the arrest opened is closed there.
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

    /**
     * A sighting by the caller's country, decided by the record's rules under its lock (see {@link
     * WantedPerson#sight}): in the reporter's own country unless the owner reports it, of a person
     * at large.
     */
    public Sighting reportSighting(Caller caller, UUID id, NewSighting.Report report) {
        FugitivePermissions.mayReport(caller.roles());
        NewSighting sighting = NewSighting.of(report, tenants, now());
        UUID sightingId = UUID.randomUUID();
        return transactions.write(
                caller.tenant(),
                () -> {
                    WantedPerson seen = lockVisible(caller, id);
                    NoticeSteps.SightingStep step = seen.sight(sighting, caller.tenant()).orThrow();
                    Instant now = now();
                    store.insertSighting(sightingId, seen, caller.tenant(), step, now);
                    step.grantedCountry()
                            .ifPresent(
                                    granted ->
                                            audit.record(
                                                    caller,
                                                    AuditAction.SHARE,
                                                    RECORD_TYPE,
                                                    id.toString(),
                                                    seen.ownerCountry(),
                                                    "sighting in " + granted));
                    outbox.append(
                            caller,
                            seen.ownerCountry(),
                            RECORD_TYPE,
                            id.toString(),
                            "wanted_person.sighted");
                    return new Sighting(
                            sightingId,
                            id,
                            sighting.country(),
                            sighting.place(),
                            sighting.seenTime(),
                            sighting.confidence(),
                            sighting.source(),
                            caller.tenant(),
                            now,
                            step.grantedCountry(),
                            Optional.empty());
                });
    }

    /**
     * The owner takes back the access one of its sightings gave the country where the person was
     * seen; a repeat answers the sighting as it is.
     */
    public Sighting withdrawSightingAccess(Caller caller, UUID id, UUID sightingId) {
        return transactions.write(
                caller.tenant(),
                () -> {
                    // Owner first: a country that sees the record but not the sighting is refused,
                    // not told it is missing.
                    WantedPerson seen = lockOwned(caller, id, "");
                    Sighting sighting =
                            store.sighting(caller.tenant(), id, sightingId)
                                    .orElseThrow(() -> new NotFoundException("sighting"));
                    NoticeSteps.Withdrawal withdrawal =
                            seen.withdrawAccess(sighting, caller.tenant()).orThrow();
                    if (!withdrawal.repeat() && store.withdrawSightingAccess(sightingId, now())) {
                        audit.record(
                                caller,
                                AuditAction.REVOKE,
                                RECORD_TYPE,
                                id.toString(),
                                seen.ownerCountry(),
                                "sighting in " + withdrawal.fromCountry());
                        outbox.append(
                                caller,
                                seen.ownerCountry(),
                                RECORD_TYPE,
                                id.toString(),
                                "wanted_person.sighting_access_withdrawn");
                    }
                    return store.sighting(caller.tenant(), id, sightingId)
                            .orElseThrow(() -> new NotFoundException("sighting"));
                });
    }

    public List<Sighting> sightings(Caller caller, UUID id) {
        return transactions.read(
                caller.tenant(),
                () -> {
                    if (store.find(caller.tenant(), id).isEmpty()) {
                        throw FugitivePermissions.wantedPersonNotFound();
                    }
                    return store.sightings(caller.tenant(), id);
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
            Caller caller,
            UUID id,
            String reference,
            Instant handoverTime,
            String from,
            String to) {
        FugitivePermissions.mayReport(caller.roles());
        CustodyTransfer transfer =
                CustodyTransfer.of(
                        reference, handoverTime, from, to, tenants::knows, caller.tenant(), now());
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

    /**
     * One page of a name search, best first, and the token of the next page (empty when there is
     * none).
     */
    public record SearchPage(List<SearchHit> matches, String nextPageToken) {}

    /**
     * Searches the records the caller may see by name and date of birth; best first, a page at a
     * time. Every page runs the search again under the caller's own visibility; the page token
     * holds only an offset into it, sealed with the request it belongs to (see {@link
     * SearchTokens}), so it can neither be made by hand nor show a country anything its own search
     * would not.
     */
    public SearchPage search(
            Caller caller,
            String name,
            int year,
            int month,
            int day,
            int pageSize,
            double minScore,
            String pageToken) {
        FieldChecks checks = new FieldChecks().text(name, "name", 1);
        readable(checks, name);
        checks.require(pageSize >= 0 && pageSize <= 100, "page_size", "must be 0 to 100")
                .require(minScore >= 0 && minScore <= 1, "min_score", "must be 0 to 1");
        Optional<PartialDate> dob =
                PartialDate.check(year, month, day, "date_of_birth", currentYear(), checks);
        checks.throwIfAny();
        String request =
                SearchTokens.request(caller.tenant(), name.strip(), year, month, day, minScore);
        int offset =
                pageToken == null || pageToken.isEmpty()
                        ? 0
                        : searchTokens.offset(pageToken, request);
        int size = pageSize == 0 ? 20 : pageSize;
        double floor = minScore == 0 ? NameMatcher.THRESHOLD : minScore;
        NormalizedName query = NameNormalizer.normalize(name.strip());
        Set<String> keys = NameNormalizer.keys(query);
        if (keys.isEmpty()) {
            return new SearchPage(List.of(), "");
        }
        record Scored(UUID id, NameMatch match, String matchedName) {}
        List<Scored> ranked = new ArrayList<>();
        List<SearchHit> hits =
                transactions.read(
                        caller.tenant(),
                        () -> {
                            List<UUID> candidates =
                                    store.searchCandidates(
                                            keys,
                                            SEARCH_KEY_THRESHOLD,
                                            dob.orElseThrow().year(),
                                            SEARCH_CANDIDATES);
                            for (WantedPersonStore.ScoringRow row :
                                    store.scoringRows(caller.tenant(), candidates)) {
                                Scored best = null;
                                for (PersonName candidateName : row.names()) {
                                    NameMatch match =
                                            NameMatcher.match(
                                                    query,
                                                    dob.orElseThrow(),
                                                    NAMES.normalize(
                                                            candidateName.value(),
                                                            candidateName.script()),
                                                    row.dateOfBirth());
                                    if (best == null || match.score() > best.match().score()) {
                                        best = new Scored(row.id(), match, candidateName.value());
                                    }
                                }
                                if (best != null && best.match().score() >= floor) {
                                    ranked.add(best);
                                }
                            }
                            // A total order (score, then id), so that the pages of one search
                            // neither repeat nor skip a match.
                            ranked.sort(
                                    Comparator.comparingDouble((Scored h) -> h.match().score())
                                            .reversed()
                                            .thenComparing(Scored::id));
                            // Only the page is read in full (and, for other countries' records,
                            // audited).
                            List<Scored> page =
                                    ranked.subList(
                                            Math.min(offset, ranked.size()),
                                            Math.min(offset + size, ranked.size()));
                            java.util.Map<UUID, WantedPerson> records = new java.util.HashMap<>();
                            store.findAll(caller.tenant(), page.stream().map(Scored::id).toList())
                                    .forEach(w -> records.put(w.id(), w));
                            return page.stream()
                                    .filter(h -> records.containsKey(h.id()))
                                    .map(
                                            h ->
                                                    new SearchHit(
                                                            records.get(h.id()),
                                                            h.match().score(),
                                                            h.match().reasons(),
                                                            h.matchedName()))
                                    .toList();
                        });
        String next =
                offset + size < ranked.size() ? searchTokens.token(offset + size, request) : "";
        List<SearchHit> others =
                hits.stream().filter(h -> !h.wantedPerson().ownedBy(caller.tenant())).toList();
        if (!others.isEmpty()) {
            transactions.run(
                    caller.tenant(),
                    () -> {
                        audit.recordEach(
                                caller,
                                AuditAction.READ,
                                RECORD_TYPE,
                                others.stream().map(h -> h.wantedPerson().id().toString()).toList(),
                                others.stream().map(h -> h.wantedPerson().ownerCountry()).toList(),
                                "name search");
                    });
        }
        return new SearchPage(hits, next);
    }

    /**
     * Hit/no-hit against every country's PUBLISHED notices. The answer names only owner and
     * reference; each owner is told through the audit trail (who, when, why) and an event; a no-hit
     * is audited too.
     */
    public List<IdentityHit> check(
            Caller caller,
            String name,
            int year,
            int month,
            int day,
            String documentNumber,
            String purpose) {
        boolean hasName = name != null && !name.isBlank();
        boolean hasDocument = documentNumber != null && !documentNumber.isBlank();
        FieldChecks checks =
                new FieldChecks()
                        .text(purpose, "purpose", 3)
                        .require(
                                hasName || hasDocument,
                                "name",
                                "a name or a document number is required")
                        .optionalText(name, "name", WantedPersonDetails.MAX_NAME)
                        .optionalText(documentNumber, "document_number", 50);
        if (hasName) {
            readable(checks, name);
        }
        Optional<PartialDate> dob =
                PartialDate.check(year, month, day, "date_of_birth", currentYear(), checks);
        checks.throwIfAny();
        NormalizedName query = hasName ? NameNormalizer.normalize(name.strip()) : null;
        Set<String> keys = hasName ? NameNormalizer.keys(query) : Set.of();
        // The database scores the candidates against what the matcher reads of the query (V19).
        String form = hasName ? NameForm.of(query) : null;
        String document = hasDocument ? IdentityDocument.normalize(documentNumber) : "";
        String why = purpose.strip();
        return transactions.write(
                caller.tenant(),
                () -> {
                    List<IdentityHit> hits = new ArrayList<>();
                    for (String[] row :
                            store.identityCheck(
                                    keys,
                                    form,
                                    CHECK_KEY_THRESHOLD,
                                    NameMatcher.CHECK_THRESHOLD,
                                    dob.orElseThrow(),
                                    document)) {
                        hits.add(new IdentityHit(row[0], row[1]));
                    }
                    if (hits.isEmpty()) {
                        audit.record(
                                caller,
                                AuditAction.CHECK,
                                "identity_check",
                                UUID.randomUUID().toString(),
                                caller.tenant(),
                                "no hit: " + why);
                    }
                    Set<IdentityHit> distinct = new LinkedHashSet<>(hits);
                    for (IdentityHit hit : distinct) {
                        audit.record(
                                caller,
                                AuditAction.CHECK,
                                NOTICE,
                                hit.reference(),
                                hit.ownerCountry(),
                                why);
                    }
                    store.announceIdentityChecks(
                            distinct.stream().map(IdentityHit::ownerCountry).toList(),
                            distinct.stream().map(IdentityHit::reference).toList(),
                            caller.username());
                    return hits;
                });
    }

    /**
     * A name to look for must be readable as one (letters, one script); checked only when its
     * length is fine.
     */
    private static void readable(FieldChecks checks, String name) {
        if (name != null
                && !name.isBlank()
                && name.codePointCount(0, name.length()) <= WantedPersonDetails.MAX_NAME
                && name.codePoints().noneMatch(Character::isISOControl)) {
            Scripts.problem(name).ifPresent(problem -> checks.require(false, "name", problem));
        }
    }

    /** The identity checks by other countries that hit one of the caller's notices. Owner only. */
    public List<AuditEntry> checksOf(Caller caller, UUID id) {
        return byOthersOn(
                caller,
                id,
                AuditAction.CHECK,
                "only the owning country may see who checked this notice");
    }

    /** Who in other countries read one of the caller's wanted persons. Owner only. */
    public List<AuditEntry> readsOf(Caller caller, UUID id) {
        return byOthersOn(
                caller,
                id,
                AuditAction.READ,
                "only the owning country may see who read this record");
    }

    /**
     * Checks are keyed by the notice's reference (the only thing a checker learns); reads by the
     * record's id.
     */
    private List<AuditEntry> byOthersOn(
            Caller caller, UUID id, AuditAction action, String refusal) {
        return transactions.read(
                caller.tenant(),
                () -> {
                    WantedPerson found =
                            store.find(caller.tenant(), id)
                                    .orElseThrow(FugitivePermissions::wantedPersonNotFound);
                    if (!found.ownedBy(caller.tenant())) {
                        throw new PermissionDeniedException(refusal);
                    }
                    return action == AuditAction.CHECK
                            ? audit.byOthersOn(caller.tenant(), NOTICE, found.reference(), action)
                            : audit.byOthersOn(caller.tenant(), RECORD_TYPE, id.toString(), action);
                });
    }

    public ChainVerification verifyAuditTrail(Caller caller) {
        return AuditVerification.verifyAndRecord(caller, transactions, audit, "fugitives");
    }

    /**
     * Locks a record the caller's country may see, then reads it: every decision is taken on what
     * no concurrent change can move until this transaction ends. NOT_FOUND, as for an id that never
     * existed, if it may not see it.
     */
    private WantedPerson lockVisible(Caller caller, UUID id) {
        if (!store.lock(id)) {
            throw FugitivePermissions.wantedPersonNotFound();
        }
        return store.find(caller.tenant(), id)
                .orElseThrow(FugitivePermissions::wantedPersonNotFound);
    }

    /** Locks and reads a record the caller owns, checking the etag if one was sent. */
    private WantedPerson lockOwned(Caller caller, UUID id, String etag) {
        WantedPerson seen = lockVisible(caller, id);
        FugitivePermissions.mayChange(seen, caller.tenant(), caller.roles());
        if (etag != null && !etag.isEmpty() && !etag.equals(seen.etag())) {
            throw new EtagMismatchException();
        }
        return seen;
    }

    /**
     * The record as this change left it, read in the change's own transaction: a later change by
     * someone else (a cancellation that hides it, say) cannot turn the answer to a change that
     * happened into NOT_FOUND. A read of another country's record is audited, as in {@link #get}.
     */
    private WantedPerson changed(Caller caller, UUID id) {
        WantedPerson after =
                store.find(caller.tenant(), id)
                        .orElseThrow(FugitivePermissions::wantedPersonNotFound);
        if (!after.ownedBy(caller.tenant())) {
            audit.record(
                    caller, AuditAction.READ, RECORD_TYPE, id.toString(), after.ownerCountry(), "");
        }
        return after;
    }

    /**
     * A conditional update found the record no longer in the state it was decided from (which the
     * lock should make impossible): the rules' refusal on the record as it is now, or a plain
     * FAILED_PRECONDITION.
     */
    private RuntimeException changedMeanwhile(
            Caller caller, UUID id, Function<WantedPerson, Decision<?>> rule) {
        Optional<WantedPerson> now = store.find(caller.tenant(), id);
        if (now.isEmpty()) {
            return FugitivePermissions.wantedPersonNotFound();
        }
        if (rule.apply(now.get()) instanceof Decision.Refused<?> refused) {
            return refused.reason();
        }
        return new FailedPreconditionException("the record changed meanwhile; read it again");
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
        store.replaceIndex(id, owner, details, keys, numbers);
        store.replaceWrittenNames(owner, java.util.Map.of(id, writtenOf(details)));
        store.replaceNameForms(owner, java.util.Map.of(id, formsOf(details)));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
