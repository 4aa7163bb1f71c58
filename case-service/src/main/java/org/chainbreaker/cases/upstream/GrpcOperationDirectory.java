package org.chainbreaker.cases.upstream;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.cases.domain.Operation;
import org.chainbreaker.cases.domain.OperationDirectory;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.GetOperationRequest;
import org.chainbreaker.platform.errors.UnavailableException;
import org.chainbreaker.platform.grpc.UpstreamCalls;
import org.chainbreaker.platform.tenancy.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Operations read from the fugitive-service with the caller's token, through {@link UpstreamCalls}.
 */
@Component
class GrpcOperationDirectory implements OperationDirectory, AutoCloseable {

    private final ManagedChannel channel;
    private final UpstreamCalls<FugitiveServiceGrpc.FugitiveServiceBlockingStub> fugitives;

    GrpcOperationDirectory(
            @Value("${chainbreaker.upstreams.fugitives}") String address,
            @Value("${chainbreaker.cases.fugitives.deadline:2s}") Duration deadline,
            @Value("${chainbreaker.cases.fugitives.attempts:3}") int attempts,
            @Value("${chainbreaker.cases.fugitives.retry-wait:200ms}") Duration retryWait,
            @Value("${chainbreaker.cases.fugitives.open-for:10s}") Duration openFor,
            ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<MeterRegistry> meters) {
        // Traced (the caller's trace goes on into the fugitive-service) and measured (breaker and
        // retries).
        this.channel =
                UpstreamCalls.channel(
                        "chainbreaker.upstreams.fugitives", address, observations.getIfAvailable());
        this.fugitives =
                new UpstreamCalls<>(
                        "fugitive-service",
                        FugitiveServiceGrpc.newBlockingStub(channel),
                        new UpstreamCalls.Settings(deadline, attempts, retryWait, openFor),
                        meters.getIfAvailable());
    }

    @Override
    public Optional<Operation> find(Caller caller, UUID operationId) {
        try {
            var found =
                    fugitives.read(
                            caller,
                            stub ->
                                    stub.getOperation(
                                            GetOperationRequest.newBuilder()
                                                    .setId(operationId.toString())
                                                    .build()));
            return Optional.of(
                    new Operation(
                            UUID.fromString(found.getId()),
                            found.getName(),
                            new HashSet<>(found.getParticipantsList()),
                            Instant.ofEpochSecond(
                                    found.getStartTime().getSeconds(),
                                    found.getStartTime().getNanos()),
                            Instant.ofEpochSecond(
                                    found.getEndTime().getSeconds(),
                                    found.getEndTime().getNanos())));
        } catch (UpstreamCalls.Unreachable e) {
            throw new UnavailableException(
                    e.getMessage() + "; nothing was changed, try again later");
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND
                    || e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                return Optional.empty();
            }
            throw new UnavailableException(
                    "fugitive-service answered "
                            + e.getStatus().getCode()
                            + "; nothing was changed");
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
