package org.chainbreaker.gateway.grpcface;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.chainbreaker.gateway.resilience.UpstreamGuard;
import org.chainbreaker.platform.grpc.CallerAuthentication;
import org.chainbreaker.platform.grpc.EventStreams;

/**
 * Forwards one call, of any kind (unary or streaming), to the owning service as opaque bytes: the
 * gateway neither parses nor rebuilds the messages. Only the caller's token travels with it; flow
 * control is message by message in both directions, so a slow side slows the other instead of
 * filling memory.
 */
final class GrpcProxy implements ServerCallHandler<byte[], byte[]> {

    static final Metadata.Key<byte[]> STATUS_DETAILS =
            Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

    private final Channel upstream;
    private final MethodDescriptor<byte[], byte[]> method;
    private final long maxDeadlineNanos;
    private final UpstreamGuard guard;
    private final Descriptor requestType;

    GrpcProxy(
            Channel upstream,
            MethodDescriptor<byte[], byte[]> method,
            long maxDeadlineNanos,
            UpstreamGuard guard,
            Descriptor requestType) {
        this.requestType = requestType;
        this.upstream = upstream;
        this.method = method;
        this.maxDeadlineNanos = maxDeadlineNanos;
        this.guard = guard;
    }

    @Override
    public ServerCall.Listener<byte[]> startCall(
            ServerCall<byte[], byte[]> call, Metadata headers) {
        // The same breaker and bulkhead as the REST face: an open breaker answers at once.
        UpstreamGuard.Entry entry =
                guard.enter(method.getType() != MethodDescriptor.MethodType.UNARY);
        if (entry instanceof UpstreamGuard.Refusal refusal) {
            call.close(refusal.status(), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        UpstreamGuard.Permit permit = (UpstreamGuard.Permit) entry;
        CallOptions options = CallOptions.DEFAULT;
        // Unary calls get the gateway's deadline unless the caller asked for a shorter one; streams
        // (event
        // subscriptions) run as long as the caller keeps them open.
        if (method.getType() == MethodDescriptor.MethodType.UNARY) {
            Deadline deadline = Deadline.after(maxDeadlineNanos, TimeUnit.NANOSECONDS);
            io.grpc.Context context = io.grpc.Context.current();
            if (context.getDeadline() != null && context.getDeadline().isBefore(deadline)) {
                deadline = context.getDeadline();
            }
            options = options.withDeadline(deadline);
        }
        ClientCall<byte[], byte[]> forward = upstream.newCall(method, options);
        // The caller's side and the service's side may both end the call (a refused message, the
        // service's answer):
        // only the first close counts.
        AtomicBoolean closed = new AtomicBoolean();
        BiConsumer<Status, Metadata> closeOnce =
                (status, trailers) -> {
                    if (closed.compareAndSet(false, true)) {
                        call.close(status, trailers);
                    }
                };
        Metadata outgoing = new Metadata();
        String authorization = headers.get(CallerAuthentication.AUTHORIZATION);
        if (authorization != null) {
            outgoing.put(CallerAuthentication.AUTHORIZATION, authorization);
        }
        // A message from the service is asked for only while the caller takes what it was sent
        // (isReady): a caller that stops reading holds the transport's buffers and no more here,
        // and the service sees it slow down.
        AtomicBoolean owed = new AtomicBoolean();
        Runnable askWhenReady =
                () -> {
                    if (call.isReady() && owed.compareAndSet(true, false)) {
                        forward.request(1);
                    }
                };
        forward.start(
                new ClientCall.Listener<>() {
                    private boolean headersSent;

                    @Override
                    public void onHeaders(Metadata upstreamHeaders) {
                        sendHeadersOnce();
                    }

                    @Override
                    public void onMessage(byte[] message) {
                        sendHeadersOnce();
                        call.sendMessage(message);
                        owed.set(true);
                        askWhenReady.run();
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        permit.finish(status.getCode());
                        closeOnce.accept(sanitized(status), errorDetails(trailers));
                    }

                    private void sendHeadersOnce() {
                        if (!headersSent) {
                            headersSent = true;
                            call.sendHeaders(new Metadata());
                        }
                    }
                },
                outgoing);
        forward.request(1);
        call.request(1);
        return new ServerCall.Listener<>() {
            @Override
            public void onMessage(byte[] message) {
                if (closed.get()) {
                    return;
                }
                // Bytes that are not a message of the request type (or strings that are not UTF-8)
                // are the
                // caller's error, said as such; they never reach the service, whose parser would
                // call it INTERNAL.
                try {
                    DynamicMessage.parseFrom(requestType, message);
                } catch (InvalidProtocolBufferException e) {
                    permit.finish(Status.Code.INVALID_ARGUMENT);
                    // Close first: cancelling the forwarded call closes it at once, and only the
                    // first close counts.
                    closeOnce.accept(
                            Status.INVALID_ARGUMENT.withDescription(
                                    "the request is not a valid "
                                            + requestType.getFullName()
                                            + " message"),
                            new Metadata());
                    forward.cancel("the caller sent an invalid message", null);
                    return;
                }
                forward.sendMessage(message);
                call.request(1);
            }

            @Override
            public void onReady() {
                askWhenReady.run();
            }

            @Override
            public void onHalfClose() {
                if (!closed.get()) {
                    forward.halfClose();
                }
            }

            @Override
            public void onCancel() {
                permit.finish(Status.Code.CANCELLED);
                forward.cancel("the caller cancelled", null);
            }
        };
    }

    /**
     * The service's refusals pass through as they are. Transport failures (unreachable service,
     * deadline, cancellation) and internal errors may name hosts or internals: the caller gets a
     * plain message instead.
     */
    static Status sanitized(Status status) {
        return switch (status.getCode()) {
            case DEADLINE_EXCEEDED ->
                    Status.DEADLINE_EXCEEDED.withDescription("the service did not answer in time");
            case CANCELLED -> Status.CANCELLED.withDescription("the call was cancelled");
            case UNAVAILABLE ->
                    Status.UNAVAILABLE.withDescription(
                            "the service is unavailable; try again shortly");
            case UNKNOWN, INTERNAL, DATA_LOSS -> Status.INTERNAL.withDescription("internal error");
            default -> status;
        };
    }

    /**
     * Only the rich error details (field violations) and an event stream's resume cursor travel
     * back; other trailers stay inside.
     */
    private static Metadata errorDetails(Metadata trailers) {
        Metadata kept = new Metadata();
        byte[] details = trailers.get(STATUS_DETAILS);
        if (details != null) {
            kept.put(STATUS_DETAILS, details);
        }
        String resume = trailers.get(EventStreams.RESUME_CURSOR);
        if (resume != null) {
            kept.put(EventStreams.RESUME_CURSOR, resume);
        }
        return kept;
    }
}
