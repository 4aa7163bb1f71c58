package org.chainbreaker.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.devstack.ServiceProcess;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.devstack.SuitePorts;

/**
 * Starts the real suite on random ports for one benchmark run, with its logs in a folder of their
 * own.
 */
final class BenchSuite {

    private BenchSuite() {}

    static Suite start(String benchmark) {
        return start(benchmark, "case-service");
    }

    /**
     * A second suite from the exec jars under {@code root} (another build), on the same PostgreSQL
     * and Keycloak as the first (devstack's shared servers): its databases are the same, so the two
     * builds must agree on the migrations.
     */
    static Suite startFrom(Path root, String benchmark) {
        String previous = System.getProperty("chainbreaker.root");
        System.setProperty("chainbreaker.root", root.toAbsolutePath().toString());
        try {
            System.out.printf("second suite (%s) from the jars under %s%n", benchmark, root);
            return start(benchmark);
        } finally {
            if (previous == null) {
                System.clearProperty("chainbreaker.root");
            } else {
                System.setProperty("chainbreaker.root", previous);
            }
        }
    }

    /** The suite, with extra arguments for one module (e.g. a profile of the benchmark's own). */
    static Suite start(String benchmark, String configured, String... configuredArgs) {
        Path logs = logDir(benchmark);
        System.out.printf(
                "starting the suite (embedded PostgreSQL, Keycloak, services, gateway); logs in %s%n",
                logs);
        long t0 = System.nanoTime();
        // KR drives the load: lift its limit, or the benchmark measures 429s.
        Suite.Builder builder =
                Suite.builder()
                        .ports(SuitePorts.random())
                        .logDir(logs)
                        .args(
                                "gateway",
                                "--chainbreaker.gateway.limits.tenants.KR.rate=1000000",
                                "--chainbreaker.gateway.limits.tenants.KR.burst=1000000",
                                // KH keeps the default limit: the noisy neighbour of `bin/bench
                                // gateway --flood`.
                                "--chainbreaker.gateway.limits.tenants.KH.rate=100",
                                "--chainbreaker.gateway.limits.tenants.KH.burst=200");
        // Tracing as deployed: the production overlay samples 10% of the traces that no caller
        // started
        // (k8s/overlays/production); the applications' own default, 1.0, is for development.
        String sampling = System.getProperty("chainbreaker.bench.sampling", "0.1");
        System.out.printf(
                "trace sampling probability of every process: %s (-Dchainbreaker.bench.sampling)%n",
                sampling);
        // Extra JVM options per process, e.g. to record a profile of the gateway under load:
        // -Dchainbreaker.bench.jvm.gateway=-XX:StartFlightRecording=filename=gw.jfr
        // (space-separated).
        for (String module :
                List.of("gateway", "case-service", "fugitive-service", "repatriation-service")) {
            builder.args(module, "--management.tracing.sampling.probability=" + sampling);
            String options = System.getProperty("chainbreaker.bench.jvm." + module, "").trim();
            if (!options.isEmpty()) {
                builder.jvmArgs(module, options.split("\\s+"));
            }
        }
        if (configuredArgs.length > 0) {
            System.out.printf("%s started with %s%n", configured, String.join(" ", configuredArgs));
            builder.args(configured, configuredArgs);
        }
        Suite suite = builder.start();
        System.out.printf(
                "suite ready in %.1f s: REST %s, gRPC %s, case-service %s%n",
                Duration.ofNanos(System.nanoTime() - t0).toMillis() / 1000.0,
                suite.restUrl(),
                suite.grpcTarget(),
                suite.backendTarget("case-service"));
        System.out.printf(
                "suite built from %s at %s%n",
                ServiceProcess.projectRoot(), revision(ServiceProcess.projectRoot()));
        return suite;
    }

    /** "commit abc1234" plus "(working tree modified)" when it is; "unknown" without git. */
    private static String revision(Path root) {
        try {
            String commit = git(root, "rev-parse", "--short", "HEAD").trim();
            boolean dirty = !git(root, "status", "--porcelain", "--untracked-files=no").isBlank();
            return "commit " + commit + (dirty ? " (working tree modified)" : "");
        } catch (Exception e) {
            return "unknown revision";
        }
    }

    private static String git(Path root, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(out);
        }
        return out;
    }

    private static Path logDir(String benchmark) {
        String base = System.getProperty("chainbreaker.bench.log-dir");
        Path dir =
                base != null && !base.isBlank()
                        ? Path.of(base)
                        : ServiceProcess.projectRoot()
                                .resolve("benchmarks")
                                .resolve("target")
                                .resolve("bench-logs");
        return dir.resolve(
                benchmark
                        + "-"
                        + LocalDateTime.now()
                                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
