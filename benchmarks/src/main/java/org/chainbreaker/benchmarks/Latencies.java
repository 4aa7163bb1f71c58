package org.chainbreaker.benchmarks;

import org.HdrHistogram.Histogram;

/** Latency figures from an HdrHistogram recorded in microseconds, printed in milliseconds. */
final class Latencies {

    private Latencies() {}

    /** A histogram of microseconds, up to 10 minutes, 3 significant digits. */
    static Histogram micros() {
        return new Histogram(600_000_000L, 3);
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double maxMs(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }

    /** "p50 x ms, p90 y ms, p99 z ms, max w ms (n samples)". */
    static String summary(Histogram h) {
        return String.format(
                "p50 %8.2f  p90 %8.2f  p99 %8.2f  max %8.2f ms  (n=%d)",
                ms(h, 50), ms(h, 90), ms(h, 99), maxMs(h), h.getTotalCount());
    }
}
