package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Metadata;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import org.chainbreaker.platform.observability.MetricsServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's structured access log, its per-tenant metrics on the scrape port (and not on the
 * public one), and the W3C trace it carries into the service call.
 */
class ObservabilityTest extends RecordingUpstreamTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainbreaker.metrics.port", () -> 0);
    }

    @LocalServerPort int port;
    @Autowired MetricsServer metrics;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void each_api_request_is_logged_with_tenant_rpc_status_and_trace_but_never_the_token()
            throws Exception {
        Logger accessLog = (Logger) LoggerFactory.getLogger("org.chainbreaker.gateway.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        accessLog.addAppender(lines);
        String token = TOKENS.token("KR");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        try {
            HttpResponse<String> response =
                    get(
                            "http://127.0.0.1:" + port + "/api/v1/cases/c1",
                            "Authorization",
                            "Bearer " + token,
                            "traceparent",
                            "00-" + traceId + "-00f067aa0ba902b7-01");
            assertThat(response.statusCode()).isEqualTo(200);
            get("http://127.0.0.1:" + port + "/api/v1/cases/c1");
            // The line is written when the exchange completes, which may be just after the client
            // has its answer.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (lines.list.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            accessLog.detachAppender(lines);
        }

        Map<String, String> served = fields(lines.list.getFirst());
        assertThat(served)
                .containsEntry("tenant", "KR")
                .containsEntry("rpc", "chainbreaker.cases.v1.CaseService.GetCase")
                .containsEntry("status", "200")
                .containsEntry("traceId", traceId)
                .containsKey("latencyMs");
        assertThat(fields(lines.list.get(1)))
                .containsEntry("tenant", "unauthenticated")
                .containsEntry("status", "401");
        assertThat(lines.list)
                .allSatisfy(
                        line ->
                                assertThat(line.getFormattedMessage() + fields(line))
                                        .doesNotContain(token));

        // The service call continues the caller's trace.
        String traceparent =
                CASES.lastHeaders
                        .get()
                        .get(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER));
        assertThat(traceparent).contains(traceId);
    }

    @Test
    void metrics_name_tenants_on_the_scrape_port_only() throws Exception {
        get(
                "http://127.0.0.1:" + port + "/api/v1/cases/c1",
                "Authorization",
                "Bearer " + TOKENS.token("VN"));

        HttpResponse<String> scrape = get("http://127.0.0.1:" + metrics.port() + "/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern(
                        "chainbreaker_gateway_requests_seconds_count\\{rpc=\"chainbreaker.cases.v1.CaseService.GetCase\",status=\"200\",tenant=\"VN\"\\} \\d+");

        // Not served on the public port, not even to a caller with a token (without one the answer
        // is 401).
        String token = "Bearer " + TOKENS.token("VN");
        assertThat(
                        get(
                                        "http://127.0.0.1:" + port + "/actuator/prometheus",
                                        "Authorization",
                                        token)
                                .statusCode())
                .isEqualTo(404);
        assertThat(
                        get(
                                        "http://127.0.0.1:" + port + "/actuator/metrics",
                                        "Authorization",
                                        token)
                                .statusCode())
                .isEqualTo(404);
        assertThat(get("http://127.0.0.1:" + port + "/actuator/prometheus").statusCode())
                .isEqualTo(401);
    }

    private static Map<String, String> fields(ILoggingEvent line) {
        return line.getKeyValuePairs() == null
                ? Map.of()
                : line.getKeyValuePairs().stream()
                        .collect(
                                Collectors.toMap(
                                        kv -> kv.key, kv -> String.valueOf(kv.value), (a, b) -> b));
    }
}
