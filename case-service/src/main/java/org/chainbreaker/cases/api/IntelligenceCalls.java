package org.chainbreaker.cases.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.cases.app.CaseRegistry;
import org.chainbreaker.cases.app.IntelligenceRegistry;
import org.chainbreaker.cases.domain.Amount;
import org.chainbreaker.cases.domain.CasePermissions;
import org.chainbreaker.cases.domain.IdentifierMatch;
import org.chainbreaker.cases.domain.NewScamReport;
import org.chainbreaker.cases.v1.GetScamReportRequest;
import org.chainbreaker.cases.v1.IdentifierHit;
import org.chainbreaker.cases.v1.ListCaseChecksRequest;
import org.chainbreaker.cases.v1.ListCaseChecksResponse;
import org.chainbreaker.cases.v1.ListScamReportsRequest;
import org.chainbreaker.cases.v1.ListScamReportsResponse;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.cases.v1.MatchIdentifierResponse;
import org.chainbreaker.cases.v1.RegisterScamReportRequest;
import org.chainbreaker.cases.v1.ScamReport;
import org.chainbreaker.platform.grpc.AuditMessages;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;

/**
 * The identifier-check and scam-report RPCs of the case-service, translated (the endpoint delegates
 * here).
 */
final class IntelligenceCalls {

    private final IntelligenceRegistry intelligence;

    IntelligenceCalls(IntelligenceRegistry intelligence) {
        this.intelligence = intelligence;
    }

    MatchIdentifierResponse matchIdentifier(MatchIdentifierRequest request) {
        Caller caller = CallerContext.current();
        IdentifierMatch match =
                intelligence.match(
                        caller,
                        CaseMessages.identifierKind(request.getIdentifier().getKind()),
                        request.getIdentifier().getValue(),
                        request.getPurpose());
        var message =
                MatchIdentifierResponse.newBuilder().setNormalizedValue(match.normalizedValue());
        match.visibleCases()
                .forEach(c -> message.addCases(CaseMessages.toMessage(c, caller.tenant())));
        match.hits()
                .forEach(
                        h ->
                                message.addHits(
                                        IdentifierHit.newBuilder()
                                                .setOwnerCountry(h.ownerCountry())
                                                .setReference(h.reference())));
        return message.build();
    }

    ListCaseChecksResponse listCaseChecks(ListCaseChecksRequest request) {
        Caller caller = CallerContext.current();
        var message = ListCaseChecksResponse.newBuilder();
        intelligence
                .checksOf(caller, CaseRegistry.caseId("id", request.getId()))
                .forEach(entry -> message.addChecks(AuditMessages.toMessage(entry)));
        return message.build();
    }

    ScamReport registerScamReport(RegisterScamReportRequest request) {
        Caller caller = CallerContext.current();
        var draft = request.getScamReport();
        Optional<Amount> amount =
                draft.hasAmountLost()
                        ? Optional.of(
                                new Amount(
                                        draft.getAmountLost().getCurrencyCode(),
                                        draft.getAmountLost().getUnits(),
                                        draft.getAmountLost().getNanos()))
                        : Optional.empty();
        List<NewScamReport.RawIdentifier> identifiers =
                draft.getIdentifiersList().stream()
                        .map(
                                i ->
                                        new NewScamReport.RawIdentifier(
                                                CaseMessages.identifierKind(i.getKind()),
                                                i.getValue()))
                        .toList();
        NewScamReport report =
                NewScamReport.of(
                        CaseMessages.channel(draft.getChannel()),
                        CaseMessages.method(draft.getMethod()),
                        amount,
                        draft.getNarrative(),
                        identifiers,
                        request.getRequestId());
        return CaseMessages.toMessage(intelligence.register(caller, report));
    }

    ScamReport getScamReport(GetScamReportRequest request) {
        Caller caller = CallerContext.current();
        UUID id;
        try {
            id = CaseRegistry.caseId("id", request.getId());
        } catch (org.chainbreaker.platform.errors.NotFoundException e) {
            throw CasePermissions.reportNotFound();
        }
        return CaseMessages.toMessage(intelligence.get(caller, id));
    }

    ListScamReportsResponse listScamReports(ListScamReportsRequest request) {
        Caller caller = CallerContext.current();
        var page = intelligence.list(caller, request.getPageSize(), request.getPageToken());
        var message = ListScamReportsResponse.newBuilder();
        page.items().forEach(r -> message.addScamReports(CaseMessages.toMessage(r)));
        message.setNextPageToken(page.nextToken());
        return message.build();
    }
}
