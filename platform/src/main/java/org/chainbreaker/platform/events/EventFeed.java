package org.chainbreaker.platform.events;

import java.util.List;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads delivered events after a position, as one tenant: the service's row-level-security policy
 * on the outbox decides, at the moment of reading, which events the tenant may see (a revoked share
 * hides that record's events).
 */
public final class EventFeed {

    private final JdbcTemplate jdbc;
    private final TenantTransactions transactions;
    private final JdbcTemplate maintenance;

    /**
     * {@code maintenance}: the owner role's connection, which alone may assign delivery positions.
     */
    public EventFeed(JdbcTemplate jdbc, TenantTransactions transactions, JdbcTemplate maintenance) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.maintenance = maintenance;
    }

    public List<StoredEvent> after(String tenant, long position, int limit) {
        return transactions.read(
                tenant,
                () ->
                        jdbc.query(
                                """
                        select position, occur_time, owner_country, record_type, record_id, event_type
                          from outbox_events
                         where position > ?
                         order by position
                         limit ?""",
                                (rs, n) ->
                                        new StoredEvent(
                                                rs.getLong("position"),
                                                rs.getTimestamp("occur_time").toInstant(),
                                                rs.getString("owner_country"),
                                                rs.getString("record_type"),
                                                rs.getString("record_id"),
                                                rs.getString("event_type")),
                                position,
                                limit));
    }

    /**
     * The newest delivered position, to start a stream (or a country's tail) at "now". Events that
     * committed just before are positioned first (unless a relay is doing it at this very moment),
     * so "now" means after them. The highest committed position, not the sequence's value: while a
     * relay positions a batch the sequence is already past it, and starting there would skip the
     * batch once it commits.
     */
    public long head() {
        maintenance.queryForObject("select outbox_assign_positions()", Long.class);
        Long head = maintenance.queryForObject("select outbox_head()", Long.class);
        return head == null ? 0 : head;
    }
}
