package org.chainbreaker.platform.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;

/**
 * Client side of calls between services: sends the original caller's access token (from {@link
 * CallerContext} of the current gRPC context) as the {@code authorization} metadata, so the called
 * service applies that caller's visibility. There is no service super-token: a call made where no
 * caller is known fails with UNAUTHENTICATED before it leaves the process. Work done later on a
 * caller's behalf (a background job) runs the call inside a context carrying that caller, e.g.
 * {@code Context.current().withValue(CallerContext.KEY, caller).call(...)}.
 */
public final class CallerTokenForwarding implements ClientInterceptor {

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
            MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        Caller caller = CallerContext.KEY.get();
        if (caller == null) {
            return new NoCaller<>(NO_CALLER);
        }
        if (ContractFindings.brokenHere()) {
            // Nothing is asked of another service for a request breaking the contract (the call it
            // serves is answered INVALID_ARGUMENT by ContractValidation).
            return new NoCaller<>(BROKEN_CONTRACT);
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(
                next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.discardAll(CallerAuthentication.AUTHORIZATION);
                headers.put(CallerAuthentication.AUTHORIZATION, "Bearer " + caller.token());
                super.start(listener, headers);
            }
        };
    }

    private static final Status NO_CALLER =
            Status.UNAUTHENTICATED.withDescription(
                    "no caller to act for: calls between services carry the original caller's token");

    private static final Status BROKEN_CONTRACT =
            Status.INVALID_ARGUMENT.withDescription(
                    "the request being served breaks the contract's field rules");

    /**
     * A call that never leaves the process: there is nobody on whose behalf it could be made, or
     * the request it would serve is invalid.
     */
    private static final class NoCaller<Q, R> extends ClientCall<Q, R> {

        private final Status refusal;

        NoCaller(Status refusal) {
            this.refusal = refusal;
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
            listener.onClose(refusal, new Metadata());
        }

        @Override
        public void request(int numMessages) {}

        @Override
        public void cancel(String message, Throwable cause) {}

        @Override
        public void halfClose() {}

        @Override
        public void sendMessage(Q message) {}
    }
}
