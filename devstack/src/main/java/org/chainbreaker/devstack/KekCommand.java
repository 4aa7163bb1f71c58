package org.chainbreaker.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator's key command (the platform's KekRotationCommand, bin/rotate-kek) in a JVM of its
 * own, as the operator runs it beside the services: its own login to the shared SoftHSM2 token, a
 * database's owner role, and whatever else the test sets in its environment.
 */
public final class KekCommand {

    private KekCommand() {}

    /** What the command printed (output and errors) and its exit status. */
    public record Outcome(int exitStatus, String output) {}

    public static Outcome run(
            PostgresServer.DatabaseAccess database, Map<String, String> extra, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.chainbreaker.platform.keys.KekRotationCommand"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.putAll(SoftHsm.shared().environment());
        env.remove("JAVA_TOOL_OPTIONS");
        SoftHsm.shared()
                .serviceProperties()
                .forEach(
                        (key, value) ->
                                env.put(
                                        key.toUpperCase(Locale.ROOT)
                                                .replace('.', '_')
                                                .replace('-', '_'),
                                        value));
        env.put("SPRING_FLYWAY_URL", database.jdbcUrl());
        env.put("SPRING_FLYWAY_USER", database.ownerUser());
        env.put("SPRING_FLYWAY_PASSWORD", database.ownerPassword());
        env.putAll(extra);
        try {
            Process process = builder.start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("rotate-kek " + command + " did not finish");
            }
            return new Outcome(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
