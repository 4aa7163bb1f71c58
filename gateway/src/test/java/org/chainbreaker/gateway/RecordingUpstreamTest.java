package org.chainbreaker.gateway;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the gateway's application tests: the gateway on a random port against one loopback case
 * service that records what reaches it (and a fugitive service for the client-streaming RPC, whose
 * calls the case service's interceptor records too), with tokens signed by a test realm key. One
 * upstream and one key serve every test class of this JVM; each class adds its own properties with
 * a {@code @DynamicPropertySource} of its own. These test the gateway, not the case-service (the
 * end-to-end tests run the real one).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RecordingUpstreamTest {

    static final TestTokens TOKENS = TestTokens.shared();
    static final RecordingCaseService CASES = new RecordingCaseService();
    static final RecordingFugitiveService FUGITIVES = new RecordingFugitiveService();
    static final Server UPSTREAM = start();

    private static Server start() {
        try {
            Server server =
                    Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                            .addService(ServerInterceptors.intercept(CASES, CASES))
                            .addService(ServerInterceptors.intercept(FUGITIVES, CASES))
                            .build()
                            .start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void upstreamProperties(DynamicPropertyRegistry registry) {
        registry.add("chainbreaker.security.issuer", () -> TestTokens.ISSUER);
        registry.add("chainbreaker.security.jwks-uri", TOKENS::jwksUri);
        registry.add("chainbreaker.upstreams.cases", () -> "127.0.0.1:" + UPSTREAM.getPort());
        registry.add("chainbreaker.upstreams.fugitives", () -> "127.0.0.1:" + UPSTREAM.getPort());
        // Tests bind free ports only: other programs on these machines hold fixed ones.
        registry.add("chainbreaker.gateway.grpc-port", () -> "0");
    }
}
