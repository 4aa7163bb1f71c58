package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.WatchEventsRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Server-streaming RPCs on the REST face as Server-Sent Events, against a loopback case service.
 */
class ServerSentEventsTest extends RecordingUpstreamTest {

    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        CASES.reset();
    }

    private HttpResponse<String> watch(String token, String... headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:" + port + "/api/v1/cases:watchEvents"))
                        .timeout(Duration.ofSeconds(10))
                        .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Event event(String cursor, String id) {
        return Event.newBuilder()
                .setCursor(cursor)
                .setType("case.shared")
                .setRecordType("case")
                .setRecordId(id)
                .setOwnerCountry("KR")
                .build();
    }

    @Test
    void each_message_is_an_event_with_its_cursor_as_id_and_heartbeats_are_comments()
            throws Exception {
        CASES.events =
                List.of(
                        event("c1", "case-1"),
                        Event.newBuilder().setHeartbeat(true).build(),
                        event("c2", "case-2"));

        HttpResponse<String> response = watch(TOKENS.token("TH"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        String body = response.body();
        assertThat(body).startsWith("retry: 3000\n\nid: c1\ndata: {");
        assertThat(body)
                .contains("\"recordId\":\"case-1\"", "\n\n: heartbeat\n\n", "id: c2\ndata: ");
        assertThat(body.indexOf("case-1")).isLessThan(body.indexOf("case-2"));
    }

    @Test
    void last_event_id_resumes_the_stream_from_that_cursor() throws Exception {
        CASES.events = List.of();
        watch(TOKENS.token("TH"), "Last-Event-ID", "cursor-42");
        assertThat(((WatchEventsRequest) CASES.lastRequest.get()).getCursor())
                .isEqualTo("cursor-42");

        watch(TOKENS.token("TH"));
        assertThat(((WatchEventsRequest) CASES.lastRequest.get()).getCursor()).isEmpty();
    }

    @Test
    void a_refusal_before_the_first_event_is_a_problem_and_a_later_failure_a_problem_event()
            throws Exception {
        CASES.events =
                List.of(
                        Status.INVALID_ARGUMENT
                                .withDescription("cursor: is not a cursor this service issued")
                                .asRuntimeException());
        HttpResponse<String> refused = watch(TOKENS.token("TH"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");

        CASES.events = List.of(event("c1", "case-1"), Status.UNAVAILABLE.asRuntimeException());
        HttpResponse<String> broken = watch(TOKENS.token("TH"));
        assertThat(broken.statusCode()).isEqualTo(200);
        assertThat(broken.body())
                .contains("event: problem\nretry: 3000\ndata: {", "\"status\":503");
    }

    /**
     * A REST subscriber that stops reading its event stream: the gateway passes the demand of the
     * HTTP connection on to the service (it asks for the next message only as the socket drains),
     * so the service is held back at the transports' buffers instead of the gateway holding
     * everything the service could produce. The gRPC face's counterpart is in {@link GrpcFaceTest}.
     */
    @Test
    void a_subscriber_that_stops_reading_its_event_stream_holds_back_the_service()
            throws Exception {
        int flood = 100_000;
        CASES.flood = flood;
        try (java.net.Socket socket = new java.net.Socket()) {
            // A small receive window: what the kernel takes for the reader is bounded too.
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
            socket.getOutputStream()
                    .write(
                            ("GET /api/v1/cases:watchEvents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                            + "Accept: text/event-stream\r\nAuthorization: Bearer "
                                            + TOKENS.token("KR")
                                            + "\r\n\r\n")
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // Never read. Wait until the call reached the service (a loaded machine takes a
            // while), then until the service has sent nothing more for a second.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (CASES.floodSent.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            int last = -1;
            while (CASES.floodSent.get() != last && System.nanoTime() < deadline) {
                last = CASES.floodSent.get();
                Thread.sleep(1000);
            }
            // Each event is about 300 bytes of JSON: 50,000 would be 15 MB held somewhere.
            assertThat(CASES.floodSent.get())
                    .as("events the service could send to a REST subscriber that reads nothing")
                    .isGreaterThan(0)
                    .isLessThan(flood / 2);
        }
    }

    @Test
    void a_stream_needs_a_valid_token_like_everything_else() throws Exception {
        assertThat(watch(null).statusCode()).isEqualTo(401);
        assertThat(CASES.lastMethod.get()).isNull();
    }
}
