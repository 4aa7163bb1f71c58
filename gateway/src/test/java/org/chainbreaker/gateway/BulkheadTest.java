package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service that stops answering holds at most its bulkhead's share of calls; the rest are refused
 * at once.
 */
class BulkheadTest extends RecordingUpstreamTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainbreaker.gateway.deadline", () -> "3s");
        registry.add("chainbreaker.gateway.resilience.max-concurrent-calls", () -> "2");
    }

    @LocalServerPort int port;

    @Test
    void calls_beyond_the_bulkhead_are_refused_at_once_while_the_service_hangs() throws Exception {
        CASES.answer = request -> RecordingCaseService.NEVER;
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cases/c1"))
                        .header("Authorization", "Bearer " + TOKENS.token("KR"))
                        .GET()
                        .build();

        CompletableFuture<HttpResponse<String>> first =
                http.sendAsync(get, HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> second =
                http.sendAsync(get, HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);
        HttpResponse<String> third = http.send(get, HttpResponse.BodyHandlers.ofString());

        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(first.isDone())
                .as("the first two calls still wait for the hanging service")
                .isFalse();
        assertThat(first.get().statusCode()).isEqualTo(504);
        assertThat(second.get().statusCode()).isEqualTo(504);
    }
}
