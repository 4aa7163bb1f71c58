package org.chainbreaker.cases.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.cases.domain.AnalysisDetails;
import org.chainbreaker.cases.domain.AnalysisKind;
import org.chainbreaker.cases.domain.CaseRecordId;
import org.chainbreaker.cases.domain.HandlingCode;
import org.chainbreaker.cases.domain.TechnicalAnalysis;
import org.chainbreaker.platform.keys.FieldCipher;
import org.chainbreaker.platform.keys.Opened;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.records.RequestKeyColumns;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for technical analyses, inside tenant transactions. Who sees one: the case's owner, the
 * countries holding a live share of the case under H0-H2, the country it is assigned to (stated for
 * the indexes; the policies decide). Title, tool name and description are sealed under the owner's
 * key ({@link FieldCipher}); kind, hashes and urls (indicators meant to be compared) are not.
 */
@Repository
public class AnalysisStore {

    private static final String COLUMNS =
            """
            a.id, a.case_id, a.owner_country, a.author_user, a.kind, a.title, a.tool_name, a.description, a.hashes,
            a.urls, a.assigned_country, a.assign_handling, a.version, a.create_time, a.update_time""";

    private static final String VISIBLE =
            """
            (a.owner_country = :tenant
             or a.assigned_country = :tenant
             or exists (select 1 from case_shares s where s.case_id = a.case_id and s.country = :tenant
                        and s.handling_code in ('H0', 'H1', 'H2')
                        and (s.expire_time is null or s.expire_time > now())))""";

    private static final String TITLE = "case_analyses.title";
    private static final String TOOL = "case_analyses.tool_name";
    private static final String DESCRIPTION = "case_analyses.description";

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    AnalysisStore(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Inserts the analysis unless the owner already used its request id; true if inserted. */
    public boolean insert(
            UUID id,
            UUID caseId,
            String owner,
            String author,
            AnalysisDetails details,
            Optional<RequestKey> key,
            Instant now) {
        return jdbc.sql(
                                """
                        insert into case_analyses (id, case_id, owner_country, author_user, kind, title, tool_name,
                                                   description, hashes, urls, version, request_id, request_digest,
                                                   create_time, update_time)
                        values (:id, :caseId, :owner, :author, :kind, :title, :tool, :description, :hashes, :urls, 1,
                                :requestId, :digest, :now, :now)
                        on conflict (owner_country, request_id) do nothing""")
                        .paramSource(
                                details(id, owner, details)
                                        .addValue("id", id)
                                        .addValue("caseId", caseId)
                                        .addValue("owner", owner)
                                        .addValue("author", author)
                                        .addValues(RequestKeyColumns.params(key))
                                        .addValue("now", Timestamp.from(now)))
                        .update()
                == 1;
    }

    /**
     * The case and id of the owner's analysis created with this request id, with the digest of that
     * request.
     */
    public Optional<RequestKey.Stored<CaseRecordId>> findByRequestId(
            String owner, String requestId) {
        return jdbc.sql(
                        "select case_id, id, request_digest from case_analyses where owner_country = :owner"
                                + " and request_id = :requestId")
                .param("owner", owner)
                .param("requestId", requestId)
                .query(
                        (rs, n) ->
                                new RequestKey.Stored<>(
                                        new CaseRecordId(
                                                rs.getObject(1, UUID.class),
                                                rs.getObject(2, UUID.class)),
                                        rs.getBytes(3)))
                .optional();
    }

    public Optional<TechnicalAnalysis> find(String tenant, UUID caseId, UUID id) {
        return jdbc.sql(
                        "select "
                                + COLUMNS
                                + " from case_analyses a where a.id = :id and a.case_id = :caseId and "
                                + VISIBLE)
                .param("id", id)
                .param("caseId", caseId)
                .param("tenant", tenant)
                .query(this::analysis)
                .optional();
    }

    /**
     * The analyses of a case the tenant may see, oldest first; {@code onlyAssigned} limits them to
     * the tenant's.
     */
    public List<TechnicalAnalysis> list(String tenant, UUID caseId, boolean onlyAssigned) {
        String visible = onlyAssigned ? "a.assigned_country = :tenant" : VISIBLE;
        return jdbc.sql(
                        "select "
                                + COLUMNS
                                + " from case_analyses a where a.case_id = :caseId and "
                                + visible
                                + " order by a.create_time, a.id")
                .param("caseId", caseId)
                .param("tenant", tenant)
                .query(this::analysis)
                .list();
    }

    /**
     * Locks the analysis against concurrent change, before it is read for a decision; true if
     * locked. The owner and the assignee can (a SECURITY DEFINER function answering for the
     * session's country: the assignee may not update the row itself); anyone else locks nothing.
     */
    public boolean lock(UUID id) {
        return Boolean.TRUE.equals(
                jdbc.sql("select cases_lock_analysis(:id)")
                        .param("id", id)
                        .query(Boolean.class)
                        .single());
    }

    public void update(UUID id, String owner, AnalysisDetails details, Instant now) {
        jdbc.sql(
                        """
                        update case_analyses
                           set kind = :kind, title = :title, tool_name = :tool, description = :description,
                               hashes = :hashes, urls = :urls, version = version + 1, update_time = :now
                         where id = :id""")
                .paramSource(
                        details(id, owner, details)
                                .addValue("id", id)
                                .addValue("now", Timestamp.from(now)))
                .update();
    }

    public void assign(UUID id, String country, HandlingCode code, Instant now) {
        jdbc.sql(
                        """
                        update case_analyses set assigned_country = :country, assign_handling = :code,
                                                 version = version + 1, update_time = :now
                         where id = :id""")
                .param("id", id)
                .param("country", country)
                .param("code", code.name())
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * The assigned country hands the analysis on (SECURITY DEFINER function checking the rules);
     * true if done.
     */
    public boolean passOn(UUID id, String country, HandlingCode code, Instant now) {
        return jdbc.sql("select cases_pass_analysis_on(:id, :country, :code, :now)")
                .param("id", id)
                .param("country", country)
                .param("code", code.name())
                .param("now", Timestamp.from(now))
                .query(Boolean.class)
                .single();
    }

    private MapSqlParameterSource details(UUID id, String owner, AnalysisDetails d) {
        return new MapSqlParameterSource()
                .addValue("kind", d.kind().name())
                .addValue("title", cipher.seal(owner, id, TITLE, d.title()))
                .addValue("tool", cipher.seal(owner, id, TOOL, d.toolName()))
                .addValue("description", cipher.seal(owner, id, DESCRIPTION, d.description()))
                .addValue("hashes", d.hashes().toArray(String[]::new))
                .addValue("urls", d.urls().toArray(String[]::new));
    }

    private TechnicalAnalysis analysis(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String owner = rs.getString("owner_country");
        List<String> withheld = new java.util.ArrayList<>();
        Opened title = cipher.open(owner, id, TITLE, rs.getString("title"));
        Opened tool = cipher.open(owner, id, TOOL, rs.getString("tool_name"));
        Opened description = cipher.open(owner, id, DESCRIPTION, rs.getString("description"));
        if (title.withheld()) {
            withheld.add("title");
        }
        if (tool.withheld()) {
            withheld.add("tool_name");
        }
        if (description.withheld()) {
            withheld.add("description");
        }
        return new TechnicalAnalysis(
                id,
                rs.getObject("case_id", UUID.class),
                owner,
                rs.getString("author_user"),
                new AnalysisDetails(
                        AnalysisKind.valueOf(rs.getString("kind")),
                        title.value(),
                        tool.value(),
                        description.value(),
                        List.of((String[]) rs.getArray("hashes").getArray()),
                        List.of((String[]) rs.getArray("urls").getArray())),
                Optional.ofNullable(rs.getString("assigned_country")),
                Optional.ofNullable(rs.getString("assign_handling")).map(HandlingCode::valueOf),
                rs.getTimestamp("create_time").toInstant(),
                rs.getTimestamp("update_time").toInstant(),
                rs.getLong("version"),
                withheld);
    }
}
