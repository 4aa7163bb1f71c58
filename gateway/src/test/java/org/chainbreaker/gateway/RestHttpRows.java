package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.gateway.RecordingUpstreamTest.CASES;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import io.grpc.protobuf.StatusProto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.chainbreaker.common.v1.Event;

/**
 * The rows of {@link RestHttpConformanceTest}: one HTTP rule each, with what the loopback case
 * service is to answer and what the client must get.
 */
final class RestHttpRows {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

    private RestHttpRows() {}

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

    static Row row(
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

    static Runnable nothing() {
        return () -> {};
    }

    static Runnable failing(io.grpc.StatusRuntimeException failure) {
        return () -> CASES.answer = request -> failure;
    }

    static Runnable streaming(Object... items) {
        return () -> CASES.events = List.of(items);
    }

    static Event event(String cursor) {
        return Event.newBuilder()
                .setCursor(cursor)
                .setType("case.shared")
                .setRecordType("case")
                .setRecordId("case-" + cursor)
                .setOwnerCountry("KR")
                .build();
    }

    static io.grpc.StatusRuntimeException withDetails(
            Code code, String message, com.google.protobuf.Message... details) {
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
        for (com.google.protobuf.Message detail : details) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void serviceNotCalled() {
        assertThat(CASES.lastMethod.get()).as("the service must not be called").isNull();
    }
}
