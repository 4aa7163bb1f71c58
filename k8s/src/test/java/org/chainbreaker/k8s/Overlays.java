package org.chainbreaker.k8s;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The overlays to render, rendered by {@code kubectl kustomize} (kubectl 1.32 with Kustomize 5.5 on
 * the build and CI machines). Without kubectl on the PATH the manifest tests are skipped, saying
 * so, unless the environment variable {@code CI} is set: there a missing kubectl fails the build,
 * so CI can never pass without checking the manifests.
 */
final class Overlays {

    static final Path K8S =
            Path.of(System.getProperty("chainbreaker.k8s.dir", ".")).toAbsolutePath().normalize();
    static final Path ROOT =
            Path.of(System.getProperty("chainbreaker.root.dir", "..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("chainbreaker.version", "0.1.0-SNAPSHOT");

    /** The production overlay with external PostgreSQL, made exactly as docs/operations.md says. */
    static final String PRODUCTION_EXTERNAL = "production-external-postgres";

    private static final Map<String, List<Map<String, Object>>> RENDERED =
            new ConcurrentHashMap<>();

    /** An overlay to deploy, by name, and its directory. */
    record Overlay(String name, Path dir) {
        boolean isDev() {
            return name.equals("dev");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Overlays() {}

    /** Every directory under k8s/overlays, plus the production variant with external PostgreSQL. */
    static Stream<Overlay> all() {
        List<Overlay> overlays = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            dirs.filter(Files::isDirectory)
                    .sorted()
                    .forEach(d -> overlays.add(new Overlay(d.getFileName().toString(), d)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        overlays.add(new Overlay(PRODUCTION_EXTERNAL, productionWithExternalPostgres()));
        return overlays.stream();
    }

    static Overlay named(String name) {
        return all().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Copies overlays/production to k8s/target/production-external-postgres (two levels below k8s/,
     * so its relative paths still point at ../../base and ../../components) and swaps the
     * PostgreSQL component.
     */
    private static synchronized Path productionWithExternalPostgres() {
        Path source = K8S.resolve("overlays/production");
        Path target = K8S.resolve("target").resolve(PRODUCTION_EXTERNAL);
        try {
            if (Files.exists(target)) {
                try (Stream<Path> walk = Files.walk(target)) {
                    walk.sorted(java.util.Comparator.reverseOrder())
                            .map(Path::toFile)
                            .forEach(File::delete);
                }
            }
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path p : walk.toList()) {
                    Path dest = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(p, dest);
                    }
                }
            }
            Path kustomization = target.resolve("kustomization.yaml");
            String text = Files.readString(kustomization);
            // Backups, synchronous replication and the database PodMonitors belong to
            // CloudNativePG; an external
            // PostgreSQL has the provider's (docs/operations.md, section 11).
            String swapped =
                    text.replace(
                                    "  - ../../components/cnpg\n",
                                    "  - ../../components/external-postgres\n")
                            .replace("  - ../../components/cnpg-production\n", "");
            if (swapped.equals(text)) {
                throw new IllegalStateException(
                        "overlays/production no longer lists ../../components/cnpg");
            }
            Files.writeString(kustomization, swapped);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The overlay rendered by {@code kubectl kustomize} (cached; callers must copy before changing
     * it).
     */
    static List<Map<String, Object>> render(Overlay overlay) {
        renderAllOnce();
        return RENDERED.computeIfAbsent(
                overlay.name(), n -> kubectlKustomize(requireKubectl(), overlay.dir()));
    }

    private static volatile boolean allRendered;

    /**
     * The first rendering starts every overlay's kubectl at once: the test classes then find them
     * all cached.
     */
    private static synchronized void renderAllOnce() {
        if (allRendered) {
            return;
        }
        Path kubectl = requireKubectl();
        allRendered = true;
        all().parallel()
                .forEach(
                        o ->
                                RENDERED.computeIfAbsent(
                                        o.name(), n -> kubectlKustomize(kubectl, o.dir())));
    }

    /**
     * kubectl, or the test is skipped (aborted) with the reason; on CI (variable CI set) its
     * absence fails.
     */
    static Path requireKubectl() {
        Optional<Path> kubectl = kubectl();
        if (kubectl.isEmpty()) {
            String why =
                    "kubectl is not on the PATH: the manifests are rendered with `kubectl kustomize`"
                            + " (kubectl 1.27+; install it to run the k8s tests)";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(
                        why + " -- and CI is set, where skipping is not allowed");
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        return kubectl.get();
    }

    /** A deep copy of the rendered overlay, to break on purpose. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> renderCopy(Overlay overlay) {
        return (List<Map<String, Object>>) Yaml.copy(render(overlay));
    }

    static Optional<Path> kubectl() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@code kubectl kustomize dir}. */
    static List<Map<String, Object>> kubectlKustomize(Path kubectl, Path dir) {
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process =
                        new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                                .redirectOutput(out.toFile())
                                .redirectError(err.toFile())
                                .start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + dir + " timed out");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(
                            "kubectl kustomize "
                                    + dir
                                    + " failed: "
                                    + Files.readString(err, StandardCharsets.UTF_8));
                }
                return Yaml.parseDocuments(Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
