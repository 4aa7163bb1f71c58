package org.chainbreaker.cases.api;

import io.grpc.stub.StreamObserver;
import org.chainbreaker.cases.app.CaseRegistry;
import org.chainbreaker.cases.domain.CasePage;
import org.chainbreaker.cases.domain.NewCase;
import org.chainbreaker.cases.domain.PageCursor;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCasesResponse;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.ListCaseReadsRequest;
import org.chainbreaker.cases.v1.ListCaseReadsResponse;
import org.chainbreaker.common.v1.AuditVerification;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.VerifyAuditTrailRequest;
import org.chainbreaker.common.v1.WatchEventsRequest;
import org.chainbreaker.platform.grpc.AuditMessages;
import org.chainbreaker.platform.grpc.EventStreams;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;
import org.springframework.stereotype.Component;

/** The CaseService contract over gRPC: translates messages to use cases and back. Errors map in StatusMapping. */
@Component
class CaseEndpoint extends CaseServiceGrpc.CaseServiceImplBase {

    private final CaseRegistry registry;
    private final EventStreams events;

    CaseEndpoint(CaseRegistry registry, EventStreams events) {
        this.registry = registry;
        this.events = events;
    }

    @Override
    public void createCase(CreateCaseRequest request, StreamObserver<Case> response) {
        Caller caller = CallerContext.current();
        var draft = request.getCase();
        var opened = registry.open(caller,
                NewCase.of(draft.getTitle(), CaseMessages.category(draft.getCategory()), draft.getSummary(),
                        request.getRequestId()));
        reply(response, CaseMessages.toMessage(opened, caller.tenant()));
    }

    @Override
    public void getCase(GetCaseRequest request, StreamObserver<Case> response) {
        Caller caller = CallerContext.current();
        var found = registry.get(caller, CaseRegistry.caseId("id", request.getId()));
        reply(response, CaseMessages.toMessage(found, caller.tenant()));
    }

    @Override
    public void listCases(ListCasesRequest request, StreamObserver<ListCasesResponse> response) {
        Caller caller = CallerContext.current();
        CasePage page = registry.list(caller, request.getPageSize(), request.getPageToken());
        var message = ListCasesResponse.newBuilder();
        page.cases().forEach(c -> message.addCases(CaseMessages.toMessage(c, caller.tenant())));
        page.next().map(PageCursor::encode).ifPresent(message::setNextPageToken);
        reply(response, message.build());
    }

    @Override
    public void shareCase(ShareCaseRequest request, StreamObserver<Case> response) {
        Caller caller = CallerContext.current();
        var shared = registry.share(caller, CaseRegistry.caseId("id", request.getId()), request.getCountry(),
                CaseMessages.handlingCode(request.getHandlingCode()), request.getEtag());
        reply(response, CaseMessages.toMessage(shared, caller.tenant()));
    }

    @Override
    public void revokeShare(RevokeShareRequest request, StreamObserver<Case> response) {
        Caller caller = CallerContext.current();
        var revoked = registry.revoke(caller, CaseRegistry.caseId("id", request.getId()), request.getCountry(),
                request.getEtag());
        reply(response, CaseMessages.toMessage(revoked, caller.tenant()));
    }

    @Override
    public void listCaseReads(ListCaseReadsRequest request, StreamObserver<ListCaseReadsResponse> response) {
        Caller caller = CallerContext.current();
        var reads = registry.readsOf(caller, CaseRegistry.caseId("id", request.getId()));
        var message = ListCaseReadsResponse.newBuilder();
        reads.forEach(entry -> message.addReads(AuditMessages.toMessage(entry)));
        reply(response, message.build());
    }

    @Override
    public void watchEvents(WatchEventsRequest request, StreamObserver<Event> response) {
        events.serve(CallerContext.current(), request, response);
    }

    @Override
    public void verifyAuditTrail(VerifyAuditTrailRequest request, StreamObserver<AuditVerification> response) {
        reply(response, AuditMessages.toMessage(registry.verifyAuditTrail(CallerContext.current())));
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
