package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.protobuf.ProtoUtils;

/**
 * One RPC of the contract as the gateway calls it (unary, streaming from the server, or streaming
 * from the client): a generic gRPC method descriptor whose marshallers read and write {@link
 * DynamicMessage}s of the RPC's types. Built once at start-up.
 */
record RpcMethod(
        String upstream,
        String fullName,
        Descriptor requestType,
        Descriptor responseType,
        io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpc) {

    boolean serverStreaming() {
        return grpc.getType() == io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING;
    }

    boolean clientStreaming() {
        return grpc.getType() == io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING;
    }

    static RpcMethod of(String upstream, MethodDescriptor method) {
        var grpc =
                io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                        .setType(type(method))
                        .setFullMethodName(
                                io.grpc.MethodDescriptor.generateFullMethodName(
                                        method.getService().getFullName(), method.getName()))
                        .setRequestMarshaller(
                                ProtoUtils.marshaller(
                                        DynamicMessage.getDefaultInstance(method.getInputType())))
                        .setResponseMarshaller(
                                ProtoUtils.marshaller(
                                        DynamicMessage.getDefaultInstance(method.getOutputType())))
                        .setSampledToLocalTracing(true)
                        .build();
        return new RpcMethod(
                upstream,
                method.getFullName(),
                method.getInputType(),
                method.getOutputType(),
                grpc);
    }

    private static io.grpc.MethodDescriptor.MethodType type(MethodDescriptor method) {
        if (method.isClientStreaming()) {
            return method.isServerStreaming()
                    ? io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING
                    : io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING;
        }
        return method.isServerStreaming()
                ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                : io.grpc.MethodDescriptor.MethodType.UNARY;
    }
}
