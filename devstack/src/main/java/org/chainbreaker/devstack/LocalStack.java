package org.chainbreaker.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The local stack ({@code bin/run-local}): PostgreSQL (data kept in {@code .local/postgres}),
 * Keycloak with the {@code chainbreaker} realm, the three services and the gateway, on fixed ports.
 * Stays in the foreground; Ctrl-C or SIGTERM stops the services and the gateway, then Keycloak,
 * then PostgreSQL.
 *
 * <p>Ports: system property {@code chainbreaker.port.<name>} or environment variable {@code
 * CHAINBREAKER_PORT_<NAME>}, names {@code gateway-http} (8080), {@code gateway-grpc} (9090), {@code
 * keycloak} (8180), {@code postgres} (5433), {@code cases} (9101), {@code fugitives} (9102), {@code
 * repatriation} (9103). Argument {@code --infra-only} starts only PostgreSQL and Keycloak (to run
 * the services from an IDE).
 */
public final class LocalStack {

    private LocalStack() {}

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty(
                    "logback.configurationFile",
                    "org/chainbreaker/devstack/localstack-logback.xml");
        }
        // The health probe needs no native transport (and the JDK warns about loading one).
        System.setProperty("io.grpc.netty.shaded.io.netty.transport.noNative", "true");
        boolean infraOnly = false;
        for (String arg : args) {
            switch (arg) {
                case "--infra-only" -> infraOnly = true;
                case "-h", "--help" -> {
                    System.out.println(
                            """
                            usage: bin/run-local [--build] [--infra-only]
                              --infra-only   start only PostgreSQL and Keycloak
                            ports: CHAINBREAKER_PORT_<NAME>=<port> (or -Dchainbreaker.port.<name>=<port>) with NAME one of
                              GATEWAY_HTTP (8080), GATEWAY_GRPC (9090), KEYCLOAK (8180), POSTGRES (5433),
                              CASES (9101), FUGITIVES (9102), REPATRIATION (9103)""");
                    return;
                }
                default -> {
                    System.err.println("unknown argument " + arg + " (try --help)");
                    System.exit(2);
                }
            }
        }
        try {
            run(infraOnly);
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("Local stack failed: " + e.getMessage());
            System.exit(1); // the shutdown hook stops whatever did start
        }
    }

    private static void run(boolean infraOnly) {
        Path root = ServiceProcess.projectRoot();
        Path local = root.resolve(".local");
        Path logs = local.resolve("logs");
        SuitePorts defaults = SuitePorts.localDefaults();
        SuitePorts ports =
                new SuitePorts(
                        port("gateway-http", defaults.gatewayHttp()),
                        port("gateway-grpc", defaults.gatewayGrpc()),
                        port("cases", defaults.cases()),
                        port("fugitives", defaults.fugitives()),
                        port("repatriation", defaults.repatriation()));
        int keycloakPort = port("keycloak", 8180);
        int postgresPort = port("postgres", 5433);

        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("postgres", postgresPort);
        wanted.put("keycloak", keycloakPort);
        if (!infraOnly) {
            wanted.put("gateway-http", ports.gatewayHttp());
            wanted.put("gateway-grpc", ports.gatewayGrpc());
            wanted.put("cases", ports.cases());
            wanted.put("fugitives", ports.fugitives());
            wanted.put("repatriation", ports.repatriation());
            List<Path> missing =
                    Suite.execJars().stream().filter(j -> !j.toFile().isFile()).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException(
                        "exec jars missing, run bin/run-local --build: " + missing);
            }
        }
        List<String> busy = new ArrayList<>();
        wanted.forEach(
                (name, port) -> {
                    if (Devstack.portInUse(port)) {
                        busy.add(
                                port
                                        + " ("
                                        + name
                                        + "; set CHAINBREAKER_PORT_"
                                        + name.toUpperCase(Locale.ROOT).replace('-', '_')
                                        + "=<free port>)");
                    }
                });
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports in use: " + String.join(", ", busy));
        }

        System.setProperty("chainbreaker.devstack.log-dir", logs.toString());
        say(
                "Starting PostgreSQL on port "
                        + postgresPort
                        + " (data in "
                        + root.relativize(local)
                        + "/postgres) ...");
        PostgresServer postgres =
                PostgresServer.persistent(local.resolve("postgres"), postgresPort);
        Devstack.onShutdown(postgres::stop);

        say("Starting SoftHSM2 (token in " + root.relativize(local) + "/softhsm) ...");
        SoftHsm.startShared(local.resolve("softhsm"));

        say(
                "Starting Keycloak on port "
                        + keycloakPort
                        + " (first run on this machine takes about a minute) ...");
        KeycloakServer keycloak = KeycloakServer.start(keycloakPort, logs.resolve("keycloak.log"));
        Devstack.onShutdown(keycloak::stop);

        Suite suite = null;
        if (!infraOnly) {
            say(
                    "Starting "
                            + Suite.BACKENDS.stream().map(Suite.Backend::module).toList()
                            + " and "
                            + Suite.GATEWAY
                            + " (logs in "
                            + root.relativize(logs)
                            + ") ...");
            Suite.Builder builder =
                    Suite.builder().ports(ports).postgres(postgres).keycloak(keycloak).logDir(logs);
            for (Suite.Backend b : Suite.BACKENDS) {
                builder.jvmArgs(b.module(), jvmOptions(b.module()));
            }
            suite = builder.jvmArgs(Suite.GATEWAY, jvmOptions(Suite.GATEWAY)).start();
            loadDemoData(suite, keycloak);
        } else {
            for (Suite.Backend b : Suite.BACKENDS) {
                PostgresServer.DatabaseAccess db = postgres.provision(b.database());
                say(
                        "  database "
                                + b.database()
                                + ": "
                                + db.jdbcUrl()
                                + "  app "
                                + db.appUser()
                                + "/"
                                + db.appPassword()
                                + "  owner "
                                + db.ownerUser()
                                + "/"
                                + db.ownerPassword());
            }
        }
        banner(keycloak, postgres, suite, ports);
        watch(suite);
    }

    /**
     * JVM options of a service on a developer's machine: a heap sized for one person's traffic
     * (about 35-85 MiB live after the demo data) and the serial collector, so that the whole stack
     * stays within 2.5 GB resident instead of each JVM growing towards a quarter of the machine's
     * memory, G1's default. The fugitive-service gets more for bulk ingest and name scoring.
     * Appended options win: {@code CHAINBREAKER_SERVICE_JVM_OPTS} overrides these.
     */
    static String[] jvmOptions(String module) {
        List<String> options = new ArrayList<>(List.of("-Xms32m", "-XX:+UseSerialGC"));
        options.add(module.equals("fugitive-service") ? "-Xmx384m" : "-Xmx256m");
        String extra = System.getenv("CHAINBREAKER_SERVICE_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.strip().split("\\s+")));
        }
        return options.toArray(String[]::new);
    }

    /**
     * Loads the "Breaking the Chains" demo cases through the gateway with each country's own token;
     * idempotent, so a restart of the local stack creates nothing twice. A failure is reported and
     * the stack stays up.
     */
    private static void loadDemoData(Suite suite, KeycloakServer keycloak) {
        say("Loading the Breaking the Chains demo data through the gateway ...");
        io.grpc.ManagedChannel channel =
                io.grpc.ManagedChannelBuilder.forTarget(suite.grpcTarget()).usePlaintext().build();
        try {
            BreakingTheChainsDemo.Summary summary =
                    new BreakingTheChainsDemo(channel, keycloak::tokenFor).load();
            say(
                    "  "
                            + summary.cases()
                            + " cases, "
                            + summary.leads()
                            + " leads ("
                            + (summary.changes() == 0
                                    ? "already loaded"
                                    : summary.shares()
                                            + " shares, "
                                            + summary.assignments()
                                            + " lead assignments, "
                                            + summary.steps()
                                            + " status steps made now")
                            + ")");
        } catch (RuntimeException e) {
            System.err.println("Demo data not loaded: " + e.getMessage());
        } finally {
            channel.shutdownNow();
        }
    }

    private static void banner(
            KeycloakServer keycloak, PostgresServer postgres, Suite suite, SuitePorts ports) {
        String rest = "http://localhost:" + ports.gatewayHttp();
        StringBuilder b = new StringBuilder();
        b.append(System.lineSeparator())
                .append("Chainbreaker local stack is up.")
                .append(System.lineSeparator());
        if (suite != null) {
            b.append("  REST      ").append(rest).append(System.lineSeparator());
            b.append("  gRPC      localhost:")
                    .append(ports.gatewayGrpc())
                    .append(System.lineSeparator());
        }
        b.append("  Keycloak  ")
                .append(keycloak.baseUrl())
                .append("  (admin console: admin / admin)")
                .append(System.lineSeparator());
        b.append("  issuer    ").append(keycloak.issuer()).append(System.lineSeparator());
        b.append("  Postgres  ")
                .append(postgres.jdbcUrl("postgres"))
                .append(System.lineSeparator());
        b.append(System.lineSeparator());
        b.append(
                        "Try it (dev users <cc>-investigator / -analyst / -liaison, password = user name):")
                .append(System.lineSeparator());
        b.append("  TOKEN=$(curl -s -d grant_type=password -d client_id=")
                .append(KeycloakServer.CLI_CLIENT)
                .append(" -d username=kr-investigator -d password=kr-investigator \\")
                .append(System.lineSeparator())
                .append("      ")
                .append(keycloak.tokenEndpoint())
                .append(" | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')")
                .append(System.lineSeparator());
        if (suite == null) {
            b.append(System.lineSeparator())
                    .append("Ctrl-C stops everything.")
                    .append(System.lineSeparator());
            System.out.println(b);
            return;
        }
        b.append("  curl -s -X POST ")
                .append(rest)
                .append("/api/v1/cases -H \"Authorization: Bearer $TOKEN\" \\")
                .append(System.lineSeparator())
                .append("      -H 'Content-Type: application/json' \\")
                .append(System.lineSeparator())
                .append(
                        "      -d '{\"title\":\"Romance scam ring in Poipet\",\"category\":\"ONLINE_SCAM\",")
                .append("\"summary\":\"Victims recruited via fake job ads\"}'")
                .append(System.lineSeparator());
        b.append(System.lineSeparator())
                .append("Ctrl-C stops everything.")
                .append(System.lineSeparator());
        System.out.println(b);
    }

    /** Stays in the foreground; reports a child that dies. */
    private static void watch(Suite suite) {
        List<ServiceProcess> reported = new ArrayList<>();
        while (true) {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            }
            if (suite == null) {
                continue;
            }
            for (ServiceProcess p : suite.processes()) {
                if (!p.isAlive() && !reported.contains(p)) {
                    reported.add(p);
                    System.err.println(
                            p.name()
                                    + " stopped unexpectedly; last lines of "
                                    + p.logFile()
                                    + ":"
                                    + System.lineSeparator()
                                    + p.logTail(30));
                }
            }
        }
    }

    static int port(String name, int fallback) {
        String value = System.getProperty("chainbreaker.port." + name);
        if (value == null || value.isBlank()) {
            value =
                    System.getenv(
                            "CHAINBREAKER_PORT_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port " + name + " is not a number: " + value);
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
