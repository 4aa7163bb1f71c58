package org.chainbreaker.platform.grpc;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;

/**
 * Idempotent reads from another service over gRPC, on behalf of the caller ({@link
 * CallerTokenForwarding} sends the caller's token, never a service token): a deadline per attempt,
 * retries when the service is unavailable or too slow, and a circuit breaker that stops calling a
 * service that keeps failing. An answer of the service about the record (NOT_FOUND,
 * PERMISSION_DENIED...) comes back as the {@link StatusRuntimeException} it is; a failure of the
 * service itself as {@link Unreachable}.
 *
 * @param <S> the blocking stub of the called service
 */
public final class UpstreamCalls<S extends AbstractStub<S>> {

    /**
     * Failures of the service rather than answers about the record: retried, and counted by the
     * breaker.
     */
    private static final Set<Status.Code> FAILURES =
            EnumSet.of(
                    Status.Code.UNAVAILABLE,
                    Status.Code.DEADLINE_EXCEEDED,
                    Status.Code.RESOURCE_EXHAUSTED,
                    Status.Code.INTERNAL,
                    Status.Code.UNKNOWN,
                    Status.Code.ABORTED);

    /**
     * @param deadline deadline of one attempt
     * @param attempts attempts of an idempotent read (the first included)
     * @param retryWait wait between attempts
     * @param openFor how long the circuit breaker stays open before letting a trial call through
     */
    public record Settings(Duration deadline, int attempts, Duration retryWait, Duration openFor) {}

    /**
     * The called service could not give an answer (down, too slow, breaker open); the text names
     * the service.
     */
    public static final class Unreachable extends RuntimeException {

        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    private final String service;
    private final S stub;
    private final Duration deadline;
    private final Retry retry;
    private final CircuitBreaker breaker;

    public UpstreamCalls(String service, S stub, Settings settings) {
        this(service, stub, settings, null);
    }

    /**
     * As {@link #UpstreamCalls(String, AbstractStub, Settings)}, with the breaker's and the retry's
     * metrics on {@code meters} (Resilience4j's {@code resilience4j_circuitbreaker_*} and {@code
     * resilience4j_retry_*}, tagged with the called service's name), when {@code meters} is not
     * null.
     */
    public UpstreamCalls(String service, S stub, Settings settings, MeterRegistry meters) {
        this.service = service;
        this.stub = stub.withInterceptors(new CallerTokenForwarding());
        this.deadline = settings.deadline();
        // Each in a registry of its own, which is what Resilience4j's Micrometer binders read from.
        RetryRegistry retries = RetryRegistry.ofDefaults();
        this.retry =
                retries.retry(
                        service,
                        RetryConfig.custom()
                                .maxAttempts(Math.max(1, settings.attempts()))
                                .waitDuration(settings.retryWait())
                                .retryOnException(UpstreamCalls::isFailure)
                                .build());
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        this.breaker =
                breakers.circuitBreaker(
                        service,
                        CircuitBreakerConfig.custom()
                                .slidingWindowType(
                                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                                .slidingWindowSize(10)
                                .minimumNumberOfCalls(5)
                                .failureRateThreshold(50)
                                .waitDurationInOpenState(settings.openFor())
                                .permittedNumberOfCallsInHalfOpenState(1)
                                .recordException(UpstreamCalls::isFailure)
                                .build());
        if (meters != null) {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
            TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        }
    }

    /**
     * Makes one idempotent call as the caller: a read, or a write keyed so that a repeat changes
     * nothing.
     */
    public <T> T read(Caller caller, Function<S, T> rpc) {
        Supplier<T> attempt =
                CircuitBreaker.decorateSupplier(
                        breaker,
                        () ->
                                rpc.apply(
                                        stub.withDeadlineAfter(
                                                deadline.toMillis(), TimeUnit.MILLISECONDS)));
        Supplier<T> guarded = Retry.decorateSupplier(retry, attempt);
        try {
            return Context.current().withValue(CallerContext.KEY, caller).call(guarded::get);
        } catch (CallNotPermittedException e) {
            throw new Unreachable("the " + service + "'s circuit breaker is open");
        } catch (StatusRuntimeException e) {
            if (isFailure(e)) {
                throw new Unreachable(service + " answered " + e.getStatus().getCode());
            }
            throw e;
        } catch (Exception e) {
            throw new Unreachable(service + " call failed: " + e.getClass().getSimpleName());
        }
    }

    /** The breaker's state, for tests and operators. */
    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /**
     * A plain-text channel to another service inside the cluster ({@code host:port}, as the gateway
     * names its upstreams; mTLS is the mesh's concern). {@code property} names the setting in the
     * error for a bad address.
     */
    public static ManagedChannel channel(String property, String address) {
        return channel(property, address, null);
    }

    /**
     * As {@link #channel(String, String)}, each call observed on {@code observations} (when not
     * null): a client span that is a child of the call being served, and the trace context sent
     * along ({@code traceparent}), so that one trace runs from the gateway through this service
     * into the one it calls.
     */
    public static ManagedChannel channel(
            String property, String address, ObservationRegistry observations) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalStateException(property + " must be host:port, not " + address);
        }
        ManagedChannelBuilder<?> builder =
                ManagedChannelBuilder.forAddress(
                                address.substring(0, colon),
                                Integer.parseInt(address.substring(colon + 1)))
                        .usePlaintext();
        if (observations != null) {
            builder.intercept(new ObservationGrpcClientInterceptor(observations));
        }
        return builder.build();
    }

    private static boolean isFailure(Throwable t) {
        return t instanceof StatusRuntimeException e && FAILURES.contains(e.getStatus().getCode());
    }
}
