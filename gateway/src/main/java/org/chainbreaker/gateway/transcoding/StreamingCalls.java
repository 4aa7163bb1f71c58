package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.micrometer.context.ContextSnapshot;
import org.chainbreaker.gateway.observability.ReactorTrace;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A server-streaming gRPC call as a {@link Flux}. Demand flows through: the service is asked for as
 * many messages as the HTTP client has taken, so a slow reader slows the stream instead of filling
 * the gateway's memory. Cancelling the Flux (the client went away) cancels the call. No deadline:
 * streams live as long as the client listens.
 */
final class StreamingCalls {

    private StreamingCalls() {}

    static Flux<DynamicMessage> call(
            Channel channel, RpcMethod method, DynamicMessage request, Metadata headers) {
        return Flux.create(
                sink -> {
                    ClientCall<DynamicMessage, DynamicMessage> call =
                            channel.newCall(method.grpc(), CallOptions.DEFAULT);
                    sink.onCancel(() -> call.cancel("the client went away", null));
                    // Started within the caller's trace, so that the service's spans continue it.
                    try (ContextSnapshot.Scope trace = ReactorTrace.current(sink.contextView())) {
                        start(call, sink, headers);
                    }
                    sink.onRequest(n -> call.request((int) Math.min(n, Integer.MAX_VALUE)));
                    call.sendMessage(request);
                    call.halfClose();
                },
                FluxSink.OverflowStrategy.BUFFER);
    }

    private static void start(
            ClientCall<DynamicMessage, DynamicMessage> call,
            FluxSink<DynamicMessage> sink,
            Metadata headers) {
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onMessage(DynamicMessage message) {
                        sink.next(message);
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        if (status.isOk()) {
                            sink.complete();
                        } else {
                            sink.error(status.asRuntimeException(trailers));
                        }
                    }
                },
                headers);
    }
}
