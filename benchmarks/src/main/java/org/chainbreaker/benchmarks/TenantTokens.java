package org.chainbreaker.benchmarks;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chainbreaker.devstack.LocalTokenIssuer;

/**
 * Access tokens of each tenant for the benchmarks, signed by the run's local issuer (the service
 * verifies them for real).
 */
final class TenantTokens {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** A token and when it was signed (epoch milliseconds). */
    private record Signed(String token, long signedAt) {}

    private final LocalTokenIssuer issuer;
    private final Map<String, Signed> cache = new ConcurrentHashMap<>();

    TenantTokens(LocalTokenIssuer issuer) {
        this.issuer = issuer;
    }

    /** Tokens live 5 minutes; a fresh one is signed every 2. */
    String token(String tenant, String... roles) {
        String key = tenant + String.join(",", roles);
        long now = System.currentTimeMillis();
        return cache.compute(
                        key,
                        (k, old) ->
                                old != null && now - old.signedAt() < 120_000
                                        ? old
                                        : new Signed(
                                                issuer.token(
                                                        tenant,
                                                        tenant.toLowerCase() + "-bench",
                                                        roles),
                                                now))
                .token();
    }

    ClientInterceptor as(String tenant, String... roles) {
        return new ClientInterceptor() {
            @Override
            public <Q, A> ClientCall<Q, A> interceptCall(
                    MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(
                        next.newCall(method, options)) {
                    @Override
                    public void start(Listener<A> listener, Metadata headers) {
                        headers.put(AUTHORIZATION, "Bearer " + token(tenant, roles));
                        super.start(listener, headers);
                    }
                };
            }
        };
    }
}
