package org.chainbreaker.gateway.limits;

import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Per-tenant request limits: a rate (token bucket: a steady rate with a burst allowance) and a
 * daily quota (reset at midnight UTC). Each country gets the default unless configured otherwise,
 * so one country's bulk traffic cannot starve the others. The buckets live in a {@link LimitStore}:
 * this process, or a store shared by every gateway replica.
 */
public final class TenantLimits {

    /** Whether a request may go on, and if not, when to come back. */
    public record Decision(boolean allowed, Duration retryAfter, String reason) {

        static final Decision ALLOWED = new Decision(true, Duration.ZERO, "");

        static Decision tooFast(Duration retryAfter) {
            return new Decision(false, retryAfter, "too many requests from your country");
        }

        static Decision quotaUsedUp(Duration untilMidnight) {
            return new Decision(false, untilMidnight, "the daily quota of your country is used up");
        }
    }

    /**
     * @param ratePerSecond sustained requests per second
     * @param burst requests that may come at once above the rate
     * @param dailyQuota requests per UTC day (0: none)
     */
    public record Limit(double ratePerSecond, int burst, long dailyQuota) {

        public Limit {
            if (ratePerSecond <= 0 || burst < 1 || dailyQuota < 0) {
                throw new IllegalArgumentException(
                        "a limit needs a positive rate, a burst of at least 1 and a quota >= 0");
            }
        }
    }

    private final Limit fallback;
    private final Map<String, Limit> perTenant;
    private final LimitStore store;

    public TenantLimits(Limit fallback, Map<String, Limit> perTenant, LimitStore store) {
        this.fallback = fallback;
        this.perTenant = Map.copyOf(perTenant);
        this.store = store;
    }

    public Mono<Decision> admit(String tenant) {
        return store.take(tenant, perTenant.getOrDefault(tenant, fallback));
    }

    /**
     * The decision of {@link #admit}, taken on this thread when the store answers without waiting;
     * null when it cannot (then use {@link #admit}). Spares the hot path a Mono and, on the gRPC
     * face, a blocking wait for an answer that is already there.
     */
    public Decision admitAtOnce(String tenant) {
        return store.takeAtOnce(tenant, perTenant.getOrDefault(tenant, fallback));
    }
}
