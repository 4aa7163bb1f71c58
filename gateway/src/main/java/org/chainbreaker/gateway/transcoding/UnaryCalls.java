package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.micrometer.context.ContextSnapshot;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.gateway.observability.ReactorTrace;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A unary gRPC call as a {@link Mono}; cancelling the Mono (the client went away) cancels the call.
 */
final class UnaryCalls {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private UnaryCalls() {}

    static Mono<DynamicMessage> call(
            Channel channel,
            RpcMethod method,
            DynamicMessage request,
            Metadata headers,
            long deadlineNanos) {
        return Mono.create(
                sink -> {
                    ClientCall<DynamicMessage, DynamicMessage> call =
                            channel.newCall(
                                    method.grpc(),
                                    CallOptions.DEFAULT.withDeadlineAfter(
                                            deadlineNanos, TimeUnit.NANOSECONDS));
                    sink.onCancel(() -> call.cancel("the client went away", null));
                    // Started within the caller's trace, so that the service's spans continue it.
                    try (ContextSnapshot.Scope trace = ReactorTrace.current(sink.contextView())) {
                        start(call, sink, headers);
                    }
                    call.request(2);
                    call.sendMessage(request);
                    call.halfClose();
                });
    }

    private static void start(
            ClientCall<DynamicMessage, DynamicMessage> call,
            MonoSink<DynamicMessage> sink,
            Metadata headers) {
        call.start(new SingleResponse(sink, () -> {}, () -> {}), headers);
    }

    /**
     * Completes the sink with the one response of a call (unary or client-streaming), or its
     * failure.
     */
    static final class SingleResponse extends ClientCall.Listener<DynamicMessage> {
        private final MonoSink<DynamicMessage> sink;
        private final Runnable onReady;
        private final Runnable onClose;
        private DynamicMessage response;

        SingleResponse(MonoSink<DynamicMessage> sink, Runnable onReady, Runnable onClose) {
            this.sink = sink;
            this.onReady = onReady;
            this.onClose = onClose;
        }

        @Override
        public void onReady() {
            onReady.run();
        }

        @Override
        public void onMessage(DynamicMessage message) {
            response = message;
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            onClose.run();
            if (!status.isOk()) {
                sink.error(status.asRuntimeException(trailers));
            } else if (response == null) {
                sink.error(
                        Status.INTERNAL
                                .withDescription("the service sent no response")
                                .asRuntimeException());
            } else {
                sink.success(response);
            }
        }
    }
}
