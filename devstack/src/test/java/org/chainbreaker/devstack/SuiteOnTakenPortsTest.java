package org.chainbreaker.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite on ports it chose starts even when another process takes one of them between the choice
 * and the child's bind (a system test run once failed so: the fugitive-service's gRPC port was
 * taken, "Address already in use"). The services are {@link FakeService} stand-ins that bind the
 * ports the suite gives them exactly as the services do; PostgreSQL is the run's, Keycloak is not
 * needed.
 */
class SuiteOnTakenPortsTest {

    @TempDir static Path dir;
    private static Path jar;

    @BeforeAll
    static void buildLauncherJar() throws IOException {
        jar = ServiceProcessTest.launcherJar(dir);
    }

    @Test
    void free_ports_lie_below_the_ephemeral_range_and_are_never_handed_out_twice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int port = Devstack.freePort();
            assertThat(port).isLessThan(Devstack.ephemeralRangeStart());
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }

    @Test
    void a_backend_whose_port_was_taken_is_started_again_with_every_backend_on_new_ports()
            throws IOException {
        try (ServerSocket squatter = new ServerSocket(Devstack.freePort())) {
            int taken = squatter.getLocalPort();
            AtomicInteger choices = new AtomicInteger();
            Supplier<SuitePorts> firstTakesTheTakenPort =
                    () -> {
                        SuitePorts random = SuitePorts.random();
                        return choices.getAndIncrement() > 0
                                ? random
                                : new SuitePorts(
                                        random.gatewayHttp(),
                                        random.gatewayGrpc(),
                                        random.cases(),
                                        taken,
                                        random.repatriation());
                    };

            try (Suite suite = fakeSuite("retried").portChooser(firstTakesTheTakenPort).start()) {
                assertThat(choices.get()).isEqualTo(2);
                assertThat(suite.ports().fugitives()).isNotEqualTo(taken);
                assertThat(suite.processes()).hasSize(4).allMatch(ServiceProcess::isAlive);
                for (Suite.Backend b : Suite.BACKENDS) {
                    suite.process(b.module())
                            .awaitGrpcHealthy(
                                    b.port().applyAsInt(suite.ports()), Duration.ofSeconds(10));
                }
                assertThat(Devstack.tail(dir.resolve("retried/fugitive-service.log"), 400))
                        .as("the second attempt's log")
                        .doesNotContain("Address already in use");
            }
        }
    }

    @Test
    void ports_given_by_the_caller_are_kept_and_a_taken_one_fails_the_start_saying_so()
            throws IOException {
        try (ServerSocket squatter = new ServerSocket(Devstack.freePort())) {
            SuitePorts random = SuitePorts.random();
            SuitePorts given =
                    new SuitePorts(
                            random.gatewayHttp(),
                            random.gatewayGrpc(),
                            squatter.getLocalPort(),
                            random.fugitives(),
                            random.repatriation());

            assertThatThrownBy(() -> fakeSuite("given").ports(given).start())
                    .isInstanceOf(ServiceProcess.PortTakenException.class)
                    .hasMessageContaining("case-service exited")
                    .hasMessageContaining("Address already in use");
        }
    }

    private static Suite.Builder fakeSuite(String logs) {
        return Suite.builder()
                .jars(module -> jar)
                .postgres(PostgresServer.shared())
                .issuerWithoutKeycloak("http://localhost:1/realms/none")
                .logDir(dir.resolve(logs))
                .readyTimeout(Duration.ofSeconds(90))
                .stopOnExit(false);
    }
}
