package org.chainbreaker.benchmarks;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.chainbreaker.benchmarks.GatewayBenchmark.Path;
import org.chainbreaker.benchmarks.GatewayBenchmark.Window;
import org.chainbreaker.benchmarks.GatewayReport.Summary;
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceFutureStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.ListPersonsRequest;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.devstack.Suite;

/**
 * {@code bin/bench protected-fields}: what sealing the protected fields costs the case-service
 * (issue 18). One case-service, two countries: KR's protected fields are sealed under its key as in
 * production, TH's are stored in clear ({@code chainbreaker.keys.unsealed-countries=TH}, honoured
 * only under the {@code benchmark} profile): the same code path, the same tables and indexes, the
 * only difference the AES-GCM seal and open of each protected field (and the data key's unwrap in
 * the token once per data-key lifetime). Two operations per country, straight to the case-service
 * over gRPC with each country's real token:
 *
 * <ul>
 *   <li>write: CreateCase, then AddPerson of a victim with a name, a description and a contact
 *       (three protected fields);
 *   <li>read: GetCase, then ListPersons of a case holding {@code --persons} such victims.
 * </ul>
 *
 * Each path is warmed up, then rounds alternate the four paths in a rotating order so that drift
 * (JIT, the shared machine) affects both countries alike; the ratios are taken per round.
 */
public final class ProtectedFieldsBenchmark {

    private static final String SEALED = "KR";
    private static final String CLEAR = "TH";

    public static void main(String[] args) {
        Main.run(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        Options options = new Options(args);
        int concurrency =
                options.integer("concurrency", 8, "operations in flight per path (closed loop)");
        Duration warmup = options.seconds("warmup", 20, "warm-up of each path before measuring");
        int rounds = options.integer("rounds", 5, "rounds; each measures every path once");
        Duration window = options.seconds("window", 10, "measurement window of a path in a round");
        Duration settle =
                options.seconds("settle", 2, "load before each window that is not measured");
        int persons = options.integer("persons", 3, "victims in the case each read lists");
        if (options.helpRequested()) {
            System.out.println("bin/bench protected-fields [options]\n" + options.usage());
            return;
        }
        options.rejectUnknown();

        System.out.println(
                "== protected-fields benchmark: the case-service with "
                        + SEALED
                        + "'s fields sealed vs "
                        + CLEAR
                        + "'s stored in clear, one process");
        System.out.println("machine: " + Machine.facts());
        String loadStart = Machine.loadAverage();
        System.out.println("load average at start: " + loadStart);
        System.out.println("options: " + options.summary());

        Suite suite =
                BenchSuite.start(
                        "protected-fields",
                        "case-service",
                        "--spring.profiles.active=dev,benchmark",
                        "--chainbreaker.keys.unsealed-countries=" + CLEAR);
        List<AutoCloseable> resources = new ArrayList<>();
        try (Tokens sealedTokens = new Tokens(suite.keycloak(), "kr-investigator");
                Tokens clearTokens = new Tokens(suite.keycloak(), "th-investigator")) {
            ManagedChannel channel =
                    NettyChannelBuilder.forTarget(suite.backendTarget("case-service"))
                            .usePlaintext()
                            .directExecutor()
                            .build();
            resources.add(channel::shutdownNow);
            CaseServiceFutureStub sealed =
                    CaseServiceGrpc.newFutureStub(channel)
                            .withInterceptors(sealedTokens.grpcAuthorization());
            CaseServiceFutureStub clear =
                    CaseServiceGrpc.newFutureStub(channel)
                            .withInterceptors(clearTokens.grpcAuthorization());

            String sealedCase = readCase(sealed, persons);
            String clearCase = readCase(clear, persons);
            checkStorage(suite, sealedCase, clearCase);

            List<Path> paths =
                    List.of(
                            write("write " + SEALED + " (sealed)", sealed),
                            write("write " + CLEAR + " (clear)", clear),
                            read("read " + SEALED + " (sealed)", sealed, sealedCase, persons),
                            read("read " + CLEAR + " (clear)", clear, clearCase, persons));
            CpuMeter cpu = new CpuMeter(suite, "case-service");
            for (Path path : paths) {
                System.out.printf(
                        "warm-up: %s, %d in flight, %d s%n",
                        path.name(), concurrency, warmup.toSeconds());
                Window w = GatewayBenchmark.measure(path, concurrency, Duration.ZERO, warmup, cpu);
                System.out.printf("  %s%n", w.line());
            }
            Map<Path, List<Window>> measured = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                System.out.printf(
                        "round %d of %d (%d in flight)%n", round + 1, rounds, concurrency);
                for (int i = 0; i < paths.size(); i++) {
                    Path path = paths.get((i + round) % paths.size());
                    Window w = GatewayBenchmark.measure(path, concurrency, settle, window, cpu);
                    measured.computeIfAbsent(path, p -> new ArrayList<>()).add(w);
                    System.out.printf("  %-22s %s%n", path.name(), w.line());
                }
            }
            report(paths, measured, concurrency, rounds, loadStart);
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

    private static Person victim(String tag) {
        return Person.newBuilder()
                .setRole(Person.Role.VICTIM)
                .setFullName("Benchmark Victim " + tag)
                .setNationality("ID")
                .setBirthYear(1999)
                .setDescription("Rescued from compound B, building 4; speaks Bahasa only " + tag)
                .setContact("+62 811 2345 6789, victim." + tag + "@example.org")
                .build();
    }

    private static Case newCase(String title) {
        return Case.newBuilder()
                .setTitle(title)
                .setCategory(Case.Category.HUMAN_TRAFFICKING)
                .build();
    }

    /** The case every read of a country lists: {@code persons} victims. */
    private static String readCase(CaseServiceFutureStub cases, int persons) throws Exception {
        String id =
                cases.createCase(
                                CreateCaseRequest.newBuilder()
                                        .setCase(newCase("protected-fields benchmark: read"))
                                        .build())
                        .get(30, TimeUnit.SECONDS)
                        .getId();
        for (int i = 0; i < persons; i++) {
            cases.addPerson(
                            AddPersonRequest.newBuilder()
                                    .setCaseId(id)
                                    .setPerson(victim(Integer.toString(i)))
                                    .build())
                    .get(30, TimeUnit.SECONDS);
        }
        return id;
    }

    /**
     * Shows that the two countries differ as intended: KR's stored name is a ciphertext, TH's the
     * plain value (read as the database owner).
     */
    private static void checkStorage(Suite suite, String sealedCase, String clearCase)
            throws Exception {
        var db = suite.database("cases");
        try (var connection =
                        java.sql.DriverManager.getConnection(
                                db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
                var query =
                        connection.prepareStatement(
                                "select left(full_name, 24) from case_persons where case_id = ?::uuid limit 1")) {
            for (String id : List.of(sealedCase, clearCase)) {
                query.setString(1, id);
                try (var rs = query.executeQuery()) {
                    rs.next();
                    System.out.printf("stored full_name of case %s: %s...%n", id, rs.getString(1));
                }
            }
        }
    }

    private static Path write(String name, CaseServiceFutureStub cases) {
        AtomicInteger n = new AtomicInteger();
        return path(
                name,
                done ->
                        chain(
                                deadline(cases)
                                        .createCase(
                                                CreateCaseRequest.newBuilder()
                                                        .setCase(
                                                                newCase(
                                                                        "protected-fields benchmark: write"))
                                                        .build()),
                                created ->
                                        deadline(cases)
                                                .addPerson(
                                                        AddPersonRequest.newBuilder()
                                                                .setCaseId(created.getId())
                                                                .setPerson(
                                                                        victim(
                                                                                n.incrementAndGet()
                                                                                        + "-"
                                                                                        + UUID
                                                                                                .randomUUID()))
                                                                .build()),
                                person -> person.getWithheldFieldsCount() == 0,
                                done));
    }

    private static Path read(String name, CaseServiceFutureStub cases, String id, int persons) {
        return path(
                name,
                done ->
                        chain(
                                deadline(cases)
                                        .getCase(GetCaseRequest.newBuilder().setId(id).build()),
                                c ->
                                        deadline(cases)
                                                .listPersons(
                                                        ListPersonsRequest.newBuilder()
                                                                .setCaseId(id)
                                                                .build()),
                                list ->
                                        list.getPersonsCount() == persons
                                                && list.getPersonsList().stream()
                                                        .allMatch(
                                                                p ->
                                                                        p.getWithheldFieldsCount()
                                                                                        == 0
                                                                                && p.getFullName()
                                                                                        .startsWith(
                                                                                                "Benchmark Victim")),
                                done));
    }

    private static CaseServiceFutureStub deadline(CaseServiceFutureStub cases) {
        return cases.withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static Path path(String name, Consumer<Consumer<String>> call) {
        return new Path() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void call(Consumer<String> done) {
                call.accept(done);
            }
        };
    }

    /**
     * Two calls one after the other; {@code done} gets null when both succeeded and the answer
     * reads right.
     */
    private static <A, B> void chain(
            ListenableFuture<A> first,
            Function<A, ListenableFuture<B>> second,
            java.util.function.Predicate<B> right,
            Consumer<String> done) {
        Futures.addCallback(
                first,
                new FutureCallback<>() {
                    @Override
                    public void onSuccess(A a) {
                        Futures.addCallback(
                                second.apply(a),
                                new FutureCallback<>() {
                                    @Override
                                    public void onSuccess(B b) {
                                        done.accept(right.test(b) ? null : "WRONG_ANSWER");
                                    }

                                    @Override
                                    public void onFailure(Throwable t) {
                                        done.accept(
                                                io.grpc.Status.fromThrowable(t).getCode().name());
                                    }
                                },
                                MoreExecutors.directExecutor());
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        done.accept(io.grpc.Status.fromThrowable(t).getCode().name());
                    }
                },
                MoreExecutors.directExecutor());
    }

    private static void report(
            List<Path> paths,
            Map<Path, List<Window>> measured,
            int concurrency,
            int rounds,
            String loadStart) {
        System.out.println();
        System.out.printf(
                "== results: %d rounds together, %d in flight per path (an operation is two calls)%n",
                rounds, concurrency);
        for (Path path : paths) {
            System.out.printf("%-22s %s%n", path.name(), Summary.of(measured.get(path)).line());
        }
        System.out.println();
        for (int op = 0; op < paths.size(); op += 2) {
            Path sealedPath = paths.get(op);
            Path clearPath = paths.get(op + 1);
            Summary s = Summary.of(measured.get(sealedPath));
            Summary c = Summary.of(measured.get(clearPath));
            StringBuilder perRound = new StringBuilder();
            List<Window> sw = measured.get(sealedPath);
            List<Window> cw = measured.get(clearPath);
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(sw.size(), cw.size()); i++) {
                double r = sw.get(i).throughput() / cw.get(i).throughput();
                ratios.add(r);
                perRound.append(i == 0 ? "" : " ").append(String.format("%.3f", r));
            }
            List<Double> sorted = ratios.stream().sorted().toList();
            double median = sorted.get(sorted.size() / 2);
            double ratio = s.throughput() / c.throughput();
            System.out.printf(
                    "%s vs %s: throughput ratio %.3f over all rounds (per round: %s; median %.3f),"
                            + " p50 %.2f ms vs %.2f ms (%+.2f ms); target (issue 18) under 15%% lower"
                            + " throughput: %s%n",
                    sealedPath.name(),
                    clearPath.name(),
                    ratio,
                    perRound,
                    median,
                    Latencies.ms(s.latency(), 50),
                    Latencies.ms(c.latency(), 50),
                    Latencies.ms(s.latency(), 50) - Latencies.ms(c.latency(), 50),
                    ratio > 0.85 ? "met" : "NOT met");
        }
        System.out.println(
                "load average at start: "
                        + loadStart
                        + "; at end: "
                        + Machine.loadAverage()
                        + "; cores: "
                        + Runtime.getRuntime().availableProcessors()
                        + " (load generator, the suite's processes and PostgreSQL share them)");
    }
}
