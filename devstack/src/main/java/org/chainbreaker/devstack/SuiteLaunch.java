package org.chainbreaker.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.devstack.PostgresServer.DatabaseAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link Suite.Builder#start()} starts the processes: the backends in parallel, then the
 * gateway, each with its arguments; where the ports were chosen freely ({@code portChooser}), the
 * processes whose port was taken before they bound it start again on fresh ones.
 */
final class SuiteLaunch {

    private static final Logger log = LoggerFactory.getLogger(Suite.class);

    private final Map<String, List<String>> extraArgs;
    private final Map<String, List<String>> jvmArgs;
    private final Map<String, String> gatewayUpstreams;
    private final Function<String, Path> jars;
    private final Duration readyTimeout;
    private final Optional<Supplier<SuitePorts>> portChooser;

    SuiteLaunch(
            Map<String, List<String>> extraArgs,
            Map<String, List<String>> jvmArgs,
            Map<String, String> gatewayUpstreams,
            Function<String, Path> jars,
            Duration readyTimeout,
            Optional<Supplier<SuitePorts>> portChooser) {
        this.extraArgs = extraArgs;
        this.jvmArgs = jvmArgs;
        this.gatewayUpstreams = gatewayUpstreams;
        this.jars = jars;
        this.readyTimeout = readyTimeout;
        this.portChooser = portChooser;
    }

    /** Starts the backends, then the gateway; {@code started} holds the processes as they start. */
    void start(
            Suite suite,
            Map<String, DatabaseAccess> dbs,
            String iss,
            Path logs,
            Map<String, ServiceProcess> started) {
        for (int attempt = 1; ; attempt++) {
            try {
                startBackends(suite, dbs, iss, logs);
                break;
            } catch (ServiceProcess.PortTakenException e) {
                stopAll(suite.processes());
                started.clear();
                if (portChooser.isEmpty() || attempt >= Suite.PORT_ATTEMPTS) {
                    throw e;
                }
                SuitePorts taken = suite.ports;
                // Every backend again: each one was told the others' ports.
                SuitePorts fresh = portChooser.get().get();
                suite.ports =
                        new SuitePorts(
                                taken.gatewayHttp(),
                                taken.gatewayGrpc(),
                                fresh.cases(),
                                fresh.fugitives(),
                                fresh.repatriation());
                log.warn(
                        "a backend's port was taken before it could bind it; starting the"
                                + " backends again on {} (attempt {}): {}",
                        suite.ports,
                        attempt + 1,
                        e.getMessage().lines().findFirst().orElse(""));
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                startGateway(suite, iss, logs);
                break;
            } catch (ServiceProcess.PortTakenException e) {
                ServiceProcess gateway = started.remove(Suite.GATEWAY);
                if (gateway != null) {
                    gateway.stop();
                }
                if (portChooser.isEmpty() || attempt >= Suite.PORT_ATTEMPTS) {
                    throw e;
                }
                SuitePorts taken = suite.ports;
                SuitePorts fresh = portChooser.get().get();
                suite.ports =
                        new SuitePorts(
                                fresh.gatewayHttp(),
                                fresh.gatewayGrpc(),
                                taken.cases(),
                                taken.fugitives(),
                                taken.repatriation());
                log.warn(
                        "a gateway port was taken before it could bind it; starting it"
                                + " again on {} (attempt {})",
                        suite.ports,
                        attempt + 1);
            }
        }
    }

    /** Starts the backends on the suite's ports and waits until all are healthy. */
    private void startBackends(
            Suite suite, Map<String, DatabaseAccess> dbs, String issuer, Path logs) {
        SuitePorts p = suite.ports;
        List<CompletableFuture<Void>> backends = new ArrayList<>();
        for (Suite.Backend b : Suite.BACKENDS) {
            List<String> args =
                    new ArrayList<>(Suite.backendArgs(b, p, dbs.get(b.database()), issuer));
            args.addAll(extraArgs.getOrDefault(b.module(), List.of()));
            List<String> jvm = jvmArgs.getOrDefault(b.module(), List.of());
            suite.launches.put(b.module(), new Suite.Launch(jvm, args));
            ServiceProcess process =
                    ServiceProcess.start(
                            b.module(),
                            jars.apply(b.module()),
                            jvm,
                            args,
                            logs.resolve(b.module() + ".log"));
            suite.processes.put(b.module(), process);
            int port = b.port().applyAsInt(p);
            backends.add(
                    CompletableFuture.runAsync(
                            () -> process.awaitGrpcHealthy(port, readyTimeout), Suite.THREADS));
        }
        join(backends);
    }

    /** Starts the gateway on the suite's ports and waits for its health. */
    private void startGateway(Suite suite, String issuer, Path logs) {
        List<String> args = new ArrayList<>(Suite.gatewayArgs(suite.ports, issuer));
        gatewayUpstreams.forEach(
                (upstream, target) ->
                        args.replaceAll(
                                arg ->
                                        arg.startsWith("--chainbreaker.upstreams." + upstream + "=")
                                                ? "--chainbreaker.upstreams."
                                                        + upstream
                                                        + "="
                                                        + target
                                                : arg));
        args.addAll(extraArgs.getOrDefault(Suite.GATEWAY, List.of()));
        List<String> jvm = jvmArgs.getOrDefault(Suite.GATEWAY, List.of());
        suite.launches.put(Suite.GATEWAY, new Suite.Launch(jvm, args));
        ServiceProcess gateway =
                ServiceProcess.start(
                        Suite.GATEWAY,
                        jars.apply(Suite.GATEWAY),
                        jvm,
                        args,
                        logs.resolve(Suite.GATEWAY + ".log"));
        suite.processes.put(Suite.GATEWAY, gateway);
        gateway.awaitHttp(suite.restUrl() + "/actuator/health", readyTimeout);
    }

    private static void stopAll(List<ServiceProcess> processes) {
        processes.stream()
                .map(p -> CompletableFuture.runAsync(p::stop, Suite.THREADS))
                .toList()
                .forEach(CompletableFuture::join);
    }

    /** Waits for all, or returns the first failure at once (the others are stopped then). */
    private static void join(List<CompletableFuture<Void>> futures) {
        CompletableFuture<Object> firstFailure = new CompletableFuture<>();
        futures.forEach(
                f ->
                        f.whenComplete(
                                (ok, failure) -> {
                                    if (failure != null) {
                                        firstFailure.completeExceptionally(failure);
                                    }
                                }));
        try {
            CompletableFuture.anyOf(
                            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)),
                            firstFailure)
                    .join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
