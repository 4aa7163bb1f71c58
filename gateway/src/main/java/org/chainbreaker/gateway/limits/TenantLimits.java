package org.chainbreaker.gateway.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant request limits: a rate (token bucket: a steady rate with a burst allowance) and a daily quota
 * (reset at midnight UTC). Each country gets the default unless configured otherwise, so one country's bulk
 * traffic cannot starve the others. Held in this process: with several gateway replicas each enforces its share.
 */
public final class TenantLimits {

    /** Whether a request may go on, and if not, when to come back. */
    public record Decision(boolean allowed, Duration retryAfter, String reason) {

        static final Decision ALLOWED = new Decision(true, Duration.ZERO, "");
    }

    /**
     * @param ratePerSecond sustained requests per second
     * @param burst         requests that may come at once above the rate
     * @param dailyQuota    requests per UTC day (0: none)
     */
    public record Limit(double ratePerSecond, int burst, long dailyQuota) {

        public Limit {
            if (ratePerSecond <= 0 || burst < 1 || dailyQuota < 0) {
                throw new IllegalArgumentException("a limit needs a positive rate, a burst of at least 1 and a quota >= 0");
            }
        }
    }

    private final Limit fallback;
    private final Map<String, Limit> perTenant;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TenantLimits(Limit fallback, Map<String, Limit> perTenant, Clock clock) {
        this.fallback = fallback;
        this.perTenant = Map.copyOf(perTenant);
        this.clock = clock;
    }

    public Decision admit(String tenant) {
        Limit limit = perTenant.getOrDefault(tenant, fallback);
        return buckets.computeIfAbsent(tenant, t -> new Bucket(limit)).take(clock.instant());
    }

    /** One tenant's bucket and day counter. */
    private static final class Bucket {
        private final Limit limit;
        private double tokens;
        private Instant refilled;
        private LocalDate day;
        private long usedToday;

        Bucket(Limit limit) {
            this.limit = limit;
            this.tokens = limit.burst();
        }

        synchronized Decision take(Instant now) {
            LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
            if (!today.equals(day)) {
                day = today;
                usedToday = 0;
            }
            if (limit.dailyQuota() > 0 && usedToday >= limit.dailyQuota()) {
                Duration untilMidnight = Duration.between(now, today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
                return new Decision(false, untilMidnight, "the daily quota of your country is used up");
            }
            if (refilled != null) {
                double seconds = Duration.between(refilled, now).toNanos() / 1e9;
                tokens = Math.min(limit.burst(), tokens + seconds * limit.ratePerSecond());
            }
            refilled = now;
            if (tokens < 1) {
                long waitMillis = (long) Math.ceil((1 - tokens) / limit.ratePerSecond() * 1000);
                return new Decision(false, Duration.ofMillis(waitMillis), "too many requests from your country");
            }
            tokens -= 1;
            usedToday++;
            return Decision.ALLOWED;
        }
    }
}
