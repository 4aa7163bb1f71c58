package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client-streaming RPC over REST (IngestWantedPersons, the contract's one; nothing in the gateway
 * names it): the body is a JSON array of request messages, bound whole before anything is sent,
 * then streamed in order.
 */
class ClientStreamingOverRestTest extends RecordingUpstreamTest {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainbreaker.gateway.max-stream-messages", () -> "2000");
    }

    @LocalServerPort int port;

    private WebTestClient client;

    @BeforeEach
    void setUp() {
        client =
                WebTestClient.bindToServer()
                        .baseUrl("http://127.0.0.1:" + port)
                        .responseTimeout(Duration.ofSeconds(30))
                        .build();
        CASES.reset();
        FUGITIVES.reset();
    }

    private WebTestClient.RequestHeadersSpec<?> post(String path, String token, String json) {
        return client.post()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json);
    }

    private static String wantedPerson(String requestId, String name) {
        return "{\"requestId\":\""
                + requestId
                + "\",\"wantedPerson\":{\"primaryName\":{\"value\":\""
                + name
                + "\"},\"sex\":\"MALE\",\"nationalities\":[\"TH\"],\"charges\":[\"fraud\"]}}";
    }

    private static String array(IntStream indexes, IntFunction<String> element) {
        return indexes.mapToObj(element).collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void a_client_stream_over_rest_sends_every_element_in_order_and_answers_the_one_response() {
        String token = TOKENS.token("KR");
        String body =
                "["
                        + wantedPerson("r0", "Somchai")
                        + ","
                        + wantedPerson("r1", "Anan")
                        + ","
                        + wantedPerson("r2", "Kittisak")
                        + ","
                        + "{\"requestId\":\"r3\",\"wantedPerson\":{\"primaryName\":{\"value\":\"No Charges\"}}}]";
        post("/api/v1/wantedPersons:ingest", token, body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.results.length()")
                .isEqualTo(4)
                .jsonPath("$.results[2].index")
                .isEqualTo(2)
                .jsonPath("$.results[2].id")
                .isEqualTo("wp-2")
                .jsonPath("$.results[2].reference")
                .isEqualTo("r2")
                // A record the service refused in band keeps its error details in the JSON answer.
                .jsonPath("$.results[3].error.code")
                .isEqualTo(3)
                .jsonPath("$.results[3].error.details[0]['@type']")
                .isEqualTo("type.googleapis.com/google.rpc.BadRequest")
                .jsonPath("$.results[3].error.details[0].fieldViolations[0].field")
                .isEqualTo("wanted_person.charges")
                .jsonPath("$.recorded")
                .isEqualTo(3)
                .jsonPath("$.refused")
                .isEqualTo(1);
        assertThat(CASES.lastMethod.get()).isEqualTo("IngestWantedPersons");
        assertThat(CASES.lastHeaders.get().get(AUTHORIZATION)).isEqualTo("Bearer " + token);
        assertThat(FUGITIVES.streams.get()).isEqualTo(1);
        assertThat(FUGITIVES.ingested)
                .extracting(IngestWantedPersonsRequest::getRequestId)
                .containsExactly("r0", "r1", "r2", "r3");
        IngestWantedPersonsRequest first = FUGITIVES.ingested.getFirst();
        assertThat(first.getWantedPerson().getPrimaryName().getValue()).isEqualTo("Somchai");
        assertThat(first.getWantedPerson().getNationalitiesList()).containsExactly("TH");
    }

    @Test
    void a_stream_larger_than_the_transport_window_arrives_whole_and_in_order() {
        // About 700 KB: far beyond gRPC's initial flow-control window, so sending has to wait for
        // onReady.
        String padding = "x".repeat(300);
        String body = array(IntStream.range(0, 2000), i -> wantedPerson("r" + i, padding + i));
        post("/api/v1/wantedPersons:ingest", TOKENS.token("KR"), body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.recorded")
                .isEqualTo(2000);
        assertThat(FUGITIVES.ingested).hasSize(2000);
        for (int i = 0; i < 2000; i++) {
            assertThat(FUGITIVES.ingested.get(i).getRequestId()).isEqualTo("r" + i);
        }
    }

    @Test
    void an_empty_array_is_a_stream_of_no_messages() {
        post("/api/v1/wantedPersons:ingest", TOKENS.token("KR"), " [ ] ")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.results.length()")
                .isEqualTo(0)
                .jsonPath("$.recorded")
                .isEqualTo(0);
        assertThat(FUGITIVES.streams.get()).isEqualTo(1);
        assertThat(FUGITIVES.ingested).isEmpty();
    }

    @Test
    void
            a_stream_with_an_invalid_element_is_refused_naming_the_element_and_nothing_reaches_the_service() {
        String token = TOKENS.token("KR");
        String body =
                "["
                        + wantedPerson("r0", "Somchai")
                        + ","
                        + "{\"wantedPerson\":{\"primaryName\":{\"value\":\"A\"},\"sex\":\"ROBOT\"}},"
                        + wantedPerson("r2", "Kittisak")
                        + ","
                        + "{\"wantedPerson\":{\"primaryName\":{\"value\":\"B\"},\"nationalities\":\"TH\",\"nickname\":\"x\"}}]";
        post("/api/v1/wantedPersons:ingest", token, body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                // Strict reading stops at an element's first fault: one error per faulty element.
                .jsonPath("$.errors.length()")
                .isEqualTo(2)
                .jsonPath("$.errors[0].field")
                .isEqualTo("[1].wantedPerson.sex")
                .jsonPath("$.errors[1].field")
                .isEqualTo("[3].wantedPerson.nationalities");
        post("/api/v1/wantedPersons:ingest", token, "[" + wantedPerson("r0", "S") + ", 7]")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("[1]");
        post("/api/v1/wantedPersons:ingest", token, wantedPerson("r0", "S"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("JSON array"));
        post("/api/v1/wantedPersons:ingest", token, "[" + wantedPerson("r0", "S"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        // The elements' limits apply to each element and name it.
        String deep =
                "{\"wantedPerson\":{\"nationalities\":[" + "\"TH\",".repeat(1000) + "\"TH\"]}}";
        post("/api/v1/wantedPersons:ingest", token, "[{}," + deep + "]")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .value(field -> assertThat((String) field).startsWith("[1]"));
        // The stream has no single request id for an Idempotency-Key to become.
        post("/api/v1/wantedPersons:ingest", token, "[]")
                .header("Idempotency-Key", "k1")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("Idempotency-Key");
        assertThat(FUGITIVES.streams.get()).as("no stream may start").isZero();
        assertThat(CASES.lastMethod.get()).isNull();
    }

    @Test
    void a_stream_of_more_elements_than_the_limit_is_refused_before_anything_is_sent() {
        post(
                        "/api/v1/wantedPersons:ingest",
                        TOKENS.token("KR"),
                        array(IntStream.range(0, 2001), i -> "{}"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("more than 2000"));
        assertThat(FUGITIVES.streams.get()).isZero();
    }
}
