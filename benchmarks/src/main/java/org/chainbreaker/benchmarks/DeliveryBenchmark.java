package org.chainbreaker.benchmarks;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.WatchEventsRequest;
import org.chainbreaker.devstack.Suite;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

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

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String SHARED = "case.shared";

    /** Set when the run is over: the subscribers stop resuming and printing. */
    private static volatile boolean stopping;

    /** Ends the subscribers' resuming (also used by {@link SubscribersBenchmark}). */
    static void stopSubscribers() {
        stopping = true;
    }

    /** One timed share; times from {@link System#nanoTime()}. */
    record Share(String caseId, long sent, long ack, boolean measured) {}

    /** What one subscriber received. */
    static final class Receipts {
        final String name;
        final Map<String, Long> firstNanos = new ConcurrentHashMap<>();

        /**
         * Wall-clock receipt minus the event's occur_time (written in the committing transaction),
         * microseconds.
         */
        final Map<String, Long> fromOccurMicros = new ConcurrentHashMap<>();

        final LongAdder duplicates = new LongAdder();
        final LongAdder heartbeats = new LongAdder();

        /**
         * Events of other types (e.g. case.opened of a case already shared when the event was
         * delivered), by type.
         */
        final Map<String, LongAdder> otherEvents = new ConcurrentHashMap<>();

        final LongAdder reconnects = new LongAdder();
        volatile String lastCursor = "";

        Receipts(String name) {
            this.name = name;
        }

        void event(
                String type,
                String recordId,
                Instant occurTime,
                String cursor,
                long nanos,
                Instant wall) {
            if (cursor != null && !cursor.isEmpty()) {
                lastCursor = cursor;
            }
            if (!SHARED.equals(type)) {
                otherEvents.computeIfAbsent(type, t -> new LongAdder()).increment();
                return;
            }
            if (firstNanos.putIfAbsent(recordId, nanos) != null) {
                duplicates.increment();
                return;
            }
            if (occurTime != null) {
                fromOccurMicros.put(recordId, Duration.between(occurTime, wall).toNanos() / 1000);
            }
        }
    }

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
                    .start(() -> followSse(suite.restUrl(), th, sse));
            if (viaGrpc) {
                Receipts grpc = new Receipts("gRPC through the gateway");
                subscribers.add(grpc);
                ManagedChannel channel =
                        NettyChannelBuilder.forTarget(suite.grpcTarget()).usePlaintext().build();
                channels.add(channel);
                followGrpc(channel, th, grpc);
            }
            if (direct) {
                Receipts straight = new Receipts("gRPC straight to case-service");
                subscribers.add(straight);
                ManagedChannel channel =
                        NettyChannelBuilder.forTarget(suite.backendTarget("case-service"))
                                .usePlaintext()
                                .build();
                channels.add(channel);
                followGrpc(channel, th, straight);
            }

            Writer writer = new Writer(suite.restUrl(), kr);
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
            report(
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
            stopping = true;
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
            Writer writer,
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

    /** KR's side: opens a case, then shares it with TH, over REST through the gateway. */
    static final class Writer {
        private final String restUrl;
        private final Tokens kr;
        private final HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        private final AtomicInteger sequence = new AtomicInteger();
        final Histogram shareLatency = Latencies.micros();
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

        Writer(String restUrl, Tokens kr) {
            this.restUrl = restUrl;
            this.kr = kr;
        }

        /** The timed share, or null (counted in {@link #failures}) when a request failed. */
        Share createAndShare(boolean measured) {
            try {
                HttpResponse<String> created =
                        post(
                                "/api/v1/cases",
                                "{\"title\":\"Delivery benchmark "
                                        + sequence.incrementAndGet()
                                        + "\",\"category\":\"ONLINE_SCAM\"}");
                if (created.statusCode() != 201) {
                    fail("create HTTP " + created.statusCode());
                    return null;
                }
                String id = JSON.readTree(created.body()).path("id").asString();
                long sent = System.nanoTime();
                HttpResponse<String> shared =
                        post(
                                "/api/v1/cases/" + id + ":share",
                                "{\"country\":\"TH\",\"handlingCode\":\"H1\"}");
                long ack = System.nanoTime();
                if (shared.statusCode() != 200) {
                    fail("share HTTP " + shared.statusCode());
                    return null;
                }
                if (measured) {
                    synchronized (shareLatency) {
                        shareLatency.recordValue(Math.max(0, (ack - sent) / 1000));
                    }
                }
                return new Share(id, sent, ack, measured);
            } catch (IOException | RuntimeException e) {
                fail(e.getClass().getSimpleName());
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        private void fail(String what) {
            failures.computeIfAbsent(what, k -> new LongAdder()).increment();
        }

        private HttpResponse<String> post(String path, String body)
                throws IOException, InterruptedException {
            return http.send(
                    HttpRequest.newBuilder(URI.create(restUrl + path))
                            .timeout(Duration.ofSeconds(20))
                            .header("Authorization", kr.bearer())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /**
     * TH's Server-Sent Events subscription through the gateway; resumes with Last-Event-ID if the
     * stream ends.
     */
    static void followSse(String restUrl, Tokens th, Receipts receipts) {
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        boolean first = true;
        while (!stopping) {
            if (!first) {
                receipts.reconnects.increment();
                sleep(Duration.ofMillis(500));
            }
            first = false;
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(restUrl + "/api/v1/cases:watchEvents"))
                            .header("Accept", "text/event-stream")
                            .header("Authorization", th.bearer());
            if (!receipts.lastCursor.isEmpty()) {
                request.header("Last-Event-ID", receipts.lastCursor);
            }
            try {
                HttpResponse<InputStream> response =
                        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    System.out.printf(
                            "SSE subscription answered HTTP %d: %s%n",
                            response.statusCode(),
                            new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
                    continue;
                }
                try (BufferedReader reader =
                        new BufferedReader(
                                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String id = null;
                    String eventName = null;
                    StringBuilder data = new StringBuilder();
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (line.isEmpty()) {
                            if (!data.isEmpty()) {
                                long nanos = System.nanoTime();
                                Instant wall = Instant.now();
                                if (eventName != null && !eventName.equals("message")) {
                                    System.out.printf("SSE event '%s': %s%n", eventName, data);
                                } else {
                                    JsonNode event = JSON.readTree(data.toString());
                                    String occur = event.path("occurTime").asString("");
                                    receipts.event(
                                            event.path("type").asString(""),
                                            event.path("recordId").asString(""),
                                            occur.isEmpty() ? null : Instant.parse(occur),
                                            id,
                                            nanos,
                                            wall);
                                }
                            }
                            id = null;
                            eventName = null;
                            data.setLength(0);
                        } else if (line.startsWith(":")) {
                            receipts.heartbeats.increment();
                        } else if (line.startsWith("id:")) {
                            id = line.substring(3).trim();
                        } else if (line.startsWith("event:")) {
                            eventName = line.substring(6).trim();
                        } else if (line.startsWith("data:")) {
                            data.append(line.substring(5).trim());
                        }
                    }
                }
                if (!stopping) {
                    System.out.println("SSE stream ended; resuming from the last event id");
                }
            } catch (IOException | RuntimeException e) {
                if (!stopping) {
                    System.out.println(
                            "SSE stream failed (" + e + "); resuming from the last event id");
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** TH's WatchEvents over gRPC; resumes from the last cursor if the stream ends. */
    static void followGrpc(ManagedChannel channel, Tokens th, Receipts receipts) {
        CaseServiceGrpc.newStub(channel)
                .withInterceptors(th.grpcAuthorization())
                .watchEvents(
                        WatchEventsRequest.newBuilder().setCursor(receipts.lastCursor).build(),
                        new StreamObserver<>() {
                            @Override
                            public void onNext(Event event) {
                                long nanos = System.nanoTime();
                                Instant wall = Instant.now();
                                if (event.getHeartbeat()) {
                                    receipts.heartbeats.increment();
                                    return;
                                }
                                Instant occur =
                                        event.hasOccurTime()
                                                ? Instant.ofEpochSecond(
                                                        event.getOccurTime().getSeconds(),
                                                        event.getOccurTime().getNanos())
                                                : null;
                                receipts.event(
                                        event.getType(),
                                        event.getRecordId(),
                                        occur,
                                        event.getCursor(),
                                        nanos,
                                        wall);
                            }

                            @Override
                            public void onError(Throwable t) {
                                if (stopping || channel.isShutdown()) {
                                    return;
                                }
                                System.out.println(
                                        receipts.name
                                                + ": stream failed ("
                                                + t
                                                + "); resuming from the last cursor");
                                resume();
                            }

                            @Override
                            public void onCompleted() {
                                if (!stopping && !channel.isShutdown()) {
                                    System.out.println(
                                            receipts.name
                                                    + ": stream ended; resuming from the last cursor");
                                    resume();
                                }
                            }

                            private void resume() {
                                receipts.reconnects.increment();
                                Thread.ofVirtual()
                                        .start(
                                                () -> {
                                                    sleep(Duration.ofMillis(500));
                                                    followGrpc(channel, th, receipts);
                                                });
                            }
                        });
    }

    private static void report(
            double rate,
            Duration duration,
            int scheduled,
            List<Share> measured,
            Writer writer,
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

    private static void awaitTrue(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
