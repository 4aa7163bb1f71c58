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

/** Starts the real suite on random ports for one benchmark run, with its logs in a folder of their own. */
final class BenchSuite {

    private BenchSuite() {
    }

    static Suite start(String benchmark) {
        Path logs = logDir(benchmark);
        System.out.printf("starting the suite (embedded PostgreSQL, Keycloak, services, gateway); logs in %s%n", logs);
        long t0 = System.nanoTime();
        // One tenant drives all the load: lift the per-tenant limits, or the benchmark measures 429s.
        Suite suite = Suite.builder().ports(SuitePorts.random()).logDir(logs)
                .args("gateway", "--chainbreaker.gateway.limits.defaults.rate=1000000",
                        "--chainbreaker.gateway.limits.defaults.burst=1000000")
                .start();
        System.out.printf("suite ready in %.1f s: REST %s, gRPC %s, case-service %s%n",
                Duration.ofNanos(System.nanoTime() - t0).toMillis() / 1000.0, suite.restUrl(), suite.grpcTarget(),
                suite.backendTarget("case-service"));
        System.out.printf("suite built from %s at %s%n", ServiceProcess.projectRoot(), revision(ServiceProcess.projectRoot()));
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
        Path dir = base != null && !base.isBlank() ? Path.of(base)
                : ServiceProcess.projectRoot().resolve("benchmarks").resolve("target").resolve("bench-logs");
        return dir.resolve(benchmark + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
