package org.chainbreaker.benchmarks;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.chainbreaker.devstack.KeycloakServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dev user's access token from the real Keycloak, renewed in the background well before it
 * expires (the realm's tokens live 300 s; a benchmark may run longer). Reading it costs a volatile
 * read.
 */
final class Tokens implements Supplier<String>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Tokens.class);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(120);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final KeycloakServer keycloak;
    private final String user;
    private final ScheduledExecutorService renewer;
    private volatile String token;

    Tokens(KeycloakServer keycloak, String user) {
        this.keycloak = keycloak;
        this.user = user;
        this.token = keycloak.tokenFor(user);
        this.renewer =
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("token-" + user).factory());
        renewer.scheduleWithFixedDelay(
                this::renew, RENEW_EVERY.toSeconds(), RENEW_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    private void renew() {
        try {
            token = keycloak.tokenFor(user);
        } catch (RuntimeException e) {
            log.warn("could not renew the token of {}: {}", user, e.toString());
        }
    }

    @Override
    public String get() {
        return token;
    }

    String bearer() {
        return "Bearer " + token;
    }

    /** Adds {@code authorization: Bearer <current token>} to every gRPC call. */
    ClientInterceptor grpcAuthorization() {
        return new ClientInterceptor() {
            @Override
            public <Q, A> ClientCall<Q, A> interceptCall(
                    MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(
                        next.newCall(method, options)) {
                    @Override
                    public void start(Listener<A> listener, Metadata headers) {
                        headers.put(AUTHORIZATION, bearer());
                        super.start(listener, headers);
                    }
                };
            }
        };
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }
}
