package org.chainbreaker.cases.api;

import java.util.Optional;
import org.chainbreaker.cases.app.ScamCentreRegistry;
import org.chainbreaker.cases.domain.ShareRequest;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.GetScamCentreRequest;
import org.chainbreaker.cases.v1.LinkScamCentreCaseRequest;
import org.chainbreaker.cases.v1.ListScamCentresRequest;
import org.chainbreaker.cases.v1.ListScamCentresResponse;
import org.chainbreaker.cases.v1.RevokeScamCentreShareRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ShareScamCentreRequest;
import org.chainbreaker.cases.v1.UnlinkScamCentreCaseRequest;
import org.chainbreaker.cases.v1.UpdateScamCentreRequest;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;

/** The scam-centre RPCs of the case-service, translated (the endpoint delegates here). */
final class ScamCentreCalls {

    private final ScamCentreRegistry centres;
    private final CountryGroupCalls groups;

    ScamCentreCalls(ScamCentreRegistry centres, CountryGroupCalls groups) {
        this.centres = centres;
        this.groups = groups;
    }

    ScamCentre createScamCentre(CreateScamCentreRequest request) {
        Caller caller = CallerContext.current();
        var created =
                centres.create(
                        caller,
                        CaseMessages.draft(request.getScamCentre()),
                        request.getRequestId());
        return CaseMessages.toMessage(created, caller.tenant());
    }

    ScamCentre getScamCentre(GetScamCentreRequest request) {
        Caller caller = CallerContext.current();
        var found = centres.get(caller, ScamCentreRegistry.centreId("id", request.getId()));
        return CaseMessages.toMessage(found, caller.tenant());
    }

    ListScamCentresResponse listScamCentres(ListScamCentresRequest request) {
        Caller caller = CallerContext.current();
        var page = centres.list(caller, request.getPageSize(), request.getPageToken());
        var message = ListScamCentresResponse.newBuilder();
        page.items()
                .forEach(c -> message.addScamCentres(CaseMessages.toMessage(c, caller.tenant())));
        message.setNextPageToken(page.nextToken());
        return message.build();
    }

    ScamCentre updateScamCentre(UpdateScamCentreRequest request) {
        Caller caller = CallerContext.current();
        var draft = request.getScamCentre();
        var updated =
                centres.update(
                        caller,
                        ScamCentreRegistry.centreId("scam_centre.id", draft.getId()),
                        request.getUpdateMask().getPathsList(),
                        CaseMessages.draft(draft),
                        draft.getEtag());
        return CaseMessages.toMessage(updated, caller.tenant());
    }

    ScamCentre shareScamCentre(ShareScamCentreRequest request) {
        Caller caller = CallerContext.current();
        var shared =
                centres.share(
                        caller,
                        ScamCentreRegistry.centreId("id", request.getId()),
                        ShareRequest.of(
                                request.getCountry(),
                                CaseMessages.handlingCode(request.getHandlingCode()),
                                request.hasExpireTime()
                                        ? Optional.of(CaseMessages.instant(request.getExpireTime()))
                                        : Optional.empty()),
                        request.getEtag());
        return CaseMessages.toMessage(shared, caller.tenant());
    }

    ScamCentre revokeScamCentreShare(RevokeScamCentreShareRequest request) {
        if (!request.getGroupId().isEmpty()) {
            return groups.revokeCentre(request);
        }
        Caller caller = CallerContext.current();
        var revoked =
                centres.revoke(
                        caller,
                        ScamCentreRegistry.centreId("id", request.getId()),
                        request.getCountry(),
                        request.getEtag());
        return CaseMessages.toMessage(revoked, caller.tenant());
    }

    ScamCentre linkScamCentreCase(LinkScamCentreCaseRequest request) {
        Caller caller = CallerContext.current();
        var linked =
                centres.link(
                        caller,
                        ScamCentreRegistry.centreId("id", request.getId()),
                        request.getCaseId(),
                        request.getEtag());
        return CaseMessages.toMessage(linked, caller.tenant());
    }

    ScamCentre unlinkScamCentreCase(UnlinkScamCentreCaseRequest request) {
        Caller caller = CallerContext.current();
        var unlinked =
                centres.unlink(
                        caller,
                        ScamCentreRegistry.centreId("id", request.getId()),
                        request.getCaseId(),
                        request.getEtag());
        return CaseMessages.toMessage(unlinked, caller.tenant());
    }
}
