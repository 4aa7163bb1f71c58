package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.chainbreaker.gateway.RestHttpRows.Answer;
import org.chainbreaker.gateway.RestHttpRows.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST face's HTTP behaviour, one row per rule, against the real gateway application and a
 * loopback case service that answers as each row arranges: the trace id reaches the client, HEAD
 * wherever GET works, stream forms by Accept (SSE, NDJSON, 406), gzip request bodies (and the limit
 * after decoding), Retry-After on upstream refusals, the SSE {@code problem} event with {@code
 * retry:}, JSON field names in problem details, and 201 with Location for creates. Rows for
 * behaviour that already conformed keep it so.
 */
class RestHttpConformanceTest extends RecordingUpstreamTest {

    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();

    static Stream<Row> rows() {
        return Stream.concat(
                TraceHeadAndStreamRows.rows().stream(), BodyRefusalAndNamingRows.rows().stream());
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
