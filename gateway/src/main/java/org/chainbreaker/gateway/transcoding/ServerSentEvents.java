package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.chainbreaker.gateway.problems.Problem;
import org.chainbreaker.gateway.problems.ProblemResponses;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A server-streaming RPC on the REST face, in the form the client's {@code Accept} asks for:
 *
 * <ul>
 *   <li>{@code text/event-stream} (also with no Accept, {@code *}{@code /*} or {@code text/*}):
 *       Server-Sent Events. Each message is one event whose data is the message in proto3 JSON. A
 *       string {@code cursor} becomes the event id, so that {@code Last-Event-ID} resumes the
 *       stream (it fills the request's string {@code cursor} when the query did not); a bool {@code
 *       heartbeat} set to true is sent as an SSE comment. The stream starts with {@code retry:}. A
 *       failure later ends the stream with an event named {@code problem} (not {@code error}, which
 *       EventSource fires itself when a connection drops) carrying the problem and a {@code retry:}
 *       that is short for a passing failure and long for one that will not pass, so a browser that
 *       is not told to close does not reconnect in a loop.
 *   <li>{@code application/x-ndjson} or {@code application/json}: newline-delimited JSON in
 *       grpc-gateway's form, one object per line, {@code {"result":<message>}}, heartbeats
 *       included; a failure later ends the stream with a line {@code {"error":<problem>}}. The
 *       content type is the one asked for.
 * </ul>
 *
 * Anything else is 406 before any service is called. A failure before the first message is an
 * ordinary problem response in every form. HEAD answers the status and headers a GET would have
 * started with, then cancels the call.
 */
final class ServerSentEvents {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    /**
     * How long a browser waits before reconnecting to a stream that ended normally or by a passing
     * failure.
     */
    static final long RETRY_MILLIS = 3_000;

    /**
     * After a failure that will not pass by itself (4xx but 429): long enough that no client loops
     * on it.
     */
    static final long RETRY_AFTER_PERMANENT_MILLIS = 600_000;

    /** The forms offered, in order of preference when the client likes several equally. */
    private static final List<MediaType> OFFERED =
            List.of(MediaType.TEXT_EVENT_STREAM, NDJSON, MediaType.APPLICATION_JSON);

    private final JsonFormat.Printer printer;

    ServerSentEvents(JsonFormat.Printer printer) {
        this.printer = printer.omittingInsignificantWhitespace();
    }

    /**
     * The form to answer in, or null when the client accepts none of them (406). For each form
     * offered, the most specific range of the Accept header that includes it gives its quality (RFC
     * 9110 §12.5.1); q=0 refuses it.
     */
    static MediaType negotiate(ServerHttpRequest request) {
        List<String> accept = request.getHeaders().getOrEmpty("Accept");
        if (accept.isEmpty()) {
            return MediaType.TEXT_EVENT_STREAM;
        }
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
        MediaType best = null;
        double bestQuality = 0;
        for (MediaType offered : OFFERED) {
            MediaType match = null;
            for (MediaType range : ranges) {
                if (range.includes(offered)
                        && (match == null || specificity(range) > specificity(match))) {
                    match = range;
                }
            }
            if (match != null && match.getQualityValue() > bestQuality) {
                best = offered;
                bestQuality = match.getQualityValue();
            }
        }
        return best;
    }

    private static int specificity(MediaType range) {
        return range.isWildcardType()
                ? 0
                : range.isWildcardSubtype() ? 1 : 2 + range.getParameters().size();
    }

    /**
     * The request, resumed from the client's Last-Event-ID when it has a cursor field the query
     * left empty.
     */
    DynamicMessage resumed(ServerHttpRequest request, DynamicMessage message) {
        String lastEventId = request.getHeaders().getFirst(LAST_EVENT_ID);
        FieldDescriptor cursor = message.getDescriptorForType().findFieldByName("cursor");
        if (lastEventId == null
                || lastEventId.isEmpty()
                || cursor == null
                || cursor.getJavaType() != FieldDescriptor.JavaType.STRING
                || cursor.isRepeated()
                || !((String) message.getField(cursor)).isEmpty()) {
            return message;
        }
        return message.toBuilder().setField(cursor, lastEventId).build();
    }

    Mono<Void> write(
            ServerWebExchange exchange,
            HttpRoute route,
            MediaType form,
            Flux<DynamicMessage> messages) {
        boolean sse = form.equals(MediaType.TEXT_EVENT_STREAM);
        String traceId = ProblemResponses.traceId(exchange);
        return messages.switchOnFirst(
                        (first, all) -> {
                            if (first.hasError()
                                    && first.getThrowable()
                                            instanceof StatusRuntimeException failure) {
                                return GrpcFailures.write(exchange, failure, route)
                                        .then(Mono.empty());
                            }
                            ServerHttpResponse response = exchange.getResponse();
                            response.setStatusCode(HttpStatus.OK);
                            response.getHeaders().setContentType(form);
                            response.getHeaders().set("Cache-Control", "no-store");
                            response.getHeaders().set("X-Accel-Buffering", "no");
                            if (exchange.getRequest().getMethod() == HttpMethod.HEAD) {
                                // The status and headers are known now; the stream itself is not
                                // wanted.
                                return all.take(1)
                                        .then(response.setComplete())
                                        .then(Mono.<Void>empty());
                            }
                            Flux<String> texts =
                                    sse
                                            ? Flux.concat(
                                                    Mono.just("retry: " + RETRY_MILLIS + "\n\n"),
                                                    all.map(this::frame))
                                            : all.map(this::line);
                            Flux<DataBuffer> frames =
                                    texts.map(text -> buffer(response, text))
                                            .onErrorResume(
                                                    StatusRuntimeException.class,
                                                    failure -> {
                                                        Problem problem =
                                                                GrpcFailures.toProblem(
                                                                        failure, route);
                                                        return Mono.just(
                                                                buffer(
                                                                        response,
                                                                        sse
                                                                                ? problemFrame(
                                                                                        problem,
                                                                                        traceId)
                                                                                : errorLine(
                                                                                        problem,
                                                                                        traceId)));
                                                    });
                            return response.writeAndFlushWith(frames.map(Mono::just))
                                    .then(Mono.<Void>empty());
                        })
                .then();
    }

    String frame(DynamicMessage message) {
        FieldDescriptor heartbeat = message.getDescriptorForType().findFieldByName("heartbeat");
        if (heartbeat != null
                && heartbeat.getJavaType() == FieldDescriptor.JavaType.BOOLEAN
                && !heartbeat.isRepeated()
                && (Boolean) message.getField(heartbeat)) {
            return ": heartbeat\n\n";
        }
        StringBuilder frame = new StringBuilder();
        FieldDescriptor cursor = message.getDescriptorForType().findFieldByName("cursor");
        if (cursor != null
                && cursor.getJavaType() == FieldDescriptor.JavaType.STRING
                && !cursor.isRepeated()) {
            String id = (String) message.getField(cursor);
            if (!id.isEmpty()) {
                frame.append("id: ").append(id).append('\n');
            }
        }
        return frame.append("data: ").append(json(message)).append("\n\n").toString();
    }

    /** One message as a line of newline-delimited JSON, in grpc-gateway's envelope. */
    String line(DynamicMessage message) {
        return "{\"result\":" + json(message) + "}\n";
    }

    private String json(DynamicMessage message) {
        try {
            return printer.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stream message could not be printed", e);
        }
    }

    /** The last event of a stream that failed after it started. */
    static String problemFrame(Problem problem, String traceId) {
        boolean passing = problem.status() == 429 || problem.status() >= 500;
        return "event: problem\nretry: "
                + (passing ? RETRY_MILLIS : RETRY_AFTER_PERMANENT_MILLIS)
                + "\ndata: "
                + problem.toJson(traceId)
                + "\n\n";
    }

    static String errorLine(Problem problem, String traceId) {
        return "{\"error\":" + problem.toJson(traceId) + "}\n";
    }

    private static DataBuffer buffer(ServerHttpResponse response, String text) {
        return response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
