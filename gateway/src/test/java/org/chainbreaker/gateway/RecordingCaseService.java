package org.chainbreaker.gateway;

import com.google.protobuf.Message;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCasesResponse;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;

/**
 * A case service that remembers the last call (method, request, headers) and answers as the test
 * tells it.
 */
final class RecordingCaseService extends CaseServiceGrpc.CaseServiceImplBase
        implements ServerInterceptor {

    final AtomicReference<String> lastMethod = new AtomicReference<>();
    final AtomicReference<Message> lastRequest = new AtomicReference<>();
    final AtomicReference<Metadata> lastHeaders = new AtomicReference<>();

    /**
     * Given the request, the response to send, or a StatusRuntimeException to fail with, or null to
     * never answer.
     */
    volatile Function<Message, Object> answer = request -> null;

    /**
     * When above 0, WatchEvents sends this many events as fast as the transport takes them (flow
     * control).
     */
    volatile int flood;

    final java.util.concurrent.atomic.AtomicInteger floodSent =
            new java.util.concurrent.atomic.AtomicInteger();

    void reset() {
        flood = 0;
        floodSent.set(0);
        lastMethod.set(null);
        lastRequest.set(null);
        lastHeaders.set(null);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        lastHeaders.set(headers);
        lastMethod.set(call.getMethodDescriptor().getBareMethodName());
        return next.startCall(call, headers);
    }

    @SuppressWarnings("unchecked")
    private <T> void serve(Message request, StreamObserver<T> response, T fallback) {
        lastRequest.set(request);
        Object result = answer.apply(request);
        if (result instanceof Throwable failure) {
            response.onError(failure);
        } else if (result == NEVER) {
            // leave the call open: the gateway's deadline must end it
        } else {
            response.onNext(result == null ? fallback : (T) result);
            response.onCompleted();
        }
    }

    static final Object NEVER = new Object();

    @Override
    public void createCase(CreateCaseRequest request, StreamObserver<Case> response) {
        serve(
                request,
                response,
                request.getCase().toBuilder().setId("new-id").setOwnerCountry("KR").build());
    }

    @Override
    public void getCase(GetCaseRequest request, StreamObserver<Case> response) {
        serve(
                request,
                response,
                Case.newBuilder().setId(request.getId()).setTitle("A case").build());
    }

    @Override
    public void listCases(ListCasesRequest request, StreamObserver<ListCasesResponse> response) {
        serve(request, response, ListCasesResponse.getDefaultInstance());
    }

    @Override
    public void shareCase(ShareCaseRequest request, StreamObserver<Case> response) {
        serve(request, response, Case.newBuilder().setId(request.getId()).build());
    }

    /**
     * Events to stream for WatchEvents; a StatusRuntimeException in the list ends the stream with
     * that failure.
     */
    volatile java.util.List<Object> events = java.util.List.of();

    @Override
    public void watchEvents(
            org.chainbreaker.common.v1.WatchEventsRequest request,
            StreamObserver<org.chainbreaker.common.v1.Event> response) {
        lastRequest.set(request);
        if (flood > 0) {
            var stream =
                    (io.grpc.stub.ServerCallStreamObserver<org.chainbreaker.common.v1.Event>)
                            response;
            int total = flood;
            Runnable drain =
                    () -> {
                        synchronized (stream) {
                            while (stream.isReady() && floodSent.get() < total) {
                                int n = floodSent.incrementAndGet();
                                stream.onNext(
                                        org.chainbreaker.common.v1.Event.newBuilder()
                                                .setCursor("flood-" + n)
                                                .setType("case.flooded")
                                                .setRecordId("x".repeat(200))
                                                .build());
                            }
                        }
                    };
            stream.setOnReadyHandler(drain);
            drain.run();
            return;
        }
        for (Object item : events) {
            if (item instanceof Throwable failure) {
                response.onError(failure);
                return;
            }
            response.onNext((org.chainbreaker.common.v1.Event) item);
        }
        response.onCompleted();
    }

    @Override
    public void revokeShare(RevokeShareRequest request, StreamObserver<Case> response) {
        serve(request, response, Case.newBuilder().setId(request.getId()).build());
    }
}
