package org.chainbreaker.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantLimitsTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-23T23:59:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void a_burst_passes_then_the_rate_holds_and_says_when_to_come_back() {
        TenantLimits limits =
                new TenantLimits(
                        new TenantLimits.Limit(2, 3, 0), Map.of(), new InProcessBuckets(clock));
        for (int i = 0; i < 3; i++) {
            assertThat(limits.admit("KR").block().allowed()).isTrue();
        }
        TenantLimits.Decision refused = limits.admit("KR").block();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));

        clock.now = clock.now.plusMillis(500);
        assertThat(limits.admit("KR").block().allowed()).isTrue();
        assertThat(limits.admit("KR").block().allowed()).isFalse();
    }

    @Test
    void one_countrys_traffic_does_not_use_up_anothers_and_overrides_apply() {
        TenantLimits limits =
                new TenantLimits(
                        new TenantLimits.Limit(1, 1, 0),
                        Map.of("INTERPOL", new TenantLimits.Limit(100, 50, 0)),
                        new InProcessBuckets(clock));
        assertThat(limits.admit("KR").block().allowed()).isTrue();
        assertThat(limits.admit("KR").block().allowed()).isFalse();
        assertThat(limits.admit("TH").block().allowed()).isTrue();
        for (int i = 0; i < 50; i++) {
            assertThat(limits.admit("INTERPOL").block().allowed()).isTrue();
        }
    }

    @Test
    void a_daily_quota_ends_the_day_and_returns_at_midnight_utc() {
        TenantLimits limits =
                new TenantLimits(
                        new TenantLimits.Limit(1000, 1000, 2),
                        Map.of(),
                        new InProcessBuckets(clock));
        assertThat(limits.admit("VN").block().allowed()).isTrue();
        assertThat(limits.admit("VN").block().allowed()).isTrue();
        TenantLimits.Decision exhausted = limits.admit("VN").block();
        assertThat(exhausted.allowed()).isFalse();
        assertThat(exhausted.reason()).contains("daily quota");
        assertThat(exhausted.retryAfter()).isEqualTo(Duration.ofMinutes(1));

        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(limits.admit("VN").block().allowed()).isTrue();
    }
}
