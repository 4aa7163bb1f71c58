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
import org.chainbreaker.cases.domain.CaseRecordId;
import org.chainbreaker.cases.domain.HandlingCode;
import org.chainbreaker.cases.domain.Lead;
import org.chainbreaker.cases.domain.LeadFinding;
import org.chainbreaker.cases.domain.LeadKind;
import org.chainbreaker.cases.domain.LeadStatus;
import org.chainbreaker.cases.domain.NewLead;
import org.chainbreaker.cases.domain.Step;
import org.chainbreaker.cases.domain.identifiers.Identifiers;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.keys.FieldCipher;
import org.chainbreaker.platform.keys.Opened;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.records.RequestKeyColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for leads and their findings, inside tenant transactions. Who sees a lead: the owner, the
 * countries the case is shared with, the country the lead is assigned to (stated here for the
 * indexes; the policies are the backstop).
 */
@Repository
public class LeadStore {

    private static final String COLUMNS =
            """
            l.id, l.case_id, l.owner_country, l.kind, l.value, l.normalized_value, l.description, l.status,
            l.assigned_country, l.assign_handling, l.version, l.create_time, l.update_time""";

    private static final String VISIBLE =
            """
            (l.owner_country = :tenant
             or l.assigned_country = :tenant
             or exists (select 1 from case_shares s where s.case_id = l.case_id and s.country = :tenant
                        and (s.expire_time is null or s.expire_time > now())))""";

    /**
     * A finding's text and the lead's value are sealed under the lead owner's key ({@link
     * FieldCipher}); the normalised identifier is stored only as its blind index, which is what
     * identifier matching compares.
     */
    private static final String FINDING_TEXT = "lead_findings.text";

    private static final String VALUE = "case_leads.value";

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    LeadStore(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Inserts the lead unless the owner already used its request id; true if inserted. */
    public boolean insert(
            UUID id,
            UUID caseId,
            String owner,
            NewLead lead,
            Optional<RequestKey> key,
            Instant now) {
        return jdbc.sql(
                                """
                        insert into case_leads (id, case_id, owner_country, kind, value, normalized_value, description,
                                                status, version, create_time, update_time, request_id,
                                                request_digest)
                        values (:id, :caseId, :owner, :kind, :value, :normalized, :description, 'NEW', 1, :now, :now,
                                :requestId, :digest)
                        on conflict (owner_country, request_id) do nothing""")
                        .param("id", id)
                        .param("caseId", caseId)
                        .param("owner", owner)
                        .param("kind", lead.kind().name())
                        .param("value", cipher.seal(owner, id, VALUE, lead.value()))
                        .param(
                                "normalized",
                                lead.normalizedValue().map(cipher::blindIndex).orElse(null))
                        .param("description", lead.description())
                        .param("now", Timestamp.from(now))
                        .params(RequestKeyColumns.params(key))
                        .update()
                == 1;
    }

    /**
     * The case and id of the owner's lead created with this request id, with the digest of that
     * request.
     */
    public Optional<RequestKey.Stored<CaseRecordId>> findByRequestId(
            String owner, String requestId) {
        return jdbc.sql(
                        "select case_id, id, request_digest from case_leads where owner_country = :owner"
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

    /**
     * The assigned country hands the lead on, keeping its status (SECURITY DEFINER function
     * checking the rules again, and only if the lead still has the status the hand-over was decided
     * on); true if done.
     */
    public boolean passOn(UUID id, Step.Move<Lead.Assignment> move, Instant now) {
        return jdbc.sql("select cases_pass_lead_on(:id, :country, :code, :status, :now)")
                .param("id", id)
                .param("country", move.to().country().orElseThrow())
                .param("code", move.to().code().orElseThrow().name())
                .param("status", move.from().status().name())
                .param("now", Timestamp.from(now))
                .query(Boolean.class)
                .single();
    }

    /** The case of a lead the session's country sees (row-level security); empty otherwise. */
    public Optional<UUID> caseOf(UUID id) {
        return jdbc.sql("select case_id from case_leads where id = :id")
                .param("id", id)
                .query(UUID.class)
                .optional();
    }

    /** The lead of this case if the tenant may see it, with its findings. */
    public Optional<Lead> find(String tenant, UUID caseId, UUID id) {
        List<Lead> found =
                jdbc.sql(
                                "select "
                                        + COLUMNS
                                        + " from case_leads l where l.id = :id and l.case_id = :caseId and "
                                        + VISIBLE)
                        .param("id", id)
                        .param("caseId", caseId)
                        .param("tenant", tenant)
                        .query(this::lead)
                        .list();
        return withFindings(found).stream().findFirst();
    }

    /**
     * The leads of a case the tenant may see, oldest first; {@code onlyAssigned} limits them to the
     * tenant's.
     */
    public List<Lead> list(String tenant, UUID caseId, boolean onlyAssigned) {
        String visible = onlyAssigned ? "l.assigned_country = :tenant" : VISIBLE;
        return withFindings(
                jdbc.sql(
                                "select "
                                        + COLUMNS
                                        + " from case_leads l where l.case_id = :caseId and "
                                        + visible
                                        + " order by l.create_time, l.id")
                        .param("caseId", caseId)
                        .param("tenant", tenant)
                        .query(this::lead)
                        .list());
    }

    /**
     * Locks the lead against concurrent change, before it is read for a decision; true if locked.
     * Only the owner and the assignee can (the update policy that FOR UPDATE needs): anyone else
     * locks nothing.
     */
    public boolean lock(UUID caseId, UUID id) {
        return jdbc.sql("select 1 from case_leads where id = :id and case_id = :caseId for update")
                .param("id", id)
                .param("caseId", caseId)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /**
     * The owner's assignment, only if the lead still stands where the move was decided; true if
     * done.
     */
    public boolean assign(UUID id, Step.Move<Lead.Assignment> move, Instant now) {
        Lead.Assignment from = move.from();
        Lead.Assignment to = move.to();
        return jdbc.sql(
                                """
                        update case_leads set assigned_country = :country, assign_handling = :code, status = :status,
                                              version = version + 1, update_time = :now
                         where id = :id and status = :fromStatus
                           and assigned_country is not distinct from :fromCountry
                           and assign_handling is not distinct from :fromCode""")
                        .param("id", id)
                        .param("country", to.country().orElseThrow())
                        .param("code", to.code().orElseThrow().name())
                        .param("status", to.status().name())
                        .param("fromStatus", from.status().name())
                        .param("fromCountry", from.country().orElse(null))
                        .param("fromCode", from.code().map(HandlingCode::name).orElse(null))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Moves the lead from one status to another, only if it still has the first; true if moved. */
    public boolean setStatus(UUID id, Step.Move<LeadStatus> move, Instant now) {
        return jdbc.sql(
                                """
                        update case_leads set status = :to, version = version + 1, update_time = :now
                         where id = :id and status = :from""")
                        .param("id", id)
                        .param("from", move.from().name())
                        .param("to", move.to().name())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Records a change of the lead that is not a column of its own (a finding): new version and
     * update time.
     */
    public void touch(UUID id, Instant now) {
        jdbc.sql("update case_leads set version = version + 1, update_time = :now where id = :id")
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    public void addFinding(UUID leadId, String owner, LeadFinding finding) {
        jdbc.sql(
                        """
                        insert into lead_findings (id, lead_id, owner_country, author_country, author_user, text, create_time)
                        values (:id, :leadId, :owner, :country, :author, :text, :time)""")
                .param("id", finding.id())
                .param("leadId", leadId)
                .param("owner", owner)
                .param("country", finding.country())
                .param("author", finding.author())
                .param("text", cipher.seal(owner, finding.id(), FINDING_TEXT, finding.text()))
                .param("time", Timestamp.from(finding.createTime()))
                .update();
    }

    private List<Lead> withFindings(List<Lead> leads) {
        if (leads.isEmpty()) {
            return leads;
        }
        Map<UUID, List<LeadFinding>> findings = new HashMap<>();
        jdbc.sql(
                        """
                        select id, lead_id, owner_country, author_country, author_user, text, create_time
                          from lead_findings where lead_id = any(:ids) order by create_time, id""")
                .param("ids", leads.stream().map(Lead::id).toArray(UUID[]::new))
                .query(
                        rs -> {
                            UUID id = rs.getObject("id", UUID.class);
                            Opened text =
                                    cipher.open(
                                            rs.getString("owner_country"),
                                            id,
                                            FINDING_TEXT,
                                            rs.getString("text"));
                            findings.computeIfAbsent(
                                            rs.getObject("lead_id", UUID.class),
                                            k -> new ArrayList<>())
                                    .add(
                                            new LeadFinding(
                                                    id,
                                                    rs.getString("author_country"),
                                                    rs.getString("author_user"),
                                                    text.value(),
                                                    rs.getTimestamp("create_time").toInstant(),
                                                    text.withheld()));
                        });
        return leads.stream()
                .map(
                        l ->
                                new Lead(
                                        l.id(),
                                        l.caseId(),
                                        l.ownerCountry(),
                                        l.kind(),
                                        l.value(),
                                        l.normalizedValue(),
                                        l.description(),
                                        l.status(),
                                        l.assignedCountry(),
                                        l.assignHandling(),
                                        l.createTime(),
                                        l.updateTime(),
                                        l.version(),
                                        findings.getOrDefault(l.id(), List.of()),
                                        l.valueWithheld()))
                .toList();
    }

    private Lead lead(ResultSet rs, int rowNum) throws SQLException {
        String handling = rs.getString("assign_handling");
        UUID id = rs.getObject("id", UUID.class);
        String owner = rs.getString("owner_country");
        LeadKind kind = LeadKind.valueOf(rs.getString("kind"));
        Opened value = cipher.open(owner, id, VALUE, rs.getString("value"));
        // The stored column holds the blind index: the normalised form shown is computed again from
        // the value.
        Optional<String> normalized =
                value.withheld()
                        ? Optional.empty()
                        : kind.identifierKind()
                                .flatMap(
                                        k ->
                                                Identifiers.normalize(
                                                        k,
                                                        value.value(),
                                                        "lead.value",
                                                        new FieldChecks()));
        return new Lead(
                id,
                rs.getObject("case_id", UUID.class),
                owner,
                kind,
                value.value(),
                normalized,
                rs.getString("description"),
                LeadStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("assigned_country")),
                Optional.ofNullable(handling).map(HandlingCode::valueOf),
                rs.getTimestamp("create_time").toInstant(),
                rs.getTimestamp("update_time").toInstant(),
                rs.getLong("version"),
                List.of(),
                value.withheld());
    }
}
