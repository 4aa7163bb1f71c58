package org.chainbreaker.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.chainbreaker.devstack.PostgresServer.DatabaseAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole Chainbreaker suite (three backend services and the gateway) as child processes, on
 * given ports, against a given PostgreSQL and Keycloak. The local stack ({@link LocalStack}) runs
 * it on fixed ports; system tests run it on random free ports with {@code
 * Suite.start(SuitePorts.random())}.
 *
 * <p>This class is the one place that knows which services exist and which properties they get.
 */
public final class Suite implements AutoCloseable {

    /**
     * A backend service.
     *
     * @param module Maven module, also the name of its exec jar
     * @param database its PostgreSQL database
     * @param upstream key of the gateway's {@code chainbreaker.upstreams.<key>} property
     * @param port its gRPC port among the suite's ports
     */
    public record Backend(
            String module, String database, String upstream, ToIntFunction<SuitePorts> port) {}

    public static final List<Backend> BACKENDS =
            List.of(
                    new Backend("case-service", "cases", "cases", SuitePorts::cases),
                    new Backend(
                            "fugitive-service", "fugitives", "fugitives", SuitePorts::fugitives),
                    new Backend(
                            "repatriation-service",
                            "repatriation",
                            "repatriation",
                            SuitePorts::repatriation));
    public static final String GATEWAY = "gateway";

    /** Exec jars of every module the suite runs. */
    public static List<Path> execJars() {
        return modules().stream().map(ServiceProcess::execJar).toList();
    }

    /** Every module the suite runs: the backends, then the gateway. */
    static List<String> modules() {
        List<String> modules = new ArrayList<>();
        BACKENDS.forEach(b -> modules.add(b.module()));
        modules.add(GATEWAY);
        return modules;
    }

    /** How often a start on chosen ports is tried when a process finds its port taken. */
    static final int PORT_ATTEMPTS = 4;

    /** Command-line properties of a backend service. */
    public static List<String> backendArgs(
            Backend backend, SuitePorts ports, DatabaseAccess db, String issuer) {
        List<String> args = new ArrayList<>();
        serviceProperties(backend.port().applyAsInt(ports), db, issuer)
                .forEach((key, value) -> args.add("--" + key + "=" + value));
        // Services call each other (the repatriation-service asks the fugitive-service), with the
        // caller's token.
        args.addAll(upstreamArgs(ports));
        return args;
    }

    /**
     * The properties every backend service needs: its gRPC port, its database as the application
     * role (row-level security applies) and as the owner role (Flyway), the token issuer, a free
     * port for its metrics on loopback, the development profile (which alone lets a service start
     * without a cursor secret of its own), and the PKCS#11 token holding the countries' keys. The
     * services' own integration tests use the same set.
     */
    public static Map<String, String> serviceProperties(
            int grpcPort, DatabaseAccess db, String issuer) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.grpc.server.port", Integer.toString(grpcPort));
        properties.put("spring.datasource.url", db.jdbcUrl());
        properties.put("spring.datasource.username", db.appUser());
        properties.put("spring.datasource.password", db.appPassword());
        properties.put("spring.flyway.url", db.jdbcUrl());
        properties.put("spring.flyway.user", db.ownerUser());
        properties.put("spring.flyway.password", db.ownerPassword());
        properties.put("spring.flyway.placeholders.app_role", db.appUser());
        properties.put("chainbreaker.security.issuer", issuer);
        // The repatriation-service's client at the local realm, for its deferred calls' token
        // exchange (other services do not read it).
        properties.put(
                "chainbreaker.repatriation.exchange.client-secret",
                KeycloakServer.REPATRIATION_CLIENT_SECRET);
        // The fugitive-service's client, for its arrest relay's token exchange.
        properties.put(
                "chainbreaker.fugitives.arrest-relay.exchange.client-secret",
                KeycloakServer.FUGITIVE_CLIENT_SECRET);
        // Prometheus scrape on a free port (logged at start), reachable from this machine only: it
        // names countries
        // and their volumes without authentication. Kubernetes uses a fixed port behind a
        // NetworkPolicy.
        properties.put("chainbreaker.metrics.port", "0");
        properties.put("chainbreaker.metrics.bind-address", "127.0.0.1");
        properties.put("spring.profiles.active", "dev");
        // The countries' keys: the run's SoftHSM2 token.
        properties.putAll(SoftHsm.shared().serviceProperties());
        return properties;
    }

    private static List<String> upstreamArgs(SuitePorts ports) {
        List<String> args = new ArrayList<>();
        for (Backend b : BACKENDS) {
            args.add(
                    "--chainbreaker.upstreams."
                            + b.upstream()
                            + "=localhost:"
                            + b.port().applyAsInt(ports));
        }
        return args;
    }

    /** Command-line properties of the gateway. */
    public static List<String> gatewayArgs(SuitePorts ports, String issuer) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--server.port=" + ports.gatewayHttp(),
                                "--chainbreaker.gateway.grpc-port=" + ports.gatewayGrpc(),
                                "--chainbreaker.metrics.port=0",
                                "--chainbreaker.metrics.bind-address=127.0.0.1",
                                "--chainbreaker.security.issuer=" + issuer));
        args.addAll(upstreamArgs(ports));
        return args;
    }

    private static final Logger log = LoggerFactory.getLogger(Suite.class);
    static final Executor THREADS = Executors.newVirtualThreadPerTaskExecutor();

    volatile SuitePorts ports;
    private final PostgresServer postgres;
    private final KeycloakServer keycloak;
    private final Map<String, DatabaseAccess> databases;
    final Map<String, ServiceProcess> processes;
    final Map<String, Launch> launches = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> restarts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Path logDir;
    private final Duration readyTimeout;
    private final Function<String, Path> jars;
    private volatile boolean stopped;

    /** How a module was started, to start it again the same way (same ports, same database). */
    record Launch(List<String> jvmArgs, List<String> args) {}

    private Suite(
            SuitePorts ports,
            PostgresServer postgres,
            KeycloakServer keycloak,
            Map<String, DatabaseAccess> databases,
            Map<String, ServiceProcess> processes,
            Path logDir,
            Duration readyTimeout,
            Function<String, Path> jars) {
        this.ports = ports;
        this.postgres = postgres;
        this.keycloak = keycloak;
        this.databases = databases;
        this.processes = processes;
        this.logDir = logDir;
        this.readyTimeout = readyTimeout;
        this.jars = jars;
    }

    /**
     * Starts the suite on {@code ports} against {@link PostgresServer#shared()} and {@link
     * KeycloakServer#shared()}; stopped when the JVM exits, or earlier by {@link #stop()}. Given
     * ports are used as given; a builder without {@link Builder#ports} chooses free ports itself
     * and chooses again when a process finds one taken.
     */
    public static Suite start(SuitePorts ports) {
        return builder().ports(ports).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a suite start. */
    public static final class Builder {
        private SuitePorts ports;
        private PostgresServer postgres;
        private KeycloakServer keycloak;
        private Path logDir;
        private boolean stopOnExit = true;
        private Duration readyTimeout =
                Duration.ofSeconds(Long.getLong("chainbreaker.service.start-timeout-seconds", 180));
        private final Map<String, List<String>> extraArgs = new HashMap<>();
        private final Map<String, List<String>> jvmArgs = new HashMap<>();
        private final Map<String, String> gatewayUpstreams = new HashMap<>();
        private Supplier<SuitePorts> portChooser = SuitePorts::random;
        private Function<String, Path> jars = ServiceProcess::execJar;
        private String issuer;

        private Builder() {}

        /** The token issuer the services are told of, without a Keycloak (stand-ins ignore it). */
        Builder issuerWithoutKeycloak(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** How ports are chosen when none are given (tests of the retry choose taken ones). */
        Builder portChooser(Supplier<SuitePorts> portChooser) {
            this.portChooser = portChooser;
            return this;
        }

        /** Where each module's executable jar is (tests run stand-ins). */
        Builder jars(Function<String, Path> jars) {
            this.jars = jars;
            return this;
        }

        /**
         * Where the gateway reaches one service instead of the service's own port, e.g. a proxy in
         * between ({@code upstream} is the key of {@code chainbreaker.upstreams}, such as {@code
         * fugitives}). The services still call each other directly.
         */
        public Builder gatewayUpstream(String upstream, String target) {
            gatewayUpstreams.put(upstream, target);
            return this;
        }

        /**
         * Fixed ports, used as given (the local stack's, or ports a caller needs to know before the
         * start). Default: free ports chosen at the start, and chosen again for the processes whose
         * port was taken before they bound it (another process on the machine may take a free port
         * in that moment).
         */
        public Builder ports(SuitePorts ports) {
            this.ports = ports;
            return this;
        }

        /** Default: {@link PostgresServer#shared()}. */
        public Builder postgres(PostgresServer postgres) {
            this.postgres = postgres;
            return this;
        }

        /** Default: {@link KeycloakServer#shared()}. */
        public Builder keycloak(KeycloakServer keycloak) {
            this.keycloak = keycloak;
            return this;
        }

        /**
         * Where each process writes {@code <module>.log}; default {@link Devstack#defaultLogDir()}.
         */
        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        /**
         * More {@code --prop=value} arguments for one module (a backend's module name or {@code
         * gateway}).
         */
        public Builder args(String module, String... args) {
            extraArgs.computeIfAbsent(module, m -> new ArrayList<>()).addAll(List.of(args));
            return this;
        }

        /** JVM options for one module, e.g. {@code -Xmx256m}. */
        public Builder jvmArgs(String module, String... args) {
            jvmArgs.computeIfAbsent(module, m -> new ArrayList<>()).addAll(List.of(args));
            return this;
        }

        /** How long each process may take to become ready; default 180 s. */
        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = readyTimeout;
            return this;
        }

        /** Whether a JVM shutdown hook stops the suite (default true). */
        public Builder stopOnExit(boolean stopOnExit) {
            this.stopOnExit = stopOnExit;
            return this;
        }

        /**
         * Provisions the databases, starts the backends, waits for their gRPC health, then the
         * gateway.
         */
        public Suite start() {
            long t0 = System.nanoTime();
            boolean choosePorts = ports == null;
            SuitePorts p = choosePorts ? portChooser.get() : ports;
            PostgresServer pg = postgres != null ? postgres : PostgresServer.shared();
            KeycloakServer kc =
                    keycloak != null || issuer != null ? keycloak : KeycloakServer.shared();
            String iss = issuer != null ? issuer : kc.issuer();
            Path logs = logDir != null ? logDir : Devstack.defaultLogDir();
            List<Path> missing =
                    modules().stream().map(jars).filter(j -> !j.toFile().isFile()).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException(
                        "exec jars missing (build them: ./mvnw -DskipTests install): " + missing);
            }
            Map<String, DatabaseAccess> dbs = new LinkedHashMap<>();
            for (Backend b : BACKENDS) {
                dbs.put(b.database(), pg.provision(b.database()));
            }
            Map<String, ServiceProcess> started =
                    Collections.synchronizedMap(new LinkedHashMap<>());
            Suite suite =
                    new Suite(
                            p,
                            pg,
                            kc,
                            Collections.unmodifiableMap(dbs),
                            started,
                            logs,
                            readyTimeout,
                            jars);
            if (stopOnExit) {
                Devstack.onShutdown(suite::stop);
            }
            try {
                new SuiteLaunch(
                                extraArgs,
                                jvmArgs,
                                gatewayUpstreams,
                                jars,
                                readyTimeout,
                                choosePorts ? Optional.of(portChooser) : Optional.empty())
                        .start(suite, dbs, iss, logs, started);
            } catch (RuntimeException e) {
                suite.stop();
                throw e;
            }
            log.info(
                    "suite ready in {} ms: REST {}, gRPC {}",
                    Duration.ofNanos(System.nanoTime() - t0).toMillis(),
                    suite.restUrl(),
                    suite.grpcTarget());
            return suite;
        }
    }

    public SuitePorts ports() {
        return ports;
    }

    /** The gateway's REST base URL, e.g. {@code http://localhost:8080}. */
    public String restUrl() {
        return "http://localhost:" + ports.gatewayHttp();
    }

    /** The gateway's gRPC target, e.g. {@code localhost:9090}. */
    public String grpcTarget() {
        return "localhost:" + ports.gatewayGrpc();
    }

    public int grpcPort() {
        return ports.gatewayGrpc();
    }

    /** gRPC target of one backend by module name, e.g. {@code backendTarget("case-service")}. */
    public String backendTarget(String module) {
        return BACKENDS.stream()
                .filter(b -> b.module().equals(module))
                .findFirst()
                .map(b -> "localhost:" + b.port().applyAsInt(ports))
                .orElseThrow(() -> new IllegalArgumentException("no backend " + module));
    }

    public String issuer() {
        return keycloak.issuer();
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /**
     * Access to one backend's database by database name ({@code cases}, {@code fugitives}, {@code
     * repatriation}).
     */
    public DatabaseAccess database(String database) {
        DatabaseAccess access = databases.get(database);
        if (access == null) {
            throw new IllegalArgumentException(
                    "no database " + database + " in " + databases.keySet());
        }
        return access;
    }

    /** The process of one module (a backend's module name or {@code gateway}). */
    public ServiceProcess process(String module) {
        ServiceProcess process = processes.get(module);
        if (process == null) {
            throw new IllegalArgumentException(
                    "no process " + module + " in " + processes.keySet());
        }
        return process;
    }

    /** All processes, in start order. */
    public List<ServiceProcess> processes() {
        synchronized (processes) {
            return List.copyOf(processes.values());
        }
    }

    /**
     * SIGKILL to one module's process (a backend's module name or {@code gateway}); see {@link
     * #restart}.
     */
    public void kill(String module) {
        process(module).kill();
    }

    /**
     * Starts one module again exactly as it was started (same ports, database, arguments), after it
     * ended or was {@link #kill killed}, and waits until it is ready. Its log goes to {@code
     * <module>-restart-<n>.log}.
     */
    public ServiceProcess restart(String module) {
        Launch launch = launches.get(module);
        if (launch == null) {
            throw new IllegalArgumentException("no module " + module + " in " + launches.keySet());
        }
        if (process(module).isAlive()) {
            throw new IllegalStateException(module + " is still running; kill or stop it first");
        }
        int n = restarts.merge(module, 1, Integer::sum);
        ServiceProcess process =
                ServiceProcess.start(
                        module,
                        jars.apply(module),
                        launch.jvmArgs(),
                        launch.args(),
                        logDir.resolve(module + "-restart-" + n + ".log"));
        processes.put(module, process);
        if (GATEWAY.equals(module)) {
            process.awaitHttp(restUrl() + "/actuator/health", readyTimeout);
        } else {
            BACKENDS.stream()
                    .filter(b -> b.module().equals(module))
                    .findFirst()
                    .ifPresent(
                            b ->
                                    process.awaitGrpcHealthy(
                                            b.port().applyAsInt(ports), readyTimeout));
        }
        return process;
    }

    /**
     * Stops the gateway first, then the backends (in parallel). PostgreSQL and Keycloak keep
     * running.
     */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        ServiceProcess gateway = processes.get(GATEWAY);
        if (gateway != null) {
            gateway.stop();
        }
        List<CompletableFuture<Void>> stops =
                processes().stream()
                        .filter(p -> p != gateway)
                        .map(p -> CompletableFuture.runAsync(p::stop, THREADS))
                        .toList();
        stops.forEach(CompletableFuture::join);
    }

    @Override
    public void close() {
        stop();
    }
}
