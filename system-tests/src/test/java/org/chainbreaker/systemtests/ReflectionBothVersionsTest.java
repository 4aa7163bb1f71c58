package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.devstack.Suite;
import org.junit.jupiter.api.Test;

/**
 * Server reflection under both names, v1 and its pre-release v1alpha (which evans, older
 * grpcurl/grpcui/Postman builds and several languages' clients still speak), on the gateway's gRPC
 * face and on every service, without a token.
 */
class ReflectionBothVersionsTest {

    @Test
    @SuppressWarnings("deprecation")
    void the_gateway_and_every_service_answer_a_v1alpha_reflection_client_as_a_v1_one()
            throws Exception {
        Suite suite = RunningSuite.get();
        Map<String, String> serviceAt =
                Map.of(
                        suite.grpcTarget(), "chainbreaker.cases.v1.CaseService",
                        suite.backendTarget("case-service"), "chainbreaker.cases.v1.CaseService",
                        suite.backendTarget("fugitive-service"),
                                "chainbreaker.fugitives.v1.FugitiveService",
                        suite.backendTarget("repatriation-service"),
                                "chainbreaker.repatriation.v1.RepatriationService");
        for (var target : serviceAt.entrySet()) {
            ManagedChannel channel = RunningSuite.channel(target.getKey());
            var alpha =
                    new CompletableFuture<io.grpc.reflection.v1alpha.ServerReflectionResponse>();
            var requests =
                    io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel)
                            .serverReflectionInfo(observer(alpha));
            requests.onNext(
                    io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
                            .setListServices("")
                            .build());
            List<String> alphaServices =
                    alpha
                            .get(30, TimeUnit.SECONDS)
                            .getListServicesResponse()
                            .getServiceList()
                            .stream()
                            .map(s -> s.getName())
                            .toList();
            requests.onCompleted();

            var v1 = new CompletableFuture<io.grpc.reflection.v1.ServerReflectionResponse>();
            var v1Requests =
                    io.grpc.reflection.v1.ServerReflectionGrpc.newStub(channel)
                            .serverReflectionInfo(observer(v1));
            v1Requests.onNext(
                    io.grpc.reflection.v1.ServerReflectionRequest.newBuilder()
                            .setListServices("")
                            .build());
            List<String> v1Services =
                    v1.get(30, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                            .map(s -> s.getName())
                            .toList();
            v1Requests.onCompleted();

            assertThat(alphaServices)
                    .as("v1alpha at " + target.getKey())
                    .contains(target.getValue())
                    .containsExactlyInAnyOrderElementsOf(v1Services);
        }
    }

    private static <T> StreamObserver<T> observer(CompletableFuture<T> first) {
        return new StreamObserver<>() {
            public void onNext(T value) {
                first.complete(value);
            }

            public void onError(Throwable t) {
                first.completeExceptionally(t);
            }

            public void onCompleted() {}
        };
    }
}
