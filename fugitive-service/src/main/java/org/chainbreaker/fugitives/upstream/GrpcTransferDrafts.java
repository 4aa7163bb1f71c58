package org.chainbreaker.fugitives.upstream;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.chainbreaker.fugitives.app.ArrestRelayProperties;
import org.chainbreaker.fugitives.domain.TransferDrafts;
import org.chainbreaker.platform.grpc.UpstreamCalls;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.repatriation.v1.RepatriationServiceGrpc;
import org.chainbreaker.repatriation.v1.SyncArrestTransferRequest;

/**
 * The repatriation-service over gRPC, as the officer, through {@link UpstreamCalls} (deadline,
 * retries, circuit breaker). SyncArrestTransfer is idempotent per arrest, so it is retried.
 */
public final class GrpcTransferDrafts implements TransferDrafts {

    private final UpstreamCalls<RepatriationServiceGrpc.RepatriationServiceBlockingStub> calls;

    public GrpcTransferDrafts(ManagedChannel channel, ArrestRelayProperties settings) {
        this.calls =
                new UpstreamCalls<>(
                        "repatriation-service",
                        RepatriationServiceGrpc.newBlockingStub(channel),
                        new UpstreamCalls.Settings(
                                settings.deadline(),
                                settings.attempts(),
                                settings.retryWait(),
                                settings.openFor()));
    }

    @Override
    public Outcome sync(Caller officer, UUID wantedPersonId) {
        try {
            var answer =
                    calls.read(
                            officer,
                            stub ->
                                    stub.syncArrestTransfer(
                                            SyncArrestTransferRequest.newBuilder()
                                                    .setWantedPersonId(wantedPersonId.toString())
                                                    .build()));
            return new Outcome.Answered(answer.getId());
        } catch (UpstreamCalls.Unreachable e) {
            return new Outcome.Unavailable(e.getMessage());
        } catch (StatusRuntimeException e) {
            String answer =
                    "repatriation-service answered "
                            + e.getStatus().getCode()
                            + (e.getStatus().getDescription() == null
                                    ? ""
                                    : ": " + e.getStatus().getDescription());
            return switch (e.getStatus().getCode()) {
                case NOT_FOUND, FAILED_PRECONDITION, INVALID_ARGUMENT, PERMISSION_DENIED ->
                        new Outcome.Refused(answer);
                default -> new Outcome.Unavailable(answer);
            };
        }
    }
}
