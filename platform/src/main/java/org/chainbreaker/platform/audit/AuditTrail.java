package org.chainbreaker.platform.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;
import org.chainbreaker.platform.tenancy.Caller;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The append-only, hash-chained record of who did what to which record: every read of another
 * country's record, every grant and revocation, every check and approval. Entries are appended in
 * the caller's transaction, so an action that rolls back leaves no entry, and an entry exists for
 * every action that committed.
 */
public final class AuditTrail {

    private final JdbcTemplate jdbc;
    private final LongAdder verifications = new LongAdder();
    private final LongAdder brokenVerifications = new LongAdder();

    public AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends an entry; must run inside the transaction of the action it records, acting for the
     * actor's country (the database refuses an entry naming another country as its actor). True
     * once appended; the entry's position is not told (it would count every country's entries).
     */
    public boolean record(
            Caller actor,
            AuditAction action,
            String recordType,
            String recordId,
            String recordOwner,
            String purpose) {
        jdbc.query(
                "select audit_append(?, ?, ?, ?, ?, ?, ?, ?)",
                rs -> {},
                actor.tenant(),
                actor.username(),
                actor.clientId(),
                action.name(),
                recordType,
                recordId,
                recordOwner,
                purpose == null ? "" : purpose);
        return true;
    }

    /**
     * Appends one entry per record (ids and owners pair up by position) in one statement: a search
     * or a listing reads many records, and one round trip per entry was a visible share of its
     * latency. Must run inside the transaction of the action it records.
     */
    public void recordEach(
            Caller actor,
            AuditAction action,
            String recordType,
            List<String> recordIds,
            List<String> recordOwners,
            String purpose) {
        if (recordIds.size() != recordOwners.size()) {
            throw new IllegalArgumentException("one owner per record id");
        }
        if (recordIds.isEmpty()) {
            return;
        }
        // Each call takes the chain's head as the previous call left it (audit_append is volatile),
        // so the entries
        // chain in whatever order they are evaluated.
        jdbc.query(
                """
                        select audit_append(?, ?, ?, ?, ?, r.id, r.owner, ?)
                          from unnest(cast(? as text[]), cast(? as text[])) r(id, owner)""",
                rs -> {},
                actor.tenant(),
                actor.username(),
                actor.clientId(),
                action.name(),
                recordType,
                purpose == null ? "" : purpose,
                recordIds.toArray(String[]::new),
                recordOwners.toArray(String[]::new));
    }

    /**
     * Recomputes the whole kept chain in the database; counts only what the session's country may
     * know of.
     */
    public ChainVerification verify() {
        ChainVerification result = recompute();
        // Counted for the operators' alert (chainbreaker_audit_verifications_broken_total): a
        // broken
        // chain is an incident whoever asked, and the asker may not be the one who must act.
        verifications.increment();
        if (!result.intact()) {
            brokenVerifications.increment();
        }
        return result;
    }

    /** Verifications of the chain this process ran since it started. */
    public long verifications() {
        return verifications.sum();
    }

    /** Of those, the ones that found the chain broken. */
    public long brokenVerifications() {
        return brokenVerifications.sum();
    }

    private ChainVerification recompute() {
        return jdbc.queryForObject(
                "select checked, intact, first_broken from audit_verify()",
                (rs, n) -> {
                    long checked = rs.getLong("checked");
                    boolean intact = rs.getBoolean("intact");
                    long broken = rs.getLong("first_broken");
                    return new ChainVerification(
                            checked,
                            intact,
                            rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(broken));
                });
    }

    /**
     * Entries about one record of the caller's country made by other countries (e.g. who read it),
     * numbered among the entries about the owner's records (owner_seq): a global number would tell
     * how much else was audited.
     */
    public List<AuditEntry> byOthersOn(String owner, String recordType, String recordId) {
        return jdbc.query(
                """
                        select owner_seq as seq, at, actor_tenant, actor_user, actor_client, action, record_type,
                               record_id, record_owner, purpose
                          from audit_log
                         where record_owner = ? and record_type = ? and record_id = ? and actor_tenant <> ?
                         order by audit_log.seq""",
                AuditTrail::entry,
                owner,
                recordType,
                recordId,
                owner);
    }

    /**
     * {@link #byOthersOn(String, String, String)}, only the entries of one action (who read it, who
     * checked it).
     */
    public List<AuditEntry> byOthersOn(
            String owner, String recordType, String recordId, AuditAction action) {
        return byOthersOn(owner, recordType, recordId).stream()
                .filter(e -> e.action().equals(action.name()))
                .toList();
    }

    private static AuditEntry entry(ResultSet rs, int rowNum) throws SQLException {
        return new AuditEntry(
                rs.getLong("seq"),
                rs.getTimestamp("at").toInstant(),
                rs.getString("actor_tenant"),
                rs.getString("actor_user"),
                rs.getString("actor_client"),
                rs.getString("action"),
                rs.getString("record_type"),
                rs.getString("record_id"),
                rs.getString("record_owner"),
                rs.getString("purpose"));
    }
}
