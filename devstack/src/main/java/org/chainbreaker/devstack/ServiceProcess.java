package org.chainbreaker.devstack;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of our Spring Boot applications running as a child JVM: {@code java -jar <exec jar>
 * --prop=value ...} with the {@code java.home} of this JVM, output to a log file.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration DEFAULT_READY_TIMEOUT =
            Duration.ofSeconds(Long.getLong("chainbreaker.service.start-timeout-seconds", 180));

    /**
     * JVM options for a child that tests start (and restart) under a light load, where start-up
     * time is what counts: C1 alone compiles far less at start than C1 and C2, and the serial
     * collector starts no GC threads per core; neither changes what the service does.
     */
    public static final List<String> QUICK_START =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final String name;
    private final Process process;
    private final Path logFile;
    private volatile boolean stopped;

    private ServiceProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code <root>/<module>/target/<module>-<version>-exec.jar} with {@code args}, logging
     * to the default log folder.
     */
    public static ServiceProcess start(String module, List<String> args) {
        return start(
                module, execJar(module), args, Devstack.defaultLogDir().resolve(module + ".log"));
    }

    /**
     * Starts {@code java [jvmArgs] -jar jar args...} under the name {@code name}, logging to {@code
     * logFile}.
     */
    public static ServiceProcess start(String name, Path jar, List<String> args, Path logFile) {
        return start(name, jar, List.of(), args, logFile);
    }

    /**
     * Starts {@code java jvmArgs -jar jar args...} under the name {@code name}, logging to {@code
     * logFile}.
     */
    public static ServiceProcess start(
            String name, Path jar, List<String> jvmArgs, List<String> args, Path logFile) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "no executable jar for "
                            + name
                            + " at "
                            + jar
                            + " (build it: ./mvnw -DskipTests install)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.deleteIfExists(logFile);
            ProcessBuilder pb =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            // The PKCS#11 library finds the token through its environment only.
            SoftHsm hsm = SoftHsm.startedOrNull();
            if (hsm != null) {
                pb.environment().putAll(hsm.environment());
            }
            Process process = pb.start();
            log.info("started {} (pid {}), log {}", name, process.pid(), logFile);
            return new ServiceProcess(name, process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * Waits until the gRPC health service on {@code localhost:port} answers SERVING for the whole
     * server.
     */
    public ServiceProcess awaitGrpcHealthy(int port) {
        return awaitGrpcHealthy(port, DEFAULT_READY_TIMEOUT);
    }

    public ServiceProcess awaitGrpcHealthy(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ManagedChannel channel =
                NettyChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        try {
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
            String last = "no answer";
            while (System.nanoTime() < deadline) {
                failIfExited();
                // Without this the channel waits out its exponential reconnect backoff (up to two
                // minutes) after
                // the refused connections of a slow start, and reports UNAVAILABLE long after the
                // server is up.
                channel.resetConnectBackoff();
                try {
                    HealthCheckResponse response =
                            health.withDeadlineAfter(2, TimeUnit.SECONDS)
                                    .check(HealthCheckRequest.newBuilder().setService("").build());
                    if (response.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
                        log.info("{} is SERVING on gRPC port {}", name, port);
                        return this;
                    }
                    last = response.getStatus().name();
                } catch (StatusRuntimeException e) {
                    last = e.getStatus().getCode().name();
                }
                pause();
            }
            throw notReady("gRPC health on port " + port + " (last: " + last + ")", timeout);
        } finally {
            channel.shutdownNow();
        }
    }

    /** Waits until GET {@code url} answers 200. */
    public ServiceProcess awaitHttp(String url) {
        return awaitHttp(url, DEFAULT_READY_TIMEOUT);
    }

    public ServiceProcess awaitHttp(String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < deadline) {
                failIfExited();
                try {
                    HttpResponse<Void> response =
                            http.send(
                                    HttpRequest.newBuilder(URI.create(url))
                                            .timeout(Duration.ofSeconds(5))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        log.info("{} answers 200 at {}", name, url);
                        return this;
                    }
                    last = "HTTP " + response.statusCode();
                } catch (IOException e) {
                    last = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                pause();
            }
        }
        throw notReady(url + " (last: " + last + ")", timeout);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** The last {@code lines} lines of the log. */
    public String logTail(int lines) {
        return Devstack.tail(logFile, lines);
    }

    /** SIGTERM (Spring's graceful shutdown), then kill after 20 s. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        ProcessControl.terminate(process, Duration.ofSeconds(20));
        log.info("stopped {}", name);
    }

    /**
     * SIGKILL, as a crash or an out-of-memory killer would: no shutdown hook, no graceful end of
     * calls or transactions. Returns once the process is gone.
     */
    public synchronized void kill() {
        stopped = true;
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        log.info("killed {} (SIGKILL)", name);
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    // --- where things are
    // ---------------------------------------------------------------------------------------

    /**
     * The repository root: system property {@code chainbreaker.root}, else the nearest directory at
     * or above {@code user.dir} that holds {@code mvnw}.
     */
    public static Path projectRoot() {
        return findProjectRoot()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "no Chainbreaker checkout (a folder with mvnw) at or above "
                                                + System.getProperty("user.dir")
                                                + "; set -Dchainbreaker.root=<path>"));
    }

    static Optional<Path> findProjectRoot() {
        String explicit = System.getProperty("chainbreaker.root");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
                dir != null;
                dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** {@code <root>/<module>/target/<module>-<version>-exec.jar} */
    public static Path execJar(String module) {
        return projectRoot()
                .resolve(module)
                .resolve("target")
                .resolve(module + "-" + Devstack.projectVersion() + "-exec.jar");
    }

    private void failIfExited() {
        if (!process.isAlive()) {
            String message =
                    name
                            + " exited with code "
                            + process.exitValue()
                            + "; last lines of "
                            + logFile
                            + ":\n"
                            + logTail(60);
            if (PORT_TAKEN.matcher(logTail(400)).find()) {
                throw new PortTakenException(message);
            }
            throw new IllegalStateException(message);
        }
    }

    /**
     * What the JVM (BindException), Netty's native transport and Spring Boot's web server say when
     * a port to listen on is taken.
     */
    private static final java.util.regex.Pattern PORT_TAKEN =
            java.util.regex.Pattern.compile(
                    "Address already in use|Port \\d+ was already in use|Failed to bind to address");

    /**
     * The child ended because a port it was to listen on was taken, typically by another process
     * between the choice of a free port and the child's bind: starting it again on other ports is
     * the remedy (see {@link Suite}).
     */
    public static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }

    private IllegalStateException notReady(String what, Duration timeout) {
        return new IllegalStateException(
                name
                        + " was not ready within "
                        + timeout.toSeconds()
                        + " s: "
                        + what
                        + "; last lines of "
                        + logFile
                        + ":\n"
                        + logTail(60));
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
