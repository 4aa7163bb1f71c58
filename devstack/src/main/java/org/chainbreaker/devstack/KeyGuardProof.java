package org.chainbreaker.devstack;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proof, shared by the services' key-reuse tests, that a create guards its idempotency key
 * ({@code request_id}): the same key and body answer the first record; the same key with another
 * body is refused with ALREADY_EXISTS naming the key and stores nothing; {@value #ROUNDS} rounds of
 * {@value #AT_ONCE} different bodies sent at once with one key make exactly one record per round.
 */
public final class KeyGuardProof {

    public static final int ROUNDS = 10;
    public static final int AT_ONCE = 8;

    private static final ExecutorService SENDERS =
            Executors.newFixedThreadPool(
                    AT_ONCE,
                    r -> {
                        Thread t = new Thread(r, "key-guard-proof");
                        t.setDaemon(true);
                        return t;
                    });

    private KeyGuardProof() {}

    /**
     * One keyed create: body {@code variant} sent with {@code key}, and how many records of that
     * body are stored.
     */
    public interface KeyedCreate {
        String create(String key, int variant);

        long stored(int variant);
    }

    /** Runs the proof for one create; answers the key of the first record (body 0). */
    public static String prove(String rpc, KeyedCreate create) throws Exception {
        String key = rpc + "-" + UUID.randomUUID();
        String first = create.create(key, 0);
        expect(
                create.create(key, 0).equals(first),
                rpc + " retried with the same key and body answers the first record");

        StatusRuntimeException refused;
        try {
            create.create(key, 1);
            throw new AssertionError(rpc + ": the same key with another body was accepted");
        } catch (StatusRuntimeException e) {
            refused = e;
        }
        assertRefused(refused, key);
        expect(create.stored(1) == 0, rpc + " stored the refused body");
        expect(create.stored(0) == 1, rpc + " records of the first body: " + create.stored(0));
        expect(
                create.create(key, 0).equals(first),
                rpc + " retried after the refusal answers the first record");

        AtomicInteger variants = new AtomicInteger(1_000);
        for (int round = 0; round < ROUNDS; round++) {
            String shared = rpc + "-race-" + UUID.randomUUID();
            CountDownLatch go = new CountDownLatch(1);
            List<Integer> bodies = new ArrayList<>();
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                int variant = variants.getAndIncrement();
                bodies.add(variant);
                answers.add(
                        SENDERS.submit(
                                () -> {
                                    go.await();
                                    try {
                                        return create.create(shared, variant);
                                    } catch (StatusRuntimeException e) {
                                        return e;
                                    }
                                }));
            }
            go.countDown();
            int created = 0;
            for (int i = 0; i < AT_ONCE; i++) {
                Object answer = answers.get(i).get(120, TimeUnit.SECONDS);
                long stored = create.stored(bodies.get(i));
                if (answer instanceof StatusRuntimeException e) {
                    assertRefused(e, shared);
                    expect(
                            stored == 0,
                            rpc + " round " + round + ": records of a refused body: " + stored);
                } else {
                    created++;
                    expect(
                            stored == 1,
                            rpc + " round " + round + ": records of the accepted body: " + stored);
                }
            }
            expect(
                    created == 1,
                    rpc
                            + " round "
                            + round
                            + ": "
                            + AT_ONCE
                            + " different bodies at once with one key made "
                            + created
                            + " records");
        }
        return key;
    }

    /** ALREADY_EXISTS naming the key, as every keyed create refuses a reused key. */
    public static void assertRefused(StatusRuntimeException refused, String key) {
        Status status = refused.getStatus();
        expect(
                status.getCode() == Status.Code.ALREADY_EXISTS,
                "refusal of key " + key + ": " + status);
        expect(
                status.getDescription() != null
                        && status.getDescription().contains("request_id \"" + key + "\""),
                "refusal of key " + key + " names it: " + status.getDescription());
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
