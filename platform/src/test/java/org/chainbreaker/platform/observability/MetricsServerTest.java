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
    void the_scrape_listens_on_loopback_unless_told_otherwise() {
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
    void a_deployment_may_open_it_to_every_interface() {
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
    void a_named_address_is_the_only_one_it_listens_on() throws Exception {
        MetricsServer server = new MetricsServer("127.0.0.1", 0, registry);
        server.start();
        try {
            assertThat(server.bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        } finally {
            server.stop();
        }
    }
}
