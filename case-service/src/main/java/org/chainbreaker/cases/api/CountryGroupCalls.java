package org.chainbreaker.cases.api;

import com.google.protobuf.Timestamp;
import java.util.Optional;
import org.chainbreaker.cases.app.CaseRegistry;
import org.chainbreaker.cases.app.CountryGroupRegistry;
import org.chainbreaker.cases.app.ScamCentreRegistry;
import org.chainbreaker.cases.domain.CountryGroup;
import org.chainbreaker.cases.domain.GroupShareRequest;
import org.chainbreaker.cases.v1.AddCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCountryGroupRequest;
import org.chainbreaker.cases.v1.GetCountryGroupRequest;
import org.chainbreaker.cases.v1.ListCountryGroupsRequest;
import org.chainbreaker.cases.v1.ListCountryGroupsResponse;
import org.chainbreaker.cases.v1.RemoveCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.RenameCountryGroupRequest;
import org.chainbreaker.cases.v1.RevokeScamCentreShareRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ShareCaseWithGroupRequest;
import org.chainbreaker.cases.v1.ShareScamCentreWithGroupRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.records.Etags;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;

/** The country-group RPCs of the case-service, translated (the endpoint delegates here). */
final class CountryGroupCalls {

    private final CountryGroupRegistry groups;

    CountryGroupCalls(CountryGroupRegistry groups) {
        this.groups = groups;
    }

    org.chainbreaker.cases.v1.CountryGroup create(CreateCountryGroupRequest request) {
        Caller caller = CallerContext.current();
        return toMessage(
                groups.create(
                        caller, request.getGroup().getName(), request.getGroup().getMembersList()));
    }

    org.chainbreaker.cases.v1.CountryGroup get(GetCountryGroupRequest request) {
        return toMessage(
                groups.get(
                        CallerContext.current(),
                        CountryGroupRegistry.groupId("id", request.getId())));
    }

    ListCountryGroupsResponse list(ListCountryGroupsRequest request) {
        var page =
                groups.list(CallerContext.current(), request.getPageSize(), request.getPageToken());
        var message = ListCountryGroupsResponse.newBuilder();
        page.items().forEach(g -> message.addGroups(toMessage(g)));
        message.setNextPageToken(page.nextToken());
        return message.build();
    }

    org.chainbreaker.cases.v1.CountryGroup rename(RenameCountryGroupRequest request) {
        return toMessage(
                groups.rename(
                        CallerContext.current(),
                        CountryGroupRegistry.groupId("id", request.getId()),
                        request.getName(),
                        request.getEtag()));
    }

    org.chainbreaker.cases.v1.CountryGroup addMember(AddCountryGroupMemberRequest request) {
        return toMessage(
                groups.addMember(
                        CallerContext.current(),
                        CountryGroupRegistry.groupId("id", request.getId()),
                        request.getCountry(),
                        request.getEtag()));
    }

    org.chainbreaker.cases.v1.CountryGroup removeMember(RemoveCountryGroupMemberRequest request) {
        return toMessage(
                groups.removeMember(
                        CallerContext.current(),
                        CountryGroupRegistry.groupId("id", request.getId()),
                        request.getCountry(),
                        request.getEtag()));
    }

    Case shareCase(ShareCaseWithGroupRequest request) {
        Caller caller = CallerContext.current();
        var shared =
                groups.shareCase(
                        caller,
                        CaseRegistry.caseId("id", request.getId()),
                        groupShare(
                                request.getGroupId(),
                                request.getHandlingCode(),
                                request.hasExpireTime(),
                                request.getExpireTime()),
                        request.getEtag());
        return CaseMessages.toMessage(shared, caller.tenant());
    }

    ScamCentre shareCentre(ShareScamCentreWithGroupRequest request) {
        Caller caller = CallerContext.current();
        var shared =
                groups.shareCentre(
                        caller,
                        ScamCentreRegistry.centreId("id", request.getId()),
                        groupShare(
                                request.getGroupId(),
                                request.getHandlingCode(),
                                request.hasExpireTime(),
                                request.getExpireTime()),
                        request.getEtag());
        return CaseMessages.toMessage(shared, caller.tenant());
    }

    /** RevokeShare with a group_id: the case's share with that group. */
    Case revokeCase(RevokeShareRequest request) {
        Caller caller = CallerContext.current();
        onlyGroup(request.getCountry());
        var revoked =
                groups.revokeCase(
                        caller,
                        CaseRegistry.caseId("id", request.getId()),
                        request.getGroupId(),
                        request.getEtag());
        return CaseMessages.toMessage(revoked, caller.tenant());
    }

    /** RevokeScamCentreShare with a group_id: the centre's share with that group. */
    ScamCentre revokeCentre(RevokeScamCentreShareRequest request) {
        Caller caller = CallerContext.current();
        onlyGroup(request.getCountry());
        var revoked =
                groups.revokeCentre(
                        caller,
                        ScamCentreRegistry.centreId("id", request.getId()),
                        request.getGroupId(),
                        request.getEtag());
        return CaseMessages.toMessage(revoked, caller.tenant());
    }

    private static void onlyGroup(String country) {
        if (!country.isEmpty()) {
            throw InvalidArgumentException.of(
                    "group_id",
                    "withdraws a group's share: leave country empty, or give no group_id");
        }
    }

    private static org.chainbreaker.cases.v1.CountryGroup toMessage(CountryGroup group) {
        return org.chainbreaker.cases.v1.CountryGroup.newBuilder()
                .setId(group.id().toString())
                .setName(group.name())
                .addAllMembers(group.members())
                .setCreatedByCountry(group.createdBy())
                .setCreateTime(CaseMessages.timestamp(group.createTime()))
                .setUpdateTime(CaseMessages.timestamp(group.updateTime()))
                .setEtag(Etags.of(group.id(), group.version()))
                .build();
    }

    private static GroupShareRequest groupShare(
            String groupId, HandlingCode code, boolean hasExpireTime, Timestamp expireTime) {
        return new GroupShareRequest(
                groupId,
                CaseMessages.handlingCode(code),
                hasExpireTime ? Optional.of(CaseMessages.instant(expireTime)) : Optional.empty());
    }
}
