package org.chainbreaker.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How many committed events wait for the relay to position them (and so for delivery), for the
 * operators' backlog alert. A scrape reads the cached figure; the database is asked (one count on a
 * partial index, through the maintenance connection) at most once per {@code maxAge}, however many
 * scrapers there are. NaN while the database cannot be asked, so a stale figure never looks
 * healthy.
 */
public final class OutboxBacklog {

    private final JdbcTemplate maintenance;
    private final Clock clock;
    private final Duration maxAge;
    private Instant askedAt = Instant.MIN;
    private double pending = Double.NaN;

    public OutboxBacklog(JdbcTemplate maintenance, Clock clock, Duration maxAge) {
        this.maintenance = maintenance;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** Events not yet positioned, as of at most {@code maxAge} ago. */
    public synchronized double pending() {
        Instant now = clock.instant();
        if (askedAt.plus(maxAge).isAfter(now)) {
            return pending;
        }
        askedAt = now;
        try {
            Long count = maintenance.queryForObject("select outbox_backlog()", Long.class);
            pending = count == null ? Double.NaN : count;
        } catch (RuntimeException e) {
            pending = Double.NaN;
        }
        return pending;
    }
}
