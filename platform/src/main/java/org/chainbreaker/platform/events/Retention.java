package org.chainbreaker.platform.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Removes events and audit entries older than their configured retention. Pruning the audit trail
 * moves its anchor, so what is kept still verifies. Safe to run on every replica at once.
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration events;
    private final Duration audit;

    public Retention(JdbcTemplate jdbc, Clock clock, Duration events, Duration audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
    }

    public void pruneNow() {
        Long prunedEvents =
                jdbc.queryForObject(
                        "select outbox_prune(?)",
                        Long.class,
                        Timestamp.from(clock.instant().minus(events)));
        Long prunedAudit =
                jdbc.queryForObject(
                        "select audit_prune(?)",
                        Long.class,
                        Timestamp.from(clock.instant().minus(audit)));
        if ((prunedEvents != null && prunedEvents > 0)
                || (prunedAudit != null && prunedAudit > 0)) {
            log.info("Retention removed {} events and {} audit entries", prunedEvents, prunedAudit);
        }
    }
}
