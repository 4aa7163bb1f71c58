package org.chainbreaker.cases.api;

import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.cases.app.CaseRegistry;
import org.chainbreaker.cases.domain.CaseUpdate;
import org.chainbreaker.cases.domain.NewCase;
import org.chainbreaker.cases.domain.ShareRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.ListCaseReadsRequest;
import org.chainbreaker.cases.v1.ListCaseReadsResponse;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCasesResponse;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.ShareCaseWithOperationRequest;
import org.chainbreaker.cases.v1.TransitionCaseRequest;
import org.chainbreaker.cases.v1.UpdateCaseRequest;
import org.chainbreaker.platform.grpc.AuditMessages;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;

/**
 * The case RPCs of the case-service (open, read, list, share, revoke, update, move a case),
 * translated; the endpoint delegates here.
 */
final class CaseCalls {

    private final CaseRegistry registry;
    private final CountryGroupCalls groups;

    CaseCalls(CaseRegistry registry, CountryGroupCalls groups) {
        this.registry = registry;
        this.groups = groups;
    }

    Case createCase(CreateCaseRequest request) {
        Caller caller = CallerContext.current();
        var draft = request.getCase();
        var opened =
                registry.open(
                        caller,
                        NewCase.of(
                                draft.getTitle(),
                                CaseMessages.category(draft.getCategory()),
                                draft.getSummary(),
                                draft.getOperationTagsList(),
                                request.getRequestId()));
        return CaseMessages.toMessage(opened, caller.tenant());
    }

    Case getCase(GetCaseRequest request) {
        Caller caller = CallerContext.current();
        var found = registry.get(caller, CaseRegistry.caseId("id", request.getId()));
        return CaseMessages.toMessage(found, caller.tenant());
    }

    ListCasesResponse listCases(ListCasesRequest request) {
        Caller caller = CallerContext.current();
        Page<org.chainbreaker.cases.domain.Case> page =
                registry.list(caller, request.getPageSize(), request.getPageToken());
        var message = ListCasesResponse.newBuilder();
        page.items().forEach(c -> message.addCases(CaseMessages.toMessage(c, caller.tenant())));
        message.setNextPageToken(page.nextToken());
        return message.build();
    }

    Case shareCase(ShareCaseRequest request) {
        Caller caller = CallerContext.current();
        var shared =
                registry.share(
                        caller,
                        CaseRegistry.caseId("id", request.getId()),
                        new ShareRequest(
                                request.getCountry(),
                                CaseMessages.handlingCode(request.getHandlingCode()),
                                request.getDiscloseVictimContacts(),
                                request.hasExpireTime()
                                        ? Optional.of(CaseMessages.instant(request.getExpireTime()))
                                        : Optional.empty()),
                        request.getEtag());
        return CaseMessages.toMessage(shared, caller.tenant());
    }

    Case shareCaseWithOperation(ShareCaseWithOperationRequest request) {
        Caller caller = CallerContext.current();
        var shared =
                registry.shareWithOperation(
                        caller,
                        CaseRegistry.caseId("id", request.getId()),
                        request.getOperationId(),
                        CaseMessages.handlingCode(request.getHandlingCode()),
                        request.getEtag());
        return CaseMessages.toMessage(shared, caller.tenant());
    }

    Case revokeShare(RevokeShareRequest request) {
        if (!request.getGroupId().isEmpty()) {
            return groups.revokeCase(request);
        }
        Caller caller = CallerContext.current();
        var revoked =
                registry.revoke(
                        caller,
                        CaseRegistry.caseId("id", request.getId()),
                        request.getCountry(),
                        request.getEtag());
        return CaseMessages.toMessage(revoked, caller.tenant());
    }

    ListCaseReadsResponse listCaseReads(ListCaseReadsRequest request) {
        Caller caller = CallerContext.current();
        var reads = registry.readsOf(caller, CaseRegistry.caseId("id", request.getId()));
        var message = ListCaseReadsResponse.newBuilder();
        reads.forEach(entry -> message.addReads(AuditMessages.toMessage(entry)));
        return message.build();
    }

    Case updateCase(UpdateCaseRequest request) {
        Caller caller = CallerContext.current();
        var draft = request.getCase();
        UUID id = CaseRegistry.caseId("case.id", draft.getId());
        CaseUpdate change =
                CaseUpdate.of(
                        request.getUpdateMask().getPathsList(),
                        draft.getTitle(),
                        draft.getSummary(),
                        draft.getOperationTagsList());
        return CaseMessages.toMessage(
                registry.update(caller, id, change, draft.getEtag()), caller.tenant());
    }

    Case transitionCase(TransitionCaseRequest request) {
        Caller caller = CallerContext.current();
        var moved =
                registry.transition(
                        caller,
                        CaseRegistry.caseId("id", request.getId()),
                        CaseMessages.status(request.getStatus()),
                        request.getEtag());
        return CaseMessages.toMessage(moved, caller.tenant());
    }
}
