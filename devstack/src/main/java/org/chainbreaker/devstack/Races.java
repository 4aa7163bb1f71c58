package org.chainbreaker.devstack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The harness of the services' concurrency tests: two calls released by one barrier, so that they
 * reach the service as close to the same moment as two threads can, and the records they race on
 * made beforehand, several at a time (making them is not what a race tests, and one at a time it is
 * most of a race test's time).
 */
public final class Races implements AutoCloseable {

    /** How long a race or a record's making may take before the test fails rather than hangs. */
    private static final long PATIENCE_SECONDS = 120;

    private final ExecutorService racers;
    private final ExecutorService makers;

    /**
     * {@code pairs} races may run at once (each on its own record); {@code makers} records are made
     * at once.
     */
    public Races(int pairs, int makers) {
        this.racers = Executors.newFixedThreadPool(2 * pairs);
        this.makers = Executors.newFixedThreadPool(makers);
    }

    /**
     * Both calls at once; each call's answer, in the order given (a call answers rather than throws
     * its refusal).
     */
    public <T> List<T> atOnce(Callable<T> first, Callable<T> second) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        Future<T> a =
                racers.submit(
                        () -> {
                            together.await();
                            return first.call();
                        });
        Future<T> b =
                racers.submit(
                        () -> {
                            together.await();
                            return second.call();
                        });
        return List.of(await(a), await(b));
    }

    /**
     * {@code count} records made by {@code make}, several at a time; the list is in the order of
     * their index.
     */
    public <T> List<T> prepared(int count, Function<Integer, T> make) throws Exception {
        List<Future<T>> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            pending.add(makers.submit(() -> make.apply(index)));
        }
        List<T> made = new ArrayList<>(count);
        for (Future<T> f : pending) {
            made.add(await(f));
        }
        return made;
    }

    /**
     * One race of a pair, told as a verdict: {@code "OK <outcome>"} or {@code "VIOLATION <what was
     * seen>"}.
     */
    @FunctionalInterface
    public interface Round<P> {
        String verdict(P pair) throws Exception;
    }

    /**
     * Runs {@code rounds} races of each pair, {@code parallel} at a time (each on a record of its
     * own), prints how often each outcome was seen under {@code title}, and answers the violations
     * (empty if every race ended as one of its serial orders).
     */
    public static <P> List<String> violations(
            String title, List<P> pairs, ToIntFunction<P> rounds, int parallel, Round<P> race)
            throws Exception {
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        ExecutorService runners = Executors.newFixedThreadPool(parallel);
        long started = System.nanoTime();
        int races = 0;
        try {
            List<Future<?>> all = new ArrayList<>();
            for (P pair : pairs) {
                int times = rounds.applyAsInt(pair);
                races += times;
                for (int round = 0; round < times; round++) {
                    all.add(
                            runners.submit(
                                    () -> {
                                        String verdict = race.verdict(pair);
                                        outcomes.computeIfAbsent(
                                                        verdict.substring(verdict.indexOf(' ') + 1),
                                                        k -> new AtomicInteger())
                                                .incrementAndGet();
                                        if (verdict.startsWith("VIOLATION")) {
                                            violations.add(verdict);
                                        }
                                        return null;
                                    }));
                }
            }
            for (Future<?> f : all) {
                await(f);
            }
        } finally {
            runners.shutdownNow();
        }
        System.out.printf(
                "%s: %d pairs, %d races in %d s%n",
                title, pairs.size(), races, (System.nanoTime() - started) / 1_000_000_000L);
        outcomes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.printf("  %5d x %s%n", e.getValue().get(), e.getKey()));
        return List.copyOf(violations);
    }

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        racers.shutdownNow();
        makers.shutdownNow();
    }
}
