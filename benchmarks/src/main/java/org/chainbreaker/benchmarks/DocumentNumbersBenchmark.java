package org.chainbreaker.benchmarks;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.chainbreaker.devstack.LocalTokenIssuer;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.ServiceProcess;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.WantedPerson;

/**
 * {@code bin/bench document-numbers}: what the blind index of identity-document numbers costs
 * (issue 18). Each number ingested is sealed under its country's data key and indexed by an
 * HMAC-SHA256 computed in the PKCS#11 token (SoftHSM2 here), and a CheckIdentity that gives a
 * number computes one more. One fugitive-service process, one run: every round ingests the same
 * kind of records once with their passport number and once without any document (alternating which
 * goes first), then times CheckIdentity with and without a number; the ratios are taken per round,
 * so that the shared machine's drift between rounds cancels.
 */
public final class DocumentNumbersBenchmark {

    public static void main(String[] args) {
        Main.run(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        Options options = new Options(args);
        int records = options.integer("records", 4000, "records ingested per round and kind");
        int rounds = options.integer("rounds", 5, "measured rounds");
        int streams = options.integer("streams", 2, "IngestWantedPersons calls in parallel");
        int streamSize =
                options.integer("stream-size", 1000, "records per IngestWantedPersons call");
        int checks = options.integer("checks", 300, "CheckIdentity calls per round and kind");
        String serviceJvm =
                options.string("service-jvm", "-Xmx1g", "JVM options of the fugitive-service");
        if (options.helpRequested()) {
            System.out.println("bin/bench document-numbers [options]\n" + options.usage());
            return;
        }
        options.rejectUnknown();
        List<String> tenants = List.of("KR", "TH", "VN", "PH", "ID", "MY");
        System.out.println(
                "== document-numbers benchmark: ingest and CheckIdentity with and without document numbers");
        System.out.println("machine: " + Machine.facts());
        String loadStart = Machine.loadAverage();
        System.out.println("load average at start: " + loadStart);
        System.out.println("options: " + options.summary());

        System.setProperty("chainbreaker.postgres", "embedded");
        PostgresServer postgres = PostgresServer.shared();
        PostgresServer.DatabaseAccess db = postgres.provision("fugitives");
        LocalTokenIssuer issuer = LocalTokenIssuer.shared();
        int port = freePort();
        List<String> serviceArgs = new ArrayList<>();
        Suite.serviceProperties(port, db, issuer.issuer())
                .forEach((k, v) -> serviceArgs.add("--" + k + "=" + v));
        Path logs =
                ServiceProcess.projectRoot()
                        .resolve("benchmarks/target/bench-logs/document-numbers-" + port);
        ServiceProcess service =
                ServiceProcess.start(
                        "fugitive-service",
                        ServiceProcess.execJar("fugitive-service"),
                        Arrays.asList(serviceJvm.strip().split("\\s+")),
                        serviceArgs,
                        logs.resolve("fugitive-service.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop));
        service.awaitGrpcHealthy(port, Duration.ofMinutes(5));
        ManagedChannel channel =
                NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        TenantTokens tokens = new TenantTokens(issuer);
        WantedPersonsDataset dataset = new WantedPersonsDataset(18);
        CpuMeter cpu = new CpuMeter(Map.of("fugitive-service", service.pid()), postgres);
        Ingest ingest = new Ingest(channel, tokens, dataset, tenants, streams, streamSize, cpu);
        try {
            System.out.println("warm-up: one round, not counted");
            ingest.round(true, records);
            ingest.round(false, records);
            checks(channel, tokens, dataset, tenants, ingest.loaded(), true, checks);
            checks(channel, tokens, dataset, tenants, ingest.loaded(), false, checks);
            List<Double> ingestRatios = new ArrayList<>();
            List<Double> checkRatios = new ArrayList<>();
            double[] sums = new double[4];
            for (int round = 0; round < rounds; round++) {
                boolean numbersFirst = round % 2 == 0;
                double first = ingest.round(numbersFirst, records);
                double second = ingest.round(!numbersFirst, records);
                double with = numbersFirst ? first : second;
                double without = numbersFirst ? second : first;
                double checkWith =
                        checks(channel, tokens, dataset, tenants, ingest.loaded(), true, checks);
                double checkWithout =
                        checks(channel, tokens, dataset, tenants, ingest.loaded(), false, checks);
                ingestRatios.add(with / without);
                checkRatios.add(checkWith / checkWithout);
                sums[0] += with;
                sums[1] += without;
                sums[2] += checkWith;
                sums[3] += checkWithout;
                System.out.printf(
                        "ROUND %d: ingest %.0f vs %.0f records/s (ratio %.3f); check p50 %.2f vs %.2f ms (ratio %.3f); load %s%n",
                        round,
                        with,
                        without,
                        with / without,
                        checkWith,
                        checkWithout,
                        checkWith / checkWithout,
                        Machine.loadAverage());
            }
            System.out.printf(
                    "INGEST with numbers / without: mean %.0f / %.0f records/s, per-round ratios %s, median %.3f%n",
                    sums[0] / rounds, sums[1] / rounds, ingestRatios, median(ingestRatios));
            System.out.printf(
                    "CHECK p50 with number / without: mean %.2f / %.2f ms, per-round ratios %s, median %.3f%n",
                    sums[2] / rounds, sums[3] / rounds, checkRatios, median(checkRatios));
            ingest.printCpu();
            tokenAlone(20_000);
        } finally {
            channel.shutdownNow();
        }
        System.out.println(
                "load average at end: " + Machine.loadAverage() + " (at start: " + loadStart + ")");
    }

    /** Ingests fresh records in files, with or without their document, and keeps CPU per kind. */
    private static final class Ingest {
        private final ManagedChannel channel;
        private final TenantTokens tokens;
        private final WantedPersonsDataset dataset;
        private final List<String> tenants;
        private final int streams;
        private final int streamSize;
        private final CpuMeter cpu;
        private final AtomicLong next = new AtomicLong();
        private final Map<Boolean, Map<String, Long>> cpuUsed = new java.util.HashMap<>();
        private final Map<Boolean, Long> recorded = new java.util.HashMap<>();

        Ingest(
                ManagedChannel channel,
                TenantTokens tokens,
                WantedPersonsDataset dataset,
                List<String> tenants,
                int streams,
                int streamSize,
                CpuMeter cpu) {
            this.channel = channel;
            this.tokens = tokens;
            this.dataset = dataset;
            this.tenants = tenants;
            this.streams = streams;
            this.streamSize = streamSize;
            this.cpu = cpu;
        }

        long loaded() {
            return next.get();
        }

        /** Records per second of one batch of {@code records} new records. */
        double round(boolean numbers, int records) throws Exception {
            long first = next.getAndAdd(records);
            int files = (records + streamSize - 1) / streamSize;
            Map<String, Long> before = cpu.snapshot();
            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(streams);
            List<Future<IngestWantedPersonsResponse>> done = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                long from = first + (long) f * streamSize;
                long to = Math.min(first + records, from + streamSize);
                String owner = tenants.get((int) ((from / streamSize) % tenants.size()));
                done.add(pool.submit(() -> file(owner, from, to, numbers)));
            }
            long ok = 0;
            for (Future<IngestWantedPersonsResponse> f : done) {
                IngestWantedPersonsResponse answer = f.get();
                ok += answer.getRecorded();
                if (answer.getRefused() > 0) {
                    throw new IllegalStateException(answer.getRefused() + " records refused");
                }
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Long> used = CpuMeter.since(before, cpu.snapshot());
            cpuUsed.merge(numbers, used, DocumentNumbersBenchmark::add);
            recorded.merge(numbers, ok, Long::sum);
            return ok / seconds;
        }

        private IngestWantedPersonsResponse file(String owner, long from, long to, boolean numbers)
                throws Exception {
            List<IngestWantedPersonsRequest> requests = new ArrayList<>();
            for (long i = from; i < to; i++) {
                WantedPerson person = dataset.record(i, owner);
                if (!numbers) {
                    person = person.toBuilder().clearDocuments().build();
                }
                requests.add(
                        IngestWantedPersonsRequest.newBuilder()
                                .setWantedPerson(person)
                                .setRequestId("doc-bench-" + i)
                                .build());
            }
            return send(owner, requests);
        }

        /** One IngestWantedPersons call, sending only while the transport is ready. */
        private IngestWantedPersonsResponse send(
                String owner, List<IngestWantedPersonsRequest> requests) throws Exception {
            java.util.concurrent.CompletableFuture<IngestWantedPersonsResponse> done =
                    new java.util.concurrent.CompletableFuture<>();
            var call =
                    (io.grpc.stub.ClientCallStreamObserver<IngestWantedPersonsRequest>)
                            FugitiveServiceGrpc.newStub(channel)
                                    .withInterceptors(tokens.as(owner, "investigator"))
                                    .withDeadlineAfter(30, TimeUnit.MINUTES)
                                    .ingestWantedPersons(
                                            new io.grpc.stub.StreamObserver<>() {
                                                private IngestWantedPersonsResponse last;

                                                @Override
                                                public void onNext(
                                                        IngestWantedPersonsResponse value) {
                                                    last = value;
                                                }

                                                @Override
                                                public void onError(Throwable t) {
                                                    done.completeExceptionally(t);
                                                }

                                                @Override
                                                public void onCompleted() {
                                                    done.complete(last);
                                                }
                                            });
            for (IngestWantedPersonsRequest request : requests) {
                while (!call.isReady() && !done.isDone()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                }
                call.onNext(request);
            }
            call.onCompleted();
            return done.get(30, TimeUnit.MINUTES);
        }

        void printCpu() {
            for (boolean numbers : List.of(true, false)) {
                long n = recorded.getOrDefault(numbers, 1L);
                StringBuilder line = new StringBuilder();
                cpuUsed.getOrDefault(numbers, Map.of())
                        .forEach(
                                (process, micros) ->
                                        line.append(
                                                String.format(
                                                        " %s %.0f us/record;",
                                                        process, (double) micros / n)));
                System.out.printf(
                        "INGEST CPU %s numbers (%d records incl. warm-up):%s%n",
                        numbers ? "with" : "without", n, line);
            }
        }
    }

    /** The HMAC alone against the same token, in a child JVM ({@link TokenHmacProbe}). */
    private static void tokenAlone(int iterations) throws Exception {
        var hsm = org.chainbreaker.devstack.SoftHsm.shared();
        Map<String, String> properties = hsm.serviceProperties();
        ProcessBuilder builder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                TokenHmacProbe.class.getName(),
                                properties.get("chainbreaker.keys.pkcs11-library"),
                                properties.get("chainbreaker.keys.pin"),
                                Integer.toString(iterations))
                        .redirectErrorStream(true)
                        .inheritIO();
        builder.environment().putAll(hsm.environment());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        int status = builder.start().waitFor();
        if (status != 0) {
            System.out.println("TOKEN HMAC probe failed with exit status " + status);
        }
    }

    private static Map<String, Long> add(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new java.util.TreeMap<>(a);
        b.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return sum;
    }

    /** p50 in ms of {@code checks} CheckIdentity, by name and year, plus the number if asked. */
    private static double checks(
            ManagedChannel channel,
            TenantTokens tokens,
            WantedPersonsDataset dataset,
            List<String> tenants,
            long loaded,
            boolean number,
            int checks) {
        Histogram latencies = Latencies.micros();
        java.util.SplittableRandom random = new java.util.SplittableRandom(number ? 1 : 2);
        for (int q = 0; q < checks; q++) {
            long index = random.nextLong(loaded);
            String owner = tenants.get(q % tenants.size());
            WantedPerson person = dataset.record(index, owner);
            CheckIdentityRequest.Builder request =
                    CheckIdentityRequest.newBuilder()
                            .setName(person.getPrimaryName().getValue())
                            .setDateOfBirth(
                                    com.google.type.Date.newBuilder()
                                            .setYear(person.getDateOfBirth().getYear()))
                            .setPurpose("benchmark: border control");
            if (number) {
                request.setDocumentNumber(person.getDocuments(0).getNumber());
            }
            String checker = tenants.get((q + 1) % tenants.size());
            long s0 = System.nanoTime();
            try {
                FugitiveServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(tokens.as(checker, "investigator"))
                        .withDeadlineAfter(60, TimeUnit.SECONDS)
                        .checkIdentity(request.build());
                latencies.recordValue((System.nanoTime() - s0) / 1000);
            } catch (StatusRuntimeException e) {
                throw new IllegalStateException("CheckIdentity failed: " + e.getStatus(), e);
            }
        }
        return Latencies.ms(latencies, 50);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
