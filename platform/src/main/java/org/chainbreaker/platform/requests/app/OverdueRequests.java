package org.chainbreaker.platform.requests.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cooperation requests past their deadline that the escalation timer has not escalated yet, every
 * country's, for the operators' alert (gauge {@code chainbreaker.cooperation.requests.overdue}).
 * The service's own SECURITY DEFINER count ({@code countFunction}, an indexed count) is asked
 * through the maintenance connection at most once per {@code maxAge} and cached between scrapes;
 * NaN while the database cannot be asked.
 */
public final class OverdueRequests {

    private final JdbcTemplate maintenance;
    private final String countFunction;
    private final Clock clock;
    private final Duration maxAge;
    private Instant askedAt = Instant.MIN;
    private double overdue = Double.NaN;

    public OverdueRequests(
            JdbcTemplate maintenance, String countFunction, Clock clock, Duration maxAge) {
        this.maintenance = maintenance;
        this.countFunction = countFunction;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** Registers the gauge; returns this. */
    public OverdueRequests register(MeterRegistry registry) {
        Gauge.builder("chainbreaker.cooperation.requests.overdue", this, OverdueRequests::overdue)
                .description("Cooperation requests past their deadline, not yet escalated")
                .register(registry);
        return this;
    }

    public synchronized double overdue() {
        Instant now = clock.instant();
        if (askedAt.plus(maxAge).isAfter(now)) {
            return overdue;
        }
        askedAt = now;
        try {
            Long count = maintenance.queryForObject("select " + countFunction + "()", Long.class);
            overdue = count == null ? Double.NaN : count;
        } catch (RuntimeException e) {
            overdue = Double.NaN;
        }
        return overdue;
    }
}
