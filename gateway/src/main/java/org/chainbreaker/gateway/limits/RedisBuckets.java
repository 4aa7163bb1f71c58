package org.chainbreaker.gateway.limits;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Buckets in Redis, shared by every gateway replica: one atomic script per request refills the tenant's bucket by
 * the time elapsed (Redis's own clock, the same for all replicas), takes a token and counts the day. If Redis cannot
 * be reached, this replica falls back to its own buckets rather than refusing every country's requests.
 */
public final class RedisBuckets implements LimitStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);

    /** Returns {allowed (1/0), retry-after in ms (-1: daily quota used up, with the ms left in the day)}. */
    private static final String SCRIPT = """
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

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisReactiveCommands<String, String> redis;
    private final InProcessBuckets fallback;
    private final String scriptSha;

    public RedisBuckets(String redisUrl, InProcessBuckets fallback) {
        RedisURI uri = RedisURI.create(redisUrl);
        // Connecting and loading the script happen once, at start: a busy host may take a while to answer.
        // Each request's check has its own short timeout (take), so a slow store never makes a slow gateway.
        uri.setTimeout(CONNECT_TIMEOUT);
        this.client = RedisClient.create(uri);
        this.connection = client.connect();
        this.redis = connection.reactive();
        this.fallback = fallback;
        this.scriptSha = connection.sync().scriptLoad(SCRIPT);
    }

    @Override
    public Mono<TenantLimits.Decision> take(String tenant, TenantLimits.Limit limit) {
        String day = Long.toString(System.currentTimeMillis() / 86_400_000L);
        String[] keys = {"chainbreaker:limits:" + tenant + ":bucket", "chainbreaker:limits:" + tenant + ":day"};
        return redis.<List<Long>>evalsha(scriptSha, ScriptOutputType.MULTI, keys,
                        Double.toString(limit.ratePerSecond()), Integer.toString(limit.burst()),
                        Long.toString(limit.dailyQuota()))
                .next()
                .timeout(CHECK_TIMEOUT)
                .map(RedisBuckets::decision)
                .onErrorResume(e -> {
                    log.warn("Shared limits unavailable ({}); this replica limits on its own", e.getMessage());
                    return fallback.take(tenant, limit);
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
        connection.close();
        client.shutdown();
    }
}
