package org.chainbreaker.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ServiceProcess} starts a child JVM from a jar, knows when it is ready, and stops it. */
class ServiceProcessTest {

    @TempDir static Path dir;
    private static Path jar;

    /** A launcher jar for {@link FakeService} whose manifest points at this test's classpath. */
    @BeforeAll
    static void buildLauncherJar() throws IOException {
        jar = launcherJar(dir);
    }

    /** Writes {@code fake-service-exec.jar} into {@code dir}, launching {@link FakeService}. */
    static Path launcherJar(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        main.put(
                Attributes.Name.CLASS_PATH,
                Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                        .map(entry -> Path.of(entry).toUri().toString())
                        .collect(Collectors.joining(" ")));
        Path launcher = dir.resolve("fake-service-exec.jar");
        try (OutputStream out = Files.newOutputStream(launcher);
                JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // manifest only
        }
        return launcher;
    }

    @Test
    void waits_for_grpc_serving_and_http_health_then_stops_the_child() {
        int grpc = Devstack.freePort();
        int http = Devstack.freePort();
        ServiceProcess service =
                ServiceProcess.start(
                        "fake",
                        jar,
                        List.of("--grpc=" + grpc, "--http=" + http),
                        dir.resolve("fake.log"));
        try {
            service.awaitGrpcHealthy(grpc, Duration.ofSeconds(60))
                    .awaitHttp(
                            "http://localhost:" + http + "/actuator/health",
                            Duration.ofSeconds(30));
            assertThat(service.isAlive()).isTrue();
            assertThat(service.logTail(10)).contains("fake service listening");
        } finally {
            service.stop();
        }
        assertThat(service.isAlive()).isFalse();
        assertThat(service.logTail(10)).contains("fake service stopping"); // SIGTERM, not a kill
    }

    @Test
    void a_child_that_exits_fails_the_wait_at_once_with_its_log() {
        ServiceProcess service =
                ServiceProcess.start("failing", jar, List.of("--fail"), dir.resolve("failing.log"));
        long t0 = System.nanoTime();

        assertThatThrownBy(
                        () -> service.awaitGrpcHealthy(Devstack.freePort(), Duration.ofSeconds(60)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("no database");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void a_missing_jar_is_reported_with_the_build_command() {
        assertThatThrownBy(
                        () ->
                                ServiceProcess.start(
                                        "ghost",
                                        dir.resolve("ghost.jar"),
                                        List.of(),
                                        dir.resolve("g.log")))
                .hasMessageContaining("no executable jar")
                .hasMessageContaining("install");
    }

    @Test
    void finds_the_project_root_and_the_exec_jar_paths() {
        Path root = ServiceProcess.projectRoot();

        assertThat(root.resolve("mvnw")).isRegularFile();
        assertThat(ServiceProcess.execJar("case-service"))
                .isEqualTo(
                        root.resolve(
                                "case-service/target/case-service-"
                                        + Devstack.projectVersion()
                                        + "-exec.jar"));
        assertThat(Devstack.projectVersion()).isEqualTo("0.1.0-SNAPSHOT");
    }

    @Test
    void suite_gives_each_service_its_port_database_roles_and_issuer() {
        SuitePorts ports = new SuitePorts(18080, 19090, 19101, 19102, 19103);
        var db =
                new PostgresServer.DatabaseAccess(
                        "jdbc:postgresql://localhost:5433/cases",
                        "cases_owner",
                        "o",
                        "cases_app",
                        "a");

        List<String> args =
                Suite.backendArgs(
                        Suite.BACKENDS.get(0),
                        ports,
                        db,
                        "http://localhost:8180/realms/chainbreaker");

        assertThat(Suite.BACKENDS.get(0).module()).isEqualTo("case-service");
        assertThat(args)
                .containsExactly(
                        "--spring.grpc.server.port=19101",
                        "--spring.datasource.url=jdbc:postgresql://localhost:5433/cases",
                        "--spring.datasource.username=cases_app",
                        "--spring.datasource.password=a",
                        "--spring.flyway.url=jdbc:postgresql://localhost:5433/cases",
                        "--spring.flyway.user=cases_owner",
                        "--spring.flyway.password=o",
                        "--spring.flyway.placeholders.app_role=cases_app",
                        "--chainbreaker.security.issuer=http://localhost:8180/realms/chainbreaker",
                        "--chainbreaker.repatriation.exchange.client-secret="
                                + KeycloakServer.REPATRIATION_CLIENT_SECRET,
                        "--chainbreaker.fugitives.arrest-relay.exchange.client-secret="
                                + KeycloakServer.FUGITIVE_CLIENT_SECRET,
                        "--chainbreaker.metrics.port=0",
                        "--chainbreaker.metrics.bind-address=127.0.0.1",
                        "--spring.profiles.active=dev",
                        "--chainbreaker.keys.pkcs11-library=" + SoftHsm.library(),
                        "--chainbreaker.keys.pin=dev-hsm-pin",
                        "--chainbreaker.upstreams.cases=localhost:19101",
                        "--chainbreaker.upstreams.fugitives=localhost:19102",
                        "--chainbreaker.upstreams.repatriation=localhost:19103");
        assertThat(Suite.gatewayArgs(ports, "http://localhost:8180/realms/chainbreaker"))
                .containsExactly(
                        "--server.port=18080",
                        "--chainbreaker.gateway.grpc-port=19090",
                        "--chainbreaker.metrics.port=0",
                        "--chainbreaker.metrics.bind-address=127.0.0.1",
                        "--chainbreaker.security.issuer=http://localhost:8180/realms/chainbreaker",
                        "--chainbreaker.upstreams.cases=localhost:19101",
                        "--chainbreaker.upstreams.fugitives=localhost:19102",
                        "--chainbreaker.upstreams.repatriation=localhost:19103");
    }
}
