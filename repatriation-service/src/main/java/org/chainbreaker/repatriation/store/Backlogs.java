package org.chainbreaker.repatriation.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What waits on the service's timers, for the operators' alerts: custody deliveries not yet done
 * (all, and those due now) and rescue requests past their deadline not yet escalated. Asked through
 * the maintenance connection at most once per {@code maxAge} (one call, indexed counts) and cached
 * between scrapes; NaN while the database cannot be asked.
 */
public final class Backlogs {

    /** The three figures of one asking. */
    public record Figures(double custodyPending, double custodyDue, double rescueOverdue) {
        static final Figures UNKNOWN = new Figures(Double.NaN, Double.NaN, Double.NaN);
    }

    private final JdbcTemplate maintenance;
    private final Clock clock;
    private final Duration maxAge;
    private Instant askedAt = Instant.MIN;
    private Figures figures = Figures.UNKNOWN;

    public Backlogs(JdbcTemplate maintenance, Clock clock, Duration maxAge) {
        this.maintenance = maintenance;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public synchronized Figures figures() {
        Instant now = clock.instant();
        if (askedAt.plus(maxAge).isAfter(now)) {
            return figures;
        }
        askedAt = now;
        try {
            figures =
                    maintenance.queryForObject(
                            "select custody_pending, custody_due, rescue_overdue from repatriation_backlogs()",
                            (rs, n) -> new Figures(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
        } catch (RuntimeException e) {
            figures = Figures.UNKNOWN;
        }
        return figures;
    }
}
