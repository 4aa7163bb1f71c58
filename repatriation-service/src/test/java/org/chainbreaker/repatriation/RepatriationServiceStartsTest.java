package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.platform.grpc.CallerAuthentication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RepatriationServiceStartsTest {

    static final int PORT = freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.grpc.server.port", () -> PORT);
        registry.add("spring.grpc.server.address", () -> "127.0.0.1");
    }

    @Autowired
    CallerAuthentication callerAuthentication;

    @Test
    void serves_health_and_reflection_without_a_token_and_guards_everything_else() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", PORT).usePlaintext().build();
        try {
            HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
            assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

            CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
            var requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(new StreamObserver<>() {
                public void onNext(ServerReflectionResponse value) { answer.complete(value); }
                public void onError(Throwable t) { answer.completeExceptionally(t); }
                public void onCompleted() { }
            });
            requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
            List<String> services = answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList()
                    .stream().map(s -> s.getName()).toList();
            requests.onCompleted();
            assertThat(services).contains("grpc.health.v1.Health");
            assertThat(callerAuthentication).isNotNull();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
