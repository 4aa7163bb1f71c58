package org.chainbreaker.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Facts and helpers shared by the devstack classes: versions known to the build, folders, free
 * ports, and the one ordered shutdown hook of the JVM (what started last is stopped first: services
 * before Keycloak before PostgreSQL).
 */
public final class Devstack {

    private static final Logger log = LoggerFactory.getLogger(Devstack.class);
    private static final Properties BUILD = loadBuildProperties();
    private static final Deque<Runnable> SHUTDOWN = new ArrayDeque<>();
    private static boolean hookInstalled;

    private Devstack() {}

    /**
     * Version of the Chainbreaker modules this devstack was built with, e.g. {@code
     * 0.1.0-SNAPSHOT}.
     */
    public static String projectVersion() {
        return BUILD.getProperty("project.version");
    }

    /** Version of the Keycloak distribution ({@code org.keycloak:keycloak-quarkus-dist}). */
    public static String keycloakVersion() {
        return System.getProperty(
                "chainbreaker.keycloak.version", BUILD.getProperty("keycloak.version"));
    }

    /**
     * Cache shared by all runs on this machine (unzipped Keycloak, Keycloak instances): {@code
     * $CHAINBREAKER_CACHE}, else {@code $XDG_CACHE_HOME/chainbreaker}, else {@code
     * ~/.cache/chainbreaker}.
     */
    public static Path cacheDir() {
        String explicit = System.getenv("CHAINBREAKER_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "chainbreaker");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "chainbreaker");
    }

    /**
     * The local Maven repository: system property {@code maven.repo.local} (surefire passes it in
     * devstack's own tests), else {@code ~/.m2/repository}.
     */
    public static Path localMavenRepository() {
        String explicit = System.getProperty("maven.repo.local");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * Where child processes log by default: system property {@code chainbreaker.devstack.log-dir},
     * else {@code target/devstack-logs} of the working directory when it has a {@code target}
     * folder (a Maven test run), else {@code logs} under the cache.
     */
    public static Path defaultLogDir() {
        String explicit = System.getProperty("chainbreaker.devstack.log-dir");
        Path dir;
        if (explicit != null && !explicit.isBlank()) {
            dir = Path.of(explicit);
        } else {
            Path target = Path.of(System.getProperty("user.dir"), "target");
            dir =
                    Files.isDirectory(target)
                            ? target.resolve("devstack-logs")
                            : cacheDir().resolve("logs");
        }
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A TCP port that was free a moment ago, below the kernel's ephemeral range, and not handed out
     * before by this JVM. The caller's child process binds it later: a port from the ephemeral
     * range (what binding port 0 gives) may meanwhile become the local end of any outgoing
     * connection on the machine (a JDBC pool, another build's HTTP client), and the child's bind
     * then fails with "Address already in use". Below the range only another listener can take it.
     */
    public static int freePort() {
        int low = Math.max(MIN_CHOSEN_PORT, ephemeralRangeStart() - CHOSEN_PORTS);
        int high = ephemeralRangeStart() - 1;
        for (int i = 0; i < 200 && high - low > 1000; i++) {
            int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(low, high + 1);
            if (!portInUse(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        // No room below the ephemeral range on this machine: the kernel's choice.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static final int MIN_CHOSEN_PORT = 10_000;
    private static final int CHOSEN_PORTS = 20_000;
    private static final java.util.Set<Integer> HANDED_OUT =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * First port of the range the kernel takes local ports of outgoing connections from: Linux says
     * it in /proc (32768 by default), macOS and others use the IANA range (49152).
     */
    static int ephemeralRangeStart() {
        // Read line by line: Files.readString gives only the first byte of this /proc file.
        try (var in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            return Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }

    /**
     * Whether something accepts or holds {@code port} on the loopback interface or the wildcard
     * address.
     */
    public static boolean portInUse(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            return true;
        }
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Runs {@code action} when the JVM exits, before everything registered earlier (LIFO), all from
     * one hook so that the order holds.
     */
    public static synchronized void onShutdown(Runnable action) {
        if (!hookInstalled) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(Devstack::runShutdownActions, "devstack-shutdown"));
            hookInstalled = true;
        }
        SHUTDOWN.push(action);
    }

    static void runShutdownActions() {
        while (true) {
            Runnable action;
            synchronized (Devstack.class) {
                action = SHUTDOWN.poll();
            }
            if (action == null) {
                return;
            }
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("shutdown action failed", e);
            }
        }
    }

    /** The last {@code lines} lines of a text file, or a note why there are none. */
    public static String tail(Path file, int lines) {
        if (file == null || !Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try {
            var all = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
            return String.join(
                    System.lineSeparator(),
                    all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            // Files.walk does not follow symbolic links: linked folders are removed as links, their
            // targets kept.
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    log.debug("could not delete {}: {}", p, e.toString());
                                }
                            });
        } catch (IOException e) {
            log.debug("could not delete {}: {}", root, e.toString());
        }
    }

    private static Properties loadBuildProperties() {
        Properties properties = new Properties();
        try (InputStream in = Devstack.class.getResourceAsStream("devstack.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "devstack.properties missing from the devstack jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
