package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.chainbreaker.devstack.Devstack;
import org.chainbreaker.devstack.KeycloakServer;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.ServiceProcess;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.devstack.SuitePorts;
import org.chainbreaker.systemtests.FaultLedger.Target;

/**
 * The suite {@link FaultToleranceTest} runs its faults on: its own PostgreSQL (data on disk, so
 * that it can be stopped and started again on its port), its own services and gateway on their own
 * ports, a {@link DelayProxy} between the gateway and the fugitive-service; only Keycloak, which it
 * never disturbs, is shared. Killing and restarting here leaves the suite of the other test classes
 * ({@link RunningSuite}) untouched, and every row of these databases is one of the fault test's
 * writes.
 */
final class FaultSuite {

    static final String CASES = Faces.CASES;
    static final String REPATRIATION = "chainbreaker.repatriation.v1.RepatriationService";
    static final String FUGITIVES = Faces.FUGITIVES;
    static final Duration GATEWAY_DEADLINE = Duration.ofSeconds(3);
    static final Duration SLOW_ANSWER = Duration.ofSeconds(8);
    static final Duration RETRY_PAUSE = Duration.ofMillis(150);
    static final Duration GIVE_UP = Duration.ofMinutes(8);

    /**
     * The text of the gateway's refusal while a breaker is open (see the gateway's UpstreamGuard).
     */
    static final String BREAKER_REFUSAL = "calls are refused for a moment";

    /** The partner every case is shared with (none of the writers' countries). */
    static final String PARTNER = "MY";

    static final String BULKHEAD_REFUSAL = "too many calls to this service are in flight";

    static Suite suite;
    static PostgresServer postgres;
    static Path postgresData;
    static int postgresPort;
    static DelayProxy fugitivesProxy;
    static ManagedChannel grpc;
    static Faces faces;
    static BreakerWatch breakers;
    static final Map<String, String[]> TOKENS = new ConcurrentHashMap<>();

    private FaultSuite() {}

    /**
     * This suite's processes are killed and started again several times under a light load, so
     * start-up time is what counts.
     */
    static final String[] QUICK_START = ServiceProcess.QUICK_START.toArray(String[]::new);

    static void start() throws IOException {
        postgresData =
                Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fault-postgres-")
                        .resolve("data");
        postgresPort = Devstack.freePort();
        postgres = PostgresServer.persistent(postgresData, postgresPort);
        // Stopped by stop(); also when the JVM ends without it (a run killed midway), after the
        // processes (the
        // shutdown actions run last registered first). The field, not this instance: a restart
        // replaces it.
        Devstack.onShutdown(() -> postgres.stop());
        SuitePorts ports = SuitePorts.random();
        int proxyPort = Devstack.freePort();
        fugitivesProxy = new DelayProxy(proxyPort, ports.fugitives());
        String quick = "--chainbreaker.gateway.resilience.";
        suite =
                Suite.builder()
                        .ports(ports)
                        .postgres(postgres)
                        .keycloak(KeycloakServer.shared())
                        .logDir(Devstack.defaultLogDir().resolve("faults"))
                        // A CI machine running several builds may take minutes to start a JVM; this
                        // is no measure of it.
                        .readyTimeout(Duration.ofMinutes(10))
                        .jvmArgs("case-service", QUICK_START)
                        .jvmArgs("fugitive-service", QUICK_START)
                        .jvmArgs("repatriation-service", QUICK_START)
                        .jvmArgs("gateway", QUICK_START)
                        .gatewayUpstream("fugitives", "localhost:" + proxyPort)
                        // The arrest relay looks every 100 ms and its breaker opens for 1 s. A
                        // handoff's backoff doubles from the interval up to 64 intervals, so with
                        // 100 ms a handoff that failed all through a restart is tried again within
                        // 6.4 s of it (19.2 s at 300 ms), and a draft follows a restart within
                        // seconds.
                        .args(
                                "fugitive-service",
                                "--chainbreaker.fugitives.arrest-relay.interval=100ms",
                                "--chainbreaker.fugitives.arrest-relay.deadline=2s",
                                "--chainbreaker.fugitives.arrest-relay.open-for=1s")
                        .args(
                                "gateway",
                                "--chainbreaker.gateway.limits.defaults.rate=100000",
                                "--chainbreaker.gateway.limits.defaults.burst=100000",
                                // A short deadline and a short open wait keep the faults and their
                                // recovery within seconds.
                                "--chainbreaker.gateway.deadline="
                                        + GATEWAY_DEADLINE.toMillis()
                                        + "ms",
                                quick + "open-wait=2s",
                                quick + "sliding-window=10",
                                quick + "minimum-calls=5",
                                quick + "max-concurrent-calls=8")
                        .start();
        grpc = NettyChannelBuilder.forTarget(suite.grpcTarget()).usePlaintext().build();
        faces = new Faces(suite.restUrl(), grpc);
        breakers = new BreakerWatch(metricsUrl());
    }

    static void stop() {
        if (breakers != null) {
            breakers.close();
        }
        if (grpc != null) {
            grpc.shutdownNow();
        }
        if (suite != null) {
            suite.stop();
        }
        if (fugitivesProxy != null) {
            fugitivesProxy.close();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    /**
     * Stops PostgreSQL; {@link #startPostgresAgain} brings it back on the same port and data
     * directory.
     */
    static void stopPostgres() {
        postgres.stop();
    }

    static void startPostgresAgain() {
        postgres = PostgresServer.persistent(postgresData, postgresPort);
    }

    static String token(String user) {
        long now = System.nanoTime();
        String[] cached = TOKENS.get(user);
        if (cached == null || Long.parseLong(cached[1]) < now) {
            // Tokens live five minutes; take a new one after two.
            cached =
                    new String[] {
                        KeycloakServer.shared().tokenFor(user),
                        Long.toString(now + Duration.ofMinutes(2).toNanos())
                    };
            TOKENS.put(user, cached);
        }
        return cached[0];
    }

    static String metricsUrl() {
        java.util.regex.Pattern line =
                java.util.regex.Pattern.compile("Prometheus metrics at http://\\S+:(\\d+)/metrics");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                java.util.regex.Matcher m =
                        line.matcher(Files.readString(suite.process("gateway").logFile()));
                if (m.find()) {
                    return "http://localhost:" + m.group(1) + "/metrics";
                }
            } catch (IOException e) {
                // not written yet
            }
            pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException("the gateway did not log its metrics port");
    }

    static void awaitAcks(FaultLedger ledger, Target target, int more) {
        long goal = ledger.acks(target) + more;
        await(
                more + " more acknowledged writes to " + target.service,
                GIVE_UP,
                () -> ledger.acks(target) >= goal || !ledger.failures.isEmpty());
        assertThat(ledger.failures).isEmpty();
    }

    static Optional<Long> awaitFirstAckAfter(FaultLedger ledger, Target target, long time) {
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() < giveUp && ledger.failures.isEmpty()) {
            Optional<Long> first = ledger.firstAckAfter(target, time);
            if (first.isPresent()) {
                return first;
            }
            pause(Duration.ofMillis(20));
        }
        return Optional.empty();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, condition, () -> "");
    }

    static void await(
            String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "not within " + timeout.toSeconds() + " s: " + what + "; " + state.get());
            }
            pause(Duration.ofMillis(50));
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
