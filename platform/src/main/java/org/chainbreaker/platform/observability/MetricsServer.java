package org.chainbreaker.platform.observability;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Serves the Prometheus scrape at {@code /metrics} on its own port for components that speak only
 * gRPC and have no web server. A separate port keeps metrics away from the API, so network policies
 * can open it to the scraper only. The scrape names countries and their volumes and has no
 * authentication: it listens on the loopback interface unless told otherwise ({@code
 * chainbreaker.metrics.bind-address}; Kubernetes sets {@code 0.0.0.0} and lets only Prometheus in
 * by NetworkPolicy).
 */
public final class MetricsServer implements SmartLifecycle {

    private final InetAddress bindAddress;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private volatile HttpServer server;

    /**
     * @param bindAddress the interface to listen on; null or blank: loopback only
     */
    public MetricsServer(String bindAddress, int port, PrometheusMeterRegistry registry) {
        this.bindAddress = address(bindAddress);
        this.port = port;
        this.registry = registry;
    }

    private static InetAddress address(String bindAddress) {
        if (bindAddress == null || bindAddress.isBlank()) {
            return InetAddress.getLoopbackAddress();
        }
        try {
            return InetAddress.getByName(bindAddress.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "chainbreaker.metrics.bind-address is not an address: " + bindAddress, e);
        }
    }

    @Override
    public void start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.createContext(
                    "/metrics",
                    exchange -> {
                        try (exchange) {
                            if (!"GET".equals(exchange.getRequestMethod())) {
                                exchange.sendResponseHeaders(405, -1);
                                return;
                            }
                            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                            exchange.getResponseHeaders()
                                    .set(
                                            "Content-Type",
                                            "text/plain; version=0.0.4; charset=utf-8");
                            exchange.sendResponseHeaders(200, body.length);
                            try (OutputStream out = exchange.getResponseBody()) {
                                out.write(body);
                            }
                        }
                    });
            http.start();
            server = http;
            LoggerFactory.getLogger(MetricsServer.class)
                    .info(
                            "Prometheus metrics at http://{}:{}/metrics",
                            http.getAddress().getHostString(),
                            http.getAddress().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("could not serve metrics on port " + port, e);
        }
    }

    /** The interface it listens on. */
    public InetAddress bindAddress() {
        HttpServer current = server;
        return current == null ? bindAddress : current.getAddress().getAddress();
    }

    public int port() {
        HttpServer current = server;
        return current == null ? port : current.getAddress().getPort();
    }

    @Override
    public void stop() {
        HttpServer current = server;
        server = null;
        if (current != null) {
            current.stop(0);
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
