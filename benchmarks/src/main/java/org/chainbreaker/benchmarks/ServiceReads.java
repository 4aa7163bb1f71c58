package org.chainbreaker.benchmarks;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.RepatriationServiceGrpc;
import org.chainbreaker.repatriation.v1.VictimGroup;

/**
 * {@code bin/bench gateway --reads=S}: what one read by id costs each service and PostgreSQL, over
 * gRPC straight to the service (no gateway): GetCase, GetWantedPerson and GetRepatriation of one KR
 * record each, the same number in flight as the gateway's paths, one window of S seconds per read
 * and round after a warm-up. Reported: CPU per call of the service that answers and of PostgreSQL
 * (all of its processes), from the process CPU meters.
 */
final class ServiceReads {

    private ServiceReads() {}

    /**
     * One build of the suite whose reads are measured: {@code label} is empty for the build under
     * test, and names the other (e.g. "[before]") when two builds are measured side by side.
     */
    record Build(String label, Suite suite) {}

    static void run(
            List<Build> builds,
            Tokens kr,
            int concurrency,
            Duration warmup,
            int rounds,
            Duration window,
            Duration settle,
            List<AutoCloseable> resources)
            throws InterruptedException {
        Map<GatewayBenchmark.Path, String> servedBy = new LinkedHashMap<>();
        Map<GatewayBenchmark.Path, CpuMeter> meters = new LinkedHashMap<>();
        for (Build build : builds) {
            CpuMeter cpu =
                    new CpuMeter(
                            build.suite(),
                            "case-service",
                            "fugitive-service",
                            "repatriation-service");
            paths(build, kr, resources)
                    .forEach(
                            (path, module) -> {
                                servedBy.put(path, module);
                                meters.put(path, cpu);
                            });
        }
        measure(servedBy, meters, concurrency, warmup, rounds, window, settle);
    }

    /** GetCase, GetWantedPerson and GetRepatriation of one KR record each, by the service. */
    private static Map<GatewayBenchmark.Path, String> paths(
            Build build, Tokens kr, List<AutoCloseable> resources) {
        Suite suite = build.suite();
        String suffix = build.label().isEmpty() ? "" : " " + build.label();
        ManagedChannel cases = channel(suite.backendTarget("case-service"), resources);
        ManagedChannel fugitives = channel(suite.backendTarget("fugitive-service"), resources);
        ManagedChannel repatriation =
                channel(suite.backendTarget("repatriation-service"), resources);

        Case created =
                CaseServiceGrpc.newBlockingStub(cases)
                        .withInterceptors(kr.grpcAuthorization())
                        .withDeadlineAfter(120, TimeUnit.SECONDS)
                        .createCase(
                                CreateCaseRequest.newBuilder()
                                        .setCase(
                                                Case.newBuilder()
                                                        .setTitle("Reads benchmark case")
                                                        .setSummary(
                                                                "Read over and over by bin/bench gateway --reads")
                                                        .setCategory(Case.Category.ONLINE_SCAM))
                                        .build());
        String caseId = created.getId();
        WantedPerson person =
                FugitiveServiceGrpc.newBlockingStub(fugitives)
                        .withInterceptors(kr.grpcAuthorization())
                        .withDeadlineAfter(120, TimeUnit.SECONDS)
                        .createWantedPerson(
                                CreateWantedPersonRequest.newBuilder()
                                        .setWantedPerson(
                                                WantedPerson.newBuilder()
                                                        .setPrimaryName(
                                                                PersonName.newBuilder()
                                                                        .setValue(
                                                                                "Kim Bench Reader"))
                                                        .setSex(WantedPerson.Sex.MALE)
                                                        .addNationalities("KR")
                                                        .addCharges("fraud")
                                                        .setWarrant(
                                                                org.chainbreaker.fugitives.v1
                                                                        .Warrant.newBuilder()
                                                                        .setReference("BENCH-1")
                                                                        .setIssuingAuthority(
                                                                                "Seoul Central District Court")))
                                        .build());
        Repatriation transfer =
                RepatriationServiceGrpc.newBlockingStub(repatriation)
                        .withInterceptors(kr.grpcAuthorization())
                        .withDeadlineAfter(120, TimeUnit.SECONDS)
                        .createRepatriation(
                                CreateRepatriationRequest.newBuilder()
                                        .setRepatriation(
                                                Repatriation.newBuilder()
                                                        .setKind(Repatriation.Kind.VICTIM_RETURN)
                                                        .setSendingCountry("MM")
                                                        .setReceivingCountry("KR")
                                                        .setVictimGroup(
                                                                VictimGroup.newBuilder()
                                                                        .setCount(3)
                                                                        .addNationalities("KR")))
                                        .build());

        var caseStub = CaseServiceGrpc.newStub(cases).withInterceptors(kr.grpcAuthorization());
        var personStub =
                FugitiveServiceGrpc.newStub(fugitives).withInterceptors(kr.grpcAuthorization());
        var transferStub =
                RepatriationServiceGrpc.newStub(repatriation)
                        .withInterceptors(kr.grpcAuthorization());
        GetCaseRequest getCase = GetCaseRequest.newBuilder().setId(caseId).build();
        GetWantedPersonRequest getPerson =
                GetWantedPersonRequest.newBuilder().setId(person.getId()).build();
        GetRepatriationRequest getTransfer =
                GetRepatriationRequest.newBuilder().setId(transfer.getId()).build();
        Map<GatewayBenchmark.Path, String> servedBy = new LinkedHashMap<>();
        servedBy.put(
                path(
                        "GetCase (case-service)" + suffix,
                        done ->
                                caseStub.withDeadlineAfter(30, TimeUnit.SECONDS)
                                        .getCase(getCase, observer(done))),
                "case-service");
        servedBy.put(
                path(
                        "GetWantedPerson (fugitive-service)" + suffix,
                        done ->
                                personStub
                                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                                        .getWantedPerson(getPerson, observer(done))),
                "fugitive-service");
        servedBy.put(
                path(
                        "GetRepatriation (repatriation-service)" + suffix,
                        done ->
                                transferStub
                                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                                        .getRepatriation(getTransfer, observer(done))),
                "repatriation-service");

        return servedBy;
    }

    private static void measure(
            Map<GatewayBenchmark.Path, String> servedBy,
            Map<GatewayBenchmark.Path, CpuMeter> meters,
            int concurrency,
            Duration warmup,
            int rounds,
            Duration window,
            Duration settle)
            throws InterruptedException {
        List<GatewayBenchmark.Path> paths = new ArrayList<>(servedBy.keySet());
        System.out.printf(
                "== reads by id straight to each service (%d in flight, %d s warm-up each)%n",
                concurrency, warmup.toSeconds());
        for (GatewayBenchmark.Path path : paths) {
            GatewayBenchmark.Window w =
                    GatewayBenchmark.measure(
                            path, concurrency, Duration.ZERO, warmup, meters.get(path));
            System.out.printf("  warm-up %-50s %s%n", path.name(), w.line());
        }
        Map<GatewayBenchmark.Path, List<GatewayBenchmark.Window>> windows = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            System.out.printf("reads, round %d of %d%n", round + 1, rounds);
            for (int i = 0; i < paths.size(); i++) {
                GatewayBenchmark.Path path = paths.get((i + round) % paths.size());
                GatewayBenchmark.Window w =
                        GatewayBenchmark.measure(
                                path, concurrency, settle, window, meters.get(path));
                windows.computeIfAbsent(path, p -> new ArrayList<>()).add(w);
                System.out.printf("  %-50s %s%n", path.name(), w.line());
            }
        }
        System.out.println();
        System.out.println("== reads by id: CPU per call (all rounds)");
        windows.forEach(
                (path, list) -> {
                    long requests =
                            list.stream().mapToLong(GatewayBenchmark.Window::requests).sum();
                    double seconds =
                            list.stream().mapToDouble(GatewayBenchmark.Window::seconds).sum();
                    Map<String, Long> nanos = new LinkedHashMap<>();
                    for (GatewayBenchmark.Window w : list) {
                        w.cpuNanos().forEach((k, v) -> nanos.merge(k, v, Long::sum));
                    }
                    BiConsumer<String, String> show =
                            (label, part) ->
                                    System.out.printf(
                                            "    %-22s %6.0f us%n",
                                            label,
                                            nanos.getOrDefault(part, 0L)
                                                    / 1000.0
                                                    / Math.max(1, requests));
                    System.out.printf(
                            "  %-50s %8.0f req/s, %d calls%n",
                            path.name(), requests / seconds, requests);
                    show.accept("service", servedBy.get(path));
                    show.accept("postgresql", "postgresql");
                    show.accept("machine", "machine (all)");
                });
        System.out.println("load average at the end of the reads: " + Machine.loadAverage());
    }

    private static ManagedChannel channel(String target, List<AutoCloseable> resources) {
        ManagedChannel channel =
                NettyChannelBuilder.forTarget(target).usePlaintext().directExecutor().build();
        resources.add(channel::shutdownNow);
        return channel;
    }

    private static GatewayBenchmark.Path path(String name, Consumer<Consumer<String>> call) {
        return new GatewayBenchmark.Path() {
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

    private static <T> StreamObserver<T> observer(Consumer<String> done) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {}

            @Override
            public void onError(Throwable t) {
                done.accept(io.grpc.Status.fromThrowable(t).getCode().name());
            }

            @Override
            public void onCompleted() {
                done.accept(null);
            }
        };
    }
}
