package org.chainbreaker.benchmarks;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.chainbreaker.devstack.LocalTokenIssuer;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.PostgresServer.DatabaseAccess;
import org.chainbreaker.devstack.ServiceProcess;
import org.chainbreaker.devstack.SoftHsm;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsResponse;

/**
 * {@code bin/bench fugitive-search}: issue 4's benchmark. Loads wanted persons (default 1,000,000,
 * across the 13 tenants of the region and two partner tenants configured for the run) through the
 * real IngestWantedPersons client-streaming call of a real fugitive-service process, which connects
 * to a real PostgreSQL as its non-owner application role (row-level security applies, exactly as in
 * production). Most records are then published to operations so that searches cross tenants through
 * the visibility rules. Then it measures SearchWantedPersons over gRPC at the service from several
 * tenants with a query mix across scripts, after ANALYZE. Targets: ingest over 5,000 records/s,
 * search p95 under 50 ms, on a 2-core machine.
 */
public final class FugitiveSearchBenchmark {

    static final List<String> REGION =
            List.of(
                    "KR",
                    "TH",
                    "VN",
                    "KH",
                    "LA",
                    "MM",
                    "PH",
                    "ID",
                    "MY",
                    "SG",
                    "BN",
                    "INTERPOL",
                    "ASEANAPOL");

    public static void main(String[] args) {
        Main.run(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        Options options = new Options(args);
        int records = options.integer("records", 1_000_000, "wanted persons to load");
        String partners =
                options.string(
                        "partners",
                        "AU,JP",
                        "partner tenant codes configured for the run, besides the region's 13");
        int streams = options.integer("streams", 2, "IngestWantedPersons calls in parallel");
        int streamSize =
                options.integer(
                        "stream-size",
                        10_000,
                        "records per IngestWantedPersons call (one portal file)");
        int publishedPercent =
                options.integer(
                        "published", 85, "percent of the records published to an operation");
        int searches = options.integer("searches", 2000, "measured searches");
        int warmup = options.integer("warmup", 500, "searches before measuring (not counted)");
        int concurrency = options.integer("concurrency", 1, "searches in flight (closed loop)");
        int checks =
                options.integer(
                        "checks", 500, "measured CheckIdentity calls after the searches (0: none)");
        String searchers =
                options.string(
                        "searchers", "KR,TH,VN,PH,INTERPOL,AU", "tenants that search, in turn");
        long seed = options.integer("seed", 4, "seed of the dataset and the query mix");
        String dataDir =
                options.string(
                        "data-dir",
                        "",
                        "keep PostgreSQL's data in this folder (a later run with the same folder reuses the loaded records); empty: a fresh temporary database");
        String serviceJvm =
                options.string(
                        "service-jvm",
                        "-Xmx1g",
                        "JVM options of the fugitive-service (space separated), e.g. add -XX:StartFlightRecording=filename=x.jfr");
        if (options.helpRequested()) {
            System.out.println("bin/bench fugitive-search [options]\n" + options.usage());
            return;
        }
        options.rejectUnknown();

        List<String> tenants = new ArrayList<>(REGION);
        for (String p : partners.split(",")) {
            if (!p.isBlank() && !tenants.contains(p.strip())) {
                tenants.add(p.strip());
            }
        }
        System.out.println(
                "== fugitive-search benchmark: bulk ingest and name search over gRPC, row-level security on");
        System.out.println("machine: " + Machine.facts());
        String loadStart = Machine.loadAverage();
        System.out.println("load average at start: " + loadStart);
        System.out.println("options: " + options.summary());
        System.out.printf("tenants (%d): %s%n", tenants.size(), String.join(" ", tenants));

        if (System.getProperty("chainbreaker.postgres") == null) {
            System.setProperty("chainbreaker.postgres", "embedded");
        }
        PostgresServer postgres =
                dataDir.isBlank()
                        ? PostgresServer.shared()
                        : PostgresServer.persistent(Path.of(dataDir).toAbsolutePath(), freePort());
        if (!dataDir.isBlank()) {
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop));
        }
        DatabaseAccess db = postgres.provision("fugitives");
        LocalTokenIssuer issuer = LocalTokenIssuer.shared();
        // The partner tenants write sealed fields too: their keys join the run's token.
        SoftHsm.shared().withKeysFor(tenants);
        int port = freePort();
        List<String> serviceArgs = new ArrayList<>();
        Suite.serviceProperties(port, db, issuer.issuer())
                .forEach((k, v) -> serviceArgs.add("--" + k + "=" + v));
        serviceArgs.add("--chainbreaker.tenants=" + String.join(",", tenants));
        Path logs =
                Path.of(
                                System.getProperty(
                                        "chainbreaker.bench.log-dir",
                                        ServiceProcess.projectRoot()
                                                .resolve("benchmarks/target/bench-logs")
                                                .toString()))
                        .resolve(
                                "fugitive-search-"
                                        + java.time.LocalDateTime.now()
                                                .format(
                                                        java.time.format.DateTimeFormatter
                                                                .ofPattern("yyyyMMdd-HHmmss")));
        List<String> jvm =
                serviceJvm.isBlank() ? List.of() : Arrays.asList(serviceJvm.strip().split("\\s+"));
        System.out.printf(
                "starting fugitive-service (%s) against %s as %s; logs in %s%n",
                ServiceProcess.execJar("fugitive-service"), db.jdbcUrl(), db.appUser(), logs);
        ServiceProcess service =
                ServiceProcess.start(
                        "fugitive-service",
                        ServiceProcess.execJar("fugitive-service"),
                        jvm,
                        serviceArgs,
                        logs.resolve("fugitive-service.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop));
        service.awaitGrpcHealthy(port, Duration.ofMinutes(5));

        ManagedChannel channel =
                NettyChannelBuilder.forAddress("127.0.0.1", port)
                        .usePlaintext()
                        .maxInboundMessageSize(64 * 1024 * 1024)
                        .build();
        TenantTokens tokens = new TenantTokens(issuer);
        WantedPersonsDataset dataset = new WantedPersonsDataset(seed);
        CpuMeter cpu = new CpuMeter(Map.of("fugitive-service", service.pid()), postgres);
        try {
            long loaded = count(db, "select count(*) from wanted_persons");
            if (loaded > 0 && loaded != records) {
                throw new Options.UsageException(
                        "the database in "
                                + dataDir
                                + " holds "
                                + loaded
                                + " wanted persons, not "
                                + records
                                + ": use another --data-dir");
            }
            if (loaded == 0) {
                FugitiveIngestPhase.ingest(
                        channel, tokens, dataset, tenants, records, streams, streamSize, cpu);
                FugitivePublishPhase.publish(channel, tokens, db, tenants, publishedPercent);
            } else {
                System.out.printf(
                        "reusing the %d wanted persons already in %s (no ingest in this run)%n",
                        loaded, dataDir);
            }
            FugitivePublishPhase.prepare(db);
            search(
                    channel,
                    tokens,
                    dataset,
                    tenants,
                    records,
                    streamSize,
                    Arrays.asList(searchers.split(",")),
                    warmup,
                    searches,
                    concurrency,
                    seed,
                    cpu);
            IdentityCheckPhase.run(
                    channel,
                    tokens,
                    dataset,
                    tenants,
                    records,
                    streamSize,
                    Math.min(warmup, 100),
                    checks,
                    seed,
                    cpu);
        } finally {
            channel.shutdownNow();
        }
        System.out.println(
                "load average at end: " + Machine.loadAverage() + " (at start: " + loadStart + ")");
    }

    // --- ingest
    // -------------------------------------------------------------------------------------------------

    /**
     * Owner of record {@code index}: files of {@code streamSize} records go to the tenants in turn.
     */
    static String ownerOf(long index, List<String> tenants, int streamSize) {
        return tenants.get((int) ((index / streamSize) % tenants.size()));
    }

    // --- search
    // -------------------------------------------------------------------------------------------------

    private static void search(
            ManagedChannel channel,
            TenantTokens tokens,
            WantedPersonsDataset dataset,
            List<String> tenants,
            int records,
            int streamSize,
            List<String> searchers,
            int warmup,
            int searches,
            int concurrency,
            long seed,
            CpuMeter cpu)
            throws Exception {
        System.out.printf(
                "search: %d warm-up, then %d measured SearchWantedPersons, %d in flight, as %s in turn%n",
                warmup, searches, concurrency, String.join(" ", searchers));
        runSearches(
                channel,
                tokens,
                dataset,
                tenants,
                records,
                streamSize,
                searchers,
                0,
                warmup,
                concurrency,
                seed,
                null);
        Map<String, Histogram> byLabel = new TreeMap<>();
        Histogram total = Latencies.micros();
        String loadBefore = Machine.loadAverage();
        Map<String, Long> cpuBefore = cpu.snapshot();
        long t0 = System.nanoTime();
        SearchStats stats =
                runSearches(
                        channel,
                        tokens,
                        dataset,
                        tenants,
                        records,
                        streamSize,
                        searchers,
                        warmup,
                        searches,
                        concurrency,
                        seed,
                        (label, micros) -> {
                            synchronized (byLabel) {
                                byLabel.computeIfAbsent(label, l -> Latencies.micros())
                                        .recordValue(micros);
                                total.recordValue(micros);
                            }
                        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> used = CpuMeter.since(cpuBefore, cpu.snapshot());
        printByQuery("SEARCH", byLabel);
        System.out.printf(
                "SEARCH all: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; %d searches in %.1f s = %.1f/s; errors %d%n",
                Latencies.ms(total, 50),
                Latencies.ms(total, 95),
                Latencies.ms(total, 99),
                Latencies.maxMs(total),
                total.getTotalCount(),
                seconds,
                total.getTotalCount() / seconds,
                stats.errors.get());
        System.out.printf(
                "SEARCH results: %.1f matches per search on average; the record a query was made from was"
                        + " among the matches in %.1f%% of the searches (it is not visible to the searcher when it is an"
                        + " unpublished record of another tenant or in an operation the searcher is not in)%n",
                stats.matches.get() / (double) Math.max(1, total.getTotalCount()),
                100.0 * stats.sourceFound.get() / Math.max(1, total.getTotalCount()));
        System.out.printf(
                "SEARCH load average before %s, after %s%n", loadBefore, Machine.loadAverage());
        printCpu("SEARCH CPU", used, seconds, total.getTotalCount(), "search");
        if (!stats.firstError.isEmpty()) {
            System.out.println("first error: " + stats.firstError.values().iterator().next());
        }
    }

    interface Sample {
        void record(String label, long micros);
    }

    static final class SearchStats {
        final AtomicLong matches = new AtomicLong();
        final AtomicLong sourceFound = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final Map<String, String> firstError = new ConcurrentHashMap<>();
    }

    private static SearchStats runSearches(
            ManagedChannel channel,
            TenantTokens tokens,
            WantedPersonsDataset dataset,
            List<String> tenants,
            int records,
            int streamSize,
            List<String> searchers,
            int from,
            int count,
            int concurrency,
            long seed,
            Sample sample)
            throws Exception {
        SearchStats stats = new SearchStats();
        AtomicInteger next = new AtomicInteger(from);
        int end = from + count;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            running.add(
                    pool.submit(
                            () -> {
                                for (int q = next.getAndIncrement();
                                        q < end;
                                        q = next.getAndIncrement()) {
                                    SplittableRandom r = new SplittableRandom(seed * 7919 + q);
                                    long index = r.nextLong(records);
                                    String owner = ownerOf(index, tenants, streamSize);
                                    int year =
                                            dataset.record(index, owner).getDateOfBirth().getYear();
                                    WantedPersonsDataset.Query query =
                                            dataset.query(index, owner, year);
                                    String searcher = searchers.get(q % searchers.size()).strip();
                                    SearchWantedPersonsRequest.Builder request =
                                            SearchWantedPersonsRequest.newBuilder()
                                                    .setName(query.name());
                                    if (query.birthYear() > 0) {
                                        request.setDateOfBirth(
                                                com.google.type.Date.newBuilder()
                                                        .setYear(query.birthYear()));
                                    }
                                    var stub =
                                            FugitiveServiceGrpc.newBlockingStub(channel)
                                                    .withInterceptors(
                                                            tokens.as(searcher, "investigator"))
                                                    .withDeadlineAfter(60, TimeUnit.SECONDS);
                                    long s0 = System.nanoTime();
                                    try {
                                        SearchWantedPersonsResponse answer =
                                                stub.searchWantedPersons(request.build());
                                        long micros = (System.nanoTime() - s0) / 1000;
                                        if (sample != null) {
                                            sample.record(query.label(), micros);
                                        }
                                        stats.matches.addAndGet(answer.getMatchesCount());
                                        String reference = owner + "-W-" + index;
                                        if (answer.getMatchesList().stream()
                                                .anyMatch(
                                                        m ->
                                                                m.getWantedPerson()
                                                                        .getWarrant()
                                                                        .getReference()
                                                                        .equals(reference))) {
                                            stats.sourceFound.incrementAndGet();
                                        }
                                    } catch (StatusRuntimeException e) {
                                        stats.errors.incrementAndGet();
                                        stats.firstError.putIfAbsent(
                                                "first",
                                                query.name()
                                                        + " as "
                                                        + searcher
                                                        + ": "
                                                        + e.getStatus());
                                    }
                                }
                                return null;
                            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return stats;
    }

    // --- helpers
    // ------------------------------------------------------------------------------------------------

    static void printByQuery(String title, Map<String, Histogram> byLabel) {
        System.out.println(title + " latency by query (ms):");
        byLabel.forEach(
                (label, h) ->
                        System.out.printf(
                                "  %-32s p50 %7.2f  p95 %7.2f  p99 %7.2f  max %7.2f  (n=%d)%n",
                                label,
                                Latencies.ms(h, 50),
                                Latencies.ms(h, 95),
                                Latencies.ms(h, 99),
                                Latencies.maxMs(h),
                                h.getTotalCount()));
    }

    static void printCpu(
            String title, Map<String, Long> used, double seconds, long count, String unit) {
        StringBuilder line = new StringBuilder(title).append(':');
        used.forEach(
                (part, nanos) ->
                        line.append(
                                String.format(
                                        " %s %.0f%% of a core (%.2f ms per %s);",
                                        part,
                                        100.0 * nanos / 1e9 / seconds,
                                        nanos / 1e6 / Math.max(1, count),
                                        unit)));
        System.out.println(line);
    }

    private static long count(DatabaseAccess db, String sql) throws SQLException {
        try (Connection c =
                        DriverManager.getConnection(
                                db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            // No table yet: the service has not migrated a fresh database (it has, by the time this
            // runs).
            throw e;
        }
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
