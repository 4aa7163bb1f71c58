package org.chainbreaker.repatriation.upstream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.chainbreaker.fugitives.v1.CustodyTransfer;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.RecordCustodyTransferRequest;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.platform.grpc.CallerTokenForwarding;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;
import org.chainbreaker.repatriation.app.RepatriationProperties;
import org.chainbreaker.repatriation.domain.CustodyTransferOutcome;
import org.chainbreaker.repatriation.domain.FugitiveLookup;
import org.chainbreaker.repatriation.domain.FugitiveRecords;

/**
 * The fugitive-service over gRPC, on behalf of the caller ({@link CallerTokenForwarding} sends the caller's token):
 * a deadline per attempt, retries of this idempotent read when the service is unavailable or too slow, and a
 * circuit breaker that stops calling a service that keeps failing (answers are then {@code Unavailable} at once).
 * Both calls are idempotent (a read, and a custody transfer keyed by the repatriation), so both are retried.
 */
public final class GrpcFugitiveRecords implements FugitiveRecords {

    /** Failures of the service rather than answers about the record: retried, and counted by the breaker. */
    private static final Set<Status.Code> FAILURES = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.ABORTED);

    private final FugitiveServiceGrpc.FugitiveServiceBlockingStub stub;
    private final Duration deadline;
    private final Retry retry;
    private final CircuitBreaker breaker;

    public GrpcFugitiveRecords(ManagedChannel channel, RepatriationProperties.Fugitives settings) {
        this.stub = FugitiveServiceGrpc.newBlockingStub(channel).withInterceptors(new CallerTokenForwarding());
        this.deadline = settings.deadline();
        this.retry = Retry.of("fugitives", RetryConfig.custom()
                .maxAttempts(Math.max(1, settings.attempts()))
                .waitDuration(settings.retryWait())
                .retryOnException(GrpcFugitiveRecords::isFailure)
                .build());
        this.breaker = CircuitBreaker.of("fugitives", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(GrpcFugitiveRecords::isFailure)
                .build());
    }

    @Override
    public FugitiveLookup lookup(Caller caller, UUID wantedPersonId) {
        try {
            WantedPerson found = call(caller, () -> stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .getWantedPerson(GetWantedPersonRequest.newBuilder().setId(wantedPersonId.toString()).build()));
            return new FugitiveLookup.Found(found.getReference(), found.getOwnerCountry(),
                    found.getCustody() == WantedPerson.Custody.ARRESTED);
        } catch (CallNotPermittedException e) {
            return new FugitiveLookup.Unavailable("the fugitive-service's circuit breaker is open");
        } catch (StatusRuntimeException e) {
            return switch (e.getStatus().getCode()) {
                case NOT_FOUND -> new FugitiveLookup.NotVisible();
                default -> new FugitiveLookup.Unavailable("fugitive-service answered " + e.getStatus().getCode());
            };
        } catch (Exception e) {
            return new FugitiveLookup.Unavailable("fugitive-service call failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Retried like the read: the call is idempotent by repatriation reference, so a retry after a lost answer
     * finds the transfer recorded and changes nothing.
     */
    @Override
    public CustodyTransferOutcome transferCustody(Caller caller, UUID wantedPersonId, String repatriationReference,
                                                  Instant handoverTime, String from, String to) {
        RecordCustodyTransferRequest request = RecordCustodyTransferRequest.newBuilder()
                .setWantedPersonId(wantedPersonId.toString())
                .setTransfer(CustodyTransfer.newBuilder().setRepatriationReference(repatriationReference)
                        .setHandoverTime(Timestamp.newBuilder().setSeconds(handoverTime.getEpochSecond())
                                .setNanos(handoverTime.getNano()))
                        .setFromCountry(from).setToCountry(to))
                .build();
        try {
            call(caller, () -> stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).recordCustodyTransfer(request));
            return new CustodyTransferOutcome.Recorded();
        } catch (CallNotPermittedException e) {
            return new CustodyTransferOutcome.Unavailable("the fugitive-service's circuit breaker is open");
        } catch (StatusRuntimeException e) {
            String answer = "fugitive-service answered " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription());
            return switch (e.getStatus().getCode()) {
                case NOT_FOUND, PERMISSION_DENIED, FAILED_PRECONDITION, INVALID_ARGUMENT -> new CustodyTransferOutcome.Refused(answer);
                default -> new CustodyTransferOutcome.Unavailable(answer);
            };
        } catch (Exception e) {
            return new CustodyTransferOutcome.Unavailable("fugitive-service call failed: " + e.getClass().getSimpleName());
        }
    }

    /** One call on behalf of the caller, through the circuit breaker and the retry. */
    private <T> T call(Caller caller, Supplier<T> attempt) throws Exception {
        Supplier<T> guarded = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, attempt));
        return Context.current().withValue(CallerContext.KEY, caller).call(guarded::get);
    }

    /** The breaker's state, for tests and operators. */
    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    private static boolean isFailure(Throwable t) {
        return t instanceof StatusRuntimeException e && FAILURES.contains(e.getStatus().getCode());
    }
}
