package org.chainbreaker.benchmarks;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.benchmarks.GatewayBenchmark.LoadLoop;
import org.chainbreaker.benchmarks.GatewayBenchmark.Path;
import org.chainbreaker.benchmarks.GatewayBenchmark.Window;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.devstack.Suite;

/**
 * Issue 17's noisy neighbours: KR's light traffic (GetCase over REST, one request in flight) alone,
 * then while KH floods the gateway with 48 connections reading its own case. KH keeps the gateway's
 * default limit (BenchSuite lifts only KR's), so most of the flood is refused with 429; the target
 * is KR's p99 during the flood within 3x its p99 alone.
 */
final class NoisyNeighbour {

    static final int FLOOD_CONNECTIONS = 48;

    private NoisyNeighbour() {}

    static void run(
            Suite suite, Path light, Duration window, CpuMeter cpu, List<AutoCloseable> resources)
            throws Exception {
        try (Tokens kh = new Tokens(suite.keycloak(), "kh-investigator")) {
            ManagedChannel direct =
                    NettyChannelBuilder.forTarget(suite.backendTarget("case-service"))
                            .usePlaintext()
                            .build();
            resources.add(direct::shutdownNow);
            Case own =
                    CaseServiceGrpc.newBlockingStub(direct)
                            .withInterceptors(kh.grpcAuthorization())
                            .withDeadlineAfter(20, TimeUnit.SECONDS)
                            .createCase(
                                    CreateCaseRequest.newBuilder()
                                            .setCase(
                                                    Case.newBuilder()
                                                            .setTitle("Noisy neighbour case")
                                                            .setSummary("Read by KH's flood")
                                                            .setCategory(Case.Category.ONLINE_SCAM))
                                            .build());
            Path flooder =
                    GatewayBenchmark.nettyRestPath(
                            suite.restUrl(),
                            "/api/v1/cases/" + own.getId(),
                            kh,
                            FLOOD_CONNECTIONS,
                            resources);

            System.out.printf(
                    "noisy neighbours: KR alone, 1 in flight, %d s%n", window.toSeconds());
            Window alone = GatewayBenchmark.measure(light, 1, Duration.ofSeconds(2), window, cpu);
            System.out.printf("  %s%n", alone.line());

            LoadLoop flood = new LoadLoop(flooder, FLOOD_CONNECTIONS);
            flood.start();
            Thread.sleep(3_000);
            long okBefore = flood.ok.sum();
            long refusedBefore = refused(flood);
            Window during;
            long floodOk;
            long floodRefused;
            Map<String, Long> floodErrors;
            try {
                System.out.printf(
                        "noisy neighbours: KR, 1 in flight, while KH floods with %d connections, %d s%n",
                        FLOOD_CONNECTIONS, window.toSeconds());
                during = GatewayBenchmark.measure(light, 1, Duration.ZERO, window, cpu);
                floodOk = flood.ok.sum() - okBefore;
                floodRefused = refused(flood) - refusedBefore;
                floodErrors = GatewayBenchmark.countsOf(flood.errors);
            } finally {
                flood.stopAndDrain();
            }
            System.out.printf("  %s%n", during.line());
            double p99Alone = Latencies.ms(alone.latency(), 99);
            double p99During = Latencies.ms(during.latency(), 99);
            long gatewayNanos = during.cpuNanos().getOrDefault("gateway", 0L);
            long handled = during.requests() + floodOk + floodRefused;
            System.out.printf(
                    "  KH during the window: %d answered, %d refused with 429 (%.0f/s); errors since"
                            + " the start of the flood %s%n",
                    floodOk, floodRefused, floodRefused / during.seconds(), floodErrors);
            System.out.printf(
                    "  gateway CPU per request handled (KR + KH answered + KH refused): %.0f us%n",
                    handled == 0 ? 0 : gatewayNanos / 1000.0 / handled);
            System.out.printf(
                    "  KR p99 alone %.2f ms, during the flood %.2f ms: %.2fx (target: at most 3x) -> %s%n",
                    p99Alone,
                    p99During,
                    p99During / p99Alone,
                    p99During <= 3 * p99Alone ? "MET" : "NOT MET");
        }
    }

    private static long refused(LoadLoop loop) {
        var adder = loop.errors.get("HTTP 429");
        return adder == null ? 0 : adder.sum();
    }
}
