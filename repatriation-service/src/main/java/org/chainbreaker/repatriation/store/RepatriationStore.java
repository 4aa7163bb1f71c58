package org.chainbreaker.repatriation.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.keys.FieldCipher;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.repatriation.domain.ArrestOrigin;
import org.chainbreaker.repatriation.domain.CustodyDelivery;
import org.chainbreaker.repatriation.domain.Escort;
import org.chainbreaker.repatriation.domain.FugitiveCheck;
import org.chainbreaker.repatriation.domain.Handover;
import org.chainbreaker.repatriation.domain.Kind;
import org.chainbreaker.repatriation.domain.Leg;
import org.chainbreaker.repatriation.domain.Logistics;
import org.chainbreaker.repatriation.domain.NewRepatriation;
import org.chainbreaker.repatriation.domain.Person;
import org.chainbreaker.repatriation.domain.Repatriation;
import org.chainbreaker.repatriation.domain.RepatriationStatus;
import org.chainbreaker.repatriation.domain.Side;
import org.chainbreaker.repatriation.domain.Transition;
import org.chainbreaker.repatriation.domain.TravelDocument;
import org.chainbreaker.repatriation.domain.VictimGroup;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for repatriations, their persons, legs, escorts and history. Every method runs inside a
 * tenant transaction (see TenantTransactions), so row-level security limits it to what the tenant
 * may see. Queries still state the visibility predicate themselves, so that indexes serve them; the
 * policies are the backstop. Persons' names, travel-document numbers and support needs are sealed
 * under the owning country's key ({@link FieldCipher}; the record id is the repatriation's, the
 * field names the person's position); a value that cannot be opened reads as empty.
 */
@Repository
public class RepatriationStore {

    private static final String VISIBLE =
            """
            (r.sending_country = :tenant or r.receiving_country = :tenant or :tenant = any (r.transit_countries)
             or exists (select 1 from coordinator_countries c where c.country = :tenant))""";

    private static final String COLUMNS =
            """
            r.id, r.owner_country, r.kind, r.sending_country, r.receiving_country, r.transit_countries, r.status,
            r.wanted_person_id, r.wanted_person_reference, r.fugitive_check, r.case_ids, r.victim_count,
            r.victim_nationalities, r.victim_languages,
            coalesce((select n.support_needs from repatriation_victim_needs n where n.repatriation_id = r.id), '{}')
                as victim_support_needs,
            r.escort_waived_by_sending,
            r.escort_waived_by_receiving, r.handover_place, r.handover_time, r.handing_officer, r.receiving_officer,
            r.status_reason, r.version, r.create_time, r.update_time, r.custody_delivery, r.custody_delivery_attempts,
            r.custody_delivery_error, r.custody_delivery_next_attempt, r.custody_delivery_token_expiry,
            r.custody_delivery_settle_time, r.rescue_request_id, r.arrest_place, r.arrest_time""";

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    RepatriationStore(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    private String owner(UUID id) {
        return jdbc.sql("select owner_country from repatriations where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private List<String> sealAll(String owner, UUID id, String field, List<String> values) {
        List<String> sealed = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            sealed.add(cipher.seal(owner, id, field + "#" + i, values.get(i)));
        }
        return sealed;
    }

    private List<String> openAll(String owner, UUID id, String field, List<String> values) {
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            opened.add(cipher.open(owner, id, field + "#" + i, values.get(i)).value());
        }
        return opened;
    }

    /**
     * The unique partial index of V5: one live repatriation with a confirmed check per wanted
     * person.
     */
    static final String ONE_LIVE_PER_PERSON = "repatriations_one_live_per_person";

    /** Another live repatriation of the same wanted person holds it (the index said so). */
    public static final class AnotherLiveRepatriation extends RuntimeException {
        AnotherLiveRepatriation() {
            super("another live repatriation of this wanted person exists");
        }
    }

    /**
     * Inserts a DRAFT unless the owner already used this request id; true if inserted. Throws
     * {@link AnotherLiveRepatriation} if a confirmed one would be a second live repatriation of its
     * wanted person.
     */
    public boolean insert(
            UUID id,
            String owner,
            NewRepatriation r,
            FugitiveCheck check,
            String reference,
            Optional<RequestKey> key,
            Instant now) {
        try {
            return doInsert(id, owner, r, check, reference, key, now);
        } catch (DuplicateKeyException e) {
            if (String.valueOf(e.getMessage()).contains(ONE_LIVE_PER_PERSON)) {
                throw new AnotherLiveRepatriation();
            }
            throw e;
        }
    }

    private boolean doInsert(
            UUID id,
            String owner,
            NewRepatriation r,
            FugitiveCheck check,
            String reference,
            Optional<RequestKey> key,
            Instant now) {
        VictimGroup g = r.victimGroup();
        boolean made =
                jdbc.sql(
                                        """
                        insert into repatriations (id, owner_country, kind, sending_country, receiving_country,
                               transit_countries, status, wanted_person_id, wanted_person_reference, fugitive_check,
                               case_ids, victim_count, victim_nationalities, victim_languages,
                               version, request_id, request_digest, create_time, update_time)
                        values (:id, :owner, :kind, :sending, :receiving, :transit, 'DRAFT', :wantedPerson, :reference,
                                :check, :cases, :victims, :nationalities, :languages, 1, :requestId, :digest,
                                :now, :now)
                        on conflict (owner_country, request_id) do nothing""")
                                .param("id", id)
                                .param("owner", owner)
                                .param("kind", r.kind().name())
                                .param("sending", r.sendingCountry())
                                .param("receiving", r.receivingCountry())
                                .param("transit", array(r.transitCountries()))
                                .param("wantedPerson", r.wantedPersonId().orElse(null))
                                .param("reference", reference)
                                .param("check", check.name())
                                .param("cases", array(r.caseIds()))
                                .param("victims", g.count())
                                .param("nationalities", array(g.nationalities()))
                                .param("languages", array(g.languages()))
                                .param("requestId", key.map(RequestKey::id).orElse(null))
                                .param(
                                        "digest",
                                        key.map(RequestKey::digest).orElse(null),
                                        java.sql.Types.BINARY)
                                .param("now", Timestamp.from(now))
                                .update()
                        == 1;
        if (made) {
            // Support needs live in their own table, whose policy withholds them from transit
            // countries.
            jdbc.sql(
                            "insert into repatriation_victim_needs (repatriation_id, support_needs) values (:id, :needs)")
                    .param("id", id)
                    .param("needs", array(g.supportNeeds()))
                    .update();
        }
        return made;
    }

    /** Links a victim return to the rescue request it comes from. */
    /** Names the arrest a fresh transfer was opened from (once per arrest: a unique index). */
    public void markArrest(UUID id, ArrestOrigin arrest) {
        jdbc.sql(
                        "update repatriations set arrest_place = :place, arrest_time = :time where id = :id")
                .param("id", id)
                .param("place", arrest.place())
                .param("time", Timestamp.from(arrest.arrestTime()))
                .update();
    }

    /**
     * The transfers opened from arrests of this wanted person that the tenant may see, newest
     * arrest first.
     */
    public List<UUID> openedFromArrests(String tenant, UUID wantedPersonId) {
        return jdbc.sql(
                        "select r.id from repatriations r where r.wanted_person_id = :person"
                                + " and r.arrest_time is not null and "
                                + VISIBLE
                                + " order by r.arrest_time desc, r.id")
                .param("person", wantedPersonId)
                .param("tenant", tenant)
                .query(UUID.class)
                .list();
    }

    public void linkToRescue(UUID id, UUID rescueRequestId) {
        jdbc.sql("update repatriations set rescue_request_id = :rescue where id = :id")
                .param("id", id)
                .param("rescue", rescueRequestId)
                .update();
    }

    /**
     * The owner's repatriation opened with this request id, with the digest of the request that
     * opened it.
     */
    public Optional<RequestKey.Stored<UUID>> findByRequestId(String owner, String requestId) {
        return jdbc.sql(
                        "select id, request_digest from repatriations where owner_country = :owner"
                                + " and request_id = :requestId")
                .param("owner", owner)
                .param("requestId", requestId)
                .query(
                        (rs, n) ->
                                new RequestKey.Stored<>(
                                        rs.getObject(1, UUID.class), rs.getBytes(2)))
                .optional();
    }

    /** Replaces the plan. */
    public void replaceLogistics(UUID id, Logistics l) {
        String owner = owner(id);
        for (String table :
                List.of("repatriation_persons", "repatriation_legs", "repatriation_escorts")) {
            jdbc.sql("delete from " + table + " where repatriation_id = :id")
                    .param("id", id)
                    .update();
        }
        for (int i = 0; i < l.persons().size(); i++) {
            Person p = l.persons().get(i);
            jdbc.sql(
                            """
                            insert into repatriation_persons (repatriation_id, position, role, nationality, languages,
                                   document_type, document_status, document_number)
                            values (:id, :position, :role, :nationality, :languages, :docType, :docStatus, :docNumber)""")
                    .param("id", id)
                    .param("position", i)
                    .param("role", p.role().name())
                    .param("nationality", p.nationality())
                    .param("languages", array(p.languages()))
                    .param("docType", p.travelDocument().type().name())
                    .param("docStatus", p.travelDocument().status().name())
                    .param(
                            "docNumber",
                            cipher.seal(
                                    owner,
                                    id,
                                    "repatriation_persons.document_number#" + i,
                                    p.travelDocument().number()))
                    .update();
            // Name and support needs live in their own table, whose policy withholds them from
            // transit countries.
            jdbc.sql(
                            """
                            insert into repatriation_person_identities (repatriation_id, position, full_name, support_needs)
                            values (:id, :position, :name, :needs)""")
                    .param("id", id)
                    .param("position", i)
                    .param(
                            "name",
                            cipher.seal(
                                    owner,
                                    id,
                                    "repatriation_person_identities.full_name#" + i,
                                    p.fullName().strip()))
                    .param(
                            "needs",
                            array(
                                    sealAll(
                                            owner,
                                            id,
                                            "repatriation_person_identities.support_needs#" + i,
                                            p.supportNeeds().stream().map(String::strip).toList())))
                    .update();
        }
        for (int i = 0; i < l.legs().size(); i++) {
            Leg leg = l.legs().get(i);
            jdbc.sql(
                            """
                            insert into repatriation_legs (repatriation_id, position, carrier, flight_number,
                                   departure_airport, arrival_airport, departure_time, arrival_time)
                            values (:id, :position, :carrier, :flight, :from, :to, :departs, :arrives)""")
                    .param("id", id)
                    .param("position", i)
                    .param("carrier", leg.carrier().strip())
                    .param("flight", leg.flightNumber())
                    .param("from", leg.departureAirport())
                    .param("to", leg.arrivalAirport())
                    .param("departs", Timestamp.from(leg.departureTime()))
                    .param("arrives", Timestamp.from(leg.arrivalTime()))
                    .update();
        }
        for (int i = 0; i < l.escorts().size(); i++) {
            Escort e = l.escorts().get(i);
            jdbc.sql(
                            """
                            insert into repatriation_escorts (repatriation_id, position, name, country)
                            values (:id, :position, :name, :country)""")
                    .param("id", id)
                    .param("position", i)
                    .param("name", e.name().strip())
                    .param("country", e.country())
                    .update();
        }
    }

    /** Locks the repatriation's row until the transaction ends and returns its version. */
    public Optional<Long> lockVersion(UUID id) {
        return jdbc.sql("select version from repatriations where id = :id for update")
                .param("id", id)
                .query(Long.class)
                .optional();
    }

    /**
     * Records a step of the workflow: the new status, its history entry, a new version; only if the
     * repatriation is still in {@code from} (false otherwise, and nothing is written).
     */
    public boolean setStatus(
            UUID id,
            RepatriationStatus from,
            RepatriationStatus to,
            String actorCountry,
            String actorUser,
            String reason,
            Instant now) {
        int moved =
                jdbc.sql(
                                """
                        update repatriations
                           set status = :to, status_reason = case when :reason = '' then status_reason else :reason end,
                               version = version + 1, update_time = :now
                         where id = :id and status = :from""")
                        .param("id", id)
                        .param("from", from.name())
                        .param("to", to.name())
                        .param("reason", reason)
                        .param("now", Timestamp.from(now))
                        .update();
        if (moved == 1) {
            addHistory(id, from.name(), to, actorCountry, actorUser, reason, now);
        }
        return moved == 1;
    }

    /** A change of plan: both escort waivers fall. */
    public void withdrawWaivers(UUID id) {
        jdbc.sql(
                        "update repatriations set escort_waived_by_sending = false, escort_waived_by_receiving = false where id = :id")
                .param("id", id)
                .update();
    }

    /** A victim return's corrected count. */
    public void setVictimCount(UUID id, int count) {
        jdbc.sql("update repatriations set victim_count = :count where id = :id")
                .param("id", id)
                .param("count", count)
                .update();
    }

    /**
     * The live repatriation with a confirmed check of this wanted person, other than {@code
     * except}, if visible.
     */
    public Optional<UUID> liveOf(UUID wantedPersonId, UUID except) {
        return jdbc.sql(
                        """
                        select id from repatriations
                         where wanted_person_id = :person and id <> :except and fugitive_check = 'CONFIRMED'
                           and status not in ('COMPLETED', 'REJECTED', 'CANCELLED')""")
                .param("person", wantedPersonId)
                .param("except", except)
                .query(UUID.class)
                .optional();
    }

    public void addHistory(
            UUID id,
            String from,
            RepatriationStatus to,
            String actorCountry,
            String actorUser,
            String reason,
            Instant now) {
        jdbc.sql(
                        """
                        insert into repatriation_transitions (repatriation_id, seq, from_status, to_status, actor_country,
                               actor_user, at, reason)
                        values (:id, (select coalesce(max(seq), 0) + 1 from repatriation_transitions where repatriation_id = :id),
                                :from, :to, :country, :user, :now, :reason)""")
                .param("id", id)
                .param("from", from)
                .param("to", to.name())
                .param("country", actorCountry)
                .param("user", actorUser)
                .param("now", Timestamp.from(now))
                .param("reason", reason)
                .update();
    }

    public void touch(UUID id, Instant now) {
        jdbc.sql(
                        "update repatriations set version = version + 1, update_time = :now where id = :id")
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    public void waiveEscorts(UUID id, Side side, Instant now) {
        String column =
                side == Side.SENDING ? "escort_waived_by_sending" : "escort_waived_by_receiving";
        jdbc.sql(
                        "update repatriations set "
                                + column
                                + " = true, version = version + 1, update_time = :now where id = :id")
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    public void setHandover(UUID id, Handover h) {
        jdbc.sql(
                        """
                        update repatriations
                           set handover_place = :place, handover_time = :time, handing_officer = :handing,
                               receiving_officer = :receiving
                         where id = :id""")
                .param("id", id)
                .param("place", h.place().strip())
                .param("time", Timestamp.from(h.time()))
                .param("handing", h.handingOfficer().strip())
                .param("receiving", h.receivingOfficer().strip())
                .update();
    }

    /**
     * Settles a PENDING fugitive check; true only for the one call that found it still PENDING (so
     * its effects happen once, whoever settles it and however often).
     */
    public boolean settleFugitiveCheck(
            UUID id, FugitiveCheck outcome, String reference, Instant now) {
        if (outcome != FugitiveCheck.CONFIRMED) {
            return doSettle(id, outcome, reference, now);
        }
        // A confirmation may collide with another live repatriation confirmed meanwhile: the
        // savepoint keeps the
        // caller's transaction (a reconciler round settling several checks) usable, and the caller
        // refuses it.
        jdbc.sql("savepoint confirm_check").update();
        try {
            boolean settled = doSettle(id, outcome, reference, now);
            jdbc.sql("release savepoint confirm_check").update();
            return settled;
        } catch (DuplicateKeyException e) {
            jdbc.sql("rollback to savepoint confirm_check").update();
            if (String.valueOf(e.getMessage()).contains(ONE_LIVE_PER_PERSON)) {
                throw new AnotherLiveRepatriation();
            }
            throw e;
        }
    }

    private boolean doSettle(UUID id, FugitiveCheck outcome, String reference, Instant now) {
        return jdbc.sql(
                                """
                        update repatriations
                           set fugitive_check = :outcome, wanted_person_reference = :reference,
                               version = version + 1, update_time = :now
                         where id = :id and fugitive_check = 'PENDING'""")
                        .param("id", id)
                        .param("outcome", outcome.name())
                        .param("reference", reference)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public Optional<Repatriation> find(String tenant, UUID id) {
        List<Repatriation> found =
                withDetails(
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from repatriations r where r.id = :id and "
                                                + VISIBLE)
                                .param("id", id)
                                .param("tenant", tenant)
                                .query(RepatriationStore::row)
                                .list());
        return found.stream().findFirst();
    }

    /** The repatriations the tenant may see, newest first, after the cursor. */
    public List<Repatriation> list(String tenant, Optional<PageCursor> after, int limit) {
        String page =
                after.isPresent() ? " and (r.create_time, r.id) < (:afterTime, :afterId)" : "";
        var sql =
                jdbc.sql(
                                "select "
                                        + COLUMNS
                                        + " from repatriations r where "
                                        + VISIBLE
                                        + page
                                        + " order by r.create_time desc, r.id desc limit :limit")
                        .param("tenant", tenant)
                        .param("limit", limit);
        if (after.isPresent()) {
            sql =
                    sql.param("afterTime", Timestamp.from(after.get().createTime()))
                            .param("afterId", after.get().id());
        }
        return withDetails(sql.query(RepatriationStore::row).list());
    }

    /** Fills in persons, legs, escorts and history of the rows, with one query per table. */
    private List<Repatriation> withDetails(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
        Map<UUID, String> owners = new HashMap<>();
        rows.forEach(r -> owners.put(r.id(), r.owner()));
        Map<UUID, List<Person>> persons = new HashMap<>();
        jdbc.sql(
                        """
                        select p.repatriation_id, p.role, coalesce(i.full_name, ''), p.nationality, p.languages,
                               coalesce(i.support_needs, '{}'), p.document_type, p.document_status, p.document_number,
                               p.position
                          from repatriation_persons p
                          left join repatriation_person_identities i
                                 on i.repatriation_id = p.repatriation_id and i.position = p.position
                         where p.repatriation_id = any (:ids) order by p.repatriation_id, p.position""")
                .param("ids", ids)
                .query(
                        rs -> {
                            UUID id = rs.getObject(1, UUID.class);
                            String owner = owners.get(id);
                            int position = rs.getInt(10);
                            persons.computeIfAbsent(id, k -> new ArrayList<>())
                                    .add(
                                            new Person(
                                                    Person.Role.valueOf(rs.getString(2)),
                                                    cipher.open(
                                                                    owner,
                                                                    id,
                                                                    "repatriation_person_identities.full_name#"
                                                                            + position,
                                                                    rs.getString(3))
                                                            .value(),
                                                    rs.getString(4),
                                                    strings(rs, 5),
                                                    openAll(
                                                            owner,
                                                            id,
                                                            "repatriation_person_identities.support_needs#"
                                                                    + position,
                                                            strings(rs, 6)),
                                                    new TravelDocument(
                                                            TravelDocument.Type.valueOf(
                                                                    rs.getString(7)),
                                                            TravelDocument.Status.valueOf(
                                                                    rs.getString(8)),
                                                            cipher.open(
                                                                            owner,
                                                                            id,
                                                                            "repatriation_persons.document_number#"
                                                                                    + position,
                                                                            rs.getString(9))
                                                                    .value())));
                        });
        Map<UUID, List<Leg>> legs = new HashMap<>();
        jdbc.sql(
                        """
                        select repatriation_id, carrier, flight_number, departure_airport, arrival_airport, departure_time,
                               arrival_time
                          from repatriation_legs where repatriation_id = any (:ids) order by repatriation_id, position""")
                .param("ids", ids)
                .query(
                        rs -> {
                            legs.computeIfAbsent(
                                            rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                    .add(
                                            new Leg(
                                                    rs.getString(2),
                                                    rs.getString(3),
                                                    rs.getString(4),
                                                    rs.getString(5),
                                                    rs.getTimestamp(6).toInstant(),
                                                    rs.getTimestamp(7).toInstant()));
                        });
        Map<UUID, List<Escort>> escorts = new HashMap<>();
        jdbc.sql(
                        """
                        select repatriation_id, name, country
                          from repatriation_escorts where repatriation_id = any (:ids) order by repatriation_id, position""")
                .param("ids", ids)
                .query(
                        rs -> {
                            escorts.computeIfAbsent(
                                            rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                    .add(new Escort(rs.getString(2), rs.getString(3)));
                        });
        Map<UUID, List<Transition>> history = new HashMap<>();
        jdbc.sql(
                        """
                        select repatriation_id, from_status, to_status, actor_country, actor_user, at, reason
                          from repatriation_transitions where repatriation_id = any (:ids) order by repatriation_id, seq""")
                .param("ids", ids)
                .query(
                        rs -> {
                            history.computeIfAbsent(
                                            rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                    .add(
                                            new Transition(
                                                    rs.getString(2),
                                                    RepatriationStatus.valueOf(rs.getString(3)),
                                                    rs.getString(4),
                                                    rs.getString(5),
                                                    rs.getTimestamp(6).toInstant(),
                                                    rs.getString(7)));
                        });
        return rows.stream()
                .map(
                        r ->
                                r.toRecord(
                                        new Logistics(
                                                persons.getOrDefault(r.id(), List.of()),
                                                legs.getOrDefault(r.id(), List.of()),
                                                escorts.getOrDefault(r.id(), List.of())),
                                        history.getOrDefault(r.id(), List.of())))
                .toList();
    }

    private record Row(
            UUID id,
            String owner,
            Kind kind,
            String sending,
            String receiving,
            List<String> transit,
            RepatriationStatus status,
            Optional<UUID> wantedPerson,
            String reference,
            FugitiveCheck check,
            List<String> cases,
            VictimGroup victims,
            boolean waivedBySending,
            boolean waivedByReceiving,
            Optional<Handover> handover,
            String reason,
            long version,
            Instant created,
            Instant updated,
            Optional<CustodyDelivery> delivery,
            Optional<UUID> rescue,
            Optional<ArrestOrigin> arrest) {

        Repatriation toRecord(Logistics logistics, List<Transition> history) {
            return new Repatriation(
                    id,
                    owner,
                    kind,
                    sending,
                    receiving,
                    transit,
                    wantedPerson,
                    reference,
                    check,
                    cases,
                    victims,
                    logistics,
                    status,
                    waivedBySending,
                    waivedByReceiving,
                    handover,
                    reason,
                    history,
                    version,
                    created,
                    updated,
                    delivery,
                    rescue,
                    arrest);
        }
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp handoverTime = rs.getTimestamp("handover_time");
        Optional<Handover> handover =
                handoverTime == null
                        ? Optional.empty()
                        : Optional.of(
                                new Handover(
                                        rs.getString("handover_place"),
                                        handoverTime.toInstant(),
                                        rs.getString("handing_officer"),
                                        rs.getString("receiving_officer")));
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("owner_country"),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("sending_country"),
                rs.getString("receiving_country"),
                strings(rs, "transit_countries"),
                RepatriationStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getObject("wanted_person_id", UUID.class)),
                rs.getString("wanted_person_reference"),
                FugitiveCheck.valueOf(rs.getString("fugitive_check")),
                strings(rs, "case_ids"),
                new VictimGroup(
                        rs.getInt("victim_count"),
                        strings(rs, "victim_nationalities"),
                        strings(rs, "victim_languages"),
                        strings(rs, "victim_support_needs")),
                rs.getBoolean("escort_waived_by_sending"),
                rs.getBoolean("escort_waived_by_receiving"),
                handover,
                rs.getString("status_reason"),
                rs.getLong("version"),
                rs.getTimestamp("create_time").toInstant(),
                rs.getTimestamp("update_time").toInstant(),
                delivery(rs),
                Optional.ofNullable(rs.getObject("rescue_request_id", UUID.class)),
                arrest(rs));
    }

    private static Optional<ArrestOrigin> arrest(ResultSet rs) throws SQLException {
        Timestamp time = rs.getTimestamp("arrest_time");
        return time == null
                ? Optional.empty()
                : Optional.of(new ArrestOrigin(rs.getString("arrest_place"), time.toInstant()));
    }

    private static Optional<CustodyDelivery> delivery(ResultSet rs) throws SQLException {
        String state = rs.getString("custody_delivery");
        if (state == null) {
            return Optional.empty();
        }
        return Optional.of(
                new CustodyDelivery(
                        CustodyDelivery.State.valueOf(state),
                        rs.getInt("custody_delivery_attempts"),
                        rs.getString("custody_delivery_error"),
                        instant(rs, "custody_delivery_next_attempt"),
                        instant(rs, "custody_delivery_token_expiry"),
                        instant(rs, "custody_delivery_settle_time")));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp(column)).map(Timestamp::toInstant);
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        return strings(rs.getArray(column));
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        return strings(rs.getArray(column));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }
}
