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
import org.chainbreaker.cases.domain.Case;
import org.chainbreaker.cases.domain.CaseCategory;
import org.chainbreaker.cases.domain.CaseReference;
import org.chainbreaker.cases.domain.CaseStatus;
import org.chainbreaker.cases.domain.CaseUpdate;
import org.chainbreaker.cases.domain.HandlingCode;
import org.chainbreaker.cases.domain.IdentifierMatch;
import org.chainbreaker.cases.domain.NewCase;
import org.chainbreaker.cases.domain.Share;
import org.chainbreaker.platform.keys.FieldCipher;
import org.chainbreaker.platform.records.Keyset;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.records.RequestKeyColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for cases and shares. Every method runs inside a tenant transaction (see TenantTransactions),
 * so row-level security limits it to what the tenant may see. Queries still state the visibility
 * predicate themselves, so that indexes serve them; the policies are the backstop.
 */
@Repository
public class CaseStore {

    private static final String CASE_COLUMNS =
            """
            c.id, c.owner_country, c.reference, c.title, c.category, c.status, c.version, c.create_time, c.update_time,
            c.operation_tags,
            coalesce((select m.summary from case_summaries m where m.case_id = c.id), '') as summary""";

    /**
     * Who may see a case: its owner, a country holding a live share, a country one of its leads or
     * technical analyses is assigned to (the header only).
     */
    private static final String VISIBLE =
            """
            (c.owner_country = :tenant
             or exists (select 1 from case_shares s where s.case_id = c.id and s.country = :tenant
                        and (s.expire_time is null or s.expire_time > now()))
             or exists (select 1 from case_leads l where l.case_id = c.id and l.assigned_country = :tenant)
             or exists (select 1 from case_analyses a where a.case_id = c.id and a.assigned_country = :tenant))""";

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    CaseStore(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /**
     * Takes the owner's next reference number for the year (serialised per owner and year by the
     * row lock).
     */
    public CaseReference nextReference(String owner, int year) {
        long value =
                jdbc.sql(
                                """
                        insert into case_reference_counters (owner_country, year, last_value) values (:owner, :year, 1)
                        on conflict (owner_country, year)
                        do update set last_value = case_reference_counters.last_value + 1
                        returning last_value""")
                        .param("owner", owner)
                        .param("year", year)
                        .query(Long.class)
                        .single();
        return new CaseReference(owner, year, value);
    }

    /** Inserts the case unless the owner already used this request id; true if inserted. */
    public boolean insert(
            UUID id,
            CaseReference reference,
            NewCase draft,
            Optional<RequestKey> key,
            Instant now) {
        boolean made =
                jdbc.sql(
                                        """
                        insert into cases (id, owner_country, reference, title, category, status, version,
                                           request_id, request_digest, create_time, update_time, operation_tags)
                        values (:id, :owner, :reference, :title, :category, :status, 1,
                                :requestId, :digest, :now, :now, :tags)
                        on conflict (owner_country, request_id) do nothing""")
                                .param("id", id)
                                .param("owner", reference.ownerCountry())
                                .param("reference", reference.toString())
                                .param("title", draft.title())
                                .param("category", draft.category().name())
                                .param("status", CaseStatus.OPEN.name())
                                .params(RequestKeyColumns.params(key))
                                .param("tags", draft.operationTags().toArray(String[]::new))
                                .param("now", Timestamp.from(now))
                                .update()
                        == 1;
        if (made) {
            // The summary lives in its own table (its policy withholds it from countries seeing
            // only the header).
            jdbc.sql(
                            "insert into case_summaries (case_id, owner_country, summary) values (:id, :owner, :summary)")
                    .param("id", id)
                    .param("owner", reference.ownerCountry())
                    .param("summary", draft.summary())
                    .update();
        }
        return made;
    }

    /** The owner's case made with this request id, with the digest of the request that made it. */
    public Optional<RequestKey.Stored<UUID>> findByRequestId(String owner, String requestId) {
        return RequestKeyColumns.find(jdbc, "cases", "owner_country", owner, requestId);
    }

    /**
     * The case if the tenant may see it, with the shares the tenant may see; only its header if the
     * tenant sees it only through an assigned lead.
     */
    public Optional<Case> find(String tenant, UUID id) {
        // One statement, one round trip: the case's row once per share it shows (or once, without
        // a share).
        List<CaseRow> found = new ArrayList<>(1);
        List<Share> shares = new ArrayList<>();
        jdbc.sql(
                        "select "
                                + CASE_COLUMNS
                                + ", sh.* from cases c left join lateral ("
                                + SHARES.formatted("s.case_id = c.id")
                                + ") sh on true where c.id = :id and "
                                + VISIBLE
                                + " order by sh.share_time, sh.country")
                .param("id", id)
                .param("tenant", tenant)
                .query(
                        rs -> {
                            if (found.isEmpty()) {
                                found.add(caseRow(rs, 0));
                            }
                            if (rs.getString("country") != null) {
                                shares.add(share(rs));
                            }
                        });
        return found.stream().findFirst().map(row -> seenBy(tenant, row, shares));
    }

    /**
     * Locks the case row against concurrent change and returns its version; owners only (update
     * policy).
     */
    public Optional<Long> lockVersion(UUID id) {
        return jdbc.sql("select version from cases where id = :id for update")
                .param("id", id)
                .query(Long.class)
                .optional();
    }

    /**
     * Cases the tenant owns or received (whole or through an assigned lead), newest first, after
     * the cursor.
     */
    public List<Case> list(String tenant, Optional<PageCursor> after, int limit) {
        Keyset page = Keyset.of("c", after, limit);
        var statement =
                page.bind(
                        jdbc.sql(
                                        "select "
                                                + CASE_COLUMNS
                                                + " from cases c where "
                                                + VISIBLE
                                                + page.andAfter()
                                                + page.orderAndLimit())
                                .param("tenant", tenant));
        return withShares(tenant, statement.query(CaseStore::caseRow).list());
    }

    /** The owner grants the case to a country, or replaces an existing grant (whoever made it). */
    public void upsertShare(UUID caseId, String owner, Share share) {
        shareStatement(
                        """
                        on conflict (case_id, country)
                        do update set handling_code = excluded.handling_code, shared_by = excluded.shared_by,
                                      share_time = excluded.share_time, victim_contacts = excluded.victim_contacts,
                                      expire_time = excluded.expire_time, granted_by_country = excluded.granted_by_country,
                                      operation_id = excluded.operation_id, operation_name = excluded.operation_name,
                                      group_id = null""",
                        caseId,
                        owner,
                        share)
                .update();
    }

    /**
     * A partner passes the case on; an existing grant to that country is left as it is (an onward
     * grant never replaces one). True if a grant was made.
     */
    public boolean insertOnwardShare(UUID caseId, String owner, Share share) {
        return jdbc.sql(
                        "select cases_pass_case_on(:caseId, :owner, :country, :code, :by, :time, cast(:expire as timestamptz))")
                .param("caseId", caseId)
                .param("owner", owner)
                .param("country", share.country())
                .param("code", share.handlingCode().name())
                .param("by", share.sharedBy())
                .param("time", Timestamp.from(share.shareTime()))
                .param("expire", share.expireTime().map(Timestamp::from).orElse(null))
                .query(Boolean.class)
                .single();
    }

    private JdbcClient.StatementSpec shareStatement(
            String onConflict, UUID caseId, String owner, Share share) {
        return jdbc.sql(
                        """
                        insert into case_shares (case_id, owner_country, country, handling_code, shared_by, share_time,
                                                 victim_contacts, expire_time, granted_by_country, operation_id,
                                                 operation_name)
                        values (:caseId, :owner, :country, :code, :by, :time, :contacts, cast(:expire as timestamptz),
                                :grantedBy, cast(:operationId as uuid), :operationName)
                        """
                                + onConflict)
                .param("caseId", caseId)
                .param("owner", owner)
                .param("country", share.country())
                .param("contacts", share.victimContacts())
                .param("code", share.handlingCode().name())
                .param("by", share.sharedBy())
                .param("time", Timestamp.from(share.shareTime()))
                .param("expire", share.expireTime().map(Timestamp::from).orElse(null))
                .param("grantedBy", share.grantedBy())
                .param("operationId", share.operation().map(Share.ShareOperation::id).orElse(null))
                .param(
                        "operationName",
                        share.operation().map(Share.ShareOperation::name).orElse(null));
    }

    /**
     * Withdraws the grant to a country and every grant passed on through it; true if there was a
     * grant to withdraw. Owner only (policy).
     */
    public boolean deleteShare(UUID caseId, String country) {
        return !deleteShareChain(caseId, country).isEmpty();
    }

    /**
     * Deletes the share and the shares passed on from it; returns the countries whose share was
     * deleted.
     */
    public List<String> deleteShareChain(UUID caseId, String country) {
        return jdbc.sql(
                        """
                        with recursive through(country) as (
                            select cast(:country as text)
                            union
                            select s.country from case_shares s join through t on s.granted_by_country = t.country
                             where s.case_id = :caseId)
                        delete from case_shares where case_id = :caseId and country in (select country from through)
                        returning country""")
                .param("caseId", caseId)
                .param("country", country)
                .query(String.class)
                .list();
    }

    /** Records a change of the case: new version and update time. */
    public void touch(UUID caseId, Instant now) {
        jdbc.sql("update cases set version = version + 1, update_time = :now where id = :id")
                .param("id", caseId)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Applies a change of editable fields and records it (new version and update time), only if the
     * case is still at the version the change was decided on; true if changed. Owner only (policy).
     */
    public boolean update(UUID caseId, long version, CaseUpdate change, Instant now) {
        StringBuilder sql =
                new StringBuilder("update cases set version = version + 1, update_time = :now");
        change.title().ifPresent(t -> sql.append(", title = :title"));
        change.operationTags().ifPresent(t -> sql.append(", operation_tags = :tags"));
        var statement =
                jdbc.sql(sql.append(" where id = :id and version = :version").toString())
                        .param("id", caseId)
                        .param("version", version)
                        .param("now", Timestamp.from(now));
        if (change.title().isPresent()) {
            statement = statement.param("title", change.title().get());
        }
        if (change.operationTags().isPresent()) {
            statement =
                    statement.param("tags", change.operationTags().get().toArray(String[]::new));
        }
        if (statement.update() != 1) {
            return false;
        }
        // The summary lives in its own table (its policy withholds it from countries seeing only
        // the header).
        change.summary()
                .ifPresent(
                        summary ->
                                jdbc.sql(
                                                "update case_summaries set summary = :summary where case_id = :id")
                                        .param("summary", summary)
                                        .param("id", caseId)
                                        .update());
        return true;
    }

    /**
     * Moves the case from one status to another and records the change, only if it still has the
     * status the move was decided on; true if moved. Owner only (policy).
     */
    public boolean setStatus(UUID caseId, CaseStatus from, CaseStatus to, Instant now) {
        return jdbc.sql(
                                """
                        update cases set status = :to, version = version + 1, update_time = :now
                         where id = :id and status = :from""")
                        .param("id", caseId)
                        .param("from", from.name())
                        .param("to", to.name())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Visible cases holding a normalised identifier in one of their leads, as the tenant sees them.
     */
    public List<Case> holding(String tenant, String normalizedValue) {
        List<CaseRow> rows =
                jdbc.sql(
                                "select "
                                        + CASE_COLUMNS
                                        + " from cases c where "
                                        + VISIBLE
                                        + """
                         and exists (select 1 from case_leads l
                                      where l.case_id = c.id and l.normalized_value = :value)
                       order by c.create_time desc, c.id desc""")
                        .param("tenant", tenant)
                        .param("value", cipher.blindIndex(normalizedValue))
                        .query(CaseStore::caseRow)
                        .list();
        return withShares(tenant, rows);
    }

    /**
     * Every case holding the identifier, of any country: owner and reference only (SECURITY DEFINER
     * function).
     */
    public List<IdentifierMatch.Hit> identifierHits(String normalizedValue) {
        return jdbc.sql("select owner_country, reference from cases_identifier_hits(:value)")
                .param("value", cipher.blindIndex(normalizedValue))
                .query((rs, n) -> new IdentifierMatch.Hit(rs.getString(1), rs.getString(2)))
                .list();
    }

    /**
     * Tells the owners of the given hits (owner/reference pairs of the identifier) that the
     * session's country checked it: an event each, appended by the database only for pairs that
     * really are hits (the application role may not append events addressed to another country
     * about records it does not see).
     */
    public void announceIdentifierChecks(
            String normalizedValue, List<IdentifierMatch.Hit> hits, String actorUser) {
        if (hits.isEmpty()) {
            return;
        }
        jdbc.sql("select cases_announce_identifier_checks(:value, :owners, :references, :actor)")
                .param("value", cipher.blindIndex(normalizedValue))
                .param(
                        "owners",
                        hits.stream().map(IdentifierMatch.Hit::ownerCountry).toArray(String[]::new))
                .param(
                        "references",
                        hits.stream().map(IdentifierMatch.Hit::reference).toArray(String[]::new))
                .param("actor", actorUser)
                .query((rs, n) -> 0)
                .list();
    }

    /**
     * The shares of the cases matching {@code %s} (a condition on {@code s.case_id}) that the
     * tenant may see. A grant passed on is shown as it stands through its chain (strictest code,
     * earliest expiry of every grant from the owner's down to it): to the owner for every grant (it
     * sees the whole chain), to a partner for its own (cases_my_grant answers for the session's
     * country only).
     */
    private static final String SHARES =
            """
            select s.case_id, s.country, coalesce(g.handling_code, s.handling_code) as handling_code,
                   s.shared_by, s.share_time, s.victim_contacts,
                   case when g.handling_code is null then s.expire_time else g.expire_time end as expire_time,
                   s.granted_by_country, s.operation_id, s.operation_name, s.group_id
              from case_shares s
              left join lateral (
                   select o.handling_code, o.expire_time from cases_chain_grant(s.case_id, s.country) o
                    where s.owner_country = :tenant
                   union all
                   select m.handling_code, m.expire_time from cases_my_grant(s.case_id) m
                    where s.country = :tenant and s.granted_by_country <> s.owner_country) g on true
             where %s
               and (s.owner_country = :tenant
                    or (s.country = :tenant and (s.expire_time is null or s.expire_time > now())))""";

    private List<Case> withShares(String tenant, List<CaseRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Share>> shares = new HashMap<>();
        jdbc.sql(SHARES.formatted("s.case_id = any(:ids)") + " order by s.share_time, s.country")
                .param("ids", rows.stream().map(CaseRow::id).toArray(UUID[]::new))
                .param("tenant", tenant)
                .query(
                        rs -> {
                            shares.computeIfAbsent(
                                            rs.getObject("case_id", UUID.class),
                                            k -> new ArrayList<>())
                                    .add(share(rs));
                        });
        return rows.stream()
                .map(r -> seenBy(tenant, r, shares.getOrDefault(r.id(), List.of())))
                .toList();
    }

    private static Case seenBy(String tenant, CaseRow row, List<Share> shares) {
        Case full = row.toCase(shares);
        // Neither owner nor share partner: the tenant sees the case through an assigned lead,
        // header only.
        return full.ownedBy(tenant) || full.shareWith(tenant).isPresent() ? full : full.header();
    }

    private static Share share(ResultSet rs) throws SQLException {
        Timestamp expire = rs.getTimestamp("expire_time");
        UUID operation = rs.getObject("operation_id", UUID.class);
        String operationName = rs.getString("operation_name");
        return new Share(
                rs.getString("country"),
                HandlingCode.valueOf(rs.getString("handling_code")),
                rs.getString("shared_by"),
                rs.getTimestamp("share_time").toInstant(),
                rs.getBoolean("victim_contacts"),
                Optional.ofNullable(expire).map(Timestamp::toInstant),
                rs.getString("granted_by_country"),
                Optional.ofNullable(operation)
                        .map(id -> new Share.ShareOperation(id, operationName)),
                Optional.ofNullable(rs.getObject("group_id", UUID.class)));
    }

    private static CaseRow caseRow(ResultSet rs, int rowNum) throws SQLException {
        return new CaseRow(
                rs.getObject("id", UUID.class),
                rs.getString("reference"),
                rs.getString("owner_country"),
                rs.getString("title"),
                CaseCategory.valueOf(rs.getString("category")),
                CaseStatus.valueOf(rs.getString("status")),
                rs.getString("summary"),
                rs.getTimestamp("create_time").toInstant(),
                rs.getTimestamp("update_time").toInstant(),
                rs.getLong("version"),
                List.of((String[]) rs.getArray("operation_tags").getArray()));
    }

    private record CaseRow(
            UUID id,
            String reference,
            String owner,
            String title,
            CaseCategory category,
            CaseStatus status,
            String summary,
            Instant createTime,
            Instant updateTime,
            long version,
            List<String> tags) {

        Case toCase(List<Share> shares) {
            return new Case(
                    id,
                    reference,
                    owner,
                    title,
                    category,
                    status,
                    summary,
                    createTime,
                    updateTime,
                    version,
                    shares,
                    tags,
                    false);
        }
    }
}
