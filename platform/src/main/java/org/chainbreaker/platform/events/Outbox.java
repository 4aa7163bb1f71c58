package org.chainbreaker.platform.events;

import java.sql.Timestamp;
import java.time.Clock;
import org.chainbreaker.platform.tenancy.Caller;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes an event in the same transaction as the change it reports: no committed change without its
 * event, no event for a change that rolled back. Delivery positions are assigned later by the
 * {@link OutboxRelay}.
 */
public final class Outbox {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Outbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private static final String INSERT =
            """
            insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user)
            values (?, ?, ?, ?, ?, ?)""";

    public void append(
            Caller actor,
            String ownerCountry,
            String recordType,
            String recordId,
            String eventType) {
        jdbc.update(
                INSERT,
                Timestamp.from(clock.instant()),
                ownerCountry,
                recordType,
                recordId,
                eventType,
                actor.username());
    }

    /**
     * An event only the record's owner and {@code audienceCountry} may read (the database's
     * policy), for events about one country's grant: other countries that see the record must not
     * learn of it.
     */
    public void appendFor(
            Caller actor,
            String ownerCountry,
            String recordType,
            String recordId,
            String eventType,
            String audienceCountry) {
        jdbc.update(
                """
                        insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type,
                                                   actor_user, audience_country)
                        values (?, ?, ?, ?, ?, ?, ?)""",
                Timestamp.from(clock.instant()),
                ownerCountry,
                recordType,
                recordId,
                eventType,
                actor.username(),
                audienceCountry);
    }

    /** The same event for many records of one owner, in one JDBC batch (bulk loads). */
    public void appendAll(
            Caller actor,
            String ownerCountry,
            String recordType,
            java.util.List<String> recordIds,
            String eventType) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate(
                INSERT,
                recordIds.stream()
                        .map(
                                id ->
                                        new Object[] {
                                            now,
                                            ownerCountry,
                                            recordType,
                                            id,
                                            eventType,
                                            actor.username()
                                        })
                        .toList());
    }
}
