package org.chainbreaker.cases.api;

import io.grpc.stub.StreamObserver;
import org.chainbreaker.cases.app.AnalysisRegistry;
import org.chainbreaker.cases.app.CaseRegistry;
import org.chainbreaker.cases.app.CountryGroupRegistry;
import org.chainbreaker.cases.app.IntelligenceRegistry;
import org.chainbreaker.cases.app.LeadRegistry;
import org.chainbreaker.cases.app.PersonRegistry;
import org.chainbreaker.cases.app.ScamCentreRegistry;
import org.chainbreaker.cases.v1.AddCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.AddLeadFindingRequest;
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.AssignTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CountryGroup;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateCountryGroupRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.CreateTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetCountryGroupRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.GetScamCentreRequest;
import org.chainbreaker.cases.v1.GetScamReportRequest;
import org.chainbreaker.cases.v1.GetTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.LinkScamCentreCaseRequest;
import org.chainbreaker.cases.v1.ListCaseChecksRequest;
import org.chainbreaker.cases.v1.ListCaseChecksResponse;
import org.chainbreaker.cases.v1.ListCaseReadsRequest;
import org.chainbreaker.cases.v1.ListCaseReadsResponse;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCasesResponse;
import org.chainbreaker.cases.v1.ListCountryGroupsRequest;
import org.chainbreaker.cases.v1.ListCountryGroupsResponse;
import org.chainbreaker.cases.v1.ListLeadsRequest;
import org.chainbreaker.cases.v1.ListLeadsResponse;
import org.chainbreaker.cases.v1.ListPersonsRequest;
import org.chainbreaker.cases.v1.ListPersonsResponse;
import org.chainbreaker.cases.v1.ListScamCentresRequest;
import org.chainbreaker.cases.v1.ListScamCentresResponse;
import org.chainbreaker.cases.v1.ListScamReportsRequest;
import org.chainbreaker.cases.v1.ListScamReportsResponse;
import org.chainbreaker.cases.v1.ListTechnicalAnalysesRequest;
import org.chainbreaker.cases.v1.ListTechnicalAnalysesResponse;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.cases.v1.MatchIdentifierResponse;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.RegisterScamReportRequest;
import org.chainbreaker.cases.v1.RemoveCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.RenameCountryGroupRequest;
import org.chainbreaker.cases.v1.RevokeScamCentreShareRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ScamReport;
import org.chainbreaker.cases.v1.SetLeadStatusRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.ShareCaseWithGroupRequest;
import org.chainbreaker.cases.v1.ShareCaseWithOperationRequest;
import org.chainbreaker.cases.v1.ShareScamCentreRequest;
import org.chainbreaker.cases.v1.ShareScamCentreWithGroupRequest;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.chainbreaker.cases.v1.TransitionCaseRequest;
import org.chainbreaker.cases.v1.UnlinkScamCentreCaseRequest;
import org.chainbreaker.cases.v1.UpdateCaseRequest;
import org.chainbreaker.cases.v1.UpdateScamCentreRequest;
import org.chainbreaker.cases.v1.UpdateTechnicalAnalysisRequest;
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
import org.chainbreaker.platform.audit.AuditCheckpoints;
import org.chainbreaker.platform.grpc.AuditMessages;
import org.chainbreaker.platform.grpc.CooperationCalls;
import org.chainbreaker.platform.grpc.EventStreams;
import org.chainbreaker.platform.requests.app.CooperationDesk;
import org.chainbreaker.platform.tenancy.CallerContext;
import org.springframework.stereotype.Component;

/**
 * The CaseService contract over gRPC: translates messages to use cases and back. Errors map in
 * StatusMapping.
 */
@Component
class CaseEndpoint extends CaseServiceGrpc.CaseServiceImplBase {

    private final CaseRegistry registry;
    private final CaseCalls cases;
    private final EventStreams events;
    private final LeadCalls leadCalls;
    private final IntelligenceCalls intelligenceCalls;
    private final ScamCentreCalls centreCalls;
    private final AnalysisCalls analysisCalls;
    private final CooperationCalls cooperation;
    private final AuditCheckpoints checkpoints;
    private final CountryGroupCalls groups;

    CaseEndpoint(
            CaseRegistry registry,
            LeadRegistry leads,
            PersonRegistry persons,
            IntelligenceRegistry intelligence,
            EventStreams events,
            ScamCentreRegistry centres,
            AnalysisRegistry analyses,
            CooperationDesk cooperationDesk,
            AuditCheckpoints checkpoints,
            CountryGroupRegistry groups) {
        this.registry = registry;
        this.events = events;
        this.checkpoints = checkpoints;
        this.groups = new CountryGroupCalls(groups);
        this.cases = new CaseCalls(registry, this.groups);
        this.cooperation = new CooperationCalls(cooperationDesk, "case");
        this.leadCalls = new LeadCalls(leads, persons);
        this.intelligenceCalls = new IntelligenceCalls(intelligence);
        this.centreCalls = new ScamCentreCalls(centres, this.groups);
        this.analysisCalls = new AnalysisCalls(analyses);
    }

    @Override
    public void createCase(CreateCaseRequest request, StreamObserver<Case> response) {
        reply(response, cases.createCase(request));
    }

    @Override
    public void getCase(GetCaseRequest request, StreamObserver<Case> response) {
        reply(response, cases.getCase(request));
    }

    @Override
    public void listCases(ListCasesRequest request, StreamObserver<ListCasesResponse> response) {
        reply(response, cases.listCases(request));
    }

    @Override
    public void shareCase(ShareCaseRequest request, StreamObserver<Case> response) {
        reply(response, cases.shareCase(request));
    }

    @Override
    public void shareCaseWithOperation(
            ShareCaseWithOperationRequest request, StreamObserver<Case> response) {
        reply(response, cases.shareCaseWithOperation(request));
    }

    @Override
    public void revokeShare(RevokeShareRequest request, StreamObserver<Case> response) {
        reply(response, cases.revokeShare(request));
    }

    @Override
    public void listCaseReads(
            ListCaseReadsRequest request, StreamObserver<ListCaseReadsResponse> response) {
        reply(response, cases.listCaseReads(request));
    }

    @Override
    public void updateCase(UpdateCaseRequest request, StreamObserver<Case> response) {
        reply(response, cases.updateCase(request));
    }

    @Override
    public void transitionCase(TransitionCaseRequest request, StreamObserver<Case> response) {
        reply(response, cases.transitionCase(request));
    }

    @Override
    public void createLead(CreateLeadRequest request, StreamObserver<Lead> response) {
        reply(response, leadCalls.createLead(request));
    }

    @Override
    public void getLead(GetLeadRequest request, StreamObserver<Lead> response) {
        reply(response, leadCalls.getLead(request));
    }

    @Override
    public void listLeads(ListLeadsRequest request, StreamObserver<ListLeadsResponse> response) {
        reply(response, leadCalls.listLeads(request));
    }

    @Override
    public void assignLead(AssignLeadRequest request, StreamObserver<Lead> response) {
        reply(response, leadCalls.assignLead(request));
    }

    @Override
    public void setLeadStatus(SetLeadStatusRequest request, StreamObserver<Lead> response) {
        reply(response, leadCalls.setLeadStatus(request));
    }

    @Override
    public void addLeadFinding(AddLeadFindingRequest request, StreamObserver<Lead> response) {
        reply(response, leadCalls.addLeadFinding(request));
    }

    @Override
    public void addPerson(AddPersonRequest request, StreamObserver<Person> response) {
        reply(response, leadCalls.addPerson(request));
    }

    @Override
    public void listPersons(
            ListPersonsRequest request, StreamObserver<ListPersonsResponse> response) {
        reply(response, leadCalls.listPersons(request));
    }

    @Override
    public void matchIdentifier(
            MatchIdentifierRequest request, StreamObserver<MatchIdentifierResponse> response) {
        reply(response, intelligenceCalls.matchIdentifier(request));
    }

    @Override
    public void listCaseChecks(
            ListCaseChecksRequest request, StreamObserver<ListCaseChecksResponse> response) {
        reply(response, intelligenceCalls.listCaseChecks(request));
    }

    @Override
    public void registerScamReport(
            RegisterScamReportRequest request, StreamObserver<ScamReport> response) {
        reply(response, intelligenceCalls.registerScamReport(request));
    }

    @Override
    public void getScamReport(GetScamReportRequest request, StreamObserver<ScamReport> response) {
        reply(response, intelligenceCalls.getScamReport(request));
    }

    @Override
    public void listScamReports(
            ListScamReportsRequest request, StreamObserver<ListScamReportsResponse> response) {
        reply(response, intelligenceCalls.listScamReports(request));
    }

    @Override
    public void createScamCentre(
            CreateScamCentreRequest request, StreamObserver<ScamCentre> response) {
        reply(response, centreCalls.createScamCentre(request));
    }

    @Override
    public void getScamCentre(GetScamCentreRequest request, StreamObserver<ScamCentre> response) {
        reply(response, centreCalls.getScamCentre(request));
    }

    @Override
    public void listScamCentres(
            ListScamCentresRequest request, StreamObserver<ListScamCentresResponse> response) {
        reply(response, centreCalls.listScamCentres(request));
    }

    @Override
    public void updateScamCentre(
            UpdateScamCentreRequest request, StreamObserver<ScamCentre> response) {
        reply(response, centreCalls.updateScamCentre(request));
    }

    @Override
    public void shareScamCentre(
            ShareScamCentreRequest request, StreamObserver<ScamCentre> response) {
        reply(response, centreCalls.shareScamCentre(request));
    }

    @Override
    public void revokeScamCentreShare(
            RevokeScamCentreShareRequest request, StreamObserver<ScamCentre> response) {
        reply(response, centreCalls.revokeScamCentreShare(request));
    }

    @Override
    public void linkScamCentreCase(
            LinkScamCentreCaseRequest request, StreamObserver<ScamCentre> response) {
        reply(response, centreCalls.linkScamCentreCase(request));
    }

    @Override
    public void unlinkScamCentreCase(
            UnlinkScamCentreCaseRequest request, StreamObserver<ScamCentre> response) {
        reply(response, centreCalls.unlinkScamCentreCase(request));
    }

    @Override
    public void createTechnicalAnalysis(
            CreateTechnicalAnalysisRequest request, StreamObserver<TechnicalAnalysis> response) {
        reply(response, analysisCalls.createTechnicalAnalysis(request));
    }

    @Override
    public void getTechnicalAnalysis(
            GetTechnicalAnalysisRequest request, StreamObserver<TechnicalAnalysis> response) {
        reply(response, analysisCalls.getTechnicalAnalysis(request));
    }

    @Override
    public void listTechnicalAnalyses(
            ListTechnicalAnalysesRequest request,
            StreamObserver<ListTechnicalAnalysesResponse> response) {
        reply(response, analysisCalls.listTechnicalAnalyses(request));
    }

    @Override
    public void updateTechnicalAnalysis(
            UpdateTechnicalAnalysisRequest request, StreamObserver<TechnicalAnalysis> response) {
        reply(response, analysisCalls.updateTechnicalAnalysis(request));
    }

    @Override
    public void assignTechnicalAnalysis(
            AssignTechnicalAnalysisRequest request, StreamObserver<TechnicalAnalysis> response) {
        reply(response, analysisCalls.assignTechnicalAnalysis(request));
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

    // Cooperation requests about cases: translated by the platform's CooperationCalls (one contract
    // for all services).

    @Override
    public void createCaseCooperationRequest(
            CreateCooperationRequestRequest request, StreamObserver<CooperationRequest> response) {
        reply(response, cooperation.create(CallerContext.current(), request));
    }

    @Override
    public void getCaseCooperationRequest(
            GetCooperationRequestRequest request, StreamObserver<CooperationRequest> response) {
        reply(response, cooperation.get(CallerContext.current(), request));
    }

    @Override
    public void listCaseCooperationRequests(
            ListCooperationRequestsRequest request,
            StreamObserver<ListCooperationRequestsResponse> response) {
        reply(response, cooperation.list(CallerContext.current(), request));
    }

    @Override
    public void answerCaseCooperationRequest(
            AnswerCooperationRequestRequest request, StreamObserver<CooperationRequest> response) {
        reply(response, cooperation.answer(CallerContext.current(), request));
    }

    @Override
    public void replyCaseCooperationRequest(
            ReplyCooperationRequestRequest request, StreamObserver<CooperationRequest> response) {
        reply(response, cooperation.reply(CallerContext.current(), request));
    }

    @Override
    public void withdrawCaseCooperationRequest(
            WithdrawCooperationRequestRequest request,
            StreamObserver<CooperationRequest> response) {
        reply(response, cooperation.withdraw(CallerContext.current(), request));
    }

    // ---- Country groups, translated in CountryGroupCalls ----

    @Override
    public void createCountryGroup(
            CreateCountryGroupRequest request, StreamObserver<CountryGroup> response) {
        reply(response, groups.create(request));
    }

    @Override
    public void getCountryGroup(
            GetCountryGroupRequest request, StreamObserver<CountryGroup> response) {
        reply(response, groups.get(request));
    }

    @Override
    public void listCountryGroups(
            ListCountryGroupsRequest request, StreamObserver<ListCountryGroupsResponse> response) {
        reply(response, groups.list(request));
    }

    @Override
    public void renameCountryGroup(
            RenameCountryGroupRequest request, StreamObserver<CountryGroup> response) {
        reply(response, groups.rename(request));
    }

    @Override
    public void addCountryGroupMember(
            AddCountryGroupMemberRequest request, StreamObserver<CountryGroup> response) {
        reply(response, groups.addMember(request));
    }

    @Override
    public void removeCountryGroupMember(
            RemoveCountryGroupMemberRequest request, StreamObserver<CountryGroup> response) {
        reply(response, groups.removeMember(request));
    }

    @Override
    public void shareCaseWithGroup(
            ShareCaseWithGroupRequest request, StreamObserver<Case> response) {
        reply(response, groups.shareCase(request));
    }

    @Override
    public void shareScamCentreWithGroup(
            ShareScamCentreWithGroupRequest request, StreamObserver<ScamCentre> response) {
        reply(response, groups.shareCentre(request));
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
