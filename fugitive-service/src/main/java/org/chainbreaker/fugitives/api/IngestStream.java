package org.chainbreaker.fugitives.api;

import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.fugitives.app.FugitiveBulkLoad;
import org.chainbreaker.fugitives.domain.IngestOutcome;
import org.chainbreaker.fugitives.v1.IngestResult;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsResponse;
import org.chainbreaker.platform.errors.ChainbreakerException;
import org.chainbreaker.platform.grpc.ContractRules;
import org.chainbreaker.platform.grpc.StatusMapping;
import org.chainbreaker.platform.tenancy.Caller;

/**
 * The client stream of IngestWantedPersons: records are checked one by one as they arrive (a bad
 * one refused on its own), recorded in batches, and answered in the order they came.
 */
final class IngestStream implements StreamObserver<IngestWantedPersonsRequest> {

    /**
     * Records per transaction in a bulk load: large enough to amortise commits, small enough to
     * answer steadily.
     */
    static final int INGEST_BATCH = 500;

    private final Caller caller;
    private final int currentYear;
    private final FugitiveBulkLoad bulkLoad;
    private final ContractRules contract;
    private final StreamObserver<IngestWantedPersonsResponse> response;
    private final List<FugitiveBulkLoad.IngestItem> pending = new ArrayList<>();
    private final IngestWantedPersonsResponse.Builder answer =
            IngestWantedPersonsResponse.newBuilder();
    private int index;
    private boolean failed;

    @Override
    public void onNext(IngestWantedPersonsRequest request) {
        if (failed) {
            return;
        }
        int position = index++;
        try {
            // A client stream passes the platform's ContractValidation unchecked: each
            // record is checked here, on the contract's rules and the domain's together, so
            // that a bad record is refused on its own (every wrong field named) and the
            // rest
            // recorded.
            pending.add(
                    new FugitiveBulkLoad.IngestItem(
                            position,
                            contract.checkWith(
                                    request,
                                    () ->
                                            FugitiveMessages.details(
                                                    "wanted_person",
                                                    request.getWantedPerson(),
                                                    currentYear)),
                            request.getRequestId()));
        } catch (ChainbreakerException refused) {
            answer.addResults(
                    IngestResult.newBuilder()
                            .setIndex(position)
                            .setError(StatusMapping.toStatus(refused)));
        }
        if (pending.size() >= INGEST_BATCH) {
            flush();
        }
    }

    @Override
    public void onError(Throwable t) {
        // The client went away: the batches already committed stay recorded, the rest is
        // dropped.
        failed = true;
    }

    @Override
    public void onCompleted() {
        if (failed) {
            return;
        }
        flush();
        if (failed) {
            return;
        }
        List<IngestResult> ordered = new ArrayList<>(answer.getResultsList());
        ordered.sort(java.util.Comparator.comparingInt(IngestResult::getIndex));
        int refused = (int) ordered.stream().filter(IngestResult::hasError).count();
        response.onNext(
                IngestWantedPersonsResponse.newBuilder()
                        .addAllResults(ordered)
                        .setRecorded(ordered.size() - refused)
                        .setRefused(refused)
                        .build());
        response.onCompleted();
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            for (IngestOutcome outcome : bulkLoad.ingest(caller, pending)) {
                IngestResult.Builder result = IngestResult.newBuilder().setIndex(outcome.index());
                outcome.id().ifPresent(id -> result.setId(id.toString()));
                outcome.reference().ifPresent(result::setReference);
                outcome.error().ifPresent(e -> result.setError(StatusMapping.toStatus(e)));
                answer.addResults(result);
            }
        } catch (RuntimeException e) {
            failed = true;
            response.onError(StatusMapping.toStatusException(e));
        } finally {
            pending.clear();
        }
    }

    IngestStream(
            Caller caller,
            int currentYear,
            FugitiveBulkLoad bulkLoad,
            ContractRules contract,
            StreamObserver<IngestWantedPersonsResponse> response) {
        this.caller = caller;
        this.currentYear = currentYear;
        this.bulkLoad = bulkLoad;
        this.contract = contract;
        this.response = response;
    }
}
