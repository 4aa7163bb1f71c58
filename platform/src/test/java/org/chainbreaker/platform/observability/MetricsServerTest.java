package org.chainbreaker.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void theScrapeListensOnLoopbackUnlessToldOtherwise() {
        MetricsServer server = new MetricsServer(null, 0, registry);
        server.start();
        try {
            assertThat(server.bindAddress().isLoopbackAddress())
                    .as(server.bindAddress().toString())
                    .isTrue();
        } finally {
            server.stop();
        }
    }

    @Test
    void aDeploymentMayOpenItToEveryInterface() {
        MetricsServer server = new MetricsServer("0.0.0.0", 0, registry);
        server.start();
        try {
            assertThat(server.bindAddress().isAnyLocalAddress())
                    .as(server.bindAddress().toString())
                    .isTrue();
        } finally {
            server.stop();
        }
    }

    @Test
    void aNamedAddressIsTheOnlyOneItListensOn() throws Exception {
        MetricsServer server = new MetricsServer("127.0.0.1", 0, registry);
        server.start();
        try {
            assertThat(server.bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        } finally {
            server.stop();
        }
    }
}
