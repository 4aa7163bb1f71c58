package org.chainbreaker.cases.app;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.chainbreaker.cases.domain.Case;
import org.chainbreaker.cases.domain.CasePermissions;
import org.chainbreaker.cases.domain.CountryGroup;
import org.chainbreaker.cases.domain.GroupShareRequest;
import org.chainbreaker.cases.domain.HandlingCode;
import org.chainbreaker.cases.domain.ScamCentre;
import org.chainbreaker.cases.store.CaseStore;
import org.chainbreaker.cases.store.CountryGroupStore;
import org.chainbreaker.cases.store.CountryGroupStore.GroupGrant;
import org.chainbreaker.cases.store.ScamCentreStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.LockedRow;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RecordIds;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.stereotype.Service;

/**
 * Country groups: the coordinators create, rename and change the members of a group; an owner
 * shares a case or scam centre with a group it belongs to. Which groups a country sees and what a
 * membership change does to the group's shares is decided in the database (V18).
 */
@Service
public class CountryGroupRegistry {

    static final String RECORD_TYPE = "country_group";

    private final CountryGroupStore store;
    private final CaseStore cases;
    private final ScamCentreStore centres;
    private final CaseRegistry caseRegistry;
    private final ScamCentreRegistry centreRegistry;
    private final TenantTransactions transactions;
    private final TenantDirectory tenants;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Shareable caseKind;
    private final Shareable centreKind;

    CountryGroupRegistry(
            CountryGroupStore store,
            CaseStore cases,
            ScamCentreStore centres,
            CaseRegistry caseRegistry,
            ScamCentreRegistry centreRegistry,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit) {
        this.store = store;
        this.cases = cases;
        this.centres = centres;
        this.caseRegistry = caseRegistry;
        this.centreRegistry = centreRegistry;
        this.transactions = transactions;
        this.tenants = tenants;
        this.outbox = outbox;
        this.audit = audit;
        this.caseKind =
                new Shareable(
                        CaseRegistry.RECORD_TYPE,
                        (c, id, etag) ->
                                caseRegistry.lockOwned(c, id, etag, CasePermissions::mayGrant),
                        store::shareCase,
                        store::revokeCaseShare,
                        cases::touch);
        this.centreKind =
                new Shareable(
                        ScamCentreRegistry.RECORD_TYPE,
                        centreRegistry::lockOwned,
                        store::shareCentre,
                        store::revokeCentreShare,
                        centres::touch);
    }

    public CountryGroup create(Caller caller, String name, List<String> members) {
        String tenant = caller.tenant();
        UUID id = UUID.randomUUID();
        transactions.run(
                tenant,
                () -> {
                    CountryGroup.mayMaintain(store.sessionCoordinates());
                    CountryGroup.checkNew(name, members, tenants);
                    Instant now = caseRegistry.now();
                    store.insert(id, name, tenant, now);
                    for (String country : members) {
                        store.insertMember(id, country, tenant, now);
                    }
                    audit.record(
                            caller,
                            AuditAction.SHARE,
                            RECORD_TYPE,
                            id.toString(),
                            tenant,
                            "group created with members " + members.stream().sorted().toList());
                    outbox.append(
                            caller, tenant, RECORD_TYPE, id.toString(), "country_group.created");
                });
        return get(caller, id);
    }

    public CountryGroup get(Caller caller, UUID id) {
        return transactions.read(
                caller.tenant(), () -> store.find(id).orElseThrow(CountryGroup::notFound));
    }

    public Page<CountryGroup> list(Caller caller, int pageSize, String pageToken) {
        return transactions.readPage(
                caller.tenant(),
                pageSize,
                pageToken,
                store::list,
                g -> new PageCursor(g.createTime(), g.id()));
    }

    public CountryGroup rename(Caller caller, UUID id, String name, String etag) {
        transactions.run(
                caller.tenant(),
                () -> {
                    CountryGroup seen = lock(id, etag);
                    CountryGroup.checkName(name);
                    LockedRow.requireWritten(
                            store.rename(id, name, seen.version(), caseRegistry.now()));
                    audit.record(
                            caller,
                            AuditAction.SHARE,
                            RECORD_TYPE,
                            id.toString(),
                            seen.createdBy(),
                            "group renamed");
                    outbox.append(
                            caller,
                            seen.createdBy(),
                            RECORD_TYPE,
                            id.toString(),
                            "country_group.renamed");
                });
        return get(caller, id);
    }

    /** Adds a member: the database gives it every share of the group in the same statement. */
    public CountryGroup addMember(Caller caller, UUID id, String country, String etag) {
        transactions.run(
                caller.tenant(),
                () -> {
                    CountryGroup seen = lock(id, etag);
                    seen.checkAddition(country, tenants);
                    Instant now = caseRegistry.now();
                    LockedRow.requireWritten(store.insertMember(id, country, caller.tenant(), now));
                    LockedRow.requireWritten(store.touch(id, seen.version(), now));
                    audit.record(
                            caller,
                            AuditAction.SHARE,
                            RECORD_TYPE,
                            id.toString(),
                            seen.createdBy(),
                            "member " + country + " added");
                    outbox.append(
                            caller,
                            seen.createdBy(),
                            RECORD_TYPE,
                            id.toString(),
                            "country_group.member_added");
                });
        return get(caller, id);
    }

    /**
     * Removes a member: the database ends every grant it held through the group (and those passed
     * on through them) in the same statement.
     */
    public CountryGroup removeMember(Caller caller, UUID id, String country, String etag) {
        transactions.run(
                caller.tenant(),
                () -> {
                    CountryGroup seen = lock(id, etag);
                    seen.checkRemoval(country);
                    Instant now = caseRegistry.now();
                    LockedRow.requireWritten(store.deleteMember(id, country));
                    LockedRow.requireWritten(store.touch(id, seen.version(), now));
                    audit.record(
                            caller,
                            AuditAction.REVOKE,
                            RECORD_TYPE,
                            id.toString(),
                            seen.createdBy(),
                            "member " + country + " removed");
                    // Read by the coordinators and the remaining members (V19); the country removed
                    // is told of each record it lost (access_ended), by the database at commit.
                    outbox.append(
                            caller,
                            seen.createdBy(),
                            RECORD_TYPE,
                            id.toString(),
                            "country_group.member_removed");
                });
        return get(caller, id);
    }

    /** The owner shares its case with a group: one grant per member, by the rules of ShareCase. */
    public Case shareCase(Caller caller, UUID caseId, GroupShareRequest request, String etag) {
        shareWith(caller, caseKind, caseId, request, etag);
        return caseRegistry.get(caller, caseId);
    }

    /** The owner shares its scam centre with a group, with the same rules. */
    public ScamCentre shareCentre(
            Caller caller, UUID centreId, GroupShareRequest request, String etag) {
        shareWith(caller, centreKind, centreId, request, etag);
        return centreRegistry.get(caller, centreId);
    }

    /**
     * The owner withdraws its case's share with a group: every member grant made by it ends (or is
     * carried over to another group share of the case that reaches the member), decided by the
     * database (V19), which also tells each country that lost the case, at commit.
     */
    public Case revokeCase(Caller caller, UUID caseId, String groupId, String etag) {
        revokeFrom(caller, caseKind, caseId, groupId, etag);
        return caseRegistry.get(caller, caseId);
    }

    /** The same for a scam centre. */
    public ScamCentre revokeCentre(Caller caller, UUID centreId, String groupId, String etag) {
        revokeFrom(caller, centreKind, centreId, groupId, etag);
        return centreRegistry.get(caller, centreId);
    }

    /**
     * What a group share does to one kind of record (a case or a scam centre): how the owner locks
     * it, how the grants are stored and withdrawn, and its record type (also its events' prefix).
     */
    private record Shareable(
            String recordType,
            Locking lock,
            GroupSharing share,
            BiFunction<UUID, UUID, Optional<List<String>>> revoke,
            BiConsumer<UUID, Instant> touch) {}

    @FunctionalInterface
    private interface GroupSharing {
        List<String> apply(UUID id, String owner, GroupGrant grant);
    }

    @FunctionalInterface
    private interface Locking {
        void lock(Caller caller, UUID id, String etag);
    }

    private void shareWith(
            Caller caller, Shareable kind, UUID id, GroupShareRequest request, String etag) {
        String owner = caller.tenant();
        HandlingCode code = request.handlingCode();
        Optional<Instant> expireTime = request.expireTime();
        transactions.run(
                owner,
                () -> {
                    kind.lock().lock(caller, id, etag);
                    Instant now = caseRegistry.now();
                    CountryGroup group = sharedGroup(request.groupId(), code, expireTime, now);
                    List<String> granted =
                            kind.share()
                                    .apply(
                                            id,
                                            owner,
                                            new GroupGrant(
                                                    group.id(),
                                                    code,
                                                    caller.username(),
                                                    now,
                                                    expireTime));
                    kind.touch().accept(id, now);
                    new GrantRecords(audit, outbox, kind.recordType())
                            .shared(
                                    caller,
                                    owner,
                                    id,
                                    group.describeShare(code, expireTime),
                                    granted.stream().sorted().toList());
                });
    }

    private void revokeFrom(Caller caller, Shareable kind, UUID id, String groupId, String etag) {
        String owner = caller.tenant();
        transactions.run(
                owner,
                () -> {
                    kind.lock().lock(caller, id, etag);
                    UUID group = sharedWith(groupId);
                    List<String> ended =
                            kind.revoke()
                                    .apply(id, group)
                                    .orElseThrow(CountryGroupRegistry::notSharedWith);
                    kind.touch().accept(id, caseRegistry.now());
                    new GrantRecords(audit, outbox, kind.recordType())
                            .revoked(
                                    caller, owner, id, "from the members of group " + group, ended);
                });
    }

    private static InvalidArgumentException notSharedWith() {
        return InvalidArgumentException.of(
                "group_id", "names no country group this record is shared with");
    }

    /** The group of a revocation; the contract already checked that it is a UUID. */
    private static UUID sharedWith(String groupId) {
        try {
            return UUID.fromString(groupId);
        } catch (IllegalArgumentException e) {
            throw InvalidArgumentException.of("group_id", "must be the id of a country group");
        }
    }

    /**
     * The group of a share, which the owner's country must see (a group it does not see is refused
     * exactly as one that does not exist), and the grant's code and expiry.
     */
    private CountryGroup sharedGroup(
            String groupId, HandlingCode code, Optional<Instant> expireTime, Instant now) {
        Optional<CountryGroup> group = Optional.empty();
        try {
            group = store.find(RecordIds.parse("group_id", groupId, CountryGroup::notFound));
        } catch (NotFoundException | InvalidArgumentException e) {
            // Reported with the other fields below.
        }
        return CountryGroup.checkShare(group, code, expireTime, now);
    }

    private CountryGroup lock(UUID id, String etag) {
        return new LockedRow<>(
                        id,
                        () -> store.lockVersion(id).isPresent(),
                        () -> store.find(id),
                        CountryGroup::version,
                        CountryGroup::notFound)
                .forChange(seen -> CountryGroup.mayMaintain(store.sessionCoordinates()), etag);
    }

    /** Parses a group id; one that is not a UUID names no group the caller could see. */
    public static UUID groupId(String field, String value) {
        return RecordIds.parse(field, value, CountryGroup::notFound);
    }
}
