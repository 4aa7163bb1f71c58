package org.chainbreaker.gateway.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The circuit breaker and bulkhead of one service, shared by the REST and the gRPC face: when the
 * service fails, callers are answered at once instead of piling up, and one slow service cannot
 * take every connection. Only faults of the service count against it (unavailable, deadline,
 * internal errors); refusals that are the caller's business (not found, invalid argument,
 * permission) are successful calls.
 */
public final class UpstreamGuard {

    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;

    UpstreamGuard(CircuitBreaker breaker, Bulkhead bulkhead) {
        this.breaker = breaker;
        this.bulkhead = bulkhead;
    }

    /** A permit for one call, or the refusal to answer with at once. */
    public sealed interface Entry permits Permit, Refusal {}

    /** Answered when the breaker is open or the bulkhead is full. */
    public record Refusal(Status status, Duration retryAfter) implements Entry {}

    /** One admitted call; {@link #finish} exactly once. */
    public final class Permit implements Entry {
        private final long start = System.nanoTime();
        private final boolean holdsBulkhead;
        private boolean finished;

        private Permit(boolean holdsBulkhead) {
            this.holdsBulkhead = holdsBulkhead;
        }

        public synchronized void finish(Status.Code code) {
            if (finished) {
                return;
            }
            finished = true;
            long nanos = System.nanoTime() - start;
            if (isFault(code)) {
                breaker.onError(
                        nanos, TimeUnit.NANOSECONDS, Status.fromCode(code).asRuntimeException());
            } else {
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            }
            if (holdsBulkhead) {
                bulkhead.onComplete();
            }
        }
    }

    /**
     * Admits a call. Streams (event subscriptions) pass the breaker but do not hold a bulkhead
     * slot: they live long and wait, they do not load the service.
     */
    public Entry enter(boolean stream) {
        if (!breaker.tryAcquirePermission()) {
            return new Refusal(
                    Status.UNAVAILABLE.withDescription(
                            "the service is failing; calls are refused for a moment to let it recover"),
                    retryAfter());
        }
        if (!stream && !bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            return new Refusal(
                    Status.UNAVAILABLE.withDescription(
                            "too many calls to this service are in flight; try again shortly"),
                    Duration.ofSeconds(1));
        }
        return new Permit(!stream);
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    static boolean isFault(Status.Code code) {
        return switch (code) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN, DATA_LOSS -> true;
            default -> false;
        };
    }

    private Duration retryAfter() {
        Duration wait =
                breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1)
                                == null
                        ? Duration.ofSeconds(1)
                        : Duration.ofMillis(
                                breaker.getCircuitBreakerConfig()
                                        .getWaitIntervalFunctionInOpenState()
                                        .apply(1));
        return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
    }
}
