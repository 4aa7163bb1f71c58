package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.gateway.RecordingUpstreamTest.CASES;
import static org.chainbreaker.gateway.RestHttpRows.event;
import static org.chainbreaker.gateway.RestHttpRows.failing;
import static org.chainbreaker.gateway.RestHttpRows.gzip;
import static org.chainbreaker.gateway.RestHttpRows.nothing;
import static org.chainbreaker.gateway.RestHttpRows.row;
import static org.chainbreaker.gateway.RestHttpRows.serviceNotCalled;
import static org.chainbreaker.gateway.RestHttpRows.streaming;
import static org.chainbreaker.gateway.RestHttpRows.withDetails;

import com.google.protobuf.Duration;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.gateway.RestHttpRows.Row;

/**
 * Rows 4 to 9: gzip request bodies, Retry-After on upstream refusals, the SSE failure event, JSON
 * field names in problems, 201 with Location for creates.
 */
final class BodyRefusalAndNamingRows {

    private BodyRefusalAndNamingRows() {}

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String json = "application/json";

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
        return rows;
    }
}
