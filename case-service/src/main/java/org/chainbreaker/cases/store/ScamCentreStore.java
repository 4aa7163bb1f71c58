package org.chainbreaker.cases.store;

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
import org.chainbreaker.cases.domain.HandlingCode;
import org.chainbreaker.cases.domain.ScamCentre;
import org.chainbreaker.cases.domain.ScamCentreDetails;
import org.chainbreaker.cases.domain.Share;
import org.chainbreaker.platform.records.Keyset;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.records.RequestKeyColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for scam centres, their grants and their links to cases, inside tenant transactions. Who sees
 * a centre: its owner and the countries holding a live grant (stated here for the indexes; the
 * policies are the backstop and also decide which links the tenant sees: those whose case it sees
 * too).
 */
@Repository
public class ScamCentreStore {

    private static final String COLUMNS =
            """
            c.id, c.owner_country, c.name, c.country, c.province, c.city, c.latitude, c.longitude, c.operating_group,
            c.people_held, c.description, c.version, c.create_time, c.update_time""";

    private static final String VISIBLE =
            """
            (c.owner_country = :tenant
             or exists (select 1 from scam_centre_shares s where s.centre_id = c.id and s.country = :tenant
                        and (s.expire_time is null or s.expire_time > now())))""";

    private final JdbcClient jdbc;

    ScamCentreStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the centre unless the owner already used its request id; true if inserted. */
    public boolean insert(
            UUID id,
            String owner,
            ScamCentreDetails details,
            Optional<RequestKey> key,
            Instant now) {
        return jdbc.sql(
                                """
                        insert into scam_centres (id, owner_country, name, country, province, city, latitude, longitude,
                                                  operating_group, people_held, description, version, request_id,
                                                  request_digest, create_time, update_time)
                        values (:id, :owner, :name, :country, :province, :city, cast(:latitude as double precision),
                                cast(:longitude as double precision), :group, :people, :description, 1, :requestId,
                                :digest, :now, :now)
                        on conflict (owner_country, request_id) do nothing""")
                        .paramSource(
                                details(details)
                                        .addValue("id", id)
                                        .addValue("owner", owner)
                                        .addValues(RequestKeyColumns.params(key))
                                        .addValue("now", Timestamp.from(now)))
                        .update()
                == 1;
    }

    /**
     * The owner's centre made with this request id, with the digest of the request that made it.
     */
    public Optional<RequestKey.Stored<UUID>> findByRequestId(String owner, String requestId) {
        return RequestKeyColumns.find(jdbc, "scam_centres", "owner_country", owner, requestId);
    }

    public Optional<ScamCentre> find(String tenant, UUID id) {
        return complete(
                        tenant,
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from scam_centres c where c.id = :id and "
                                                + VISIBLE)
                                .param("id", id)
                                .param("tenant", tenant)
                                .query(ScamCentreStore::row)
                                .list())
                .stream()
                .findFirst();
    }

    /** Centres the tenant owns or received, newest first, after the cursor. */
    public List<ScamCentre> list(String tenant, Optional<PageCursor> after, int limit) {
        Keyset page = Keyset.of("c", after, limit);
        var statement =
                page.bind(
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from scam_centres c where "
                                                + VISIBLE
                                                + page.andAfter()
                                                + page.orderAndLimit())
                                .param("tenant", tenant));
        return complete(tenant, statement.query(ScamCentreStore::row).list());
    }

    /**
     * Locks the centre against concurrent change and returns its version; owners only (update
     * policy).
     */
    public Optional<Long> lockVersion(UUID id) {
        return jdbc.sql("select version from scam_centres where id = :id for update")
                .param("id", id)
                .query(Long.class)
                .optional();
    }

    public void update(UUID id, ScamCentreDetails details, Instant now) {
        jdbc.sql(
                        """
                        update scam_centres
                           set name = :name, country = :country, province = :province, city = :city,
                               latitude = cast(:latitude as double precision),
                               longitude = cast(:longitude as double precision), operating_group = :group,
                               people_held = :people, description = :description, version = version + 1,
                               update_time = :now
                         where id = :id""")
                .paramSource(
                        details(details).addValue("id", id).addValue("now", Timestamp.from(now)))
                .update();
    }

    /**
     * Records a change that is not a column of the centre (a grant, a link): new version and update
     * time.
     */
    public void touch(UUID id, Instant now) {
        jdbc.sql("update scam_centres set version = version + 1, update_time = :now where id = :id")
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    public void upsertShare(UUID id, String owner, Share share) {
        jdbc.sql(
                        """
                        insert into scam_centre_shares (centre_id, owner_country, country, handling_code, shared_by,
                                                        share_time, expire_time)
                        values (:id, :owner, :country, :code, :by, :time, cast(:expire as timestamptz))
                        on conflict (centre_id, country)
                        do update set handling_code = excluded.handling_code, shared_by = excluded.shared_by,
                                      share_time = excluded.share_time, expire_time = excluded.expire_time,
                                      group_id = null""")
                .param("id", id)
                .param("owner", owner)
                .param("country", share.country())
                .param("code", share.handlingCode().name())
                .param("by", share.sharedBy())
                .param("time", Timestamp.from(share.shareTime()))
                .param("expire", share.expireTime().map(Timestamp::from).orElse(null))
                .update();
    }

    public boolean deleteShare(UUID id, String country) {
        return jdbc.sql(
                                "delete from scam_centre_shares where centre_id = :id and country = :country")
                        .param("id", id)
                        .param("country", country)
                        .update()
                == 1;
    }

    /**
     * Links a case the tenant sees (the insert policy checks it again); true if the link is new.
     */
    public boolean link(UUID id, UUID caseId, String owner, String user, Instant now) {
        return jdbc.sql(
                                """
                        insert into scam_centre_cases (centre_id, case_id, owner_country, linked_by, link_time)
                        values (:id, :caseId, :owner, :user, :now)
                        on conflict (centre_id, case_id) do nothing""")
                        .param("id", id)
                        .param("caseId", caseId)
                        .param("owner", owner)
                        .param("user", user)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public boolean unlink(UUID id, UUID caseId) {
        return jdbc.sql("delete from scam_centre_cases where centre_id = :id and case_id = :caseId")
                        .param("id", id)
                        .param("caseId", caseId)
                        .update()
                == 1;
    }

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource details(
            ScamCentreDetails d) {
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("name", d.name())
                .addValue("country", d.country())
                .addValue("province", d.province())
                .addValue("city", d.city())
                .addValue(
                        "latitude",
                        d.coordinates().map(ScamCentreDetails.Coordinates::latitude).orElse(null))
                .addValue(
                        "longitude",
                        d.coordinates().map(ScamCentreDetails.Coordinates::longitude).orElse(null))
                .addValue("group", d.operatingGroup())
                .addValue("people", d.peopleHeld())
                .addValue("description", d.description());
    }

    /**
     * Adds the grants the tenant may see and the links the policies let through (cases it sees).
     */
    private List<ScamCentre> complete(String tenant, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
        Map<UUID, List<Share>> shares = new HashMap<>();
        jdbc.sql(
                        """
                        select centre_id, country, handling_code, shared_by, share_time, expire_time, owner_country,
                               group_id
                          from scam_centre_shares
                         where centre_id = any(:ids)
                           and (owner_country = :tenant
                                or (country = :tenant and (expire_time is null or expire_time > now())))
                         order by share_time, country""")
                .param("ids", ids)
                .param("tenant", tenant)
                .query(
                        rs -> {
                            Timestamp expire = rs.getTimestamp("expire_time");
                            shares.computeIfAbsent(
                                            rs.getObject("centre_id", UUID.class),
                                            k -> new ArrayList<>())
                                    .add(
                                            new Share(
                                                    rs.getString("country"),
                                                    HandlingCode.valueOf(
                                                            rs.getString("handling_code")),
                                                    rs.getString("shared_by"),
                                                    rs.getTimestamp("share_time").toInstant(),
                                                    false,
                                                    Optional.ofNullable(expire)
                                                            .map(Timestamp::toInstant),
                                                    rs.getString("owner_country"),
                                                    Optional.empty(),
                                                    Optional.ofNullable(
                                                            rs.getObject("group_id", UUID.class))));
                        });
        Map<UUID, List<UUID>> cases = new HashMap<>();
        jdbc.sql(
                        """
                        select centre_id, case_id from scam_centre_cases
                         where centre_id = any(:ids) order by link_time, case_id""")
                .param("ids", ids)
                .query(
                        rs -> {
                            cases.computeIfAbsent(
                                            rs.getObject("centre_id", UUID.class),
                                            k -> new ArrayList<>())
                                    .add(rs.getObject("case_id", UUID.class));
                        });
        return rows.stream()
                .map(
                        r ->
                                new ScamCentre(
                                        r.id(),
                                        r.owner(),
                                        r.details(),
                                        cases.getOrDefault(r.id(), List.of()),
                                        shares.getOrDefault(r.id(), List.of()),
                                        r.createTime(),
                                        r.updateTime(),
                                        r.version()))
                .toList();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        double latitude = rs.getDouble("latitude");
        boolean located = !rs.wasNull();
        double longitude = rs.getDouble("longitude");
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("owner_country"),
                new ScamCentreDetails(
                        rs.getString("name"),
                        rs.getString("country"),
                        rs.getString("province"),
                        rs.getString("city"),
                        located
                                ? Optional.of(
                                        new ScamCentreDetails.Coordinates(latitude, longitude))
                                : Optional.empty(),
                        rs.getString("operating_group"),
                        rs.getInt("people_held"),
                        rs.getString("description")),
                rs.getTimestamp("create_time").toInstant(),
                rs.getTimestamp("update_time").toInstant(),
                rs.getLong("version"));
    }

    private record Row(
            UUID id,
            String owner,
            ScamCentreDetails details,
            Instant createTime,
            Instant updateTime,
            long version) {}
}
