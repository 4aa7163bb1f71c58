package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.gateway.grpcface.GrpcFace;
import org.chainbreaker.gateway.resilience.UpstreamGuards;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A stopped service opens its breaker: callers of both faces are answered at once with 503 /
 * UNAVAILABLE and a Retry-After, and the breaker closes again once the service is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CircuitBreakerTest {

    private static final TestTokens TOKENS;
    private static final RecordingCaseService CASES = new RecordingCaseService();
    private static final int UPSTREAM_PORT = freePort();
    private static Server upstream;

    static {
        try {
            TOKENS = new TestTokens();
            upstream = startUpstream();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Server startUpstream() throws IOException {
        return Grpc.newServerBuilderForPort(UPSTREAM_PORT, InsecureServerCredentials.create())
                .addService(ServerInterceptors.intercept(CASES, CASES))
                .build()
                .start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainbreaker.security.issuer", () -> TestTokens.ISSUER);
        registry.add("chainbreaker.security.jwks-uri", TOKENS::jwksUri);
        registry.add("chainbreaker.upstreams.cases", () -> "127.0.0.1:" + UPSTREAM_PORT);
        registry.add("chainbreaker.gateway.grpc-port", () -> "0");
        registry.add("chainbreaker.gateway.resilience.sliding-window", () -> "4");
        registry.add("chainbreaker.gateway.resilience.minimum-calls", () -> "4");
        registry.add("chainbreaker.gateway.resilience.open-wait", () -> "1s");
        registry.add("chainbreaker.gateway.resilience.half-open-calls", () -> "1");
    }

    @AfterAll
    static void stop() {
        upstream.shutdownNow();
        TOKENS.close();
    }

    @LocalServerPort int port;
    @Autowired UpstreamGuards guards;
    @Autowired GrpcFace face;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post() throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cases"))
                        .header("Authorization", "Bearer " + TOKENS.token("KR"))
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"title\":\"t\",\"category\":\"OTHER\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_stopped_service_opens_its_breaker_for_both_faces_and_it_closes_when_the_service_is_back()
            throws Exception {
        assertThat(post().statusCode()).isEqualTo(201);

        upstream.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        for (int i = 0; i < 4; i++) {
            assertThat(post().statusCode()).isEqualTo(503);
        }
        assertThat(guards.of("cases").state()).isEqualTo(CircuitBreaker.State.OPEN);

        HttpResponse<String> refused = post();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.body())
                .doesNotContain("127.0.0.1")
                .doesNotContain(Integer.toString(UPSTREAM_PORT));

        ManagedChannel channel =
                ManagedChannelBuilder.forAddress("127.0.0.1", face.port()).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(
                    Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    "Bearer " + TOKENS.token("KR"));
            var stub =
                    CaseServiceGrpc.newBlockingStub(channel)
                            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            try {
                stub.getCase(GetCaseRequest.newBuilder().setId("c1").build());
                throw new AssertionError("the call succeeded");
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(e.getStatus().getDescription()).contains("refused for a moment");
            }
        } finally {
            channel.shutdownNow();
        }

        upstream = startUpstream();
        Thread.sleep(1_500);
        assertThat(post().statusCode()).isEqualTo(201);
        assertThat(guards.of("cases").state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(post().statusCode()).isEqualTo(201);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
