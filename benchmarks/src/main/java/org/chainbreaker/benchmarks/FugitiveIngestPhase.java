package org.chainbreaker.benchmarks;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsResponse;

/**
 * The ingest phase of {@link FugitiveSearchBenchmark}: wanted persons streamed through
 * IngestWantedPersons, files in parallel.
 */
final class FugitiveIngestPhase {

    private FugitiveIngestPhase() {}

    static void ingest(
            ManagedChannel channel,
            TenantTokens tokens,
            WantedPersonsDataset dataset,
            List<String> tenants,
            int records,
            int streams,
            int streamSize,
            CpuMeter cpu)
            throws Exception {
        int files = (records + streamSize - 1) / streamSize;
        System.out.printf(
                "ingest: %d records in %d IngestWantedPersons calls of up to %d records, %d in parallel%n",
                records, files, streamSize, streams);
        AtomicInteger next = new AtomicInteger();
        AtomicLong recorded = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Histogram perStream = new Histogram(3);
        String loadBefore = Machine.loadAverage();
        Map<String, Long> cpuBefore = cpu.snapshot();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            running.add(
                    pool.submit(
                            () -> {
                                for (int file = next.getAndIncrement();
                                        file < files;
                                        file = next.getAndIncrement()) {
                                    long first = (long) file * streamSize;
                                    long end = Math.min(records, first + streamSize);
                                    String owner =
                                            FugitiveSearchBenchmark.ownerOf(
                                                    first, tenants, streamSize);
                                    long f0 = System.nanoTime();
                                    IngestWantedPersonsResponse answer =
                                            ingestFile(channel, tokens, dataset, owner, first, end);
                                    double seconds = (System.nanoTime() - f0) / 1e9;
                                    recorded.addAndGet(answer.getRecorded());
                                    refused.addAndGet(answer.getRefused());
                                    double rate = (end - first) / seconds;
                                    synchronized (perStream) {
                                        perStream.recordValue(Math.round(rate));
                                    }
                                    System.out.printf(
                                            "  call %4d: %-9s %6d records in %6.2f s = %7.0f records/s; %s of %d done (load %s)%n",
                                            file,
                                            owner,
                                            end - first,
                                            seconds,
                                            rate,
                                            recorded.get() + refused.get(),
                                            records,
                                            Machine.loadAverage());
                                    if (answer.getRefused() > 0) {
                                        System.out.printf(
                                                "    %d refused, first: %s%n",
                                                answer.getRefused(),
                                                answer.getResultsList().stream()
                                                        .filter(r -> r.hasError())
                                                        .findFirst()
                                                        .map(r -> r.getError().getMessage())
                                                        .orElse("?"));
                                    }
                                }
                                return null;
                            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> used = CpuMeter.since(cpuBefore, cpu.snapshot());
        System.out.printf(
                "INGEST: %d recorded, %d refused, in %.1f s = %.0f records/s overall (%d streams in parallel)%n",
                recorded.get(), refused.get(), seconds, recorded.get() / seconds, streams);
        System.out.printf(
                "INGEST per call (records/s): p50 %d, min %d, max %d (n=%d)%n",
                perStream.getValueAtPercentile(50),
                perStream.getMinValue(),
                perStream.getMaxValue(),
                perStream.getTotalCount());
        System.out.printf(
                "INGEST load average before %s, after %s%n", loadBefore, Machine.loadAverage());
        FugitiveSearchBenchmark.printCpu("INGEST CPU", used, seconds, recorded.get(), "record");
    }

    static IngestWantedPersonsResponse ingestFile(
            ManagedChannel channel,
            TenantTokens tokens,
            WantedPersonsDataset dataset,
            String owner,
            long first,
            long end)
            throws Exception {
        CompletableFuture<IngestWantedPersonsResponse> done = new CompletableFuture<>();
        var stub =
                FugitiveServiceGrpc.newStub(channel)
                        .withInterceptors(tokens.as(owner, "investigator"))
                        .withDeadlineAfter(30, TimeUnit.MINUTES);
        ClientCallStreamObserver<IngestWantedPersonsRequest> requests =
                (ClientCallStreamObserver<IngestWantedPersonsRequest>)
                        stub.ingestWantedPersons(
                                new StreamObserver<>() {
                                    private IngestWantedPersonsResponse answer;

                                    @Override
                                    public void onNext(IngestWantedPersonsResponse value) {
                                        answer = value;
                                    }

                                    @Override
                                    public void onError(Throwable t) {
                                        done.completeExceptionally(t);
                                    }

                                    @Override
                                    public void onCompleted() {
                                        done.complete(answer);
                                    }
                                });
        for (long i = first; i < end; i++) {
            // Respect flow control: send only what the transport can take, as a portal streaming a
            // file would.
            while (!requests.isReady() && !done.isDone()) {
                LockSupport.parkNanos(100_000);
            }
            if (done.isDone()) {
                break;
            }
            requests.onNext(
                    IngestWantedPersonsRequest.newBuilder()
                            .setWantedPerson(dataset.record(i, owner))
                            .setRequestId("bench-" + i)
                            .build());
        }
        requests.onCompleted();
        return done.get(30, TimeUnit.MINUTES);
    }
}
