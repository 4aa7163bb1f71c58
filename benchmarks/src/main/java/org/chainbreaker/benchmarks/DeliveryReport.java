package org.chainbreaker.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.chainbreaker.benchmarks.DeliveryBenchmark.Share;
import org.chainbreaker.benchmarks.DeliverySubscribers.Receipts;

/**
 * The delivery benchmark's figures: share latency, and each subscriber's delivery against the
 * target.
 */
final class DeliveryReport {

    private DeliveryReport() {}

    static void print(
            double rate,
            Duration duration,
            int scheduled,
            List<Share> measured,
            DeliveryWriter writer,
            List<Receipts> subscribers,
            Duration lossTimeout,
            Map<String, Long> cpuUsed,
            long measuredNanos,
            Map<String, Long> idleCpu,
            long idleNanos,
            String loadStart,
            String loadEnd) {
        System.out.println();
        System.out.println("== results: delivery of case.shared events to TH");
        System.out.printf(
                "shares: %d scheduled at %.1f/s over %d s, %d acknowledged (HTTP 200), failures %s%n",
                scheduled, rate, duration.toSeconds(), measured.size(), writer.failures);
        System.out.println(
                "share request itself (t_ack - t_sent, REST through the gateway): "
                        + Latencies.summary(writer.shareLatency));
        boolean allMet = true;
        for (Receipts s : subscribers) {
            Histogram fromAck = Latencies.micros();
            Histogram fromSent = Latencies.micros();
            Histogram fromOccur = Latencies.micros();
            int lost = 0;
            int beforeAck = 0;
            for (Share share : measured) {
                Long recv = s.firstNanos.get(share.caseId());
                if (recv == null || recv - share.ack() > lossTimeout.toNanos()) {
                    lost++;
                    continue;
                }
                long ackToRecv = recv - share.ack();
                if (ackToRecv < 0) {
                    beforeAck++;
                }
                fromAck.recordValue(Math.max(0, ackToRecv / 1000));
                fromSent.recordValue(Math.max(0, (recv - share.sent()) / 1000));
                Long occur = s.fromOccurMicros.get(share.caseId());
                if (occur != null) {
                    fromOccur.recordValue(Math.max(0, occur));
                }
            }
            // The commit lies between occur_time and t_ack: judged on the upper bound, receipt -
            // occur_time.
            boolean met = lost == 0 && !measured.isEmpty() && Latencies.ms(fromOccur, 99) < 1000;
            allMet &= met;
            System.out.printf(
                    "%n[%s] received %d of %d, lost %d, duplicates %d, reconnects %d, heartbeats %d, other events %s%n",
                    s.name,
                    measured.size() - lost,
                    measured.size(),
                    lost,
                    s.duplicates.sum(),
                    s.reconnects.sum(),
                    s.heartbeats.sum(),
                    s.otherEvents);
            System.out.println(
                    "  t_recv - t_ack   (less than from commit): "
                            + Latencies.summary(fromAck)
                            + (beforeAck > 0
                                    ? "  ["
                                            + beforeAck
                                            + " received before the share's response; counted as 0]"
                                    : ""));
            System.out.println(
                    "  t_recv - t_sent  (from request):          " + Latencies.summary(fromSent));
            System.out.println(
                    "  wall recv - occur_time (more than from commit: the event is written just before it): "
                            + Latencies.summary(fromOccur));
            System.out.println(
                    "  target (issue 7: p99 from commit < 1000 ms, judged on receipt - occur_time; nothing lost): "
                            + (met ? "met" : "NOT met"));
        }
        System.out.printf(
                "%nCPU during the measured period (%.1f s), per share (a create + a share + delivery to %d subscribers):%n",
                measuredNanos / 1e9, subscribers.size());
        int n = Math.max(1, measured.size());
        cpuUsed.forEach(
                (part, nanos) ->
                        System.out.printf(
                                "  %-16s %7.0f us/share  (%3.0f%% of one core; idle before: %s)%n",
                                part,
                                nanos / 1000.0 / n,
                                100.0 * nanos / measuredNanos,
                                idleNanos == 0
                                        ? "not measured"
                                        : String.format(
                                                "%.0f%%",
                                                100.0
                                                        * idleCpu.getOrDefault(part, 0L)
                                                        / idleNanos)));
        System.out.println(
                "load average at start: "
                        + loadStart
                        + "; at end: "
                        + loadEnd
                        + "; cores: "
                        + Runtime.getRuntime().availableProcessors());
        System.out.println(
                "overall: "
                        + (allMet
                                ? "target met for every subscriber"
                                : "target NOT met for some subscriber"));
    }
}
