package org.chainbreaker.platform.grpc;

import com.google.protobuf.Message;
import io.grpc.BindableService;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.StatusException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.chainbreaker.platform.errors.InvalidArgumentException;

/**
 * Checks every request message against the contract's field rules ({@link ContractRules}) before the service sees
 * it: a violation answers INVALID_ARGUMENT with a BadRequest naming each field, as the domain's own checks do, and
 * the method is never invoked (nothing changes). Runs after authentication, so an unauthenticated caller learns
 * nothing about the rules' outcome.
 *
 * <p>Calls whose client sends one message (unary, server streaming) are checked here. A client stream is a bulk
 * load that answers each record on its own (one bad record must not refuse the records around it): its service
 * checks each record with the same {@link ContractRules} and reports the violation as that record's error.
 */
public final class ContractValidation implements ServerInterceptor {

    private final ContractRules rules;

    public ContractValidation(ContractRules rules) {
        this.rules = rules;
    }

    /** The request messages (default instances) of these services, to compile their rules at start. */
    public static Set<Message> requestTypes(Collection<? extends BindableService> services) {
        Set<Message> types = new LinkedHashSet<>();
        for (BindableService service : services) {
            for (ServerMethodDefinition<?, ?> method : service.bindService().getMethods()) {
                if (method.getMethodDescriptor().getRequestMarshaller()
                        instanceof MethodDescriptor.PrototypeMarshaller<?> marshaller
                        && marshaller.getMessagePrototype() instanceof Message prototype) {
                    types.add(prototype);
                }
            }
        }
        return types;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (!call.getMethodDescriptor().getType().clientSendsOneMessage()) {
            return next.startCall(call, headers);
        }
        ServerCall.Listener<Q> delegate = next.startCall(call, headers);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                if (refused) {
                    return;
                }
                if (message instanceof Message request) {
                    try {
                        rules.check(request);
                    } catch (InvalidArgumentException e) {
                        refused = true;
                        StatusException refusal = StatusMapping.toStatusException(e);
                        call.close(refusal.getStatus(), refusal.getTrailers());
                        return;
                    }
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }
}
