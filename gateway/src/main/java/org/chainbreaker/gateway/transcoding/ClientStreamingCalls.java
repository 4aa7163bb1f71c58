package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.micrometer.context.ContextSnapshot;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.gateway.observability.ReactorTrace;
import reactor.core.publisher.Mono;

/**
 * A client-streaming gRPC call as a {@link Mono}: sends the messages in order, half-closes, and
 * completes with the one response. Messages are sent only while the call is ready (and again on
 * each {@code onReady}), so a long stream waits for the transport instead of queueing in the call.
 * Cancelling the Mono cancels the call.
 */
final class ClientStreamingCalls {

    private ClientStreamingCalls() {}

    static Mono<DynamicMessage> call(
            Channel channel,
            RpcMethod method,
            List<DynamicMessage> requests,
            Metadata headers,
            long deadlineNanos) {
        return Mono.create(
                sink -> {
                    ClientCall<DynamicMessage, DynamicMessage> call =
                            channel.newCall(
                                    method.grpc(),
                                    CallOptions.DEFAULT.withDeadlineAfter(
                                            deadlineNanos, TimeUnit.NANOSECONDS));
                    Sender sender = new Sender(call, requests);
                    sink.onCancel(
                            () -> {
                                sender.stop();
                                call.cancel("the client went away", null);
                            });
                    // Started within the caller's trace, so that the service's spans continue it.
                    try (ContextSnapshot.Scope trace = ReactorTrace.current(sink.contextView())) {
                        // The service may answer (or fail) before taking the whole stream; nothing
                        // more is sent then.
                        call.start(
                                new UnaryCalls.SingleResponse(sink, sender::send, sender::stop),
                                headers);
                    }
                    call.request(2);
                    sender.send();
                });
    }

    /**
     * Sends what the call is ready for; called at start and on every onReady, possibly from two
     * threads.
     */
    private static final class Sender {
        private final ClientCall<DynamicMessage, DynamicMessage> call;
        private final List<DynamicMessage> requests;
        private int next;
        private boolean closed;

        Sender(ClientCall<DynamicMessage, DynamicMessage> call, List<DynamicMessage> requests) {
            this.call = call;
            this.requests = requests;
        }

        synchronized void send() {
            while (!closed && next < requests.size() && call.isReady()) {
                call.sendMessage(requests.get(next++));
            }
            if (!closed && next == requests.size()) {
                closed = true;
                call.halfClose();
            }
        }

        synchronized void stop() {
            closed = true;
        }
    }
}
