package org.chainbreaker.fugitives.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.NewOperation;
import org.chainbreaker.fugitives.domain.Operation;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.records.RequestKeyColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for operations and their participants. Runs inside tenant transactions: row-level security
 * limits every query to operations the tenant coordinates or takes part in; queries state the same
 * predicate for the indexes.
 */
@Repository
public class OperationStore {

    private final JdbcClient jdbc;

    OperationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the operation unless the coordinator already used this request id; true if inserted.
     */
    public boolean insert(
            UUID id,
            String coordinator,
            NewOperation draft,
            Optional<RequestKey> key,
            Instant now) {
        boolean inserted =
                jdbc.sql(
                                        """
                        insert into operations (id, coordinator_country, name, start_time, end_time, request_id,
                                                request_digest, create_time)
                        values (:id, :coordinator, :name, :start, :end, :requestId, :digest, :now)
                        on conflict (coordinator_country, request_id) do nothing""")
                                .param("id", id)
                                .param("coordinator", coordinator)
                                .param("name", draft.name())
                                .param("start", Timestamp.from(draft.startTime()))
                                .param("end", Timestamp.from(draft.endTime()))
                                .params(RequestKeyColumns.params(key))
                                .param("now", Timestamp.from(now))
                                .update()
                        == 1;
        if (inserted) {
            for (String country : draft.participants()) {
                addParticipant(id, coordinator, country, now);
            }
        }
        return inserted;
    }

    /**
     * The coordinator's operation opened with this request id, with the digest of the request that
     * opened it.
     */
    public Optional<RequestKey.Stored<UUID>> findByRequestId(String coordinator, String requestId) {
        return RequestKeyColumns.find(
                jdbc, "operations", "coordinator_country", coordinator, requestId);
    }

    /** True if the country was not yet a participant. */
    public boolean addParticipant(
            UUID operationId, String coordinator, String country, Instant now) {
        return jdbc.sql(
                                """
                        insert into operation_participants (operation_id, coordinator_country, country, join_time)
                        values (:id, :coordinator, :country, :now)
                        on conflict (operation_id, country) do nothing""")
                        .param("id", operationId)
                        .param("coordinator", coordinator)
                        .param("country", country)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public boolean removeParticipant(UUID operationId, String country) {
        return jdbc.sql(
                                "delete from operation_participants where operation_id = :id and country = :country")
                        .param("id", operationId)
                        .param("country", country)
                        .update()
                == 1;
    }

    /**
     * Tells a country removed from the session's operation that its access ended: to the operation,
     * and to each wanted person published to it that the country no longer sees by any path, asked
     * of the wanted_persons policy in this statement (see migration V13).
     */
    public void tellParticipantLeft(UUID operationId, String country) {
        jdbc.sql(
                        """
                        select fugitives_tell_participant_left(:id, :country,
                            array(select w from unnest(fugitives_operation_wanted_persons(:id)) w
                                   where not chainbreaker_seen_by('wanted_persons', w, :country)))""")
                .param("id", operationId)
                .param("country", country)
                .query()
                .singleRow();
    }

    public Optional<Operation> find(String tenant, UUID id) {
        List<Row> rows =
                jdbc.sql(
                                """
                        select o.id, o.name, o.coordinator_country, o.start_time, o.end_time, o.create_time
                          from operations o
                         where o.id = :id
                           and (o.coordinator_country = :tenant
                                or exists (select 1 from operation_participants m
                                            where m.operation_id = o.id and m.country = :tenant))""")
                        .param("id", id)
                        .param("tenant", tenant)
                        .query(OperationStore::row)
                        .list();
        return withParticipants(rows).stream().findFirst();
    }

    public List<Operation> list(String tenant, Optional<PageCursor> after, int limit) {
        String sql =
                """
                select o.id, o.name, o.coordinator_country, o.start_time, o.end_time, o.create_time
                  from operations o
                 where (o.coordinator_country = :tenant
                        or o.id in (select m.operation_id from operation_participants m where m.country = :tenant))
                """
                        + (after.isPresent()
                                ? " and (o.create_time, o.id) < (:afterTime, :afterId)"
                                : "")
                        + " order by o.create_time desc, o.id desc limit :limit";
        var statement = jdbc.sql(sql).param("tenant", tenant).param("limit", limit);
        if (after.isPresent()) {
            statement =
                    statement
                            .param("afterTime", Timestamp.from(after.get().createTime()))
                            .param("afterId", after.get().id());
        }
        return withParticipants(statement.query(OperationStore::row).list());
    }

    private List<Operation> withParticipants(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<String>> participants = new HashMap<>();
        jdbc.sql(
                        """
                        select operation_id, country from operation_participants
                         where operation_id = any(:ids) order by join_time, country""")
                .param("ids", rows.stream().map(Row::id).toArray(UUID[]::new))
                .query(
                        rs -> {
                            participants
                                    .computeIfAbsent(
                                            rs.getObject("operation_id", UUID.class),
                                            k -> new ArrayList<>())
                                    .add(rs.getString("country"));
                        });
        return rows.stream()
                .map(
                        r ->
                                new Operation(
                                        r.id(),
                                        r.name(),
                                        r.coordinator(),
                                        participants.getOrDefault(r.id(), List.of()),
                                        r.start(),
                                        r.end(),
                                        r.created()))
                .toList();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("coordinator_country"),
                rs.getTimestamp("start_time").toInstant(),
                rs.getTimestamp("end_time").toInstant(),
                rs.getTimestamp("create_time").toInstant());
    }

    private record Row(
            UUID id,
            String name,
            String coordinator,
            Instant start,
            Instant end,
            Instant created) {}
}
