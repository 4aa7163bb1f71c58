package org.chainbreaker.benchmarks;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityResponse;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;

/**
 * CheckIdentity latency over the loaded records: since fugitive V19 a check scores every candidate
 * in PL/pgSQL (issue 14), so it is measured beside the search. The queries are the search's query
 * mix (the same records, the same spellings), one at a time, by a country other than the record's
 * owner; a hit means the record was found among the published notices. Latency per query kind and
 * CPU per check of each part (the service, PostgreSQL) as for the search.
 */
final class IdentityCheckPhase {

    private IdentityCheckPhase() {}

    static void run(
            ManagedChannel channel,
            TenantTokens tokens,
            WantedPersonsDataset dataset,
            List<String> tenants,
            int records,
            int streamSize,
            int warmup,
            int checks,
            long seed,
            CpuMeter cpu) {
        if (checks <= 0) {
            return;
        }
        System.out.printf(
                "check: %d warm-up, then %d measured CheckIdentity, one in flight%n",
                warmup, checks);
        Histogram all = Latencies.micros();
        Map<String, Histogram> byLabel = new TreeMap<>();
        Map<String, Long> cpuBefore = Map.of();
        int hits = 0;
        int errors = 0;
        String firstError = "";
        String loadBefore = Machine.loadAverage();
        long t0 = 0;
        for (int q = 0; q < warmup + checks; q++) {
            if (q == warmup) {
                t0 = System.nanoTime();
                cpuBefore = cpu.snapshot();
            }
            SplittableRandom r = new SplittableRandom(seed * 104_729 + q);
            long index = r.nextLong(records);
            String owner = FugitiveSearchBenchmark.ownerOf(index, tenants, streamSize);
            int year = dataset.record(index, owner).getDateOfBirth().getYear();
            WantedPersonsDataset.Query query = dataset.query(index, owner, year);
            String checker = tenants.get((tenants.indexOf(owner) + 1) % tenants.size());
            CheckIdentityRequest.Builder request =
                    CheckIdentityRequest.newBuilder()
                            .setName(query.name())
                            .setPurpose("benchmark: border control");
            if (query.birthYear() > 0) {
                request.setDateOfBirth(
                        com.google.type.Date.newBuilder().setYear(query.birthYear()));
            }
            var stub =
                    FugitiveServiceGrpc.newBlockingStub(channel)
                            .withInterceptors(tokens.as(checker, "investigator"))
                            .withDeadlineAfter(60, TimeUnit.SECONDS);
            long s0 = System.nanoTime();
            try {
                CheckIdentityResponse answer = stub.checkIdentity(request.build());
                if (q >= warmup) {
                    long micros = (System.nanoTime() - s0) / 1000;
                    all.recordValue(micros);
                    byLabel.computeIfAbsent(query.label(), l -> Latencies.micros())
                            .recordValue(micros);
                    hits += answer.getHitsCount() > 0 ? 1 : 0;
                }
            } catch (StatusRuntimeException e) {
                errors++;
                if (firstError.isEmpty()) {
                    firstError = query.name() + " as " + checker + ": " + e.getStatus();
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> used = CpuMeter.since(cpuBefore, cpu.snapshot());
        FugitiveSearchBenchmark.printByQuery("CHECK", byLabel);
        System.out.printf(
                "CHECK all: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; %d checks in %.1f s = %.1f/s;"
                        + " hits %d (%.1f%%); errors %d%n",
                Latencies.ms(all, 50),
                Latencies.ms(all, 95),
                Latencies.ms(all, 99),
                Latencies.maxMs(all),
                all.getTotalCount(),
                seconds,
                all.getTotalCount() / seconds,
                hits,
                100.0 * hits / Math.max(1, all.getTotalCount()),
                errors);
        System.out.printf(
                "CHECK load average before %s, after %s%n", loadBefore, Machine.loadAverage());
        FugitiveSearchBenchmark.printCpu("CHECK CPU", used, seconds, all.getTotalCount(), "check");
        if (!firstError.isEmpty()) {
            System.out.println("first error: " + firstError);
        }
    }
}
