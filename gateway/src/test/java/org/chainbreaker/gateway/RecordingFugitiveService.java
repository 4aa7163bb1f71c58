package org.chainbreaker.gateway;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.IngestResult;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsResponse;

/**
 * A fugitive service with the one client-streaming RPC of the contract: it records every message of
 * each IngestWantedPersons stream, in the order it arrived, and answers one result per message once
 * the stream ends (a record without charges is refused in band, with field violations, as the real
 * service refuses it).
 */
final class RecordingFugitiveService extends FugitiveServiceGrpc.FugitiveServiceImplBase {

    /** The messages of the last stream, in arrival order. */
    final List<IngestWantedPersonsRequest> ingested = new CopyOnWriteArrayList<>();

    /** How many streams were started (a refused REST request must start none). */
    final AtomicInteger streams = new AtomicInteger();

    void reset() {
        ingested.clear();
        streams.set(0);
    }

    @Override
    public StreamObserver<IngestWantedPersonsRequest> ingestWantedPersons(
            StreamObserver<IngestWantedPersonsResponse> response) {
        streams.incrementAndGet();
        ingested.clear();
        return new StreamObserver<>() {
            private final IngestWantedPersonsResponse.Builder answer =
                    IngestWantedPersonsResponse.newBuilder();

            @Override
            public void onNext(IngestWantedPersonsRequest request) {
                int index = answer.getResultsCount();
                ingested.add(request);
                IngestResult.Builder result = IngestResult.newBuilder().setIndex(index);
                if (request.getWantedPerson().getChargesCount() == 0) {
                    // Refused in band, as the real service answers a record without charges.
                    result.setError(
                            com.google.rpc.Status.newBuilder()
                                    .setCode(Code.INVALID_ARGUMENT_VALUE)
                                    .setMessage("charges are required")
                                    .addDetails(
                                            Any.pack(
                                                    BadRequest.newBuilder()
                                                            .addFieldViolations(
                                                                    BadRequest.FieldViolation
                                                                            .newBuilder()
                                                                            .setField(
                                                                                    "wanted_person.charges")
                                                                            .setDescription(
                                                                                    "is required"))
                                                            .build())));
                    answer.setRefused(answer.getRefused() + 1);
                } else {
                    result.setId("wp-" + index).setReference(request.getRequestId());
                    answer.setRecorded(answer.getRecorded() + 1);
                }
                answer.addResults(result);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {
                response.onNext(answer.build());
                response.onCompleted();
            }
        };
    }
}
