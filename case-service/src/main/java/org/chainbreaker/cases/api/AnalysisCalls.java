package org.chainbreaker.cases.api;

import org.chainbreaker.cases.app.AnalysisRegistry;
import org.chainbreaker.cases.app.CaseRegistry;
import org.chainbreaker.cases.domain.CaseRecordId;
import org.chainbreaker.cases.v1.AssignTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.CreateTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.GetTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.ListTechnicalAnalysesRequest;
import org.chainbreaker.cases.v1.ListTechnicalAnalysesResponse;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.chainbreaker.cases.v1.UpdateTechnicalAnalysisRequest;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;

/** The technical-analysis RPCs of the case-service, translated (the endpoint delegates here). */
final class AnalysisCalls {

    private final AnalysisRegistry analyses;

    AnalysisCalls(AnalysisRegistry analyses) {
        this.analyses = analyses;
    }

    TechnicalAnalysis createTechnicalAnalysis(CreateTechnicalAnalysisRequest request) {
        Caller caller = CallerContext.current();
        return CaseMessages.toMessage(
                analyses.create(
                        caller,
                        CaseRegistry.caseId("case_id", request.getCaseId()),
                        CaseMessages.draft(request.getTechnicalAnalysis()),
                        request.getRequestId()));
    }

    TechnicalAnalysis getTechnicalAnalysis(GetTechnicalAnalysisRequest request) {
        Caller caller = CallerContext.current();
        return CaseMessages.toMessage(
                analyses.get(
                        caller,
                        CaseRegistry.caseId("case_id", request.getCaseId()),
                        AnalysisRegistry.analysisId("id", request.getId())));
    }

    ListTechnicalAnalysesResponse listTechnicalAnalyses(ListTechnicalAnalysesRequest request) {
        Caller caller = CallerContext.current();
        var message = ListTechnicalAnalysesResponse.newBuilder();
        analyses.list(caller, CaseRegistry.caseId("case_id", request.getCaseId()))
                .forEach(a -> message.addTechnicalAnalyses(CaseMessages.toMessage(a)));
        return message.build();
    }

    TechnicalAnalysis updateTechnicalAnalysis(UpdateTechnicalAnalysisRequest request) {
        Caller caller = CallerContext.current();
        var draft = request.getTechnicalAnalysis();
        return CaseMessages.toMessage(
                analyses.update(
                        caller,
                        new CaseRecordId(
                                CaseRegistry.caseId(
                                        "technical_analysis.case_id", draft.getCaseId()),
                                AnalysisRegistry.analysisId(
                                        "technical_analysis.id", draft.getId())),
                        request.getUpdateMask().getPathsList(),
                        CaseMessages.draft(draft),
                        draft.getEtag()));
    }

    TechnicalAnalysis assignTechnicalAnalysis(AssignTechnicalAnalysisRequest request) {
        Caller caller = CallerContext.current();
        return CaseMessages.toMessage(
                analyses.assign(
                        caller,
                        new CaseRecordId(
                                CaseRegistry.caseId("case_id", request.getCaseId()),
                                AnalysisRegistry.analysisId("id", request.getId())),
                        request.getCountry(),
                        CaseMessages.handlingCode(request.getHandlingCode()),
                        request.getEtag()));
    }
}
