package org.chainbreaker.gateway.grpcface;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcServerInterceptor;
import io.micrometer.observation.ObservationRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.gateway.resilience.UpstreamGuard;
import org.chainbreaker.gateway.resilience.UpstreamGuards;
import org.chainbreaker.gateway.transcoding.RouteTable;
import org.chainbreaker.gateway.transcoding.Upstreams;
import org.chainbreaker.platform.grpc.CallerAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The gateway's gRPC face for national portals: every service of the contract, under its own name,
 * proxied to the service that owns it after the same token checks as the REST face. Reflection
 * describes the contract; health answers without a token.
 */
public final class GrpcFace implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GrpcFace.class);

    private final int port;
    private final List<FileDescriptor> contract;
    private final Upstreams upstreams;
    private final CallerAuthentication authentication;
    private final Duration deadline;
    private final ObservationRegistry observations;
    private final UpstreamGuards guards;
    private final ServerInterceptor limits;
    private final HealthStatusManager health = new HealthStatusManager();
    private volatile Server server;

    public GrpcFace(
            int port,
            List<FileDescriptor> contract,
            Upstreams upstreams,
            CallerAuthentication authentication,
            Duration deadline,
            ObservationRegistry observations,
            UpstreamGuards guards,
            ServerInterceptor limits) {
        this.limits = limits;
        this.observations = observations;
        this.guards = guards;
        this.port = port;
        this.contract = contract;
        this.upstreams = upstreams;
        this.authentication = authentication;
        this.deadline = deadline;
    }

    @Override
    public void start() {
        var builder =
                Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create())
                        .addService(health.getHealthService())
                        .addService(ProtoReflectionServiceV1.newInstance())
                        // The same reflection under its pre-release name, which evans, older
                        // grpcurl/grpcui and Postman
                        // builds and several languages' reflection clients still ask for (grpc-java
                        // keeps both).
                        .addService(reflectionV1alpha());
        List<String> served = new ArrayList<>();
        for (FileDescriptor file : contract) {
            String upstream = RouteTable.upstreamOf(file.getPackage());
            Channel channel = upstream == null ? null : upstreams.channel(upstream);
            if (channel == null) {
                continue;
            }
            for (ServiceDescriptor service : file.getServices()) {
                // Interceptors run last-added first: the trace starts before authentication, so
                // refusals are traced too.
                // Per-tenant limits run inside authentication: the tenant is known only from the
                // token.
                builder.addService(
                        ServerInterceptors.intercept(
                                proxied(service, channel, guards.of(upstream)),
                                limits,
                                authentication,
                                new ObservationGrpcServerInterceptor(observations)));
                served.add(service.getFullName());
            }
        }
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not serve gRPC on port " + port, e);
        }
        log.info("gRPC face on port {} for {}", server.getPort(), served);
    }

    @SuppressWarnings("deprecation")
    private static io.grpc.BindableService reflectionV1alpha() {
        return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
    }

    /**
     * The service's methods with opaque byte messages, and its descriptors so that reflection can
     * describe it.
     */
    private ServerServiceDefinition proxied(
            ServiceDescriptor service, Channel channel, UpstreamGuard guard) {
        var serviceDescriptor =
                io.grpc.ServiceDescriptor.newBuilder(service.getFullName())
                        .setSchemaDescriptor(new Schema(service, null));
        List<io.grpc.MethodDescriptor<byte[], byte[]>> methods = new ArrayList<>();
        for (MethodDescriptor method : service.getMethods()) {
            var descriptor =
                    io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
                            .setType(typeOf(method))
                            .setFullMethodName(
                                    io.grpc.MethodDescriptor.generateFullMethodName(
                                            service.getFullName(), method.getName()))
                            .setRequestMarshaller(Bytes.MARSHALLER)
                            .setResponseMarshaller(Bytes.MARSHALLER)
                            .setSchemaDescriptor(new Schema(service, method.getName()))
                            .build();
            serviceDescriptor.addMethod(descriptor);
            methods.add(descriptor);
        }
        var definition = ServerServiceDefinition.builder(serviceDescriptor.build());
        for (var method : methods) {
            definition.addMethod(
                    method,
                    new GrpcProxy(
                            channel,
                            method,
                            deadline.toNanos(),
                            guard,
                            service.findMethodByName(method.getBareMethodName()).getInputType()));
        }
        return definition.build();
    }

    private static io.grpc.MethodDescriptor.MethodType typeOf(MethodDescriptor method) {
        if (method.isClientStreaming()) {
            return method.isServerStreaming()
                    ? io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING
                    : io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING;
        }
        return method.isServerStreaming()
                ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                : io.grpc.MethodDescriptor.MethodType.UNARY;
    }

    public int port() {
        return server == null ? port : server.getPort();
    }

    @Override
    public void stop() {
        Server current = server;
        if (current == null) {
            return;
        }
        health.enterTerminalState();
        current.shutdown();
        try {
            // Let calls in flight finish, as the services do on shutdown.
            if (!current.awaitTermination(20, TimeUnit.SECONDS)) {
                current.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.shutdownNow();
        }
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Descriptors for reflection. */
    private record Schema(ServiceDescriptor service, String methodName)
            implements ProtoFileDescriptorSupplier,
                    ProtoServiceDescriptorSupplier,
                    ProtoMethodDescriptorSupplier {

        @Override
        public FileDescriptor getFileDescriptor() {
            return service.getFile();
        }

        @Override
        public ServiceDescriptor getServiceDescriptor() {
            return service;
        }

        @Override
        public MethodDescriptor getMethodDescriptor() {
            return service.findMethodByName(methodName);
        }
    }

    /** Messages as they are on the wire. */
    enum Bytes implements io.grpc.MethodDescriptor.Marshaller<byte[]> {
        MARSHALLER;

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
    }
}
