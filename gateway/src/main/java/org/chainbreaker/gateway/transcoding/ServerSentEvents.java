package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import org.chainbreaker.gateway.problems.Problem;
import org.chainbreaker.gateway.problems.ProblemResponses;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A server-streaming RPC as Server-Sent Events: each message is one event whose data is the message in proto3
 * JSON. Two conventions of the contract's stream messages are honoured, by field name and type only: a string
 * {@code cursor} becomes the event id, so that a browser's or client's {@code Last-Event-ID} resumes the stream
 * (it fills the request's string {@code cursor} when the query did not); a bool {@code heartbeat} set to true is
 * sent as an SSE comment that keeps proxies from closing an idle stream. A failure before the first event is an
 * ordinary problem response; a failure later ends the stream with an {@code error} event carrying the problem.
 */
final class ServerSentEvents {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final JsonFormat.Printer printer;

    ServerSentEvents(JsonFormat.Printer printer) {
        this.printer = printer.omittingInsignificantWhitespace();
    }

    /** The request, resumed from the client's Last-Event-ID when it has a cursor field the query left empty. */
    DynamicMessage resumed(ServerHttpRequest request, DynamicMessage message) {
        String lastEventId = request.getHeaders().getFirst(LAST_EVENT_ID);
        FieldDescriptor cursor = message.getDescriptorForType().findFieldByName("cursor");
        if (lastEventId == null || lastEventId.isEmpty() || cursor == null
                || cursor.getJavaType() != FieldDescriptor.JavaType.STRING || cursor.isRepeated()
                || !((String) message.getField(cursor)).isEmpty()) {
            return message;
        }
        return message.toBuilder().setField(cursor, lastEventId).build();
    }

    Mono<Void> write(ServerWebExchange exchange, HttpRoute route, Flux<DynamicMessage> messages) {
        return messages.switchOnFirst((first, all) -> {
            if (first.hasError() && first.getThrowable() instanceof StatusRuntimeException failure) {
                return ProblemResponses.write(exchange, GrpcFailures.toProblem(failure, route)).then(Mono.empty());
            }
            ServerHttpResponse response = exchange.getResponse();
            response.setStatusCode(HttpStatus.OK);
            response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
            response.getHeaders().set("Cache-Control", "no-store");
            response.getHeaders().set("X-Accel-Buffering", "no");
            Flux<DataBuffer> frames = all.map(message -> buffer(response, frame(message)))
                    .onErrorResume(StatusRuntimeException.class, failure ->
                            Mono.just(buffer(response, errorFrame(GrpcFailures.toProblem(failure, route)))));
            return response.writeAndFlushWith(frames.map(Mono::just)).then(Mono.<Void>empty());
        }).then();
    }

    String frame(DynamicMessage message) {
        FieldDescriptor heartbeat = message.getDescriptorForType().findFieldByName("heartbeat");
        if (heartbeat != null && heartbeat.getJavaType() == FieldDescriptor.JavaType.BOOLEAN && !heartbeat.isRepeated()
                && (Boolean) message.getField(heartbeat)) {
            return ": heartbeat\n\n";
        }
        StringBuilder frame = new StringBuilder();
        FieldDescriptor cursor = message.getDescriptorForType().findFieldByName("cursor");
        if (cursor != null && cursor.getJavaType() == FieldDescriptor.JavaType.STRING && !cursor.isRepeated()) {
            String id = (String) message.getField(cursor);
            if (!id.isEmpty()) {
                frame.append("id: ").append(id).append('\n');
            }
        }
        try {
            frame.append("data: ").append(printer.print(message)).append("\n\n");
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stream message could not be printed", e);
        }
        return frame.toString();
    }

    static String errorFrame(Problem problem) {
        return "event: error\ndata: " + problem.toJson() + "\n\n";
    }

    private static DataBuffer buffer(ServerHttpResponse response, String text) {
        return response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
