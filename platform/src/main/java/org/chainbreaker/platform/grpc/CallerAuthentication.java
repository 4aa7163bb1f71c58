package org.chainbreaker.platform.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.Set;
import org.chainbreaker.platform.security.TokenRejectedException;
import org.chainbreaker.platform.security.TokenVerifier;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;

/**
 * Verifies the caller's bearer token on every call (the gateway checked it already; a service never
 * trusts the network in between) and puts the {@link Caller} into the call's context. Only health
 * and reflection, which reveal no record, are served without a token.
 */
public final class CallerAuthentication implements ServerInterceptor {

    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final Set<String> OPEN_SERVICES =
            Set.of(
                    "grpc.health.v1.Health",
                    "grpc.reflection.v1.ServerReflection",
                    "grpc.reflection.v1alpha.ServerReflection");

    private final TokenVerifier verifier;

    public CallerAuthentication(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        Caller caller;
        try {
            // More than one authorization value is ambiguous (Metadata.get answers the last,
            // another reader may
            // take the first): refused, as the REST face refuses two Authorization headers.
            Iterable<String> values = headers.getAll(AUTHORIZATION);
            int count = 0;
            for (String ignored : values == null ? java.util.List.<String>of() : values) {
                count++;
            }
            if (count > 1) {
                throw new TokenRejectedException(
                        TokenRejectedException.Reason.MALFORMED,
                        "more than one authorization value");
            }
            caller =
                    verifier.verifyAuthorization(
                            headers.get(AUTHORIZATION),
                            call.getMethodDescriptor().getFullMethodName());
        } catch (TokenRejectedException e) {
            var refusal = StatusMapping.toStatusException(e);
            call.close(refusal.getStatus(), refusal.getTrailers());
            return new ServerCall.Listener<>() {};
        }
        Context context = Context.current().withValue(CallerContext.KEY, caller);
        return Contexts.interceptCall(context, call, headers, next);
    }
}
