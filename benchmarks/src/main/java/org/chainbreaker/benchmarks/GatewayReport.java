package org.chainbreaker.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The report of {@link GatewayBenchmark}: per path and concurrency, the loaded and single-caller
 * windows, their ratios to the direct path, and the summary line.
 */
final class GatewayReport {

    private GatewayReport() {}

    static void report(
            List<GatewayBenchmark.Path> paths,
            Map<GatewayBenchmark.Path, List<GatewayBenchmark.Window>> loaded,
            Map<GatewayBenchmark.Path, List<GatewayBenchmark.Window>> single,
            int concurrency,
            String loadStart,
            String loadEnd) {
        System.out.println();
        System.out.printf("== results: all rounds together, %d in flight per path%n", concurrency);
        Map<GatewayBenchmark.Path, Summary> summaries = new LinkedHashMap<>();
        for (GatewayBenchmark.Path path : paths) {
            Summary s = Summary.of(loaded.get(path));
            summaries.put(path, s);
            System.out.printf("%-42s %s%n", path.name(), s.line());
        }
        Map<GatewayBenchmark.Path, Summary> unloadedSummaries = new LinkedHashMap<>();
        if (!single.isEmpty()) {
            System.out.println("\n== results: 1 in flight per path (latency without queueing)");
            for (GatewayBenchmark.Path path : paths) {
                Summary s = Summary.of(single.get(path));
                unloadedSummaries.put(path, s);
                System.out.printf("%-42s %s%n", path.name(), s.line());
            }
        }
        Summary direct = summaries.get(paths.get(0));
        System.out.println();
        for (GatewayBenchmark.Path path : paths.subList(1, paths.size())) {
            Summary s = summaries.get(path);
            double ratio = s.throughput() / direct.throughput();
            double addedP50 = Latencies.ms(s.latency(), 50) - Latencies.ms(direct.latency(), 50);
            System.out.printf(
                    "%s vs gRPC straight: throughput ratio %.2f (per round: %s); p50 added %.2f ms at %d in flight",
                    path.name(),
                    ratio,
                    perRoundRatios(loaded.get(path), loaded.get(paths.get(0))),
                    addedP50,
                    concurrency);
            if (!unloadedSummaries.isEmpty()) {
                double added1 =
                        Latencies.ms(unloadedSummaries.get(path).latency(), 50)
                                - Latencies.ms(unloadedSummaries.get(paths.get(0)).latency(), 50);
                System.out.printf(", %.2f ms at 1 in flight", added1);
            }
            System.out.println();
        }
        Summary rest = summaries.get(paths.get(1));
        double ratio = rest.throughput() / direct.throughput();
        double addedP50 = Latencies.ms(rest.latency(), 50) - Latencies.ms(direct.latency(), 50);
        // Latency a hop adds is read without queueing (1 in flight): at saturation on shared cores
        // the added p50 is
        // the extra CPU per request turned into waiting (Little's law), which the throughput ratio
        // already judges.
        String unloaded = "not measured (--unloaded=0)";
        if (!unloadedSummaries.isEmpty()) {
            double added1 =
                    Latencies.ms(unloadedSummaries.get(paths.get(1)).latency(), 50)
                            - Latencies.ms(unloadedSummaries.get(paths.get(0)).latency(), 50);
            unloaded =
                    String.format(
                            "%s (%.2f ms at 1 in flight)",
                            added1 < 1.0 ? "met" : "NOT met", added1);
        }
        System.out.printf(
                "target (issue 6) for REST: throughput >= 60%% of direct gRPC: %s (%.0f%%); p50 added < 1 ms: %s;"
                        + " under saturation (%d in flight, queueing for the shared cores) %.2f ms%n",
                ratio >= 0.60 ? "met" : "NOT met", 100 * ratio, unloaded, concurrency, addedP50);
        System.out.println(
                "load average at start: "
                        + loadStart
                        + "; at end: "
                        + loadEnd
                        + "; cores: "
                        + Runtime.getRuntime().availableProcessors()
                        + " (load generator, gateway, case-service and PostgreSQL share them)");
    }

    /**
     * Two builds' paths side by side (this build first, then the one of {@code --before}): the
     * gateway's CPU per call and each gateway path's throughput ratio to the same build's direct
     * path, per round.
     */
    static void beforeAndAfter(
            List<List<GatewayBenchmark.Path>> builds,
            Map<GatewayBenchmark.Path, List<GatewayBenchmark.Window>> loaded) {
        List<GatewayBenchmark.Path> after = builds.get(0);
        List<GatewayBenchmark.Path> before = builds.get(1);
        System.out.println();
        System.out.println("== before (--before) and after (this build), the same run");
        for (int i = 0; i < after.size(); i++) {
            Summary a = Summary.of(loaded.get(after.get(i)));
            Summary b = Summary.of(loaded.get(before.get(i)));
            System.out.printf(
                    "%-42s req/s %6.0f -> %6.0f; CPU us/call gateway %s -> %s, case-service %s -> %s,"
                            + " postgresql %s -> %s",
                    after.get(i).name(),
                    b.throughput(),
                    a.throughput(),
                    perCall(b, "gateway"),
                    perCall(a, "gateway"),
                    perCall(b, "case-service"),
                    perCall(a, "case-service"),
                    perCall(b, "postgresql"),
                    perCall(a, "postgresql"));
            if (i > 0) {
                System.out.printf(
                        "; ratio to direct per round %s -> %s",
                        perRoundRatios(loaded.get(before.get(i)), loaded.get(before.get(0))),
                        perRoundRatios(loaded.get(after.get(i)), loaded.get(after.get(0))));
            }
            System.out.println();
        }
    }

    private static String perCall(Summary s, String part) {
        return String.format(
                "%.0f", s.cpuNanos().getOrDefault(part, 0L) / 1000.0 / Math.max(1, s.requests()));
    }

    static String perRoundRatios(
            List<GatewayBenchmark.Window> path, List<GatewayBenchmark.Window> direct) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(path.size(), direct.size()); i++) {
            out.append(i == 0 ? "" : " ")
                    .append(
                            String.format(
                                    "%.2f", path.get(i).throughput() / direct.get(i).throughput()));
        }
        return out.toString();
    }

    /** Microseconds of CPU per request, per part (" gateway 123 service 45"). */
    static String cpuPerRequest(Map<String, Long> cpuNanos, long requests) {
        StringBuilder cpu = new StringBuilder();
        cpuNanos.forEach(
                (part, nanos) ->
                        cpu.append(
                                String.format(
                                        " %s %.0f",
                                        part, requests == 0 ? 0 : nanos / 1000.0 / requests)));
        return cpu.toString();
    }

    /** Several windows of one path together. */
    record Summary(
            long requests,
            double seconds,
            Histogram latency,
            Map<String, Long> errors,
            Map<String, Long> cpuNanos) {

        static Summary of(List<GatewayBenchmark.Window> windows) {
            Histogram latency = Latencies.micros();
            long requests = 0;
            double seconds = 0;
            Map<String, Long> errors = new LinkedHashMap<>();
            Map<String, Long> cpu = new LinkedHashMap<>();
            for (GatewayBenchmark.Window w : windows) {
                latency.add(w.latency());
                requests += w.requests();
                seconds += w.seconds();
                w.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
                w.cpuNanos().forEach((k, v) -> cpu.merge(k, v, Long::sum));
            }
            return new Summary(requests, seconds, latency, errors, cpu);
        }

        double throughput() {
            return requests / seconds;
        }

        String line() {
            String cpu = cpuPerRequest(cpuNanos, requests);
            return String.format(
                    "%9.0f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms  errors %s  CPU us/req:%s",
                    throughput(),
                    Latencies.ms(latency, 50),
                    Latencies.ms(latency, 90),
                    Latencies.ms(latency, 99),
                    Latencies.maxMs(latency),
                    errors,
                    cpu);
        }
    }
}
