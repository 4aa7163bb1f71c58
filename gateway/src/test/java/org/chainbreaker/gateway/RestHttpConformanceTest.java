package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.common.v1.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST face's HTTP behaviour (issue 22, HTTP side), one row per rule, against the real gateway
 * application and a loopback case service that answers as each row arranges: the trace id reaches
 * the client, HEAD wherever GET works, stream forms by Accept (SSE, NDJSON, 406), gzip request
 * bodies (and the limit after decoding), Retry-After on upstream refusals, the SSE {@code problem}
 * event with {@code retry:}, JSON field names in problem details, and 201 with Location for
 * creates. Rows for behaviour that already conformed keep it so.
 */
class RestHttpConformanceTest extends RecordingUpstreamTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** What the client got. */
    record Answer(int status, HttpHeaders headers, String body) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /**
     * One rule: arrange the service, send one request, check the answer (and what reached the
     * service).
     */
    record Row(
            String rule,
            Runnable arrange,
            String method,
            String path,
            byte[] body,
            List<String> headers,
            Consumer<Answer> expect) {

        @Override
        public String toString() {
            return rule;
        }
    }

    private static Row row(
            String rule,
            Runnable arrange,
            String method,
            String path,
            String body,
            List<String> headers,
            Consumer<Answer> expect) {
        return new Row(
                rule,
                arrange,
                method,
                path,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                headers,
                expect);
    }

    private static Runnable nothing() {
        return () -> {};
    }

    private static Runnable failing(io.grpc.StatusRuntimeException failure) {
        return () -> CASES.answer = request -> failure;
    }

    private static Runnable streaming(Object... items) {
        return () -> CASES.events = List.of(items);
    }

    private static Event event(String cursor) {
        return Event.newBuilder()
                .setCursor(cursor)
                .setType("case.shared")
                .setRecordType("case")
                .setRecordId("case-" + cursor)
                .setOwnerCountry("KR")
                .build();
    }

    private static io.grpc.StatusRuntimeException withDetails(
            Code code, String message, com.google.protobuf.Message... details) {
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
        for (com.google.protobuf.Message detail : details) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void serviceNotCalled() {
        assertThat(CASES.lastMethod.get()).as("the service must not be called").isNull();
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String json = "application/json";

        // 1. The trace id reaches the client: header on every answer, instance and traceId in every
        // problem.
        rows.add(
                row(
                        "trace: a problem names the trace the client sent in traceparent",
                        failing(
                                Status.NOT_FOUND
                                        .withDescription("no case c1")
                                        .asRuntimeException()),
                        "GET",
                        "/api/v1/cases/c1",
                        null,
                        List.of("traceparent", TRACEPARENT),
                        a -> {
                            assertThat(a.status()).isEqualTo(404);
                            assertThat(a.header("traceresponse")).startsWith("00-" + TRACE + "-");
                            assertThat(a.body())
                                    .contains(
                                            "\"instance\":\"urn:chainbreaker:trace:" + TRACE + "\"",
                                            "\"traceId\":\"" + TRACE + "\"");
                        }));
        rows.add(
                row(
                        "trace: a refusal before authentication names a new trace, the same in header and body",
                        nothing(),
                        "GET",
                        "/api/v1/cases/c1",
                        null,
                        List.of("Authorization", "none"),
                        a -> {
                            assertThat(a.status()).isEqualTo(401);
                            String traceId = a.header("traceresponse").split("-")[1];
                            assertThat(traceId)
                                    .matches("[0-9a-f]{32}")
                                    .isNotEqualTo("0".repeat(32));
                            assertThat(a.body()).contains("\"traceId\":\"" + traceId + "\"");
                        }));
        rows.add(
                row(
                        "trace: a success carries the trace header too",
                        nothing(),
                        "GET",
                        "/api/v1/cases/c1",
                        null,
                        List.of("traceparent", TRACEPARENT),
                        a -> {
                            assertThat(a.status()).isEqualTo(200);
                            assertThat(a.header("traceresponse")).startsWith("00-" + TRACE + "-");
                        }));

        // 2. HEAD wherever GET works.
        rows.add(
                row(
                        "HEAD: a readable resource answers GET's status and headers without a body",
                        nothing(),
                        "HEAD",
                        "/api/v1/cases/c1",
                        null,
                        List.of(),
                        a -> {
                            assertThat(a.status()).isEqualTo(200);
                            assertThat(a.header("Content-Type")).startsWith(json);
                            assertThat(Integer.parseInt(a.header("Content-Length")))
                                    .isGreaterThan(0);
                            assertThat(a.body()).isEmpty();
                            assertThat(CASES.lastMethod.get()).isEqualTo("GetCase");
                        }));
        rows.add(
                row(
                        "HEAD: a refusal is GET's refusal, without a body",
                        failing(
                                Status.NOT_FOUND
                                        .withDescription("no case c1")
                                        .asRuntimeException()),
                        "HEAD",
                        "/api/v1/cases/c1",
                        null,
                        List.of(),
                        a -> {
                            assertThat(a.status()).isEqualTo(404);
                            assertThat(a.header("Content-Type"))
                                    .isEqualTo("application/problem+json");
                            assertThat(a.body()).isEmpty();
                        }));
        rows.add(
                row(
                        "HEAD: a stream answers its headers and is not followed",
                        streaming(event("c1"), event("c2")),
                        "HEAD",
                        "/api/v1/cases:watchEvents",
                        null,
                        List.of(),
                        a -> {
                            assertThat(a.status()).isEqualTo(200);
                            assertThat(a.header("Content-Type")).startsWith("text/event-stream");
                            assertThat(a.body()).isEmpty();
                        }));
        rows.add(
                row(
                        "HEAD: where only POST works it is 405, and Allow lists what works",
                        nothing(),
                        "HEAD",
                        "/api/v1/identifiers:match",
                        null,
                        List.of(),
                        a -> {
                            assertThat(a.status()).isEqualTo(405);
                            assertThat(a.header("Allow")).contains("POST");
                            serviceNotCalled();
                        }));
        rows.add(
                row(
                        "HEAD: a 405 on a readable path lists HEAD beside GET",
                        nothing(),
                        "DELETE",
                        "/api/v1/cases/c1",
                        null,
                        List.of(),
                        a -> {
                            assertThat(a.status()).isEqualTo(405);
                            assertThat(a.header("Allow")).contains("GET", "HEAD");
                        }));

        // 3. Stream forms by Accept.
        rows.add(
                row(
                        "stream: no Accept keeps Server-Sent Events, starting with retry:",
                        streaming(event("c1")),
                        "GET",
                        "/api/v1/cases:watchEvents",
                        null,
                        List.of(),
                        a -> {
                            assertThat(a.header("Content-Type")).startsWith("text/event-stream");
                            assertThat(a.body()).startsWith("retry: 3000\n\nid: c1\ndata: {");
                        }));
        rows.add(
                row(
                        "stream: Accept text/event-stream is SSE",
                        streaming(event("c1")),
                        "GET",
                        "/api/v1/cases:watchEvents",
                        null,
                        List.of("Accept", "text/event-stream"),
                        a -> assertThat(a.header("Content-Type")).startsWith("text/event-stream")));
        rows.add(
                row(
                        "stream: Accept application/json is newline-delimited JSON in grpc-gateway's form",
                        streaming(
                                event("c1"),
                                Event.newBuilder().setHeartbeat(true).build(),
                                event("c2")),
                        "GET",
                        "/api/v1/cases:watchEvents",
                        null,
                        List.of("Accept", json),
                        a -> {
                            assertThat(a.status()).isEqualTo(200);
                            assertThat(a.header("Content-Type")).startsWith(json);
                            List<String> lines = a.body().lines().toList();
                            assertThat(lines)
                                    .hasSize(3)
                                    .allSatisfy(
                                            line ->
                                                    assertThat(line)
                                                            .startsWith("{\"result\":{")
                                                            .endsWith("}}"));
                            assertThat(lines.get(0)).contains("\"cursor\":\"c1\"");
                            assertThat(lines.get(1)).contains("\"heartbeat\":true");
                            assertThat(a.body()).endsWith("\n");
                        }));
        rows.add(
                row(
                        "stream: Accept application/x-ndjson is the same lines as application/x-ndjson",
                        streaming(event("c1")),
                        "GET",
                        "/api/v1/cases:watchEvents",
                        null,
                        List.of("Accept", "application/x-ndjson"),
                        a -> {
                            assertThat(a.header("Content-Type")).startsWith("application/x-ndjson");
                            assertThat(a.body()).startsWith("{\"result\":{\"cursor\":\"c1\"");
                        }));
        rows.add(
                row(
                        "stream: NDJSON that fails after it started ends with an error line",
                        streaming(
                                event("c1"),
                                Status.UNAVAILABLE.withDescription("gone").asRuntimeException()),
                        "GET",
                        "/api/v1/cases:watchEvents",
                        null,
                        List.of("Accept", "application/x-ndjson", "traceparent", TRACEPARENT),
                        a -> {
                            List<String> lines = a.body().lines().toList();
                            assertThat(lines).hasSize(2);
                            assertThat(lines.get(1))
                                    .startsWith("{\"error\":{")
                                    .contains("\"status\":503", "\"traceId\":\"" + TRACE + "\"");
                        }));
        rows.add(
                row(
                        "stream: the most specific Accept range decides (json refused, SSE allowed)",
                        streaming(event("c1")),
                        "GET",
                        "/api/v1/cases:watchEvents",
                        null,
                        List.of("Accept", "application/*;q=0, */*"),
                        a -> assertThat(a.header("Content-Type")).startsWith("text/event-stream")));
        rows.add(
                row(
                        "stream: an Accept neither form satisfies is 406 before the service is called",
                        streaming(event("c1")),
                        "GET",
                        "/api/v1/cases:watchEvents",
                        null,
                        List.of("Accept", "text/html"),
                        a -> {
                            assertThat(a.status()).isEqualTo(406);
                            assertThat(a.header("Content-Type"))
                                    .isEqualTo("application/problem+json");
                            serviceNotCalled();
                        }));
        rows.add(
                row(
                        "stream: an unreadable Accept is 406",
                        streaming(event("c1")),
                        "GET",
                        "/api/v1/cases:watchEvents",
                        null,
                        List.of("Accept", "no media type"),
                        a -> {
                            assertThat(a.status()).isEqualTo(406);
                            serviceNotCalled();
                        }));

        // 4. Content-Encoding of request bodies.
        String create = "{\"title\":\"Scam compound in Myawaddy\",\"category\":\"ONLINE_SCAM\"}";
        rows.add(
                new Row(
                        "gzip: a gzip body is decoded",
                        nothing(),
                        "POST",
                        "/api/v1/cases",
                        gzip(create),
                        List.of("Content-Type", json, "Content-Encoding", "gzip"),
                        a -> {
                            assertThat(a.status()).as(a.body()).isEqualTo(201);
                            assertThat(
                                            ((CreateCaseRequest) CASES.lastRequest.get())
                                                    .getCase()
                                                    .getTitle())
                                    .isEqualTo("Scam compound in Myawaddy");
                        }));
        rows.add(
                new Row(
                        "gzip: a bomb is refused with 413 at the limit, not expanded, before the service",
                        nothing(),
                        "POST",
                        "/api/v1/cases",
                        gzip("{\"title\":\"" + "a".repeat(20_000_000) + "\"}"),
                        List.of("Content-Type", json, "Content-Encoding", "gzip"),
                        a -> {
                            assertThat(a.status()).isEqualTo(413);
                            serviceNotCalled();
                        }));
        rows.add(
                new Row(
                        "gzip: a body that is not gzip is 400",
                        nothing(),
                        "POST",
                        "/api/v1/cases",
                        create.getBytes(StandardCharsets.UTF_8),
                        List.of("Content-Type", json, "Content-Encoding", "gzip"),
                        a -> {
                            assertThat(a.status()).isEqualTo(400);
                            assertThat(a.body()).contains("not valid gzip");
                            serviceNotCalled();
                        }));
        for (String coding : List.of("br", "deflate", "zstd", "gzip, br", "x-unknown")) {
            rows.add(
                    row(
                            "encoding: Content-Encoding "
                                    + coding
                                    + " is refused with 415 and Accept-Encoding",
                            nothing(),
                            "POST",
                            "/api/v1/cases",
                            create,
                            List.of("Content-Type", json, "Content-Encoding", coding),
                            a -> {
                                assertThat(a.status()).isEqualTo(415);
                                assertThat(a.header("Accept-Encoding")).isEqualTo("gzip");
                                serviceNotCalled();
                            }));
        }
        rows.add(
                row(
                        "encoding: identity is no coding at all",
                        nothing(),
                        "POST",
                        "/api/v1/cases",
                        create,
                        List.of("Content-Type", json, "Content-Encoding", "identity"),
                        a -> assertThat(a.status()).isEqualTo(201)));

        // 5. Retry-After on upstream refusals that pass.
        rows.add(
                row(
                        "retry: upstream UNAVAILABLE is 503 with Retry-After",
                        failing(
                                withDetails(
                                        Code.UNAVAILABLE,
                                        "the database is unreachable",
                                        com.google.rpc.ErrorInfo.newBuilder()
                                                .setReason("DB")
                                                .build())),
                        "POST",
                        "/api/v1/cases/c1:share",
                        "{\"country\":\"TH\",\"handlingCode\":\"H0\"}",
                        List.of("Content-Type", json),
                        a -> {
                            assertThat(a.status()).isEqualTo(503);
                            assertThat(a.header("Retry-After")).isEqualTo("1");
                        }));
        rows.add(
                row(
                        "retry: upstream RESOURCE_EXHAUSTED is 429 with the service's RetryInfo delay",
                        failing(
                                withDetails(
                                        Code.RESOURCE_EXHAUSTED,
                                        "too many exports",
                                        RetryInfo.newBuilder()
                                                .setRetryDelay(
                                                        Duration.newBuilder()
                                                                .setSeconds(6)
                                                                .setNanos(500_000_000))
                                                .build())),
                        "GET",
                        "/api/v1/cases/c1",
                        null,
                        List.of(),
                        a -> {
                            assertThat(a.status()).isEqualTo(429);
                            assertThat(a.header("Retry-After")).isEqualTo("7");
                        }));
        rows.add(
                row(
                        "retry: a refusal that will not pass carries no Retry-After",
                        failing(
                                Status.PERMISSION_DENIED
                                        .withDescription("only the owner")
                                        .asRuntimeException()),
                        "GET",
                        "/api/v1/cases/c1",
                        null,
                        List.of(),
                        a -> {
                            assertThat(a.status()).isEqualTo(403);
                            assertThat(a.header("Retry-After")).isNull();
                        }));

        // 6. The SSE failure event.
        rows.add(
                row(
                        "SSE: a passing failure after the start is a 'problem' event with a short retry",
                        streaming(event("c1"), Status.UNAVAILABLE.asRuntimeException()),
                        "GET",
                        "/api/v1/cases:watchEvents",
                        null,
                        List.of(),
                        a -> {
                            assertThat(a.body())
                                    .contains(
                                            "event: problem\nretry: 3000\ndata: {",
                                            "\"status\":503")
                                    .doesNotContain("event: error");
                            assertThat(a.body()).endsWith("}\n\n");
                        }));
        rows.add(
                row(
                        "SSE: a permanent failure after the start is a 'problem' event with a ten-minute retry",
                        streaming(
                                event("c1"),
                                Status.PERMISSION_DENIED
                                        .withDescription("the share was revoked")
                                        .asRuntimeException()),
                        "GET",
                        "/api/v1/cases:watchEvents",
                        null,
                        List.of(),
                        a ->
                                assertThat(a.body())
                                        .contains(
                                                "event: problem\nretry: 600000\ndata: {",
                                                "\"status\":403")));
        rows.add(
                row(
                        "SSE: a refusal before the first event is a plain problem response (EventSource stops)",
                        streaming(
                                Status.INVALID_ARGUMENT
                                        .withDescription(
                                                "cursor: is not a cursor this service issued")
                                        .asRuntimeException()),
                        "GET",
                        "/api/v1/cases:watchEvents",
                        null,
                        List.of(),
                        a -> {
                            assertThat(a.status()).isEqualTo(400);
                            assertThat(a.header("Content-Type"))
                                    .isEqualTo("application/problem+json");
                        }));

        // 7. Field names in one form, the JSON one, in detail and errors alike.
        rows.add(
                row(
                        "fields: proto paths in the detail are written as errors[].field writes them",
                        failing(
                                withDetails(
                                        Code.INVALID_ARGUMENT,
                                        "case.owner_country: must not be set; case.operation_tags[1]: is too long",
                                        BadRequest.newBuilder()
                                                .addFieldViolations(
                                                        BadRequest.FieldViolation.newBuilder()
                                                                .setField("case.owner_country")
                                                                .setDescription("must not be set"))
                                                .addFieldViolations(
                                                        BadRequest.FieldViolation.newBuilder()
                                                                .setField("case.operation_tags[1]")
                                                                .setDescription("is too long"))
                                                .build())),
                        "POST",
                        "/api/v1/cases",
                        create,
                        List.of("Content-Type", json),
                        a -> {
                            assertThat(a.status()).isEqualTo(400);
                            assertThat(a.body())
                                    .contains(
                                            "\"detail\":\"ownerCountry: must not be set; operationTags[1]: is too long\"",
                                            "\"field\":\"ownerCountry\"",
                                            "\"field\":\"operationTags[1]\"")
                                    .doesNotContain("owner_country");
                        }));
        rows.add(
                row(
                        "fields: a proto path in any problem's detail is translated; other words are not",
                        failing(
                                withDetails(
                                        Code.ALREADY_EXISTS,
                                        "request_id \"r-1\" was used for another request; see case_id_hint",
                                        com.google.rpc.ErrorInfo.newBuilder()
                                                .setReason("REQUEST_ID_REUSED")
                                                .build())),
                        "POST",
                        "/api/v1/cases?requestId=r-1",
                        create,
                        List.of("Content-Type", json),
                        a -> {
                            assertThat(a.status()).isEqualTo(409);
                            assertThat(a.body())
                                    .contains(
                                            "\"detail\":\"requestId \\\"r-1\\\" was used for another request; see case_id_hint\"");
                        }));

        // 9. Creates answer 201 with Location; other POSTs 200.
        rows.add(
                row(
                        "created: a create answers 201 with the URL that reads it back",
                        () ->
                                CASES.answer =
                                        request ->
                                                Case.newBuilder()
                                                        .setId("KR-2026/000123")
                                                        .setTitle("t")
                                                        .build(),
                        "POST",
                        "/api/v1/cases",
                        create,
                        List.of("Content-Type", json),
                        a -> {
                            assertThat(a.status()).isEqualTo(201);
                            assertThat(a.header("Location"))
                                    .isEqualTo("/api/v1/cases/KR-2026%2F000123");
                            assertThat(a.body()).contains("\"id\":\"KR-2026/000123\"");
                        }));
        rows.add(
                row(
                        "created: a custom method (POST :share) answers 200 without Location",
                        nothing(),
                        "POST",
                        "/api/v1/cases/c1:share",
                        "{\"country\":\"TH\",\"handlingCode\":\"H0\"}",
                        List.of("Content-Type", json),
                        a -> {
                            assertThat(a.status()).isEqualTo(200);
                            assertThat(a.header("Location")).isNull();
                        }));
        rows.add(
                row(
                        "created: a client stream (bulk load) answers 200",
                        nothing(),
                        "POST",
                        "/api/v1/wantedPersons:ingest",
                        "[]",
                        List.of("Content-Type", json),
                        a -> {
                            assertThat(a.status()).isEqualTo(200);
                            assertThat(a.header("Location")).isNull();
                        }));
        return rows.stream();
    }

    @BeforeEach
    void reset() {
        CASES.reset();
        CASES.answer = request -> null;
        CASES.events = List.of();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void the_rest_face_behaves_as_http_says(Row row) throws Exception {
        row.arrange().run();
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + row.path()))
                        .timeout(java.time.Duration.ofSeconds(20))
                        .method(
                                row.method(),
                                row.body() == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(row.body()));
        List<String> headers = new ArrayList<>(row.headers());
        if (!headers.contains("Authorization")) {
            headers.addAll(List.of("Authorization", "Bearer " + TOKENS.token("KR")));
        } else {
            headers.remove("none");
            headers.remove("Authorization");
        }
        if (!headers.isEmpty()) {
            request.headers(headers.toArray(String[]::new));
        }
        HttpResponse<String> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        row.expect().accept(new Answer(response.statusCode(), response.headers(), response.body()));
    }

    @ParameterizedTest(name = "HEAD {0} answers GET's headers")
    @MethodSource("readablePaths")
    void head_answers_the_headers_of_get(String path) throws Exception {
        Map<String, List<String>> get = headersOf("GET", path);
        Map<String, List<String>> head = headersOf("HEAD", path);
        assertThat(head).isEqualTo(get);
    }

    static Stream<String> readablePaths() {
        return Stream.of("/api/v1/cases/c1", "/api/v1/cases?pageSize=5", "/api/v1/nothing");
    }

    private Map<String, List<String>> headersOf(String method, String path) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .header("Authorization", "Bearer " + TOKENS.token("KR"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("traceresponse");
        headers.remove("date");
        headers.put(":status", List.of(Integer.toString(response.statusCode())));
        return headers;
    }
}
