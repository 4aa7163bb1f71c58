package org.chainbreaker.repatriation.upstream;

import com.google.protobuf.Timestamp;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.UUID;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.RecordCustodyTransferRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.platform.grpc.UpstreamCalls;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.repatriation.app.RepatriationProperties;
import org.chainbreaker.repatriation.domain.ArrestOrigin;
import org.chainbreaker.repatriation.domain.CustodyTransfer;
import org.chainbreaker.repatriation.domain.CustodyTransferOutcome;
import org.chainbreaker.repatriation.domain.FugitiveLookup;
import org.chainbreaker.repatriation.domain.FugitiveRecords;

/**
 * The fugitive-service over gRPC, on behalf of the caller, through {@link UpstreamCalls} (deadline
 * per attempt, retries, circuit breaker: answers are {@code Unavailable} at once while it is open).
 * Both calls are idempotent (a read, and a custody transfer keyed by the repatriation), so both are
 * retried.
 */
public final class GrpcFugitiveRecords implements FugitiveRecords {

    private final UpstreamCalls<FugitiveServiceGrpc.FugitiveServiceBlockingStub> fugitives;

    public GrpcFugitiveRecords(ManagedChannel channel, RepatriationProperties.Fugitives settings) {
        this(channel, settings, null);
    }

    /** With the breaker's and the retry's metrics on {@code meters} (none when null). */
    public GrpcFugitiveRecords(
            ManagedChannel channel,
            RepatriationProperties.Fugitives settings,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.fugitives =
                new UpstreamCalls<>(
                        "fugitive-service",
                        FugitiveServiceGrpc.newBlockingStub(channel),
                        new UpstreamCalls.Settings(
                                settings.deadline(),
                                settings.attempts(),
                                settings.retryWait(),
                                settings.openFor()),
                        meters);
    }

    @Override
    public FugitiveLookup lookup(Caller caller, UUID wantedPersonId) {
        try {
            WantedPerson found =
                    fugitives.read(
                            caller,
                            stub ->
                                    stub.getWantedPerson(
                                            GetWantedPersonRequest.newBuilder()
                                                    .setId(wantedPersonId.toString())
                                                    .build()));
            return new FugitiveLookup.Found(
                    found.getReference(),
                    found.getOwnerCountry(),
                    found.getCustody() == WantedPerson.Custody.ARRESTED,
                    found.getArrestingCountry(),
                    found.getNoticeStatus() == WantedPerson.NoticeStatus.CANCELLED,
                    found.hasArrest() && found.getArrest().hasArrestTime()
                            ? java.util.Optional.of(
                                    new ArrestOrigin(
                                            found.getArrest().getPlace(),
                                            Instant.ofEpochSecond(
                                                    found.getArrest().getArrestTime().getSeconds(),
                                                    found.getArrest().getArrestTime().getNanos())))
                            : java.util.Optional.empty());
        } catch (UpstreamCalls.Unreachable e) {
            return new FugitiveLookup.Unavailable(e.getMessage());
        } catch (StatusRuntimeException e) {
            return switch (e.getStatus().getCode()) {
                case NOT_FOUND -> new FugitiveLookup.NotVisible();
                default ->
                        new FugitiveLookup.Unavailable(
                                "fugitive-service answered " + e.getStatus().getCode());
            };
        }
    }

    /**
     * Retried like the read: the call is idempotent by repatriation reference, so a retry after a
     * lost answer finds the transfer recorded and changes nothing.
     */
    @Override
    public CustodyTransferOutcome transferCustody(Caller caller, CustodyTransfer transfer) {
        Instant handoverTime = transfer.handoverTime();
        RecordCustodyTransferRequest request =
                RecordCustodyTransferRequest.newBuilder()
                        .setWantedPersonId(transfer.wantedPersonId().toString())
                        .setTransfer(
                                org.chainbreaker.fugitives.v1.CustodyTransfer.newBuilder()
                                        .setRepatriationReference(
                                                transfer.repatriationId().toString())
                                        .setHandoverTime(
                                                Timestamp.newBuilder()
                                                        .setSeconds(handoverTime.getEpochSecond())
                                                        .setNanos(handoverTime.getNano()))
                                        .setFromCountry(transfer.fromCountry())
                                        .setToCountry(transfer.toCountry()))
                        .build();
        try {
            fugitives.read(caller, stub -> stub.recordCustodyTransfer(request));
            return new CustodyTransferOutcome.Recorded();
        } catch (UpstreamCalls.Unreachable e) {
            return new CustodyTransferOutcome.Unavailable(e.getMessage());
        } catch (StatusRuntimeException e) {
            String answer =
                    "fugitive-service answered "
                            + e.getStatus().getCode()
                            + (e.getStatus().getDescription() == null
                                    ? ""
                                    : ": " + e.getStatus().getDescription());
            return switch (e.getStatus().getCode()) {
                case NOT_FOUND, PERMISSION_DENIED, FAILED_PRECONDITION, INVALID_ARGUMENT ->
                        new CustodyTransferOutcome.Refused(answer);
                default -> new CustodyTransferOutcome.Unavailable(answer);
            };
        }
    }

    /** The breaker's state, for tests and operators. */
    public CircuitBreaker.State breakerState() {
        return fugitives.breakerState();
    }
}
