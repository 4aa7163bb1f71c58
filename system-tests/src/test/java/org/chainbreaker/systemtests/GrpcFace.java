package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.Faces.TIMEOUT;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * The gateway's gRPC face called with raw protobuf bytes, for any RPC of the contract, unary or
 * streaming; a refusal becomes an {@link Outcome} with its status.
 */
final class GrpcFace {

    private static final io.grpc.MethodDescriptor.Marshaller<byte[]> BYTES =
            new io.grpc.MethodDescriptor.Marshaller<>() {
                @Override
                public InputStream stream(byte[] value) {
                    return new ByteArrayInputStream(value);
                }

                @Override
                public byte[] parse(InputStream stream) {
                    try {
                        return stream.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };

    private final Channel grpc;

    GrpcFace(Channel grpc) {
        this.grpc = grpc;
    }

    /**
     * A raw gRPC call through the gateway's gRPC face: the request as protobuf bytes (which may be
     * anything). For a server stream the first message (or the failure) decides; a stream that
     * stays open for a moment counts as accepted. For a client stream the bytes are sent as one
     * message.
     */
    Outcome call(Endpoint endpoint, String authorization, List<byte[]> requests, Metadata extra) {
        Metadata headers = new Metadata();
        headers.merge(extra);
        if (authorization != null) {
            headers.put(
                    Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    authorization);
        }
        Channel channel =
                ClientInterceptors.intercept(
                        grpc, MetadataUtils.newAttachHeadersInterceptor(headers));
        io.grpc.MethodDescriptor.MethodType type =
                endpoint.clientStreaming()
                        ? io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING
                        : endpoint.serverStreaming()
                                ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                                : io.grpc.MethodDescriptor.MethodType.UNARY;
        io.grpc.MethodDescriptor<byte[], byte[]> method =
                io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
                        .setType(type)
                        .setFullMethodName(endpoint.fullName())
                        .setRequestMarshaller(BYTES)
                        .setResponseMarshaller(BYTES)
                        .build();
        try {
            switch (type) {
                case UNARY -> {
                    byte[] answer =
                            ClientCalls.blockingUnaryCall(
                                    channel,
                                    method,
                                    CallOptions.DEFAULT.withDeadlineAfter(
                                            TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                                    requests.getFirst());
                    return new Outcome(
                            Face.GRPC, Status.Code.OK, 0, "", ByteString.copyFrom(answer));
                }
                case SERVER_STREAMING -> {
                    Iterator<byte[]> stream =
                            ClientCalls.blockingServerStreamingCall(
                                    channel,
                                    method,
                                    CallOptions.DEFAULT.withDeadlineAfter(3, TimeUnit.SECONDS),
                                    requests.getFirst());
                    try {
                        // Waits for the first element or the stream's end; a refusal throws.
                        var unused = stream.hasNext();
                        return new Outcome(
                                Face.GRPC,
                                Status.Code.OK,
                                0,
                                "(stream answered)",
                                ByteString.EMPTY);
                    } catch (StatusRuntimeException e) {
                        if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
                            return new Outcome(
                                    Face.GRPC,
                                    Status.Code.OK,
                                    0,
                                    "(stream stayed open)",
                                    ByteString.EMPTY);
                        }
                        throw e;
                    }
                }
                default -> {
                    CompletableFuture<byte[]> answer = new CompletableFuture<>();
                    ClientCall<byte[], byte[]> call =
                            channel.newCall(
                                    method,
                                    CallOptions.DEFAULT.withDeadlineAfter(
                                            TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                    StreamObserver<byte[]> out =
                            ClientCalls.asyncClientStreamingCall(
                                    call,
                                    new StreamObserver<>() {
                                        @Override
                                        public void onNext(byte[] value) {
                                            answer.complete(value);
                                        }

                                        @Override
                                        public void onError(Throwable t) {
                                            answer.completeExceptionally(t);
                                        }

                                        @Override
                                        public void onCompleted() {
                                            answer.complete(new byte[0]);
                                        }
                                    });
                    try {
                        for (byte[] r : requests) {
                            out.onNext(r);
                        }
                        out.onCompleted();
                    } catch (RuntimeException e) {
                        // The server may already have closed the call; its status is in the answer.
                    }
                    try {
                        byte[] bytes = answer.get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
                        return new Outcome(
                                Face.GRPC, Status.Code.OK, 0, "", ByteString.copyFrom(bytes));
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof StatusRuntimeException sre) {
                            throw sre;
                        }
                        throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            return new Outcome(
                    Face.GRPC,
                    status.getCode(),
                    0,
                    status.getDescription() == null ? "" : status.getDescription(),
                    ByteString.EMPTY);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(e);
        }
    }
}
