package org.chainbreaker.gateway.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Buckets held in this gateway process. Exact for one replica; with several, each enforces the full
 * allowance on its own share of the traffic, so configure a shared store ({@link RedisBuckets})
 * when running replicas.
 */
public final class InProcessBuckets implements LimitStore {

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public InProcessBuckets(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<TenantLimits.Decision> take(String tenant, TenantLimits.Limit limit) {
        return Mono.just(takeNow(tenant, limit));
    }

    @Override
    public TenantLimits.Decision takeAtOnce(String tenant, TenantLimits.Limit limit) {
        return takeNow(tenant, limit);
    }

    TenantLimits.Decision takeNow(String tenant, TenantLimits.Limit limit) {
        return buckets.computeIfAbsent(tenant, t -> new Bucket(limit)).take(clock.instant());
    }

    /** One tenant's bucket and day counter. */
    private static final class Bucket {
        private final TenantLimits.Limit limit;
        private double tokens;
        private Instant refilled;
        private LocalDate day;
        private long usedToday;

        Bucket(TenantLimits.Limit limit) {
            this.limit = limit;
            this.tokens = limit.burst();
        }

        synchronized TenantLimits.Decision take(Instant now) {
            LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
            if (!today.equals(day)) {
                day = today;
                usedToday = 0;
            }
            if (limit.dailyQuota() > 0 && usedToday >= limit.dailyQuota()) {
                return TenantLimits.Decision.quotaUsedUp(
                        Duration.between(
                                now, today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            }
            if (refilled != null) {
                double seconds = Duration.between(refilled, now).toNanos() / 1e9;
                tokens = Math.min(limit.burst(), tokens + seconds * limit.ratePerSecond());
            }
            refilled = now;
            if (tokens < 1) {
                return TenantLimits.Decision.tooFast(
                        Duration.ofMillis(
                                (long) Math.ceil((1 - tokens) / limit.ratePerSecond() * 1000)));
            }
            tokens -= 1;
            usedToday++;
            return TenantLimits.Decision.ALLOWED;
        }
    }
}
