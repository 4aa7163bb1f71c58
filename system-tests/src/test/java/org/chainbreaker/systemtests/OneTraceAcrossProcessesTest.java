package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.chainbreaker.devstack.Suite;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace across three processes: a partner's request traced into the gateway continues, with the
 * same trace id, into the case-service and from there into the fugitive-service that the
 * case-service asks about the operation. Each process writes the trace id on its access line (the
 * gateway's access log, in ECS JSON as in production; the services' call log at debug; {@link
 * RunningSuite} sets both), and the test reads the three logs.
 */
class OneTraceAcrossProcessesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void a_partners_trace_runs_through_the_gateway_and_the_case_service_into_the_fugitive_service()
            throws Exception {
        Suite suite = RunningSuite.get();
        String token = RunningSuite.token("kr-investigator");
        HttpResponse<String> created =
                send(
                        suite,
                        "POST",
                        "/api/v1/cases",
                        token,
                        "{\"title\":\"Traced into the fugitive-service\",\"category\":\"CYBERCRIME\"}",
                        null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String caseId = JsonMapper.builder().build().readTree(created.body()).path("id").asString();

        // Sharing with an operation makes the case-service read the operation from the
        // fugitive-service, as the
        // caller. An operation that does not exist is enough: the call is made, and the answer is a
        // 400.
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        HttpResponse<String> shared =
                send(
                        suite,
                        "POST",
                        "/api/v1/cases/" + caseId + ":shareWithOperation",
                        token,
                        "{\"operationId\":\"" + UUID.randomUUID() + "\",\"handlingCode\":\"H2\"}",
                        "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01");
        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(400);

        awaitLine(suite, "gateway", traceId, "ShareCaseWithOperation");
        awaitLine(suite, "case-service", traceId, "ShareCaseWithOperation");
        awaitLine(suite, "fugitive-service", traceId, "GetOperation");

        // The case-service's own breaker and retry for those calls, and its signing-key fetches, on
        // its scrape.
        String scrape =
                HTTP.send(
                                HttpRequest.newBuilder(
                                                URI.create(metricsUrl(suite, "case-service")))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        assertThat(scrape)
                .contains(
                        "resilience4j_circuitbreaker_state{name=\"fugitive-service\"",
                        "resilience4j_retry_calls_total{",
                        "chainbreaker_token_keys_fetches_total",
                        "chainbreaker_token_keys_age_seconds");
    }

    private static String metricsUrl(Suite suite, String module) throws java.io.IOException {
        // Logged once at start: read the whole log, which the call log may have made long.
        java.util.regex.Matcher port =
                java.util.regex.Pattern.compile("Prometheus metrics at http://\\S+:(\\d+)/metrics")
                        .matcher(java.nio.file.Files.readString(suite.process(module).logFile()));
        assertThat(port.find()).as(module + " logged its metrics port").isTrue();
        return "http://127.0.0.1:" + port.group(1) + "/metrics";
    }

    private static HttpResponse<String> send(
            Suite suite, String method, String path, String token, String body, String traceparent)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(suite.restUrl() + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits for a line of the process's log with the trace id and the method (access lines come as
     * calls end).
     */
    private static void awaitLine(Suite suite, String module, String traceId, String method)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (String line : suite.process(module).logTail(2000).split("\n")) {
                if (line.contains(traceId) && line.contains(method)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        module + " logged no " + method + " line with trace " + traceId);
            }
            Thread.sleep(100);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
