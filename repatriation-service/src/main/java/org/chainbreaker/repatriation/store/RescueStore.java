package org.chainbreaker.repatriation.store;

import java.sql.Array;
import java.sql.Date;
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
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.records.RequestKeyColumns;
import org.chainbreaker.repatriation.domain.RescueRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for emergency rescue requests. Runs inside tenant transactions (row-level security limits
 * every statement); queries state the visibility rule themselves so that indexes serve them, the
 * policies being the backstop.
 */
@Repository
public class RescueStore {

    private static final String VISIBLE =
            """
            (r.requesting_country = :tenant or r.host_country = :tenant
             or (r.escalated and exists (select 1 from coordinator_countries c where c.country = :tenant)))""";

    /** A request to insert: its id, who raised it, what they asked, by when to acknowledge it. */
    public record Raised(
            UUID id,
            String requestingCountry,
            RescueRequest.Raise request,
            Instant acknowledgeDeadline) {}

    /** An escalated request, as the timer returns it. */
    public record Escalated(UUID id, String requestingCountry, String hostCountry) {}

    private final JdbcClient jdbc;

    RescueStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts an OPEN request unless the requesting country already used this request id; true if
     * inserted.
     */
    public boolean insert(Raised raised, Optional<RequestKey> key, Instant now) {
        RescueRequest.Raise request = raised.request();
        RescueRequest.Location location = request.location();
        return jdbc.sql(
                                """
                        insert into rescue_requests (id, requesting_country, host_country, province, place_description,
                               latitude, longitude, estimated_people, nationalities, source, status,
                               acknowledge_deadline, request_id, request_digest, create_time, update_time)
                        values (:id, :requesting, :host, :province, :description, :latitude, :longitude, :people,
                                :nationalities, :source, 'OPEN', :deadline, :requestId, :digest, :now, :now)
                        on conflict (requesting_country, request_id) do nothing""")
                        .param("id", raised.id())
                        .param("requesting", raised.requestingCountry())
                        .param("host", request.hostCountry())
                        .param("province", location.province().strip())
                        .param("description", location.description().strip())
                        .param("latitude", location.latitude().orElse(null))
                        .param("longitude", location.longitude().orElse(null))
                        .param("people", request.estimatedPeople())
                        .param("nationalities", request.nationalities().toArray(String[]::new))
                        .param("source", request.source().strip())
                        .param("deadline", Timestamp.from(raised.acknowledgeDeadline()))
                        .params(RequestKeyColumns.params(key))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * The country's rescue request raised with this request id, with the digest of the request that
     * raised it.
     */
    public Optional<RequestKey.Stored<UUID>> findByRequestId(String requesting, String requestId) {
        return RequestKeyColumns.find(
                jdbc, "rescue_requests", "requesting_country", requesting, requestId);
    }

    /**
     * Locks the request's row until the transaction ends; false if there is no such row to lock.
     */
    public boolean lock(UUID id) {
        return jdbc.sql("select id from rescue_requests where id = :id for update")
                .param("id", id)
                .query(UUID.class)
                .optional()
                .isPresent();
    }

    /** OPEN -> ACKNOWLEDGED; only if still OPEN (false otherwise, nothing written). */
    public boolean acknowledge(UUID id, String user, Instant now) {
        return jdbc.sql(
                                """
                        update rescue_requests
                           set status = 'ACKNOWLEDGED', acknowledge_time = :now, acknowledged_by = :user,
                               version = version + 1, update_time = :now
                         where id = :id and status = 'OPEN'""")
                        .param("id", id)
                        .param("user", user)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * ACKNOWLEDGED -> RESOLVED with the outcome; only if still ACKNOWLEDGED (false otherwise,
     * nothing written).
     */
    public boolean resolve(UUID id, RescueRequest.Outcome outcome, Instant now) {
        return jdbc.sql(
                                """
                        update rescue_requests
                           set status = 'RESOLVED', rescue_date = :date, rescued_nationalities = :nationalities,
                               rescued_counts = :counts, version = version + 1, update_time = :now
                         where id = :id and status = 'ACKNOWLEDGED'""")
                        .param("id", id)
                        .param("date", Date.valueOf(outcome.rescueDate()))
                        .param(
                                "nationalities",
                                outcome.rescued().stream()
                                        .map(RescueRequest.RescuedGroup::nationality)
                                        .toArray(String[]::new))
                        .param(
                                "counts",
                                outcome.rescued().stream()
                                        .map(RescueRequest.RescuedGroup::count)
                                        .toArray(Integer[]::new))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Escalates OPEN requests past their deadline, each once, whichever replica gets there (see the
     * migration).
     */
    public List<Escalated> escalateDue(int limit) {
        return jdbc.sql(
                        "select id, requesting_country, host_country from rescue_escalate_due(:limit)")
                .param("limit", limit)
                .query(
                        (rs, n) ->
                                new Escalated(
                                        rs.getObject(1, UUID.class),
                                        rs.getString(2),
                                        rs.getString(3)))
                .list();
    }

    public Optional<RescueRequest> find(String tenant, UUID id) {
        return withReturns(
                        jdbc.sql(
                                        "select r.* from rescue_requests r where r.id = :id and "
                                                + VISIBLE)
                                .param("id", id)
                                .param("tenant", tenant)
                                .query(RescueStore::row)
                                .list())
                .stream()
                .findFirst();
    }

    /** The requests the tenant may see, newest first, after the cursor. */
    public List<RescueRequest> list(String tenant, Optional<PageCursor> after, int limit) {
        String page =
                after.isPresent() ? " and (r.create_time, r.id) < (:afterTime, :afterId)" : "";
        var sql =
                jdbc.sql(
                                "select r.* from rescue_requests r where "
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
        return withReturns(sql.query(RescueStore::row).list());
    }

    /**
     * Adds the victim returns opened from each request that the tenant may see (row-level security
     * filters them).
     */
    private List<RescueRequest> withReturns(List<RescueRequest> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, List<UUID>> returns = new HashMap<>();
        jdbc.sql(
                        """
                        select rescue_request_id, id from repatriations
                         where rescue_request_id = any (:ids) order by rescue_request_id, create_time, id""")
                .param("ids", rows.stream().map(RescueRequest::id).toArray(UUID[]::new))
                .query(
                        rs -> {
                            returns.computeIfAbsent(
                                            rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                    .add(rs.getObject(2, UUID.class));
                        });
        return rows.stream()
                .map(
                        r ->
                                new RescueRequest(
                                        r.id(),
                                        r.requestingCountry(),
                                        r.hostCountry(),
                                        r.location(),
                                        r.estimatedPeople(),
                                        r.nationalities(),
                                        r.source(),
                                        r.status(),
                                        r.acknowledgeDeadline(),
                                        r.acknowledgeTime(),
                                        r.acknowledgedBy(),
                                        r.escalated(),
                                        r.escalateTime(),
                                        r.outcome(),
                                        returns.getOrDefault(r.id(), List.of()),
                                        r.version(),
                                        r.createTime(),
                                        r.updateTime()))
                .toList();
    }

    private static RescueRequest row(ResultSet rs, int n) throws SQLException {
        double latitude = rs.getDouble("latitude");
        boolean located = !rs.wasNull();
        double longitude = rs.getDouble("longitude");
        Date rescueDate = rs.getDate("rescue_date");
        Optional<RescueRequest.Outcome> outcome = Optional.empty();
        if (rescueDate != null) {
            List<String> nationalities = strings(rs.getArray("rescued_nationalities"));
            Integer[] counts = (Integer[]) rs.getArray("rescued_counts").getArray();
            List<RescueRequest.RescuedGroup> groups = new ArrayList<>();
            for (int i = 0; i < nationalities.size(); i++) {
                groups.add(new RescueRequest.RescuedGroup(nationalities.get(i), counts[i]));
            }
            outcome = Optional.of(new RescueRequest.Outcome(rescueDate.toLocalDate(), groups));
        }
        return new RescueRequest(
                rs.getObject("id", UUID.class),
                rs.getString("requesting_country"),
                rs.getString("host_country"),
                new RescueRequest.Location(
                        rs.getString("host_country"),
                        rs.getString("province"),
                        rs.getString("place_description"),
                        located ? Optional.of(latitude) : Optional.empty(),
                        located ? Optional.of(longitude) : Optional.empty()),
                rs.getInt("estimated_people"),
                strings(rs.getArray("nationalities")),
                rs.getString("source"),
                RescueRequest.Status.valueOf(rs.getString("status")),
                rs.getTimestamp("acknowledge_deadline").toInstant(),
                instant(rs, "acknowledge_time"),
                rs.getString("acknowledged_by"),
                rs.getBoolean("escalated"),
                instant(rs, "escalate_time"),
                outcome,
                List.of(),
                rs.getLong("version"),
                rs.getTimestamp("create_time").toInstant(),
                rs.getTimestamp("update_time").toInstant());
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp(column)).map(Timestamp::toInstant);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
