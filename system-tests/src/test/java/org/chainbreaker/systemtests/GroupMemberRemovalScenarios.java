package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CountryGroupScenarios.COORDINATOR;
import static org.chainbreaker.systemtests.CountryGroupScenarios.MEMBER;
import static org.chainbreaker.systemtests.CountryGroupScenarios.OWNER;
import static org.chainbreaker.systemtests.CountryGroupScenarios.S;
import static org.chainbreaker.systemtests.OnFace.investigator;

import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.chainbreaker.cases.v1.AddCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CountryGroup;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListLeadsRequest;
import org.chainbreaker.cases.v1.RemoveCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.RenameCountryGroupRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ShareCaseWithGroupRequest;
import org.chainbreaker.cases.v1.ShareScamCentreWithGroupRequest;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationSubjectKind;
import org.chainbreaker.common.v1.CreateCooperationRequestRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Hit;

/**
 * A group member before and after the coordinator removes it, on every RPC that reads what the
 * group shares or the group itself, over the face the scenario runs on. Before: TH reads and lists
 * KR's case, its lead and KR's scam centre shared with the group, reads and lists the group, may
 * share its own records with it, asks KR about the case, the centre and the lead; a coordinator's
 * step on the group is PERMISSION_DENIED for it. After: each of those records and the group answer
 * NOT_FOUND exactly as an id that never existed (the group's maintenance RPCs too), lists leave
 * them out, a share with the group is refused as with a group that does not exist, and a request
 * about any of them is NOT_FOUND as for a reference never seen. TH's own requests sent before stay
 * its own.
 */
final class GroupMemberRemovalScenarios {

    private GroupMemberRemovalScenarios() {}

    /** What KR shares with the group, and TH's requests about it while a member. */
    private record Shared(
            CountryGroup group,
            Case c,
            Lead lead,
            ScamCentre centre,
            List<CreateCooperationRequestRequest> asks) {}

    static void run(OnFace on) {
        Shared s = shared(on);
        String th = investigator(MEMBER);
        String id = s.group().getId();

        // Before: a member sees what the group shares and the group, and may ask about it.
        assertThat(CaseServiceScenarios.getCase(on, MEMBER, s.c().getId()).getId())
                .isEqualTo(s.c().getId());
        assertThat(CaseServiceScenarios.listedCases(on, MEMBER)).contains(s.c().getId());
        assertThat(CaseServiceScenarios.leads(on, MEMBER, s.c().getId()))
                .extracting(Lead::getId)
                .contains(s.lead().getId());
        on.ok(th, S, "GetLead", getLead(s.c().getId()).apply(s.lead().getId()), Lead.parser());
        assertThat(CaseIntelligenceScenarios.getCentre(on, MEMBER, s.centre().getId()).getId())
                .isEqualTo(s.centre().getId());
        assertThat(CaseIntelligenceScenarios.listedCentres(on, MEMBER))
                .contains(s.centre().getId());
        on.ok(th, S, "GetCountryGroup", CountryGroupScenarios.getGroup(id), CountryGroup.parser());
        assertThat(CountryGroupScenarios.listed(on, th)).contains(id);
        on.deniedTo(List.of(th), S, "RenameCountryGroup", rename(id));
        on.deniedTo(List.of(th), S, "AddCountryGroupMember", add(id));
        on.deniedTo(List.of(th), S, "RemoveCountryGroupMember", remove(id, OWNER));
        Case own = CaseServiceScenarios.open(on, MEMBER, "Member's own case");
        on.ok(th, S, "ShareCaseWithGroup", shareCase(own.getId(), id), Case.parser());
        ScamCentre ownCentre = CaseIntelligenceScenarios.record(on, MEMBER, "Member's compound");
        on.ok(
                th,
                S,
                "ShareScamCentreWithGroup",
                shareCentre(ownCentre.getId(), id),
                ScamCentre.parser());
        List<CooperationRequest> sent =
                s.asks().stream()
                        .map(
                                ask ->
                                        on.ok(
                                                th,
                                                S,
                                                "CreateCaseCooperationRequest",
                                                ask,
                                                CooperationRequest.parser()))
                        .toList();

        on.ok(
                COORDINATOR,
                S,
                "RemoveCountryGroupMember",
                remove(id, MEMBER),
                CountryGroup.parser());

        // After: as if never shared, never a member.
        on.hidden(th, S, "GetCase", CaseServiceScenarios::get, s.c().getId());
        assertThat(CaseServiceScenarios.listedCases(on, MEMBER)).doesNotContain(s.c().getId());
        on.hidden(th, S, "ListLeads", GroupMemberRemovalScenarios::listLeads, s.c().getId());
        on.hidden(th, S, "GetLead", getLead(s.c().getId()), s.lead().getId());
        CaseIntelligenceScenarios.centreHiddenFrom(on, List.of(th), s.centre().getId());
        on.hidden(th, S, "GetCountryGroup", CountryGroupScenarios::getGroup, id);
        assertThat(CountryGroupScenarios.listed(on, th)).doesNotContain(id);
        on.hidden(th, S, "RenameCountryGroup", GroupMemberRemovalScenarios::rename, id);
        on.hidden(th, S, "AddCountryGroupMember", GroupMemberRemovalScenarios::add, id);
        on.hidden(th, S, "RemoveCountryGroupMember", g -> remove(g, OWNER), id);
        sameAsUnknownGroup(on, "ShareCaseWithGroup", g -> shareCase(own.getId(), g), id);
        sameAsUnknownGroup(
                on, "ShareScamCentreWithGroup", g -> shareCentre(ownCentre.getId(), g), id);
        for (CreateCooperationRequestRequest ask : s.asks()) {
            // A reference never seen of the same kind: a case reference, else an id.
            var never = ask.toBuilder();
            never.getRequestBuilder()
                    .setReference(
                            ask.getRequest().getSubjectKind()
                                            == CooperationSubjectKind
                                                    .COOPERATION_SUBJECT_KIND_UNSPECIFIED
                                    ? OWNER + "-1999-000001"
                                    : UUID.randomUUID().toString());
            Faces.Outcome unknown =
                    on.refused(
                            Status.Code.NOT_FOUND,
                            th,
                            S,
                            "CreateCaseCooperationRequest",
                            never.build());
            Faces.Outcome lost =
                    on.refused(Status.Code.NOT_FOUND, th, S, "CreateCaseCooperationRequest", ask);
            assertThat(OnFace.comparable(lost.text()))
                    .as("a request about %s after removal", ask.getRequest().getSubjectKind())
                    .isEqualTo(OnFace.comparable(unknown.text()));
        }
        // Its requests sent as a member are still its own (a party to a request sees it).
        for (CooperationRequest r : sent) {
            on.ok(
                    th,
                    S,
                    "GetCaseCooperationRequest",
                    CooperationRequestScenarios.get(r.getId()),
                    CooperationRequest.parser());
        }
        assertThat(CooperationRequestScenarios.listed(on, CooperationRequestScenarios.CASES, th))
                .containsAll(sent.stream().map(CooperationRequest::getId).toList());
    }

    /** KR's case with a lead, and KR's scam centre, shared with a group of KR and TH. */
    private static Shared shared(OnFace on) {
        CountryGroup g = CountryGroupScenarios.group(on, "Removal partners", OWNER, MEMBER);
        Case c = CaseServiceScenarios.open(on, OWNER, "Shared with a group");
        Lead lead = CaseServiceScenarios.lead(on, c.getId(), "group lead " + OnFace.RUN);
        CountryGroupScenarios.sharedWithGroup(on, c.getId(), g.getId(), HandlingCode.H1);
        ScamCentre centre = CaseIntelligenceScenarios.record(on, OWNER, "Group compound");
        on.ok(
                investigator(OWNER),
                S,
                "ShareScamCentreWithGroup",
                shareCentre(centre.getId(), g.getId()),
                ScamCentre.parser());
        List<CreateCooperationRequestRequest> asks =
                List.of(
                        CooperationRequestScenarios.ask(
                                new Hit(c.getReference(), c.getId()), Urgency.ROUTINE),
                        CentreAndLeadRequestScenarios.about(
                                CooperationSubjectKind.SUBJECT_SCAM_CENTRE, centre.getId()),
                        CentreAndLeadRequestScenarios.about(
                                CooperationSubjectKind.SUBJECT_LEAD, lead.getId()));
        return new Shared(g, c, lead, centre, asks);
    }

    /** Refused exactly as a share with a group that never existed (INVALID_ARGUMENT, group_id). */
    private static void sameAsUnknownGroup(
            OnFace on,
            String method,
            Function<String, com.google.protobuf.Message> share,
            String id) {
        String th = investigator(MEMBER);
        Faces.Outcome left = on.invalid(th, S, method, share.apply(id), OnFace.NOTHING, "group_id");
        Faces.Outcome unknown =
                on.invalid(
                        th,
                        S,
                        method,
                        share.apply(UUID.randomUUID().toString()),
                        OnFace.NOTHING,
                        "group_id");
        assertThat(OnFace.comparable(left.text()))
                .as("%s with a group it left answers as with a group never made", method)
                .isEqualTo(OnFace.comparable(unknown.text()));
    }

    private static Function<String, com.google.protobuf.Message> getLead(String caseId) {
        return id -> GetLeadRequest.newBuilder().setCaseId(caseId).setId(id).build();
    }

    private static ListLeadsRequest listLeads(String caseId) {
        return ListLeadsRequest.newBuilder().setCaseId(caseId).build();
    }

    private static RenameCountryGroupRequest rename(String id) {
        return RenameCountryGroupRequest.newBuilder().setId(id).setName("Ours").build();
    }

    private static AddCountryGroupMemberRequest add(String id) {
        return AddCountryGroupMemberRequest.newBuilder().setId(id).setCountry("PH").build();
    }

    private static RemoveCountryGroupMemberRequest remove(String id, String country) {
        return RemoveCountryGroupMemberRequest.newBuilder().setId(id).setCountry(country).build();
    }

    private static ShareCaseWithGroupRequest shareCase(String caseId, String groupId) {
        return ShareCaseWithGroupRequest.newBuilder()
                .setId(caseId)
                .setGroupId(groupId)
                .setHandlingCode(HandlingCode.H1)
                .build();
    }

    private static ShareScamCentreWithGroupRequest shareCentre(String centreId, String groupId) {
        return ShareScamCentreWithGroupRequest.newBuilder()
                .setId(centreId)
                .setGroupId(groupId)
                .setHandlingCode(HandlingCode.H1)
                .build();
    }
}
