package org.chainbreaker.repatriation.upstream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.platform.grpc.UpstreamCalls;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.repatriation.app.RepatriationProperties;
import org.chainbreaker.repatriation.domain.FugitiveLookup;
import org.chainbreaker.repatriation.domain.FugitiveRecords;

/**
 * The fugitive-service over gRPC, on behalf of the caller, through {@link UpstreamCalls} (deadline per attempt,
 * retries of this idempotent read, circuit breaker: answers are {@code Unavailable} at once while it is open).
 */
public final class GrpcFugitiveRecords implements FugitiveRecords {

    private final UpstreamCalls<FugitiveServiceGrpc.FugitiveServiceBlockingStub> fugitives;

    public GrpcFugitiveRecords(ManagedChannel channel, RepatriationProperties.Fugitives settings) {
        this.fugitives = new UpstreamCalls<>("fugitive-service", FugitiveServiceGrpc.newBlockingStub(channel),
                new UpstreamCalls.Settings(settings.deadline(), settings.attempts(), settings.retryWait(),
                        settings.openFor()));
    }

    @Override
    public FugitiveLookup lookup(Caller caller, UUID wantedPersonId) {
        try {
            WantedPerson found = fugitives.read(caller, stub -> stub.getWantedPerson(
                    GetWantedPersonRequest.newBuilder().setId(wantedPersonId.toString()).build()));
            return new FugitiveLookup.Found(found.getReference(), found.getOwnerCountry(),
                    found.getCustody() == WantedPerson.Custody.ARRESTED);
        } catch (UpstreamCalls.Unreachable e) {
            return new FugitiveLookup.Unavailable(e.getMessage());
        } catch (StatusRuntimeException e) {
            return switch (e.getStatus().getCode()) {
                case NOT_FOUND -> new FugitiveLookup.NotVisible();
                default -> new FugitiveLookup.Unavailable("fugitive-service answered " + e.getStatus().getCode());
            };
        }
    }

    /** The breaker's state, for tests and operators. */
    public CircuitBreaker.State breakerState() {
        return fugitives.breakerState();
    }
}
