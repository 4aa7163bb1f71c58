package org.chainbreaker.gateway.limits;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Buckets in Redis, shared by every gateway replica: one atomic script per request refills the
 * tenant's bucket by the time elapsed (Redis's own clock, the same for all replicas), takes a token
 * and counts the day. If Redis cannot be reached, this replica falls back to its own buckets rather
 * than refusing every country's requests, and it does so at once: while the connection is down
 * Lettuce rejects commands instead of queueing them until they time out ({@link
 * ClientOptions.DisconnectedBehavior#REJECT_COMMANDS}), and after a check that failed (a Redis that
 * hangs rather than closes) the next checks skip Redis for {@link #SKIP_AFTER_FAILURE}, so a
 * request waits out the check timeout at most once in that period.
 */
public final class RedisBuckets implements LimitStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);

    /**
     * Returns {allowed (1/0), retry-after in ms (-1: daily quota used up, with the ms left in the
     * day)}.
     */
    private static final String SCRIPT =
            """
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local quota = tonumber(ARGV[3])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local msLeftInDay = 86400000 - (now % 86400000)
            if quota > 0 then
              local used = tonumber(redis.call('GET', KEYS[2]) or '0')
              if used >= quota then return {0, -1, msLeftInDay} end
            end
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1]) or burst
            local ts = tonumber(state[2]) or now
            tokens = math.min(burst, tokens + math.max(0, now - ts) / 1000 * rate)
            local keep = math.ceil(burst / rate * 1000) + 1000
            if tokens < 1 then
              redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', now)
              redis.call('PEXPIRE', KEYS[1], keep)
              return {0, math.ceil((1 - tokens) / rate * 1000), 0}
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'ts', now)
            redis.call('PEXPIRE', KEYS[1], keep)
            if quota > 0 then
              redis.call('INCR', KEYS[2])
              redis.call('PEXPIRE', KEYS[2], msLeftInDay + 60000)
            end
            return {1, 0, 0}
            """;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** A slow limit store must not become a slow gateway: give up quickly and fall back. */
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(500);

    /** How often a replica that has no connection to Redis tries again, in the background. */
    private static final long RECONNECT_EVERY_NANOS = Duration.ofSeconds(2).toNanos();

    /**
     * After a failed check, how long checks go to this replica's own buckets without asking Redis.
     */
    static final Duration SKIP_AFTER_FAILURE = Duration.ofSeconds(1);

    private final RedisClient client;
    private final RedisURI uri;
    private final InProcessBuckets fallback;
    private final String scriptSha;
    private final AtomicLong nextAttempt = new AtomicLong(System.nanoTime());
    private volatile long skipUntilNanos = System.nanoTime();
    private volatile StatefulRedisConnection<String, String> connection;

    /**
     * Never fails for Redis being down: a replica that cannot reach it at start serves on its own
     * buckets and keeps trying to connect in the background (once connected, the client reconnects
     * by itself).
     */
    public RedisBuckets(String redisUrl, InProcessBuckets fallback) {
        this.uri = RedisURI.create(redisUrl);
        // Connecting may take a while on a busy host; each request's check has its own short
        // timeout (take).
        uri.setTimeout(CONNECT_TIMEOUT);
        this.client = RedisClient.create(uri);
        client.setOptions(
                ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .build());
        this.fallback = fallback;
        this.scriptSha = sha1(SCRIPT);
        try {
            connection = client.connect(StringCodec.UTF8, uri);
        } catch (RuntimeException e) {
            log.warn(
                    "Shared limits store unreachable at start ({}); this replica limits on its own and retries",
                    e.getMessage());
        }
        nextAttempt.set(System.nanoTime() + RECONNECT_EVERY_NANOS);
    }

    /**
     * Whether this replica holds a connection to the shared store (it may still be reconnecting).
     */
    boolean connected() {
        StatefulRedisConnection<String, String> open = connection;
        return open != null && open.isOpen();
    }

    @Override
    public Mono<TenantLimits.Decision> take(String tenant, TenantLimits.Limit limit) {
        StatefulRedisConnection<String, String> shared = connection;
        if (shared == null) {
            connectInBackground();
            return fallback.take(tenant, limit);
        }
        if (System.nanoTime() - skipUntilNanos < 0) {
            return fallback.take(tenant, limit);
        }
        RedisReactiveCommands<String, String> redis = shared.reactive();
        String[] keys = {
            "chainbreaker:limits:" + tenant + ":bucket", "chainbreaker:limits:" + tenant + ":day"
        };
        String[] args = {
            Double.toString(limit.ratePerSecond()),
            Integer.toString(limit.burst()),
            Long.toString(limit.dailyQuota())
        };
        return redis.<List<Long>>evalsha(scriptSha, ScriptOutputType.MULTI, keys, args)
                // A restarted Redis has forgotten the script: send it whole, which caches it again.
                .onErrorResume(
                        RedisNoScriptException.class,
                        e -> redis.<List<Long>>eval(SCRIPT, ScriptOutputType.MULTI, keys, args))
                .next()
                .timeout(CHECK_TIMEOUT)
                .map(RedisBuckets::decision)
                .onErrorResume(
                        e -> {
                            skipUntilNanos = System.nanoTime() + SKIP_AFTER_FAILURE.toNanos();
                            log.warn(
                                    "Shared limits unavailable ({}); this replica limits on its own",
                                    e.getMessage());
                            return fallback.take(tenant, limit);
                        });
    }

    /**
     * Redis names a cached script by the SHA-1 of its text, so the name is known without asking it.
     */
    private static String sha1(String script) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-1")
                                    .digest(
                                            script.getBytes(
                                                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** At most one attempt every few seconds, never on the caller's thread. */
    private void connectInBackground() {
        long due = nextAttempt.get();
        if (System.nanoTime() < due
                || !nextAttempt.compareAndSet(due, System.nanoTime() + RECONNECT_EVERY_NANOS)) {
            return;
        }
        client.connectAsync(StringCodec.UTF8, uri)
                .whenComplete(
                        (opened, failure) -> {
                            if (failure != null) {
                                log.warn(
                                        "Shared limits store unreachable ({}); this replica limits on its own and retries",
                                        failure.getMessage());
                            } else {
                                connection = opened;
                                log.info("Shared limits store connected");
                            }
                        });
    }

    @SuppressWarnings("unchecked")
    private static TenantLimits.Decision decision(Object reply) {
        List<Long> values = (List<Long>) reply;
        if (values.get(0) == 1L) {
            return TenantLimits.Decision.ALLOWED;
        }
        if (values.get(1) == -1L) {
            return TenantLimits.Decision.quotaUsedUp(Duration.ofMillis(values.get(2)));
        }
        return TenantLimits.Decision.tooFast(Duration.ofMillis(values.get(1)));
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown();
    }
}
