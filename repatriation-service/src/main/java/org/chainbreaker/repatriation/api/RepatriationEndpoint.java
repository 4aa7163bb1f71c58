package org.chainbreaker.repatriation.api;

import io.grpc.stub.StreamObserver;
import org.chainbreaker.common.v1.AuditCheckpointVerification;
import org.chainbreaker.common.v1.AuditSigningKey;
import org.chainbreaker.common.v1.AuditVerification;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.GetAuditSigningKeyRequest;
import org.chainbreaker.common.v1.ListAuditCheckpointsRequest;
import org.chainbreaker.common.v1.ListAuditCheckpointsResponse;
import org.chainbreaker.common.v1.VerifyAuditCheckpointsRequest;
import org.chainbreaker.common.v1.VerifyAuditTrailRequest;
import org.chainbreaker.common.v1.WatchEventsRequest;
import org.chainbreaker.platform.audit.AuditCheckpoints;
import org.chainbreaker.platform.grpc.AuditMessages;
import org.chainbreaker.platform.grpc.EventStreams;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;
import org.chainbreaker.repatriation.app.ArrestTransfers;
import org.chainbreaker.repatriation.app.RepatriationRegistry;
import org.chainbreaker.repatriation.app.RescueRegistry;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.CreateRescueRequestRequest;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.GetRescueRequestRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationReadsRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationReadsResponse;
import org.chainbreaker.repatriation.v1.ListRepatriationsRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationsResponse;
import org.chainbreaker.repatriation.v1.ListRescueRequestsRequest;
import org.chainbreaker.repatriation.v1.ListRescueRequestsResponse;
import org.chainbreaker.repatriation.v1.ReasonedTransitionRequest;
import org.chainbreaker.repatriation.v1.RecordHandoverRequest;
import org.chainbreaker.repatriation.v1.RecordRescueOutcomeRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.RepatriationServiceGrpc;
import org.chainbreaker.repatriation.v1.RescueRequest;
import org.chainbreaker.repatriation.v1.RescueRequestTransition;
import org.chainbreaker.repatriation.v1.SyncArrestTransferRequest;
import org.chainbreaker.repatriation.v1.TransitionRequest;
import org.chainbreaker.repatriation.v1.UpdateLogisticsRequest;
import org.springframework.stereotype.Component;

/**
 * The RepatriationService contract over gRPC: translates messages to use cases and back. Errors map
 * in StatusMapping.
 */
@Component
class RepatriationEndpoint extends RepatriationServiceGrpc.RepatriationServiceImplBase {

    private final RepatriationRegistry registry;
    private final RescueRegistry rescues;
    private final EventStreams events;
    private final AuditCheckpoints checkpoints;
    private final ArrestTransfers arrests;

    RepatriationEndpoint(
            RepatriationRegistry registry,
            RescueRegistry rescues,
            EventStreams events,
            AuditCheckpoints checkpoints,
            ArrestTransfers arrests) {
        this.checkpoints = checkpoints;
        this.arrests = arrests;
        this.registry = registry;
        this.rescues = rescues;
        this.events = events;
    }

    @Override
    public void createRepatriation(
            CreateRepatriationRequest request, StreamObserver<Repatriation> response) {
        Caller caller = CallerContext.current();
        reply(
                response,
                RepatriationMessages.toMessage(
                        registry.create(
                                caller,
                                RepatriationMessages.draft(request.getRepatriation()),
                                request.getRequestId())));
    }

    @Override
    public void getRepatriation(
            GetRepatriationRequest request, StreamObserver<Repatriation> response) {
        reply(
                response,
                RepatriationMessages.toMessage(
                        registry.get(CallerContext.current(), id(request.getId()))));
    }

    @Override
    public void listRepatriationReads(
            ListRepatriationReadsRequest request,
            StreamObserver<ListRepatriationReadsResponse> response) {
        var message = ListRepatriationReadsResponse.newBuilder();
        registry.readsOf(CallerContext.current(), id(request.getId()))
                .forEach(entry -> message.addReads(AuditMessages.toMessage(entry)));
        reply(response, message.build());
    }

    @Override
    public void listRepatriations(
            ListRepatriationsRequest request, StreamObserver<ListRepatriationsResponse> response) {
        var page =
                registry.list(
                        CallerContext.current(), request.getPageSize(), request.getPageToken());
        var message = ListRepatriationsResponse.newBuilder();
        page.items().forEach(r -> message.addRepatriations(RepatriationMessages.toMessage(r)));
        message.setNextPageToken(page.nextToken());
        reply(response, message.build());
    }

    @Override
    public void updateLogistics(
            UpdateLogisticsRequest request, StreamObserver<Repatriation> response) {
        reply(
                response,
                RepatriationMessages.toMessage(
                        registry.updateLogistics(
                                CallerContext.current(),
                                id(request.getId()),
                                RepatriationMessages.logistics(request.getLogistics()),
                                request.getLogistics().getVictimCount(),
                                request.getEtag())));
    }

    @Override
    public void waiveEscortRequirement(
            TransitionRequest request, StreamObserver<Repatriation> response) {
        reply(
                response,
                RepatriationMessages.toMessage(
                        registry.waiveEscorts(
                                CallerContext.current(), id(request.getId()), request.getEtag())));
    }

    @Override
    public void submitRepatriation(
            TransitionRequest request, StreamObserver<Repatriation> response) {
        reply(
                response,
                RepatriationMessages.toMessage(
                        registry.submit(
                                CallerContext.current(), id(request.getId()), request.getEtag())));
    }

    @Override
    public void approveRepatriation(
            TransitionRequest request, StreamObserver<Repatriation> response) {
        reply(
                response,
                RepatriationMessages.toMessage(
                        registry.approve(
                                CallerContext.current(), id(request.getId()), request.getEtag())));
    }

    @Override
    public void rejectRepatriation(
            ReasonedTransitionRequest request, StreamObserver<Repatriation> response) {
        reply(
                response,
                RepatriationMessages.toMessage(
                        registry.reject(
                                CallerContext.current(),
                                id(request.getId()),
                                request.getReason(),
                                request.getEtag())));
    }

    @Override
    public void scheduleRepatriation(
            TransitionRequest request, StreamObserver<Repatriation> response) {
        reply(
                response,
                RepatriationMessages.toMessage(
                        registry.schedule(
                                CallerContext.current(), id(request.getId()), request.getEtag())));
    }

    @Override
    public void startTransit(TransitionRequest request, StreamObserver<Repatriation> response) {
        reply(
                response,
                RepatriationMessages.toMessage(
                        registry.startTransit(
                                CallerContext.current(), id(request.getId()), request.getEtag())));
    }

    @Override
    public void recordHandover(
            RecordHandoverRequest request, StreamObserver<Repatriation> response) {
        reply(
                response,
                RepatriationMessages.toMessage(
                        registry.recordHandover(
                                CallerContext.current(),
                                id(request.getId()),
                                RepatriationMessages.handover(request.getHandover()),
                                request.getEtag())));
    }

    @Override
    public void retryCustodyTransfer(
            TransitionRequest request, StreamObserver<Repatriation> response) {
        reply(
                response,
                RepatriationMessages.toMessage(
                        registry.retryCustodyTransfer(
                                CallerContext.current(), id(request.getId()))));
    }

    @Override
    public void completeRepatriation(
            TransitionRequest request, StreamObserver<Repatriation> response) {
        reply(
                response,
                RepatriationMessages.toMessage(
                        registry.complete(
                                CallerContext.current(), id(request.getId()), request.getEtag())));
    }

    @Override
    public void syncArrestTransfer(
            SyncArrestTransferRequest request, StreamObserver<Repatriation> response) {
        reply(
                response,
                RepatriationMessages.toMessage(
                        arrests.sync(
                                CallerContext.current(),
                                org.chainbreaker.platform.records.RecordIds.parse(
                                        "wanted_person_id",
                                        request.getWantedPersonId(),
                                        () ->
                                                new org.chainbreaker.platform.errors
                                                        .NotFoundException("wanted person")))));
    }

    @Override
    public void cancelRepatriation(
            ReasonedTransitionRequest request, StreamObserver<Repatriation> response) {
        reply(
                response,
                RepatriationMessages.toMessage(
                        registry.cancel(
                                CallerContext.current(),
                                id(request.getId()),
                                request.getReason(),
                                request.getEtag())));
    }

    @Override
    public void createRescueRequest(
            CreateRescueRequestRequest request, StreamObserver<RescueRequest> response) {
        var r = request.getRescueRequest();
        reply(
                response,
                RescueMessages.toMessage(
                        rescues.create(
                                CallerContext.current(),
                                new org.chainbreaker.repatriation.domain.RescueRequest.Raise(
                                        r.getHostCountry(),
                                        RescueMessages.location(r.getLocation()),
                                        r.getEstimatedPeople(),
                                        r.getNationalitiesList(),
                                        r.getSource()),
                                request.getRequestId())));
    }

    @Override
    public void getRescueRequest(
            GetRescueRequestRequest request, StreamObserver<RescueRequest> response) {
        reply(
                response,
                RescueMessages.toMessage(
                        rescues.get(CallerContext.current(), RescueMessages.id(request.getId()))));
    }

    @Override
    public void listRescueRequests(
            ListRescueRequestsRequest request,
            StreamObserver<ListRescueRequestsResponse> response) {
        var page =
                rescues.list(
                        CallerContext.current(), request.getPageSize(), request.getPageToken());
        var message = ListRescueRequestsResponse.newBuilder();
        page.items().forEach(r -> message.addRescueRequests(RescueMessages.toMessage(r)));
        message.setNextPageToken(page.nextToken());
        reply(response, message.build());
    }

    @Override
    public void acknowledgeRescueRequest(
            RescueRequestTransition request, StreamObserver<RescueRequest> response) {
        reply(
                response,
                RescueMessages.toMessage(
                        rescues.acknowledge(
                                CallerContext.current(),
                                RescueMessages.id(request.getId()),
                                request.getEtag())));
    }

    @Override
    public void recordRescueOutcome(
            RecordRescueOutcomeRequest request, StreamObserver<RescueRequest> response) {
        reply(
                response,
                RescueMessages.toMessage(
                        rescues.recordOutcome(
                                CallerContext.current(),
                                RescueMessages.id(request.getId()),
                                RescueMessages.outcome(request.getOutcome()),
                                request.getEtag())));
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
                AuditMessages.toMessage(registry.verifyAuditTrail(CallerContext.current())));
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

    private static java.util.UUID id(String value) {
        return RepatriationMessages.id("id", value);
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
