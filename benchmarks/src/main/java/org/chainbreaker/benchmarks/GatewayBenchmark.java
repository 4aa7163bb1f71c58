package org.chainbreaker.benchmarks;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.devstack.Suite;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * {@code bin/bench gateway}: what the gateway's faces cost. The same request (GetCase of one KR
 * case, as KR) over gRPC straight to the case-service, over REST through the gateway, and over gRPC
 * through the gateway's gRPC face, each with the same number of requests in flight (closed loop).
 * Every path is warmed up first; then measurement rounds alternate between the paths so that drift
 * (JIT, other load on the machine) affects all alike. Issue 6's target: REST keeps at least 60% of
 * the direct gRPC throughput and adds under 1 ms at p50. With {@code --before=<folder>} a second
 * suite from another build's jars runs beside this one (same PostgreSQL and Keycloak) and its three
 * paths alternate with this build's in every round, for a before/after in one run (issue 17).
 */
public final class GatewayBenchmark {

    /**
     * One way of making the request: starts it and reports the outcome (null for success) to {@code
     * done}.
     */
    interface Path {
        String name();

        void call(Consumer<String> done);
    }

    public static void main(String[] args) {
        Main.run(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        Options options = new Options(args);
        int concurrency =
                options.integer("concurrency", 16, "requests in flight per path (closed loop)");
        Duration warmup = options.seconds("warmup", 20, "warm-up of each path before measuring");
        int rounds =
                options.integer(
                        "rounds", 3, "measurement rounds; each round measures every path once");
        Duration window =
                options.seconds("window", 10, "measurement window of one path in one round");
        Duration settle =
                options.seconds("settle", 2, "load before each window that is not measured");
        Duration unloaded =
                options.seconds(
                        "unloaded",
                        5,
                        "window per path and round with ONE request in flight (latency without queueing); 0 skips it");
        String client =
                options.string(
                        "client",
                        "netty",
                        "REST client: netty (Reactor Netty) or jdk (java.net.http, HTTP/1.1)");
        Duration flood =
                options.seconds(
                        "flood",
                        0,
                        "noisy neighbours: window of KR's light REST traffic (1 in flight) alone and"
                                + " then while KH floods the gateway with 48 connections at its"
                                + " default limit; 0 skips it");
        Duration reads =
                options.seconds(
                        "reads",
                        0,
                        "window per round of GetCase, GetWantedPerson and GetRepatriation straight to"
                                + " each service (CPU per read in the service and PostgreSQL); 0"
                                + " skips it");
        String before =
                options.string(
                        "before",
                        "",
                        "another checkout (or a folder holding <module>/target/<module>-"
                                + "<version>-exec.jar of the four modules), whose services and"
                                + " gateway also run, on the same PostgreSQL and Keycloak; its three"
                                + " GetCase paths and its reads alternate with this build's in every"
                                + " round (before/after in one run)");
        int facesOption =
                options.integer(
                        "faces", 1, "1 measures the three GetCase paths (gateway), 0 skips them");
        if (options.helpRequested()) {
            System.out.println("bin/bench gateway [options]\n" + options.usage());
            return;
        }
        options.rejectUnknown();
        if (!client.equals("netty") && !client.equals("jdk")) {
            throw new Options.UsageException("--client is netty or jdk");
        }

        System.out.println(
                "== gateway benchmark: GetCase over gRPC direct, REST through the gateway, gRPC through the gateway");
        System.out.println("machine: " + Machine.facts());
        String loadStart = Machine.loadAverage();
        System.out.println("load average at start: " + loadStart);
        System.out.println("options: " + options.summary());

        Suite suite = BenchSuite.start("gateway");
        List<AutoCloseable> resources = new ArrayList<>();
        List<ServiceReads.Build> builds = new ArrayList<>();
        builds.add(new ServiceReads.Build("", suite));
        try (Tokens kr = new Tokens(suite.keycloak(), "kr-investigator")) {
            if (!before.isBlank()) {
                Suite other = BenchSuite.startFrom(java.nio.file.Path.of(before), "gateway-before");
                resources.add(other::stop);
                builds.add(new ServiceReads.Build("[before]", other));
            }
            ManagedChannel direct = channel(suite.backendTarget("case-service"));
            ManagedChannel viaGateway = channel(suite.grpcTarget());
            resources.add(direct::shutdownNow);
            resources.add(viaGateway::shutdownNow);

            Case created =
                    CaseServiceGrpc.newBlockingStub(direct)
                            .withInterceptors(kr.grpcAuthorization())
                            .withDeadlineAfter(20, TimeUnit.SECONDS)
                            .createCase(
                                    CreateCaseRequest.newBuilder()
                                            .setCase(
                                                    Case.newBuilder()
                                                            .setTitle("Gateway benchmark case")
                                                            .setSummary(
                                                                    "Read over and over by bin/bench gateway")
                                                            .setCategory(Case.Category.ONLINE_SCAM))
                                            .build());
            String id = created.getId();
            GetCaseRequest get = GetCaseRequest.newBuilder().setId(id).build();
            String restPath = "/api/v1/cases/" + id;
            byte[] json = checkRest(suite.restUrl() + restPath, kr, id);
            System.out.printf(
                    "case %s: %d B protobuf, %d B JSON%n",
                    id, created.getSerializedSize(), json.length);

            List<Path> paths =
                    List.of(
                            grpcPath("gRPC straight to case-service", direct, kr, get),
                            client.equals("netty")
                                    ? nettyRestPath(
                                            suite.restUrl(), restPath, kr, concurrency, resources)
                                    : jdkRestPath(suite.restUrl(), restPath, kr, resources),
                            grpcPath("gRPC through the gateway", viaGateway, kr, get));
            // Each build's three paths, measured by its own processes' CPU.
            Map<ServiceReads.Build, List<Path>> faces = new LinkedHashMap<>();
            Map<Path, CpuMeter> meters = new LinkedHashMap<>();
            faces.put(builds.getFirst(), paths);
            for (ServiceReads.Build build : builds.subList(1, builds.size())) {
                faces.put(build, BuildPaths.of(build, kr, get, restPath, concurrency, resources));
            }
            faces.forEach(
                    (build, list) -> {
                        CpuMeter meter = new CpuMeter(build.suite(), "gateway", "case-service");
                        list.forEach(path -> meters.put(path, meter));
                    });
            // The builds' same paths side by side, so that drift of the machine meets both alike.
            List<Path> all = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                for (List<Path> list : faces.values()) {
                    all.add(list.get(i));
                }
            }
            for (Path path : all) {
                LoadLoop check = new LoadLoop(path, 1);
                check.start();
                Thread.sleep(200);
                check.stopAndDrain();
                if (check.ok.sum() == 0) {
                    throw new IllegalStateException(
                            path.name() + " does not answer: " + check.errors);
                }
            }

            CpuMeter cpu = meters.get(paths.getFirst());
            if (facesOption == 0) {
                ServiceReads.run(builds, kr, concurrency, warmup, rounds, reads, settle, resources);
                return;
            }
            for (Path path : all) {
                System.out.printf(
                        "warm-up: %s, %d in flight, %d s%n",
                        path.name(), concurrency, warmup.toSeconds());
                Window w = measure(path, concurrency, Duration.ZERO, warmup, meters.get(path));
                System.out.printf("  %s%n", w.line());
            }

            Map<Path, List<Window>> loaded = new LinkedHashMap<>();
            Map<Path, List<Window>> single = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                System.out.printf(
                        "round %d of %d (%d in flight)%n", round + 1, rounds, concurrency);
                for (int i = 0; i < all.size(); i++) {
                    // Rotate the order so that no path always runs first or last in a round.
                    Path path = all.get((i + round) % all.size());
                    Window w = measure(path, concurrency, settle, window, meters.get(path));
                    loaded.computeIfAbsent(path, p -> new ArrayList<>()).add(w);
                    System.out.printf("  %-36s %s%n", path.name(), w.line());
                }
                if (!unloaded.isZero()) {
                    System.out.printf("round %d of %d (1 in flight)%n", round + 1, rounds);
                    for (int i = 0; i < all.size(); i++) {
                        Path path = all.get((i + round) % all.size());
                        Window w =
                                measure(path, 1, Duration.ofSeconds(1), unloaded, meters.get(path));
                        single.computeIfAbsent(path, p -> new ArrayList<>()).add(w);
                        System.out.printf("  %-36s %s%n", path.name(), w.line());
                    }
                }
            }
            if (!flood.isZero()) {
                NoisyNeighbour.run(suite, paths.get(1), flood, cpu, resources);
            }
            String loadEnd = Machine.loadAverage();
            for (List<Path> list : faces.values()) {
                GatewayReport.report(list, loaded, single, concurrency, loadStart, loadEnd);
            }
            if (faces.size() > 1) {
                GatewayReport.beforeAndAfter(List.copyOf(faces.values()), loaded);
            }
            if (!reads.isZero()) {
                ServiceReads.run(builds, kr, concurrency, warmup, rounds, reads, settle, resources);
            }
        } finally {
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // closing anyway
                }
            }
            suite.stop();
        }
    }

    static ManagedChannel channel(String target) {
        // Callbacks only record a figure and start the next call: run them on the transport's
        // threads.
        return NettyChannelBuilder.forTarget(target).usePlaintext().directExecutor().build();
    }

    static Path grpcPath(
            String name, ManagedChannel channel, Tokens tokens, GetCaseRequest request) {
        CaseServiceGrpc.CaseServiceStub stub =
                CaseServiceGrpc.newStub(channel).withInterceptors(tokens.grpcAuthorization());
        return new Path() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void call(Consumer<String> done) {
                stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                        .getCase(
                                request,
                                new StreamObserver<>() {
                                    @Override
                                    public void onNext(Case value) {}

                                    @Override
                                    public void onError(Throwable t) {
                                        done.accept(
                                                io.grpc.Status.fromThrowable(t).getCode().name());
                                    }

                                    @Override
                                    public void onCompleted() {
                                        done.accept(null);
                                    }
                                });
            }
        };
    }

    /**
     * REST with Reactor Netty's HttpClient: HTTP/1.1, a pool of as many connections as requests in
     * flight.
     */
    static Path nettyRestPath(
            String restUrl,
            String path,
            Tokens tokens,
            int concurrency,
            List<AutoCloseable> resources) {
        ConnectionProvider pool =
                ConnectionProvider.builder("bench")
                        .maxConnections(Math.max(1, concurrency))
                        .pendingAcquireMaxCount(-1)
                        .build();
        resources.add(pool::dispose);
        HttpClient base = HttpClient.create(pool).baseUrl(restUrl).keepAlive(true);
        return new Path() {
            private volatile String token;
            private volatile HttpClient client;

            @Override
            public String name() {
                return "REST through the gateway (Reactor Netty)";
            }

            @Override
            public void call(Consumer<String> done) {
                String current = tokens.bearer();
                HttpClient c = client;
                if (c == null || !current.equals(token)) {
                    c =
                            base.headers(
                                    h ->
                                            h.set(HttpHeaderNames.AUTHORIZATION, current)
                                                    .set(
                                                            HttpHeaderNames.ACCEPT,
                                                            "application/json"));
                    client = c;
                    token = current;
                }
                c.get()
                        .uri(path)
                        .responseSingle(
                                (response, body) ->
                                        body.asByteArray()
                                                .defaultIfEmpty(new byte[0])
                                                .map(bytes -> response.status().code()))
                        .subscribe(
                                code -> done.accept(code == 200 ? null : "HTTP " + code),
                                error -> done.accept(error.getClass().getSimpleName()));
            }
        };
    }

    /**
     * REST with the JDK's HttpClient over HTTP/1.1 (it opens as many connections as requests in
     * flight).
     */
    static Path jdkRestPath(
            String restUrl, String path, Tokens tokens, List<AutoCloseable> resources) {
        java.net.http.HttpClient http =
                java.net.http.HttpClient.newBuilder()
                        .version(java.net.http.HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        resources.add(http::close);
        URI uri = URI.create(restUrl + path);
        return new Path() {
            @Override
            public String name() {
                return "REST through the gateway (JDK HttpClient)";
            }

            @Override
            public void call(Consumer<String> done) {
                http.sendAsync(
                                HttpRequest.newBuilder(uri)
                                        .header("Authorization", tokens.bearer())
                                        .header("Accept", "application/json")
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .whenComplete(
                                (response, error) ->
                                        done.accept(
                                                error != null
                                                        ? error.getClass().getSimpleName()
                                                        : response.statusCode() == 200
                                                                ? null
                                                                : "HTTP " + response.statusCode()));
            }
        };
    }

    private static byte[] checkRest(String url, Tokens tokens, String id) throws Exception {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response =
                    http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .header("Authorization", tokens.bearer())
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            if (response.statusCode() != 200 || !body.contains(id)) {
                throw new IllegalStateException(
                        "GET " + url + " answered " + response.statusCode() + ": " + body);
            }
            return response.body();
        }
    }

    /**
     * Keeps {@code concurrency} requests in flight on one path until stopped, recording latencies
     * in microseconds.
     */
    static final class LoadLoop {
        private final Path path;
        private final int concurrency;
        private final AtomicInteger active = new AtomicInteger();
        private volatile boolean running;
        final Recorder recorder = new Recorder(3);
        final LongAdder ok = new LongAdder();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

        LoadLoop(Path path, int concurrency) {
            this.path = path;
            this.concurrency = concurrency;
        }

        void start() {
            running = true;
            for (int i = 0; i < concurrency; i++) {
                active.incrementAndGet();
                fire();
            }
        }

        private void fire() {
            long t0 = System.nanoTime();
            path.call(
                    error -> {
                        long micros = (System.nanoTime() - t0) / 1000;
                        if (error == null) {
                            recorder.recordValue(micros);
                            ok.increment();
                        } else {
                            errors.computeIfAbsent(error, e -> new LongAdder()).increment();
                        }
                        if (!running) {
                            active.decrementAndGet();
                        } else if (error == null) {
                            fire();
                        } else {
                            // Never spin on a failing path, nor recurse on a failure reported in
                            // the caller's thread.
                            Thread.ofVirtual()
                                    .start(
                                            () -> {
                                                try {
                                                    Thread.sleep(10);
                                                } catch (InterruptedException e) {
                                                    Thread.currentThread().interrupt();
                                                }
                                                if (running) {
                                                    fire();
                                                } else {
                                                    active.decrementAndGet();
                                                }
                                            });
                        }
                    });
        }

        void stopAndDrain() throws InterruptedException {
            running = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (active.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
    }

    /** The figures of one path in one window. */
    record Window(
            long requests,
            double seconds,
            Histogram latency,
            Map<String, Long> errors,
            Map<String, Long> cpuNanos) {

        double throughput() {
            return requests / seconds;
        }

        String line() {
            String cpu = GatewayReport.cpuPerRequest(cpuNanos, requests);
            return String.format(
                    "%9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %s  CPU us/req:%s",
                    throughput(),
                    Latencies.ms(latency, 50),
                    Latencies.ms(latency, 99),
                    errors,
                    cpu);
        }
    }

    static Window measure(
            Path path, int concurrency, Duration settle, Duration window, CpuMeter cpu)
            throws InterruptedException {
        LoadLoop loop = new LoadLoop(path, concurrency);
        loop.start();
        Thread.sleep(settle);
        loop.recorder.getIntervalHistogram();
        long okBefore = loop.ok.sum();
        Map<String, Long> errorsBefore = counts(loop.errors);
        Map<String, Long> cpuBefore = cpu.snapshot();
        long t0 = System.nanoTime();
        Thread.sleep(window);
        Histogram latency = loop.recorder.getIntervalHistogram();
        long requests = loop.ok.sum() - okBefore;
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> cpuUsed = CpuMeter.since(cpuBefore, cpu.snapshot());
        Map<String, Long> errors = new LinkedHashMap<>();
        counts(loop.errors)
                .forEach(
                        (k, v) -> {
                            long n = v - errorsBefore.getOrDefault(k, 0L);
                            if (n > 0) {
                                errors.put(k, n);
                            }
                        });
        loop.stopAndDrain();
        return new Window(requests, seconds, latency, errors, cpuUsed);
    }

    static Map<String, Long> countsOf(Map<String, LongAdder> adders) {
        return counts(adders);
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> out = new LinkedHashMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
