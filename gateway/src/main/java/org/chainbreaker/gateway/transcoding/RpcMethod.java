package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.protobuf.ProtoUtils;

/**
 * One RPC of the contract as the gateway calls it (unary, or streaming from the server): a generic gRPC method
 * descriptor whose marshallers read and write {@link DynamicMessage}s of the RPC's types. Built once at start-up.
 */
record RpcMethod(String upstream, String fullName, Descriptor requestType, Descriptor responseType,
                 io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpc) {

    boolean serverStreaming() {
        return grpc.getType() == io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING;
    }

    static RpcMethod of(String upstream, MethodDescriptor method) {
        var grpc = io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(method.isServerStreaming() ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                        : io.grpc.MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(
                        method.getService().getFullName(), method.getName()))
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
                .setSampledToLocalTracing(true)
                .build();
        return new RpcMethod(upstream, method.getFullName(), method.getInputType(), method.getOutputType(), grpc);
    }
}
