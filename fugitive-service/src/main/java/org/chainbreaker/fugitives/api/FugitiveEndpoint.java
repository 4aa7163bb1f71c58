package org.chainbreaker.fugitives.api;

import static org.chainbreaker.fugitives.api.FugitiveMessages.operationId;
import static org.chainbreaker.fugitives.api.FugitiveMessages.wantedPersonId;

import io.grpc.stub.StreamObserver;
import java.util.UUID;
import java.util.function.Function;
import org.chainbreaker.common.v1.AnswerCooperationRequestRequest;
import org.chainbreaker.common.v1.AuditCheckpointVerification;
import org.chainbreaker.common.v1.AuditSigningKey;
import org.chainbreaker.common.v1.AuditVerification;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CreateCooperationRequestRequest;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.GetAuditSigningKeyRequest;
import org.chainbreaker.common.v1.GetCooperationRequestRequest;
import org.chainbreaker.common.v1.ListAuditCheckpointsRequest;
import org.chainbreaker.common.v1.ListAuditCheckpointsResponse;
import org.chainbreaker.common.v1.ListCooperationRequestsRequest;
import org.chainbreaker.common.v1.ListCooperationRequestsResponse;
import org.chainbreaker.common.v1.ReplyCooperationRequestRequest;
import org.chainbreaker.common.v1.VerifyAuditCheckpointsRequest;
import org.chainbreaker.common.v1.VerifyAuditTrailRequest;
import org.chainbreaker.common.v1.WatchEventsRequest;
import org.chainbreaker.common.v1.WithdrawCooperationRequestRequest;
import org.chainbreaker.fugitives.app.FugitiveBulkLoad;
import org.chainbreaker.fugitives.app.FugitiveRegistry;
import org.chainbreaker.fugitives.app.FugitiveSearch;
import org.chainbreaker.fugitives.app.OperationRegistry;
import org.chainbreaker.fugitives.app.SightingRegistry;
import org.chainbreaker.fugitives.app.WantedPersonAuditReads;
import org.chainbreaker.fugitives.domain.IdentityCheckQuery;
import org.chainbreaker.fugitives.domain.NameSearchQuery;
import org.chainbreaker.fugitives.domain.NoticeStatus;
import org.chainbreaker.fugitives.domain.PartialDate;
import org.chainbreaker.fugitives.domain.WantedPersonDetails;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.ChangeParticipantRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityResponse;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.GetOperationRequest;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.IdentityHit;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.ListIdentityChecksRequest;
import org.chainbreaker.fugitives.v1.ListIdentityChecksResponse;
import org.chainbreaker.fugitives.v1.ListOperationsRequest;
import org.chainbreaker.fugitives.v1.ListOperationsResponse;
import org.chainbreaker.fugitives.v1.ListSightingsRequest;
import org.chainbreaker.fugitives.v1.ListSightingsResponse;
import org.chainbreaker.fugitives.v1.ListWantedPersonReadsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonReadsResponse;
import org.chainbreaker.fugitives.v1.ListWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.RecordCustodyTransferRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.TransitionRequest;
import org.chainbreaker.fugitives.v1.UpdateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.WantedPersonMatch;
import org.chainbreaker.fugitives.v1.WithdrawSightingAccessRequest;
import org.chainbreaker.platform.audit.AuditCheckpoints;
import org.chainbreaker.platform.grpc.AuditMessages;
import org.chainbreaker.platform.grpc.ContractRules;
import org.chainbreaker.platform.grpc.CooperationCalls;
import org.chainbreaker.platform.grpc.EventStreams;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.requests.app.CooperationDesk;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;
import org.springframework.stereotype.Component;

/**
 * The FugitiveService contract over gRPC: translates messages to use cases and back. Errors map in
 * StatusMapping.
 */
@Component
class FugitiveEndpoint extends FugitiveServiceGrpc.FugitiveServiceImplBase {

    private final FugitiveRegistry registry;
    private final FugitiveSearch search;
    private final WantedPersonAuditReads auditReads;
    private final FugitiveBulkLoad bulkLoad;
    private final OperationCalls operationCalls;
    private final PursuitCalls pursuit;
    private final EventStreams events;
    private final ContractRules contract;

    private final CooperationCalls cooperation;
    private final AuditCheckpoints checkpoints;

    FugitiveEndpoint(
            FugitiveRegistry registry,
            FugitiveSearch search,
            SightingRegistry sightings,
            WantedPersonAuditReads auditReads,
            FugitiveBulkLoad bulkLoad,
            OperationRegistry operations,
            EventStreams events,
            CooperationDesk cooperationDesk,
            ContractRules contract,
            AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
        this.cooperation = new CooperationCalls(cooperationDesk, "notice");
        this.registry = registry;
        this.search = search;
        this.auditReads = auditReads;
        this.bulkLoad = bulkLoad;
        this.operationCalls = new OperationCalls(operations);
        this.pursuit = new PursuitCalls(registry, sightings);
        this.events = events;
        this.contract = contract;
    }

    @Override
    public void createWantedPerson(
            CreateWantedPersonRequest request, StreamObserver<WantedPerson> response) {
        Caller caller = CallerContext.current();
        var details =
                FugitiveMessages.details(
                        "wanted_person", request.getWantedPerson(), registry.currentYear());
        reply(
                response,
                FugitiveMessages.toMessage(
                        registry.record(caller, details, request.getRequestId())));
    }

    @Override
    public StreamObserver<IngestWantedPersonsRequest> ingestWantedPersons(
            StreamObserver<IngestWantedPersonsResponse> response) {
        return new IngestStream(
                CallerContext.current(), registry.currentYear(), bulkLoad, contract, response);
    }

    @Override
    public void getWantedPerson(
            GetWantedPersonRequest request, StreamObserver<WantedPerson> response) {
        Caller caller = CallerContext.current();
        reply(
                response,
                FugitiveMessages.withArrest(
                        registry.get(caller, wantedPersonId("id", request.getId())),
                        caller.tenant()));
    }

    @Override
    public void listWantedPersons(
            ListWantedPersonsRequest request, StreamObserver<ListWantedPersonsResponse> response) {
        Caller caller = CallerContext.current();
        Page<org.chainbreaker.fugitives.domain.WantedPerson> page =
                registry.list(caller, request.getPageSize(), request.getPageToken());
        var message = ListWantedPersonsResponse.newBuilder();
        page.items().forEach(w -> message.addWantedPersons(FugitiveMessages.toMessage(w)));
        message.setNextPageToken(page.nextToken());
        reply(response, message.build());
    }

    @Override
    public void updateWantedPerson(
            UpdateWantedPersonRequest request, StreamObserver<WantedPerson> response) {
        Caller caller = CallerContext.current();
        UUID id = wantedPersonId("wanted_person.id", request.getWantedPerson().getId());
        int year = registry.currentYear();
        var mask = FugitiveMessages.editMask(request.getUpdateMask());
        String etag = request.getWantedPerson().getEtag();
        var sent = request.getWantedPerson();
        // The named fields over the record as it is under the lock, so no concurrent change is
        // overwritten; an empty mask replaces them all.
        Function<org.chainbreaker.fugitives.domain.WantedPerson, WantedPersonDetails> change =
                seen ->
                        FugitiveMessages.details(
                                "wanted_person",
                                mask.map(m -> FugitiveMessages.masked(seen, sent, m)).orElse(sent),
                                year,
                                seen.details().documents());
        reply(response, FugitiveMessages.toMessage(registry.update(caller, id, change, etag)));
    }

    @Override
    public void submitWantedPerson(
            TransitionRequest request, StreamObserver<WantedPerson> response) {
        transition(request.getId(), NoticeStatus.UNDER_REVIEW, request.getEtag(), null, response);
    }

    @Override
    public void publishWantedPerson(
            TransitionRequest request, StreamObserver<WantedPerson> response) {
        transition(request.getId(), NoticeStatus.PUBLISHED, request.getEtag(), null, response);
    }

    @Override
    public void cancelWantedPerson(
            CancelWantedPersonRequest request, StreamObserver<WantedPerson> response) {
        transition(
                request.getId(),
                NoticeStatus.CANCELLED,
                request.getEtag(),
                request.getReason(),
                response);
    }

    private void transition(
            String id,
            NoticeStatus target,
            String etag,
            String reason,
            StreamObserver<WantedPerson> response) {
        Caller caller = CallerContext.current();
        reply(
                response,
                FugitiveMessages.toMessage(
                        registry.transition(
                                caller, wantedPersonId("id", id), target, etag, reason)));
    }

    @Override
    public void publishToOperation(
            PublishToOperationRequest request, StreamObserver<WantedPerson> response) {
        Caller caller = CallerContext.current();
        UUID id = wantedPersonId("id", request.getId());
        UUID operationId = operationId("operation_id", request.getOperationId());
        reply(
                response,
                FugitiveMessages.toMessage(registry.publishToOperation(caller, id, operationId)));
    }

    @Override
    public void searchWantedPersons(
            SearchWantedPersonsRequest request,
            StreamObserver<SearchWantedPersonsResponse> response) {
        Caller caller = CallerContext.current();
        var dob = request.getDateOfBirth();
        var page =
                search.search(
                        caller,
                        new NameSearchQuery(
                                request.getName(),
                                new PartialDate(dob.getYear(), dob.getMonth(), dob.getDay()),
                                request.getPageSize(),
                                request.getMinScore()),
                        request.getPageToken());
        var message =
                SearchWantedPersonsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.matches()
                .forEach(
                        h ->
                                message.addMatches(
                                        WantedPersonMatch.newBuilder()
                                                .setWantedPerson(
                                                        FugitiveMessages.toMessage(
                                                                h.wantedPerson()))
                                                .setScore(h.score())
                                                .addAllReasons(h.reasons())
                                                .setMatchedName(h.matchedName())));
        reply(response, message.build());
    }

    @Override
    public void checkIdentity(
            CheckIdentityRequest request, StreamObserver<CheckIdentityResponse> response) {
        Caller caller = CallerContext.current();
        var dob = request.getDateOfBirth();
        var hits =
                search.check(
                        caller,
                        new IdentityCheckQuery(
                                request.getName(),
                                new PartialDate(dob.getYear(), dob.getMonth(), dob.getDay()),
                                request.getDocumentNumber(),
                                request.getPurpose()));
        var message = CheckIdentityResponse.newBuilder().setHit(!hits.isEmpty());
        hits.forEach(
                h ->
                        message.addHits(
                                IdentityHit.newBuilder()
                                        .setOwnerCountry(h.ownerCountry())
                                        .setReference(h.reference())));
        reply(response, message.build());
    }

    @Override
    public void listIdentityChecks(
            ListIdentityChecksRequest request,
            StreamObserver<ListIdentityChecksResponse> response) {
        Caller caller = CallerContext.current();
        var message = ListIdentityChecksResponse.newBuilder();
        auditReads
                .checksOf(caller, wantedPersonId("id", request.getId()))
                .forEach(entry -> message.addChecks(AuditMessages.toMessage(entry)));
        reply(response, message.build());
    }

    @Override
    public void listWantedPersonReads(
            ListWantedPersonReadsRequest request,
            StreamObserver<ListWantedPersonReadsResponse> response) {
        Caller caller = CallerContext.current();
        var message = ListWantedPersonReadsResponse.newBuilder();
        auditReads
                .readsOf(caller, wantedPersonId("id", request.getId()))
                .forEach(entry -> message.addReads(AuditMessages.toMessage(entry)));
        reply(response, message.build());
    }

    @Override
    public void reportSighting(ReportSightingRequest request, StreamObserver<Sighting> response) {
        reply(response, pursuit.reportSighting(request));
    }

    @Override
    public void withdrawSightingAccess(
            WithdrawSightingAccessRequest request, StreamObserver<Sighting> response) {
        reply(response, pursuit.withdrawSightingAccess(request));
    }

    @Override
    public void listSightings(
            ListSightingsRequest request, StreamObserver<ListSightingsResponse> response) {
        reply(response, pursuit.listSightings(request));
    }

    @Override
    public void recordCustodyTransfer(
            RecordCustodyTransferRequest request, StreamObserver<WantedPerson> response) {
        reply(response, pursuit.recordCustodyTransfer(request));
    }

    @Override
    public void recordArrest(RecordArrestRequest request, StreamObserver<WantedPerson> response) {
        reply(response, pursuit.recordArrest(request));
    }

    @Override
    public void createOperation(
            CreateOperationRequest request, StreamObserver<Operation> response) {
        reply(response, operationCalls.createOperation(request));
    }

    @Override
    public void getOperation(GetOperationRequest request, StreamObserver<Operation> response) {
        reply(response, operationCalls.getOperation(request));
    }

    @Override
    public void listOperations(
            ListOperationsRequest request, StreamObserver<ListOperationsResponse> response) {
        reply(response, operationCalls.listOperations(request));
    }

    @Override
    public void addParticipant(
            ChangeParticipantRequest request, StreamObserver<Operation> response) {
        reply(response, operationCalls.addParticipant(request));
    }

    @Override
    public void removeParticipant(
            ChangeParticipantRequest request, StreamObserver<Operation> response) {
        reply(response, operationCalls.removeParticipant(request));
    }

    @Override
    public void watchEvents(WatchEventsRequest request, StreamObserver<Event> response) {
        events.serve(CallerContext.current(), request, response);
    }

    @Override
    public void verifyAuditTrail(
            VerifyAuditTrailRequest request, StreamObserver<AuditVerification> response) {
        reply(
                response,
                AuditMessages.toMessage(auditReads.verifyAuditTrail(CallerContext.current())));
    }

    @Override
    public void listAuditCheckpoints(
            ListAuditCheckpointsRequest request,
            StreamObserver<ListAuditCheckpointsResponse> response) {
        reply(response, AuditMessages.list(checkpoints, CallerContext.current(), request));
    }

    @Override
    public void verifyAuditCheckpoints(
            VerifyAuditCheckpointsRequest request,
            StreamObserver<AuditCheckpointVerification> response) {
        reply(response, AuditMessages.verify(checkpoints, CallerContext.current(), request));
    }

    @Override
    public void getAuditSigningKey(
            GetAuditSigningKeyRequest request, StreamObserver<AuditSigningKey> response) {
        reply(response, AuditMessages.signingKey(checkpoints, request));
    }

    // Cooperation requests about notices: translated by the platform's CooperationCalls (one
    // contract for all).

    @Override
    public void createNoticeCooperationRequest(
            CreateCooperationRequestRequest request, StreamObserver<CooperationRequest> response) {
        reply(response, cooperation.create(CallerContext.current(), request));
    }

    @Override
    public void getNoticeCooperationRequest(
            GetCooperationRequestRequest request, StreamObserver<CooperationRequest> response) {
        reply(response, cooperation.get(CallerContext.current(), request));
    }

    @Override
    public void listNoticeCooperationRequests(
            ListCooperationRequestsRequest request,
            StreamObserver<ListCooperationRequestsResponse> response) {
        reply(response, cooperation.list(CallerContext.current(), request));
    }

    @Override
    public void answerNoticeCooperationRequest(
            AnswerCooperationRequestRequest request, StreamObserver<CooperationRequest> response) {
        reply(response, cooperation.answer(CallerContext.current(), request));
    }

    @Override
    public void replyNoticeCooperationRequest(
            ReplyCooperationRequestRequest request, StreamObserver<CooperationRequest> response) {
        reply(response, cooperation.reply(CallerContext.current(), request));
    }

    @Override
    public void withdrawNoticeCooperationRequest(
            WithdrawCooperationRequestRequest request,
            StreamObserver<CooperationRequest> response) {
        reply(response, cooperation.withdraw(CallerContext.current(), request));
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
