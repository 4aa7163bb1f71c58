package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service whose migrations open the PKCS#11 token (a Java migration using the platform's keys:
 * the fugitive-service's V26 seals and indexes document numbers stored before V25) runs them in its
 * {@code migrate} init container, which then needs the token as the service container has it: the
 * PKCS#11 configuration and PIN, and the configuration and library mounts (without them an upgrade
 * stops at that migration). Which services these are is read from their sources.
 */
class MigrationsReachTheTokenTest {

    /** The volumes through which a container reaches the token (KeyStorePolicy). */
    private static final Set<String> TOKEN_VOLUMES = Set.of("pkcs11-config", "pkcs11-library");

    /** The services with a Java migration that uses the platform's keys. */
    static Set<String> servicesWhoseMigrationsOpenTheToken() {
        Set<String> services = new TreeSet<>();
        try (Stream<Path> modules = Files.list(Overlays.ROOT)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path migrations = module.resolve("src/main/java/db/migration");
                if (!Files.isDirectory(migrations)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(migrations)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        if (Files.readString(file).contains("org.chainbreaker.platform.keys")) {
                            services.add(module.getFileName().toString());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return services;
    }

    static List<String> violations(List<Map<String, Object>> objects, Set<String> services) {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> d : objects) {
            String name = String.valueOf(meta(d).get("name"));
            if (!"Deployment".equals(d.get("kind")) || !services.contains(name)) {
                continue;
            }
            Map<String, Object> pod = map(map(map(d.get("spec")).get("template")).get("spec"));
            Map<String, Object> service = named(pod.get("containers"), name);
            Map<String, Object> migrate = named(pod.get("initContainers"), "migrate");
            String at = "Deployment " + name + ", init container migrate";
            if (service == null || migrate == null) {
                violations.add(at + ": missing (or the service container " + name + " is)");
                continue;
            }
            for (String env : List.of(KeyStorePolicy.CONFIG_ENV, KeyStorePolicy.PIN_ENV)) {
                Map<String, Object> wanted = named(service.get("env"), env);
                if (wanted == null || !wanted.equals(named(migrate.get("env"), env))) {
                    violations.add(
                            at + ": " + env + " is not the service container's (" + wanted + ")");
                }
            }
            for (Object o : list(service.get("volumeMounts"))) {
                Map<String, Object> mount = map(o);
                if (TOKEN_VOLUMES.contains(mount.get("name"))
                        && list(migrate.get("volumeMounts")).stream()
                                .map(Yaml::map)
                                .noneMatch(
                                        m ->
                                                Objects.equals(m.get("name"), mount.get("name"))
                                                        && Objects.equals(
                                                                m.get("mountPath"),
                                                                mount.get("mountPath")))) {
                    violations.add(
                            at + ": does not mount " + mount.get("name") + " as the service does");
                }
            }
        }
        return violations;
    }

    private static Map<String, Object> named(Object items, String name) {
        return list(items).stream()
                .map(Yaml::map)
                .filter(i -> name.equals(i.get("name")))
                .findFirst()
                .orElse(null);
    }

    static Stream<Overlays.Overlay> overlays() {
        return Overlays.all();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void
            every_migrate_init_container_whose_migrations_open_the_token_reaches_it_as_the_service_does(
                    Overlays.Overlay overlay) {
        Set<String> services = servicesWhoseMigrationsOpenTheToken();
        assertThat(services).as("read from the sources: fugitive V26").contains("fugitive-service");
        assertThat(violations(Overlays.render(overlay), services)).isEmpty();
    }

    @Test
    void a_migrate_container_without_the_pin_or_the_library_mount_is_named() {
        Set<String> services = servicesWhoseMigrationsOpenTheToken();
        List<Map<String, Object>> noPin = BrokenManifestsFailTest.production();
        list(named(
                                BrokenManifestsFailTest.podSpec(noPin, "fugitive-service")
                                        .get("initContainers"),
                                "migrate")
                        .get("env"))
                .removeIf(e -> KeyStorePolicy.PIN_ENV.equals(map(e).get("name")));
        assertThat(violations(noPin, services))
                .singleElement()
                .asString()
                .startsWith(
                        "Deployment fugitive-service, init container migrate: "
                                + KeyStorePolicy.PIN_ENV);
        List<Map<String, Object>> noLibrary = BrokenManifestsFailTest.production();
        list(named(
                                BrokenManifestsFailTest.podSpec(noLibrary, "fugitive-service")
                                        .get("initContainers"),
                                "migrate")
                        .get("volumeMounts"))
                .removeIf(m -> "pkcs11-library".equals(map(m).get("name")));
        assertThat(violations(noLibrary, services))
                .containsExactly(
                        "Deployment fugitive-service, init container migrate: does not mount"
                                + " pkcs11-library as the service does");
    }
}
