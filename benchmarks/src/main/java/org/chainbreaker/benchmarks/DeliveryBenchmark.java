package org.chainbreaker.benchmarks;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.chainbreaker.benchmarks.DeliverySubscribers.Receipts;
import org.chainbreaker.devstack.Suite;

/**
 * {@code bin/bench delivery}: how soon a partner learns of a share. KR opens a case and shares it
 * with TH at a steady rate through the gateway's REST API; TH follows {@code GET
 * /api/v1/cases:watchEvents} (Server-Sent Events) through the gateway, and optionally the same
 * stream over the gateway's gRPC face and straight from the case-service. For each share: t_sent
 * (before the share request), t_ack (its response: the commit happened before), t_recv (the
 * subscriber got the {@code case.shared} event of that case). Issue 7's target: within one second
 * of the commit.
 */
public final class DeliveryBenchmark {

    /** One timed share; times from {@link System#nanoTime()}. */
    record Share(String caseId, long sent, long ack, boolean measured) {}

    public static void main(String[] args) {
        Main.run(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        Options options = new Options(args);
        double rate =
                options.decimal(
                        "rate",
                        20,
                        "shares per second (open loop: a new case and share every 1/rate s)");
        Duration duration = options.seconds("duration", 30, "measured period");
        Duration warmup =
                options.seconds("warmup", 10, "warm-up period at the same rate, not counted");
        Duration lossTimeout =
                options.seconds(
                        "loss-timeout",
                        5,
                        "a share whose event is not received within this is lost");
        Duration idle =
                options.seconds(
                        "idle",
                        5,
                        "after the warm-up, CPU of the idle suite (subscribers connected, no shares); 0 skips it");
        boolean viaGrpc = options.flag("grpc", true, "also subscribe over the gateway's gRPC face");
        boolean direct =
                options.flag(
                        "direct",
                        true,
                        "also subscribe straight to the case-service (no gateway), for comparison");
        if (options.helpRequested()) {
            System.out.println("bin/bench delivery [options]\n" + options.usage());
            return;
        }
        options.rejectUnknown();

        System.out.println(
                "== delivery benchmark: KR shares cases with TH through the gateway; TH subscribers time the events");
        System.out.println("machine: " + Machine.facts());
        String loadStart = Machine.loadAverage();
        System.out.println("load average at start: " + loadStart);
        System.out.println("options: " + options.summary());

        Suite suite = BenchSuite.start("delivery");
        List<ManagedChannel> channels = new ArrayList<>();
        try (Tokens kr = new Tokens(suite.keycloak(), "kr-investigator");
                Tokens th = new Tokens(suite.keycloak(), "th-investigator");
                ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Receipts> subscribers = new ArrayList<>();
            Receipts sse = new Receipts("SSE through the gateway (REST)");
            subscribers.add(sse);
            Thread.ofPlatform()
                    .daemon()
                    .name("sse-subscriber")
                    .start(() -> DeliverySubscribers.followSse(suite.restUrl(), th, sse));
            if (viaGrpc) {
                Receipts grpc = new Receipts("gRPC through the gateway");
                subscribers.add(grpc);
                ManagedChannel channel =
                        NettyChannelBuilder.forTarget(suite.grpcTarget()).usePlaintext().build();
                channels.add(channel);
                DeliverySubscribers.followGrpc(channel, th, grpc);
            }
            if (direct) {
                Receipts straight = new Receipts("gRPC straight to case-service");
                subscribers.add(straight);
                ManagedChannel channel =
                        NettyChannelBuilder.forTarget(suite.backendTarget("case-service"))
                                .usePlaintext()
                                .build();
                channels.add(channel);
                DeliverySubscribers.followGrpc(channel, th, straight);
            }

            DeliveryWriter writer = new DeliveryWriter(suite.restUrl(), kr);
            ConcurrentLinkedQueue<Share> shares = new ConcurrentLinkedQueue<>();
            AtomicInteger inFlight = new AtomicInteger();

            // Subscriptions start "from now on": share probes until every subscriber has seen one.
            System.out.println("waiting until every subscriber receives events ...");
            List<Share> probes = new ArrayList<>();
            long probeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!subscribers.stream()
                    .allMatch(
                            s ->
                                    probes.stream()
                                            .anyMatch(p -> s.firstNanos.containsKey(p.caseId())))) {
                if (System.nanoTime() > probeDeadline) {
                    throw new IllegalStateException(
                            "subscribers received no events within 90 s: "
                                    + subscribers.stream()
                                            .map(s -> s.name + " got " + s.firstNanos.size())
                                            .toList());
                }
                Share probe = writer.createAndShare(false);
                if (probe != null) {
                    probes.add(probe);
                }
                Thread.sleep(500);
            }

            System.out.printf("warm-up: %.0f shares/s for %d s%n", rate, warmup.toSeconds());
            runAt(rate, warmup, false, writer, shares, inFlight, tasks);
            CpuMeter cpu = new CpuMeter(suite, "gateway", "case-service");
            awaitTrue(() -> inFlight.get() == 0, Duration.ofSeconds(30));
            Map<String, Long> idleCpu = Map.of();
            long idleNanos = 0;
            if (!idle.isZero()) {
                System.out.printf("idle: %d s without shares%n", idle.toSeconds());
                Map<String, Long> idleBefore = cpu.snapshot();
                long idleStart = System.nanoTime();
                Thread.sleep(idle);
                idleCpu = CpuMeter.since(idleBefore, cpu.snapshot());
                idleNanos = System.nanoTime() - idleStart;
            }
            Map<String, Long> cpuBefore = cpu.snapshot();
            long measuredStart = System.nanoTime();
            System.out.printf("measuring: %.0f shares/s for %d s%n", rate, duration.toSeconds());
            int scheduled = runAt(rate, duration, true, writer, shares, inFlight, tasks);
            long measuredNanos = System.nanoTime() - measuredStart;
            Map<String, Long> cpuUsed = CpuMeter.since(cpuBefore, cpu.snapshot());
            awaitTrue(() -> inFlight.get() == 0, Duration.ofSeconds(30));
            List<Share> measured = shares.stream().filter(Share::measured).toList();
            long lastAck = measured.stream().mapToLong(Share::ack).max().orElse(System.nanoTime());
            long waitUntil = lastAck + lossTimeout.toNanos();
            awaitTrue(
                    () ->
                            subscribers.stream()
                                            .allMatch(
                                                    s ->
                                                            measured.stream()
                                                                    .allMatch(
                                                                            m ->
                                                                                    s.firstNanos
                                                                                            .containsKey(
                                                                                                    m
                                                                                                            .caseId())))
                                    || System.nanoTime() > waitUntil,
                    lossTimeout.plusSeconds(1));

            String loadEnd = Machine.loadAverage();
            DeliveryReport.print(
                    rate,
                    duration,
                    scheduled,
                    measured,
                    writer,
                    subscribers,
                    lossTimeout,
                    cpuUsed,
                    measuredNanos,
                    idleCpu,
                    idleNanos,
                    loadStart,
                    loadEnd);
        } finally {
            DeliverySubscribers.stopSubscribers();
            channels.forEach(ManagedChannel::shutdownNow);
            suite.stop();
        }
    }

    /**
     * Starts a create-and-share every 1/rate s for {@code period} (open loop: a slow answer does
     * not slow the rate).
     */
    private static int runAt(
            double rate,
            Duration period,
            boolean measured,
            DeliveryWriter writer,
            ConcurrentLinkedQueue<Share> shares,
            AtomicInteger inFlight,
            ExecutorService tasks) {
        long interval = Math.round(1e9 / rate);
        long start = System.nanoTime();
        long end = start + period.toNanos();
        int count = 0;
        for (long next = start; next < end; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.incrementAndGet();
            count++;
            tasks.execute(
                    () -> {
                        try {
                            Share share = writer.createAndShare(measured);
                            if (share != null) {
                                shares.add(share);
                            }
                        } finally {
                            inFlight.decrementAndGet();
                        }
                    });
        }
        return count;
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
