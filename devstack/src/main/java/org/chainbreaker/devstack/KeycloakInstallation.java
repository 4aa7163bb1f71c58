package org.chainbreaker.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keycloak's server distribution on this machine: unzipped once from the local Maven repository
 * (under a lock, for parallel JVMs), and a folder of its own for each start.
 */
final class KeycloakInstallation {

    private static final Logger log = LoggerFactory.getLogger(KeycloakInstallation.class);

    /** Within one JVM (the file lock covers other JVMs). */
    private static final ReentrantLock INSTALL_LOCK = new ReentrantLock();

    private KeycloakInstallation() {}

    /**
     * A folder of its own for one start: own data/, links to the shared lib/, themes/, providers/.
     */
    static Path newInstance(Path home, int port) {
        Path instances = Devstack.cacheDir().resolve("keycloak-instances");
        try {
            Files.createDirectories(instances);
            removeOrphanedInstances(instances);
            long pid = ProcessHandle.current().pid();
            Path instance =
                    Files.createDirectories(
                            instances.resolve(pid + "-" + port + "-" + System.currentTimeMillis()));
            Files.createDirectories(instance.resolve("bin"));
            Files.copy(
                    home.resolve("bin/kc.sh"),
                    instance.resolve("bin/kc.sh"),
                    StandardCopyOption.REPLACE_EXISTING);
            copyTree(home.resolve("conf"), instance.resolve("conf"));
            Files.copy(
                    home.resolve("version.txt"),
                    instance.resolve("version.txt"),
                    StandardCopyOption.REPLACE_EXISTING);
            for (String shared : List.of("lib", "themes", "providers")) {
                Files.createSymbolicLink(instance.resolve(shared), home.resolve(shared));
            }
            Path imports = Files.createDirectories(instance.resolve("data/import"));
            try (InputStream realm =
                    KeycloakServer.class
                            .getClassLoader()
                            .getResourceAsStream(KeycloakServer.REALM_RESOURCE)) {
                if (realm == null) {
                    throw new IllegalStateException(
                            KeycloakServer.REALM_RESOURCE + " is not on the classpath");
                }
                Files.copy(
                        realm,
                        imports.resolve(KeycloakServer.REALM + "-realm.json"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not prepare a Keycloak instance folder under " + instances, e);
        }
    }

    /** Instance folders of JVMs that no longer run (killed without shutdown hooks). */
    static void removeOrphanedInstances(Path instances) throws IOException {
        try (var dirs = Files.list(instances)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                int dash = name.indexOf('-');
                if (dash <= 0) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(name.substring(0, dash));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    Devstack.deleteRecursively(dir);
                } catch (NumberFormatException e) {
                    // not ours
                }
            }
        }
    }

    /** The unzipped distribution, unzipping it on first use. */
    static Path installation() {
        String version = Devstack.keycloakVersion();
        // Its own folder for this feature set: features are build-time options, and a start with
        // other ones would rebuild the libraries every instance links to.
        Path home = Devstack.cacheDir().resolve("keycloak-" + version + "-token-exchange");
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        try (var ignored = lockInstallation()) {
            if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
                return home;
            }
            Path zip = distributionZip(version);
            long t0 = System.nanoTime();
            Path staging =
                    Files.createDirectories(Devstack.cacheDir())
                            .resolve(
                                    "keycloak-"
                                            + version
                                            + ".unzip-"
                                            + ProcessHandle.current().pid());
            Devstack.deleteRecursively(staging);
            unzip(zip, staging);
            Path top = staging.resolve("keycloak-" + version);
            Devstack.deleteRecursively(home);
            Files.move(top, home, StandardCopyOption.ATOMIC_MOVE);
            Devstack.deleteRecursively(staging);
            log.info(
                    "unzipped Keycloak {} into {} in {} ms",
                    version,
                    home,
                    Duration.ofNanos(System.nanoTime() - t0).toMillis());
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("could not install Keycloak into " + home, e);
        }
    }

    /**
     * {@code keycloak-quarkus-dist-<version>.zip} in the local Maven repository. Building devstack
     * downloads it; if it is missing (devstack came from a remote repository), the project's Maven
     * wrapper fetches it.
     */
    static Path distributionZip(String version) {
        Path zip =
                Devstack.localMavenRepository()
                        .resolve(
                                "org/keycloak/keycloak-quarkus-dist/"
                                        + version
                                        + "/keycloak-quarkus-dist-"
                                        + version
                                        + ".zip");
        if (Files.isRegularFile(zip)) {
            return zip;
        }
        Path root = ServiceProcess.findProjectRoot().orElse(null);
        if (root != null) {
            log.info("Keycloak distribution not in {}; fetching it with the Maven wrapper", zip);
            try {
                Path scratch = Files.createTempDirectory("chainbreaker-kc-fetch");
                List<String> command =
                        new ArrayList<>(
                                List.of(
                                        root.resolve("mvnw").toString(),
                                        "-B",
                                        "-q",
                                        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get",
                                        "-Dartifact=org.keycloak:keycloak-quarkus-dist:"
                                                + version
                                                + ":zip",
                                        "-Dtransitive=false"));
                if (System.getProperty("maven.repo.local") != null) {
                    command.add("-Dmaven.repo.local=" + System.getProperty("maven.repo.local"));
                }
                ProcessBuilder pb =
                        new ProcessBuilder(command)
                                .directory(scratch.toFile())
                                .redirectErrorStream(true)
                                .redirectOutput(scratch.resolve("mvn.log").toFile());
                pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
                Process p = pb.start();
                if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    log.warn(
                            "fetching Keycloak failed:\n{}",
                            Devstack.tail(scratch.resolve("mvn.log"), 30));
                }
            } catch (IOException e) {
                log.warn("could not run the Maven wrapper: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (Files.isRegularFile(zip)) {
                return zip;
            }
        }
        throw new IllegalStateException(
                "Keycloak distribution missing: "
                        + zip
                        + ". Build devstack first (./mvnw -pl devstack install), which downloads it from Maven Central.");
    }

    static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            Path root = target.toAbsolutePath().normalize();
            while ((entry = in.getNextEntry()) != null) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    if (out.getFileName().toString().endsWith(".sh")) {
                        out.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Excludes other threads of this JVM and other processes on this machine. */
    static AutoCloseable0 lockInstallation() throws IOException {
        INSTALL_LOCK.lock();
        try {
            Path lockFile =
                    Files.createDirectories(Devstack.cacheDir())
                            .resolve("keycloak-" + Devstack.keycloakVersion() + ".lock");
            FileChannel channel =
                    FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            return () -> {
                try {
                    lock.release();
                    channel.close();
                } finally {
                    INSTALL_LOCK.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            INSTALL_LOCK.unlock();
            throw e;
        }
    }

    @FunctionalInterface
    interface AutoCloseable0 extends AutoCloseable {
        @Override
        void close() throws IOException;
    }
}
