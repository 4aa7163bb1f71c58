package org.chainbreaker.gateway;

import io.grpc.Grpc;
import io.grpc.HandlerRegistry;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chainbreaker.platform.security.SigningKeys;
import org.chainbreaker.platform.security.TokenRejectedException;
import org.chainbreaker.platform.security.TokenVerifier;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;

/**
 * A real gRPC server that stands in for every service at once: it answers any method name (unary,
 * streaming either way) with one empty message, and records each call that arrives: the method,
 * every header, and what the token it carried proves when checked as a service would check it (the
 * platform's {@link TokenVerifier}, against the test realm's keys). It never refuses, so a test
 * sees everything the gateway let through.
 */
final class RecordingServices implements AutoCloseable {

    /**
     * One call as it reached the service. {@code caller} is null when its token (if any) proves
     * nothing.
     */
    record Arrival(
            String method, Map<String, List<String>> headers, Caller caller, String refusal) {}

    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final TokenVerifier verifier;
    private final Server server;

    RecordingServices(TestTokens tokens) {
        verifier =
                new TokenVerifier(
                        TestTokens.ISSUER,
                        TestTokens.AUDIENCE,
                        Duration.ofSeconds(30),
                        new TenantDirectory(TenantDirectory.REGION),
                        new SigningKeys(URI.create(tokens.jwksUri()), SigningKeys.Policy.DEFAULT),
                        Clock.systemUTC());
        try {
            server =
                    Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                            .fallbackHandlerRegistry(new AnyMethod())
                            .build()
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    }

    int port() {
        return server.getPort();
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    int count() {
        return arrivals.size();
    }

    void clear() {
        arrivals.clear();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private Arrival record(String method, Metadata headers) {
        Map<String, List<String>> all = new TreeMap<>();
        for (String key : headers.keys()) {
            if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                List<String> values = new ArrayList<>();
                headers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))
                        .forEach(values::add);
                all.put(key, values);
            }
        }
        Caller caller = null;
        String refusal = null;
        List<String> authorization = all.getOrDefault("authorization", List.of());
        try {
            if (authorization.size() != 1) {
                throw new TokenRejectedException(
                        TokenRejectedException.Reason.MALFORMED,
                        authorization.size() + " authorization headers");
            }
            caller = verifier.verifyAuthorization(authorization.getFirst());
        } catch (TokenRejectedException e) {
            refusal = e.reason() + ": " + e.getMessage();
        }
        Arrival arrival = new Arrival(method, all, caller, refusal);
        arrivals.add(arrival);
        return arrival;
    }

    /**
     * Serves every method: reads the caller's messages to the end, then answers one empty message.
     */
    private final class AnyMethod extends HandlerRegistry {

        @Override
        public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
            MethodDescriptor<byte[], byte[]> descriptor =
                    MethodDescriptor.<byte[], byte[]>newBuilder()
                            .setType(MethodDescriptor.MethodType.UNKNOWN)
                            .setFullMethodName(methodName)
                            .setRequestMarshaller(Bytes.INSTANCE)
                            .setResponseMarshaller(Bytes.INSTANCE)
                            .build();
            ServerCallHandler<byte[], byte[]> handler =
                    (call, headers) -> {
                        record(methodName, headers);
                        call.request(Integer.MAX_VALUE);
                        return new ServerCall.Listener<>() {
                            @Override
                            public void onHalfClose() {
                                call.sendHeaders(new Metadata());
                                call.sendMessage(new byte[0]);
                                call.close(Status.OK, new Metadata());
                            }
                        };
                    };
            return ServerMethodDefinition.create(descriptor, handler);
        }
    }

    private enum Bytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

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
