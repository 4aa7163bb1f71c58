package org.chainbreaker.platform.tenancy;

import io.grpc.Context;

/** The verified caller of the gRPC call being served, carried in the call's {@link Context}. */
public final class CallerContext {

    public static final Context.Key<Caller> KEY = Context.key("chainbreaker-caller");

    private CallerContext() {}

    /**
     * The caller of the current call; only calls that passed token verification run endpoint code.
     */
    public static Caller current() {
        Caller caller = KEY.get();
        if (caller == null) {
            throw new IllegalStateException("no verified caller in this call's context");
        }
        return caller;
    }
}
