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
import org.chainbreaker.cases.domain.CountryGroup;
import org.chainbreaker.cases.domain.HandlingCode;
import org.chainbreaker.platform.records.PageCursor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for country groups and the shares made with them, inside tenant transactions. Which groups
 * the session's country sees (coordinators all, a member its own) and who may change them
 * (coordinators) is decided by the policies of V18; so is what a membership change does to the
 * group's shares (its triggers).
 */
@Repository
public class CountryGroupStore {

    private final JdbcClient jdbc;

    CountryGroupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the session's country is a coordinator. */
    public boolean sessionCoordinates() {
        return jdbc.sql("select cases_session_coordinates()").query(Boolean.class).single();
    }

    public void insert(UUID id, String name, String createdBy, Instant now) {
        jdbc.sql(
                        """
                        insert into country_groups (id, name, created_by_country, create_time, update_time)
                        values (:id, :name, :by, :now, :now)""")
                .param("id", id)
                .param("name", name)
                .param("by", createdBy)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Adds a member; true if it was not one yet. */
    public boolean insertMember(UUID id, String country, String addedBy, Instant now) {
        return jdbc.sql(
                                """
                        insert into country_group_members (group_id, country, added_by_country, add_time)
                        values (:id, :country, :by, :now)
                        on conflict do nothing""")
                        .param("id", id)
                        .param("country", country)
                        .param("by", addedBy)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public boolean deleteMember(UUID id, String country) {
        return jdbc.sql(
                                "delete from country_group_members where group_id = :id and country = :country")
                        .param("id", id)
                        .param("country", country)
                        .update()
                == 1;
    }

    /** Locks the group for change; empty if the session's country may not change it. */
    public Optional<Long> lockVersion(UUID id) {
        return jdbc.sql("select version from country_groups where id = :id for update")
                .param("id", id)
                .query(Long.class)
                .optional();
    }

    public boolean rename(UUID id, String name, long version, Instant now) {
        return jdbc.sql(
                                """
                        update country_groups set name = :name, version = version + 1, update_time = :now
                         where id = :id and version = :version""")
                        .param("id", id)
                        .param("name", name)
                        .param("version", version)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public boolean touch(UUID id, long version, Instant now) {
        return jdbc.sql(
                                """
                        update country_groups set version = version + 1, update_time = :now
                         where id = :id and version = :version""")
                        .param("id", id)
                        .param("version", version)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** The group as the session's country sees it (the policies decide). */
    public Optional<CountryGroup> find(UUID id) {
        return withMembers(
                        jdbc.sql(
                                        """
                                select id, name, created_by_country, create_time, update_time, version
                                  from country_groups where id = :id""")
                                .param("id", id)
                                .query(CountryGroupStore::row)
                                .list())
                .stream()
                .findFirst();
    }

    /** The groups the session's country sees, newest first, after the cursor. */
    public List<CountryGroup> list(Optional<PageCursor> after, int limit) {
        String sql =
                "select id, name, created_by_country, create_time, update_time, version from country_groups"
                        + (after.isPresent()
                                ? " where (create_time, id) < (:afterTime, :afterId)"
                                : "")
                        + " order by create_time desc, id desc limit :limit";
        var statement = jdbc.sql(sql).param("limit", limit);
        if (after.isPresent()) {
            statement =
                    statement
                            .param("afterTime", Timestamp.from(after.get().createTime()))
                            .param("afterId", after.get().id());
        }
        return withMembers(statement.query(CountryGroupStore::row).list());
    }

    /**
     * The owner shares its case with a group: the group share, and one grant per member (its own
     * country excluded) that replaces an existing grant, like a direct share. The countries
     * granted.
     */
    public List<String> shareCase(UUID caseId, String owner, GroupGrant grant) {
        jdbc.sql(
                        """
                        insert into case_group_shares (case_id, owner_country, group_id, handling_code, shared_by,
                                                       share_time, expire_time)
                        values (:record, :owner, :group, :code, :by, :time, cast(:expire as timestamptz))
                        on conflict (case_id, group_id)
                        do update set handling_code = excluded.handling_code, shared_by = excluded.shared_by,
                                      share_time = excluded.share_time, expire_time = excluded.expire_time""")
                .params(grant.params(caseId, owner))
                .update();
        return jdbc.sql(
                        """
                        insert into case_shares (case_id, owner_country, country, handling_code, shared_by, share_time,
                                                 victim_contacts, expire_time, granted_by_country, group_id)
                        select :record, :owner, m.country, :code, :by, :time, false, cast(:expire as timestamptz),
                               :owner, :group
                          from country_group_members m
                         where m.group_id = :group and m.country <> :owner
                        on conflict (case_id, country)
                        do update set handling_code = excluded.handling_code, shared_by = excluded.shared_by,
                                      share_time = excluded.share_time, victim_contacts = false,
                                      expire_time = excluded.expire_time, granted_by_country = excluded.granted_by_country,
                                      operation_id = null, operation_name = null, group_id = excluded.group_id
                        returning country""")
                .params(grant.params(caseId, owner))
                .query(String.class)
                .list();
    }

    /** The same for a scam centre. */
    public List<String> shareCentre(UUID centreId, String owner, GroupGrant grant) {
        jdbc.sql(
                        """
                        insert into scam_centre_group_shares (centre_id, owner_country, group_id, handling_code,
                                                              shared_by, share_time, expire_time)
                        values (:record, :owner, :group, :code, :by, :time, cast(:expire as timestamptz))
                        on conflict (centre_id, group_id)
                        do update set handling_code = excluded.handling_code, shared_by = excluded.shared_by,
                                      share_time = excluded.share_time, expire_time = excluded.expire_time""")
                .params(grant.params(centreId, owner))
                .update();
        return jdbc.sql(
                        """
                        insert into scam_centre_shares (centre_id, owner_country, country, handling_code, shared_by,
                                                        share_time, expire_time, group_id)
                        select :record, :owner, m.country, :code, :by, :time, cast(:expire as timestamptz), :group
                          from country_group_members m
                         where m.group_id = :group and m.country <> :owner
                        on conflict (centre_id, country)
                        do update set handling_code = excluded.handling_code, shared_by = excluded.shared_by,
                                      share_time = excluded.share_time, expire_time = excluded.expire_time,
                                      group_id = excluded.group_id
                        returning country""")
                .params(grant.params(centreId, owner))
                .query(String.class)
                .list();
    }

    /**
     * The owner withdraws its case's share with a group; the database carries each member grant of
     * it over to another group share of the case or ends it (V19). The members whose grant of it
     * ended; empty if the case was not shared with the group.
     */
    public Optional<List<String>> revokeCaseShare(UUID caseId, UUID groupId) {
        return revoke(
                "select country from case_shares where case_id = :record and group_id = :group",
                "delete from case_group_shares where case_id = :record and group_id = :group",
                "select country from case_shares where case_id = :record and country = any(:countries)",
                caseId,
                groupId);
    }

    /** The same for a scam centre. */
    public Optional<List<String>> revokeCentreShare(UUID centreId, UUID groupId) {
        return revoke(
                "select country from scam_centre_shares where centre_id = :record and group_id = :group",
                "delete from scam_centre_group_shares where centre_id = :record and group_id = :group",
                "select country from scam_centre_shares where centre_id = :record and country = any(:countries)",
                centreId,
                groupId);
    }

    private Optional<List<String>> revoke(
            String membersSql, String deleteSql, String stillSql, UUID record, UUID groupId) {
        List<String> before =
                jdbc.sql(membersSql)
                        .param("record", record)
                        .param("group", groupId)
                        .query(String.class)
                        .list();
        if (jdbc.sql(deleteSql).param("record", record).param("group", groupId).update() == 0) {
            return Optional.empty();
        }
        List<String> still =
                jdbc.sql(stillSql)
                        .param("record", record)
                        .param("countries", before.toArray(String[]::new))
                        .query(String.class)
                        .list();
        return Optional.of(before.stream().filter(c -> !still.contains(c)).sorted().toList());
    }

    /** A share with a group, as the owner makes it. */
    public record GroupGrant(
            UUID groupId,
            HandlingCode handlingCode,
            String sharedBy,
            Instant shareTime,
            Optional<Instant> expireTime) {

        Map<String, Object> params(UUID record, String owner) {
            Map<String, Object> p = new HashMap<>();
            p.put("record", record);
            p.put("owner", owner);
            p.put("group", groupId);
            p.put("code", handlingCode.name());
            p.put("by", sharedBy);
            p.put("time", Timestamp.from(shareTime));
            p.put("expire", expireTime.map(Timestamp::from).orElse(null));
            return p;
        }
    }

    private List<CountryGroup> withMembers(List<GroupRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<String>> members = new HashMap<>();
        jdbc.sql("select group_id, country from country_group_members where group_id = any(:ids)")
                .param("ids", rows.stream().map(GroupRow::id).toArray(UUID[]::new))
                .query(
                        rs -> {
                            members.computeIfAbsent(
                                            rs.getObject("group_id", UUID.class),
                                            k -> new ArrayList<>())
                                    .add(rs.getString("country"));
                        });
        return rows.stream()
                .map(
                        r ->
                                new CountryGroup(
                                        r.id(),
                                        r.name(),
                                        members.getOrDefault(r.id(), List.of()),
                                        r.createdBy(),
                                        r.createTime(),
                                        r.updateTime(),
                                        r.version()))
                .toList();
    }

    private record GroupRow(
            UUID id,
            String name,
            String createdBy,
            Instant createTime,
            Instant updateTime,
            long version) {}

    private static GroupRow row(ResultSet rs, int rowNum) throws SQLException {
        return new GroupRow(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("created_by_country"),
                rs.getTimestamp("create_time").toInstant(),
                rs.getTimestamp("update_time").toInstant(),
                rs.getLong("version"));
    }
}
