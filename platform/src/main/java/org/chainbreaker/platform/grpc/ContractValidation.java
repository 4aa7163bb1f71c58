package org.chainbreaker.platform.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.InvalidArgumentException.FieldViolation;

/**
 * Checks every request message against the contract's field rules ({@link ContractRules}) and makes
 * the call's answer one refusal naming every wrong field: the contract's violations and the
 * service's own field checks together (a client fixes all at once), with nothing changed.
 *
 * <p>How: a request breaking the contract is still handed to the service, with its violations in
 * the call's context ({@link ContractFindings}). The service translates it and runs its domain's
 * field checks as for any request; those are pure (no database, no other service), so they run
 * before any work; checks made later in a database transaction run too, but the transaction never
 * commits (it ends with the contract's violations, rolling back what it wrote), and no call to
 * another service leaves. Whatever the service answers (its own INVALID_ARGUMENT, that refusal, any
 * other error, even a result) is replaced here by one INVALID_ARGUMENT naming the union: the
 * contract's violations, then the domain's for the fields not named yet. So no idempotency record,
 * audit entry or outbox event is written for an invalid request, and a refused request looks the
 * same whichever check found it. Runs after authentication, so an unauthenticated caller learns
 * nothing about the rules' outcome.
 *
 * <p>Calls whose client sends one message (unary, server streaming) are checked here. A client
 * stream is a bulk load that answers each record on its own (one bad record must not refuse the
 * records around it): its service checks each record with the same {@link ContractRules} and
 * reports the violation, merged with the record's domain checks, as that record's error.
 */
public final class ContractValidation implements ServerInterceptor {

    private final ContractRules rules;

    public ContractValidation(ContractRules rules) {
        this.rules = rules;
    }

    /**
     * The request messages (default instances) of these services, to compile their rules at start.
     */
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

    /**
     * The domain's violations in an INVALID_ARGUMENT answer (its BadRequest details); none for any
     * other answer.
     */
    static List<FieldViolation> violationsIn(Status status, Metadata trailers) {
        if (status.getCode() != Status.Code.INVALID_ARGUMENT) {
            return List.of();
        }
        com.google.rpc.Status details = StatusProto.fromStatusAndTrailers(status, trailers);
        List<FieldViolation> found = new ArrayList<>();
        for (Any detail : details.getDetailsList()) {
            if (detail.is(BadRequest.class)) {
                try {
                    for (BadRequest.FieldViolation v :
                            detail.unpack(BadRequest.class).getFieldViolationsList()) {
                        found.add(new FieldViolation(v.getField(), v.getDescription()));
                    }
                } catch (InvalidProtocolBufferException e) {
                    // Written by StatusMapping in this process; unreadable only if corrupted.
                    throw new IllegalStateException("unreadable BadRequest details", e);
                }
            }
        }
        return found;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!call.getMethodDescriptor().getType().clientSendsOneMessage()) {
            return next.startCall(call, headers);
        }
        ContractFindings findings = new ContractFindings();
        ServerCall<Q, R> answering = new OneRefusal<>(call, findings);
        ServerCall.Listener<Q> delegate =
                Contexts.interceptCall(
                        Context.current().withValue(ContractFindings.KEY, findings),
                        answering,
                        headers,
                        next);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(Q message) {
                if (message instanceof Message request) {
                    findings.found(rules.violations(request));
                }
                super.onMessage(message);
            }
        };
    }

    /**
     * The call as the service sees it: while the request breaks the contract, no result leaves, and
     * the call ends with the one refusal.
     */
    private static final class OneRefusal<Q, R>
            extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private final ContractFindings findings;
        private boolean closed;

        OneRefusal(ServerCall<Q, R> call, ContractFindings findings) {
            super(call);
            this.findings = findings;
        }

        @Override
        public void sendMessage(R message) {
            if (closed) {
                return;
            }
            if (findings.violations().isEmpty()) {
                super.sendMessage(message);
            } else {
                refuse(List.of());
            }
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (closed) {
                return;
            }
            if (findings.violations().isEmpty()) {
                closed = true;
                super.close(status, trailers);
            } else {
                refuse(violationsIn(status, trailers));
            }
        }

        private void refuse(List<FieldViolation> domain) {
            closed = true;
            StatusException refusal =
                    StatusMapping.toStatusException(
                            new InvalidArgumentException(
                                    ContractFindings.union(findings.violations(), domain)));
            super.close(refusal.getStatus(), refusal.getTrailers());
        }
    }
}
