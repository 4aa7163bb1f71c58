package org.chainbreaker.systemtests;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chainbreaker.devstack.Suite;

/**
 * The one running suite of this JVM: every system test class uses it, so Keycloak, PostgreSQL, the
 * services and the gateway start once per module run. Stopped by the suite's own shutdown hook when
 * the JVM exits.
 */
final class RunningSuite {

    /**
     * How long the host country of a rescue request has before the request is escalated, in this
     * suite: each scenario that shows an escalation waits this long (six of them), while the checks
     * before the escalation run within a second of the request's creation.
     */
    static final Duration RESCUE_ACKNOWLEDGE_WITHIN = Duration.ofSeconds(4);

    private static Suite suite;
    private static final Map<String, ManagedChannel> CHANNELS = new ConcurrentHashMap<>();
    private static final Map<String, CachedToken> TOKENS = new ConcurrentHashMap<>();

    private record CachedToken(String token, long expiresAtNanos) {}

    private RunningSuite() {}

    static synchronized Suite get() {
        if (suite == null) {
            suite =
                    // No ports given: the suite chooses them, and chooses again for a service
                    // whose port another process took before the service could bind it.
                    Suite.builder()
                            // Short tolerance so that an expired token can be shown refused without
                            // a long wait.
                            .args(
                                    "gateway",
                                    "--chainbreaker.security.clock-skew=1s",
                                    // Structured (ECS JSON) logs as in production: the access
                                    // line's fields, its traceId
                                    // among them, are in the JSON, where the plain format prints
                                    // only the message.
                                    "--logging.structured.format.console=ecs",
                                    // The generated operations run thousands of calls a minute per
                                    // tenant: the per-tenant
                                    // rate limits are not what these tests measure.
                                    "--chainbreaker.gateway.limits.defaults.rate=100000",
                                    "--chainbreaker.gateway.limits.defaults.burst=100000")
                            .args(
                                    "case-service",
                                    "--chainbreaker.security.clock-skew=1s",
                                    // Cooperation requests escalate within a second of their
                                    // deadline.
                                    "--chainbreaker.requests.escalation-interval=1s",
                                    // One structured line per call, to follow a partner's trace
                                    // into the service.
                                    "--logging.level.org.chainbreaker.platform.calls=debug")
                            .args(
                                    "fugitive-service",
                                    "--chainbreaker.security.clock-skew=1s",
                                    "--chainbreaker.requests.escalation-interval=1s",
                                    // Its call log too, to follow one trace from the gateway
                                    // through a service into it.
                                    "--logging.level.org.chainbreaker.platform.calls=debug")
                            .args(
                                    "repatriation-service",
                                    "--chainbreaker.security.clock-skew=1s",
                                    // Rescue requests escalate to the coordinators within seconds,
                                    // not hours, so that the
                                    // scenarios can show who sees them before and after.
                                    "--chainbreaker.rescue.acknowledge-within="
                                            + RESCUE_ACKNOWLEDGE_WITHIN.toSeconds()
                                            + "s",
                                    "--chainbreaker.rescue.escalation-interval=1s",
                                    // Custody handovers are delivered within a second, not five:
                                    // the scenarios wait for the delivery.
                                    "--chainbreaker.repatriation.relay-interval=1s")
                            .start();
        }
        return suite;
    }

    /** A plaintext channel to a gRPC target of the suite, shared by every test. */
    static ManagedChannel channel(String target) {
        return CHANNELS.computeIfAbsent(
                target,
                t ->
                        NettyChannelBuilder.forTarget(t)
                                .usePlaintext()
                                .maxInboundMessageSize(16 * 1024 * 1024)
                                .build());
    }

    /** The gateway's gRPC face. */
    static ManagedChannel gatewayGrpc() {
        return channel(get().grpcTarget());
    }

    /** A user's access token from the dev realm, reused for two minutes (they live five). */
    static String token(String user) {
        long now = System.nanoTime();
        CachedToken cached = TOKENS.get(user);
        if (cached == null || cached.expiresAtNanos() < now) {
            cached =
                    new CachedToken(
                            get().keycloak().tokenFor(user), now + Duration.ofMinutes(2).toNanos());
            TOKENS.put(user, cached);
        }
        return cached.token();
    }
}
