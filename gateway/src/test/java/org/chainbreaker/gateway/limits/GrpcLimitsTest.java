package org.chainbreaker.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The gRPC face's limit lets no call without a verified caller through, even if authentication were
 * missing.
 */
class GrpcLimitsTest {

    @Test
    void a_call_without_a_caller_is_refused_and_reaches_nothing() throws Exception {
        TenantLimits limits =
                new TenantLimits(
                        new TenantLimits.Limit(100, 200, 0),
                        Map.of(),
                        new InProcessBuckets(Clock.systemUTC()));
        AtomicInteger reached = new AtomicInteger();
        HealthStatusManager health = new HealthStatusManager();
        String name = InProcessServerBuilder.generateName();
        // A service behind the limit alone, as if the authentication interceptor had been left out.
        Server server =
                InProcessServerBuilder.forName(name)
                        .directExecutor()
                        .addService(
                                ServerInterceptors.intercept(
                                        health.getHealthService(),
                                        new ServerInterceptor() {
                                            @Override
                                            public <Q, R> ServerCall.Listener<Q> interceptCall(
                                                    ServerCall<Q, R> call,
                                                    Metadata headers,
                                                    ServerCallHandler<Q, R> next) {
                                                reached.incrementAndGet();
                                                return next.startCall(call, headers);
                                            }
                                        },
                                        RequestLimits.grpcLimits(limits)))
                        .build()
                        .start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            assertThatThrownBy(
                            () ->
                                    HealthGrpc.newBlockingStub(channel)
                                            .check(HealthCheckRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e ->
                                    assertThat(e.getStatus().getCode())
                                            .isEqualTo(Status.Code.UNAUTHENTICATED));
            assertThat(reached).hasValue(0);
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }
}
