package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.gateway.RecordingUpstreamTest.CASES;
import static org.chainbreaker.gateway.RestHttpRows.TRACE;
import static org.chainbreaker.gateway.RestHttpRows.TRACEPARENT;
import static org.chainbreaker.gateway.RestHttpRows.event;
import static org.chainbreaker.gateway.RestHttpRows.failing;
import static org.chainbreaker.gateway.RestHttpRows.nothing;
import static org.chainbreaker.gateway.RestHttpRows.row;
import static org.chainbreaker.gateway.RestHttpRows.serviceNotCalled;
import static org.chainbreaker.gateway.RestHttpRows.streaming;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.gateway.RestHttpRows.Row;

/**
 * Rows 1 to 3: the trace id reaches the client, HEAD wherever GET works, stream forms by Accept.
 */
final class TraceHeadAndStreamRows {

    private TraceHeadAndStreamRows() {}

    static List<Row> rows() {
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

        return rows;
    }
}
