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
import org.chainbreaker.platform.persistence.OneRoundTrip;
import org.chainbreaker.platform.persistence.RowIds;
import org.chainbreaker.platform.records.Keyset;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.repatriation.domain.ArrestOrigin;
import org.chainbreaker.repatriation.domain.CustodyDelivery;
import org.chainbreaker.repatriation.domain.Escort;
import org.chainbreaker.repatriation.domain.FugitiveCheck;
import org.chainbreaker.repatriation.domain.Handover;
import org.chainbreaker.repatriation.domain.Kind;
import org.chainbreaker.repatriation.domain.Leg;
import org.chainbreaker.repatriation.domain.Logistics;
import org.chainbreaker.repatriation.domain.Person;
import org.chainbreaker.repatriation.domain.Repatriation;
import org.chainbreaker.repatriation.domain.RepatriationStatus;
import org.chainbreaker.repatriation.domain.Transition;
import org.chainbreaker.repatriation.domain.TravelDocument;
import org.chainbreaker.repatriation.domain.VictimGroup;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reading repatriations with their persons, legs, escorts and history, as the tenant may see them
 * (the visibility predicate stated in the queries so that indexes serve them; row-level security is
 * the backstop). Sealed person fields are opened under the owning country's key; a value that
 * cannot be opened reads as empty.
 */
@Repository
class RepatriationReader {

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
    private final JdbcOperations statements;
    private final FieldCipher cipher;

    RepatriationReader(JdbcClient jdbc, JdbcOperations statements, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.statements = statements;
        this.cipher = cipher;
    }

    private List<String> openAll(String owner, UUID id, String field, List<String> values) {
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            opened.add(cipher.open(owner, id, field + "#" + i, values.get(i)).value());
        }
        return opened;
    }

    Optional<Repatriation> find(String tenant, UUID id) {
        // The record and its four child tables in one round trip: the ids are known before the
        // record is read. Child rows of a record the tenant may not see are never returned (each
        // child table's policy asks for its record's), and are dropped if they were.
        List<Row> rows = new ArrayList<>(1);
        Details details = new Details(RowIds.of(id));
        OneRoundTrip trip =
                new OneRoundTrip()
                        .select(
                                "select "
                                        + COLUMNS
                                        + " from repatriations r where r.id = :id and "
                                        + VISIBLE,
                                Map.of("id", id, "tenant", tenant),
                                rs ->
                                        details.owners.put(
                                                id, add(rows, row(rs, rows.size())).owner()));
        details.addTo(trip);
        trip.run(statements);
        return details.complete(rows).stream().findFirst();
    }

    private static Row add(List<Row> rows, Row row) {
        rows.add(row);
        return row;
    }

    /** The repatriations the tenant may see, newest first, after the cursor. */
    List<Repatriation> list(String tenant, Optional<PageCursor> after, int limit) {
        Keyset page = Keyset.of("r", after, limit);
        var sql =
                page.bind(
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from repatriations r where "
                                                + VISIBLE
                                                + page.andAfter()
                                                + page.orderAndLimit())
                                .param("tenant", tenant));
        return withDetails(sql.query(this::row).list());
    }

    /** Fills in persons, legs, escorts and history of the rows, in one round trip. */
    private List<Repatriation> withDetails(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Details details = new Details(new RowIds(rows.stream().map(Row::id).toList()));
        rows.forEach(r -> details.owners.put(r.id(), r.owner()));
        OneRoundTrip trip = new OneRoundTrip();
        details.addTo(trip);
        trip.run(statements);
        return details.complete(rows);
    }

    /** The rows of the child tables of some repatriations, by repatriation. */
    private final class Details {
        private final RowIds ids;
        private final Map<UUID, String> owners = new HashMap<>();
        private final Map<UUID, List<Person>> persons = new HashMap<>();
        private final Map<UUID, List<Leg>> legs = new HashMap<>();
        private final Map<UUID, List<Escort>> escorts = new HashMap<>();
        private final Map<UUID, List<Transition>> history = new HashMap<>();

        Details(RowIds ids) {
            this.ids = ids;
        }

        /** The selects of the four child tables, after whatever the trip reads first. */
        void addTo(OneRoundTrip trip) {
            Map<String, Object> params = Map.of("ids", ids.value());
            trip.select(
                    """
                    select p.repatriation_id, p.role, coalesce(i.full_name, ''), p.nationality, p.languages,
                           coalesce(i.support_needs, '{}'), p.document_type, p.document_status, p.document_number,
                           p.position
                      from repatriation_persons p
                      left join repatriation_person_identities i
                             on i.repatriation_id = p.repatriation_id and i.position = p.position
                     where %s order by p.repatriation_id, p.position"""
                            .formatted(ids.match("p.repatriation_id")),
                    params,
                    this::person);
            trip.select(
                    """
                    select repatriation_id, carrier, flight_number, departure_airport, arrival_airport, departure_time,
                           arrival_time
                      from repatriation_legs where %s order by repatriation_id, position"""
                            .formatted(ids.match("repatriation_id")),
                    params,
                    rs ->
                            legs.computeIfAbsent(
                                            rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                    .add(
                                            new Leg(
                                                    rs.getString(2),
                                                    rs.getString(3),
                                                    rs.getString(4),
                                                    rs.getString(5),
                                                    rs.getTimestamp(6).toInstant(),
                                                    rs.getTimestamp(7).toInstant())));
            trip.select(
                    """
                    select repatriation_id, name, country
                      from repatriation_escorts where %s order by repatriation_id, position"""
                            .formatted(ids.match("repatriation_id")),
                    params,
                    rs ->
                            escorts.computeIfAbsent(
                                            rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                    .add(new Escort(rs.getString(2), rs.getString(3))));
            trip.select(
                    """
                    select repatriation_id, from_status, to_status, actor_country, actor_user, at, reason
                      from repatriation_transitions where %s order by repatriation_id, seq"""
                            .formatted(ids.match("repatriation_id")),
                    params,
                    rs ->
                            history.computeIfAbsent(
                                            rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                    .add(
                                            new Transition(
                                                    rs.getString(2),
                                                    RepatriationStatus.valueOf(rs.getString(3)),
                                                    rs.getString(4),
                                                    rs.getString(5),
                                                    rs.getTimestamp(6).toInstant(),
                                                    rs.getString(7))));
        }

        private void person(ResultSet rs) throws SQLException {
            UUID id = rs.getObject(1, UUID.class);
            String owner = owners.get(id);
            if (owner == null) {
                // The record's own row was not read: none of its children are shown.
                return;
            }
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
                                            TravelDocument.Type.valueOf(rs.getString(7)),
                                            TravelDocument.Status.valueOf(rs.getString(8)),
                                            cipher.open(
                                                            owner,
                                                            id,
                                                            "repatriation_persons.document_number#"
                                                                    + position,
                                                            rs.getString(9))
                                                    .value())));
        }

        /** The rows as records, with their children. */
        List<Repatriation> complete(List<Row> rows) {
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
    }

    /**
     * The transfers opened from arrests of this wanted person that the tenant may see, newest
     * arrest first.
     */
    List<UUID> openedFromArrests(String tenant, UUID wantedPersonId) {
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

    private Row row(ResultSet rs, int n) throws SQLException {
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
                        openAll(
                                rs.getString("owner_country"),
                                rs.getObject("id", UUID.class),
                                RepatriationStore.VICTIM_NEEDS,
                                strings(rs, "victim_support_needs"))),
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
}
