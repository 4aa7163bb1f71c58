package org.chainbreaker.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway replicas sharing one real Redis keep one country to its limit together; when Redis
 * goes away each replica limits on its own instead of refusing everyone. Redis is Debian's
 * redis-server, started by the test (`.ci/run` installs it); without it the test is skipped, saying
 * so.
 */
class SharedLimitsTest {

    private static final Path REDIS = Path.of("/usr/bin/redis-server");
    private static Process redis;
    private static int port;

    @BeforeAll
    static void startRedis() throws Exception {
        assumeTrue(
                Files.isExecutable(REDIS),
                "redis-server is not installed (apt-get install redis-server); skipping");
        port = freePort();
        startRedis(port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void startRedis(int port) throws Exception {
        redis =
                new ProcessBuilder(
                                REDIS.toString(),
                                "--port",
                                Integer.toString(port),
                                "--bind",
                                "127.0.0.1",
                                "--save",
                                "",
                                "--appendonly",
                                "no")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void two_replicas_share_one_allowance_per_country() {
        TenantLimits.Limit slow = new TenantLimits.Limit(0.01, 5, 0);
        try (RedisBuckets first =
                        new RedisBuckets(
                                "redis://127.0.0.1:" + port,
                                new InProcessBuckets(Clock.systemUTC()));
                RedisBuckets second =
                        new RedisBuckets(
                                "redis://127.0.0.1:" + port,
                                new InProcessBuckets(Clock.systemUTC()))) {
            TenantLimits replicaA = new TenantLimits(slow, Map.of(), first);
            TenantLimits replicaB = new TenantLimits(slow, Map.of(), second);
            int allowed = 0;
            for (int i = 0; i < 10; i++) {
                allowed += replicaA.admit("KH").block().allowed() ? 1 : 0;
                allowed += replicaB.admit("KH").block().allowed() ? 1 : 0;
            }
            assertThat(allowed)
                    .as("10 requests through each replica, one burst of 5 for the country")
                    .isEqualTo(5);
            TenantLimits.Decision refused = replicaB.admit("KH").block();
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.retryAfter().toSeconds()).isPositive();
            assertThat(replicaA.admit("LA").block().allowed())
                    .as("another country is not affected")
                    .isTrue();
        }
    }

    @Test
    void a_daily_quota_is_counted_across_replicas() {
        TenantLimits.Limit quota = new TenantLimits.Limit(1000, 1000, 3);
        try (RedisBuckets first =
                        new RedisBuckets(
                                "redis://127.0.0.1:" + port,
                                new InProcessBuckets(Clock.systemUTC()));
                RedisBuckets second =
                        new RedisBuckets(
                                "redis://127.0.0.1:" + port,
                                new InProcessBuckets(Clock.systemUTC()))) {
            TenantLimits replicaA = new TenantLimits(quota, Map.of(), first);
            TenantLimits replicaB = new TenantLimits(quota, Map.of(), second);
            assertThat(replicaA.admit("BN").block().allowed()).isTrue();
            assertThat(replicaB.admit("BN").block().allowed()).isTrue();
            assertThat(replicaA.admit("BN").block().allowed()).isTrue();
            TenantLimits.Decision used = replicaB.admit("BN").block();
            assertThat(used.allowed()).isFalse();
            assertThat(used.reason()).contains("daily quota");
        }
    }

    @Test
    void without_redis_a_replica_falls_back_to_its_own_buckets() throws Exception {
        TenantLimits.Limit limit = new TenantLimits.Limit(0.01, 2, 0);
        try (RedisBuckets store =
                new RedisBuckets(
                        "redis://127.0.0.1:" + port, new InProcessBuckets(Clock.systemUTC()))) {
            TenantLimits replica = new TenantLimits(limit, Map.of(), store);
            stopRedis();
            redis = null;
            assertThat(replica.admit("PH").block().allowed()).isTrue();
            assertThat(replica.admit("PH").block().allowed()).isTrue();
            assertThat(replica.admit("PH").block().allowed())
                    .as("still limited, locally")
                    .isFalse();
        } finally {
            startRedis();
        }
    }

    @Test
    void a_replica_started_while_redis_is_down_limits_on_its_own_then_shares_once_redis_is_up()
            throws Exception {
        stopRedis();
        redis = null;
        TenantLimits.Limit limit = new TenantLimits.Limit(0.01, 2, 0);
        try (RedisBuckets first =
                new RedisBuckets(
                        "redis://127.0.0.1:" + port, new InProcessBuckets(Clock.systemUTC()))) {
            TenantLimits replicaA = new TenantLimits(limit, Map.of(), first);
            assertThat(replicaA.admit("MM").block().allowed())
                    .as("served on its own buckets")
                    .isTrue();

            startRedis(port);
            awaitConnected(first);
            try (RedisBuckets second =
                    new RedisBuckets(
                            "redis://127.0.0.1:" + port, new InProcessBuckets(Clock.systemUTC()))) {
                TenantLimits replicaB = new TenantLimits(limit, Map.of(), second);
                int allowed = 0;
                for (int i = 0; i < 3; i++) {
                    allowed += replicaA.admit("SG").block().allowed() ? 1 : 0;
                    allowed += replicaB.admit("SG").block().allowed() ? 1 : 0;
                }
                assertThat(allowed).as("one shared burst of 2 once connected").isEqualTo(2);
            }
        } finally {
            if (redis == null) {
                startRedis(port);
            }
        }
    }

    @Test
    void shared_limits_survive_a_restart_of_redis_that_forgets_the_script() throws Exception {
        TenantLimits.Limit limit = new TenantLimits.Limit(0.01, 2, 0);
        try (RedisBuckets first =
                        new RedisBuckets(
                                "redis://127.0.0.1:" + port,
                                new InProcessBuckets(Clock.systemUTC()));
                RedisBuckets second =
                        new RedisBuckets(
                                "redis://127.0.0.1:" + port,
                                new InProcessBuckets(Clock.systemUTC()))) {
            TenantLimits replicaA = new TenantLimits(limit, Map.of(), first);
            TenantLimits replicaB = new TenantLimits(limit, Map.of(), second);
            assertThat(replicaA.admit("ID").block().allowed()).isTrue();

            stopRedis();
            startRedis(port);
            awaitConnected(first);
            awaitConnected(second);
            // The restarted Redis has no buckets and no cached script: the replicas share a fresh
            // burst of 2.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int allowed;
            do {
                allowed = 0;
                String country = "X" + System.nanoTime();
                for (int i = 0; i < 3; i++) {
                    allowed += replicaA.admit(country).block().allowed() ? 1 : 0;
                    allowed += replicaB.admit(country).block().allowed() ? 1 : 0;
                }
            } while (allowed != 2 && System.nanoTime() < deadline);
            assertThat(allowed).as("one shared burst of 2 after the restart").isEqualTo(2);
        }
    }

    @Test
    void while_redis_is_down_a_check_takes_no_longer_than_with_redis_up() throws Exception {
        TenantLimits.Limit generous = new TenantLimits.Limit(100_000, 100_000, 0);
        try (RedisBuckets store =
                new RedisBuckets(
                        "redis://127.0.0.1:" + port, new InProcessBuckets(Clock.systemUTC()))) {
            TenantLimits replica = new TenantLimits(generous, Map.of(), store);
            for (int i = 0; i < 20; i++) {
                replica.admit("TH").block();
            }
            long up = medianNanos(replica, 40);
            stopRedis();
            redis = null;
            // Measured from the first check after the stop: the replica must not wait for Redis
            // even once it knows.
            long down = medianNanos(replica, 40);
            System.out.printf(
                    "median check: %d us with Redis up, %d us with Redis stopped%n",
                    up / 1000, down / 1000);
            assertThat(down)
                    .as("median check with Redis stopped (ns) vs up (%d ns)", up)
                    .isLessThanOrEqualTo(10 * up);
        } finally {
            if (redis == null) {
                startRedis(port);
            }
        }
    }

    private static long medianNanos(TenantLimits replica, int checks) {
        long[] took = new long[checks];
        for (int i = 0; i < checks; i++) {
            long t0 = System.nanoTime();
            assertThat(replica.admit("TH").block().allowed()).isTrue();
            took[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(took);
        return took[checks / 2];
    }

    /**
     * Lettuce reconnects by itself once it has connected; a replica that never had a connection
     * retries.
     */
    private static void awaitConnected(RedisBuckets store) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!store.connected() && System.nanoTime() < deadline) {
            store.take("PROBE", new TenantLimits.Limit(1000, 1000, 0)).block();
            Thread.sleep(100);
        }
        assertThat(store.connected()).as("connected to the shared store again").isTrue();
    }
}
