package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.liaison;

import io.grpc.Status;
import java.util.List;
import java.util.function.Supplier;
import org.chainbreaker.cases.v1.AddCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CountryGroup;
import org.chainbreaker.cases.v1.CreateCountryGroupRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetCountryGroupRequest;
import org.chainbreaker.cases.v1.GetScamCentreRequest;
import org.chainbreaker.cases.v1.ListCountryGroupsRequest;
import org.chainbreaker.cases.v1.ListCountryGroupsResponse;
import org.chainbreaker.cases.v1.RemoveCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.RenameCountryGroupRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.ShareCaseWithGroupRequest;
import org.chainbreaker.cases.v1.ShareScamCentreWithGroupRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * Country groups over both faces: INTERPOL maintains a group of KR and TH; KR shares with it; TH
 * (member) sees, VN (outside) finds nothing of the record nor of the group; a member removed loses
 * the record at once, a member added gains it; only coordinators maintain groups.
 */
final class CountryGroupScenarios {

    static final String S = Faces.CASES;
    static final String OWNER = "KR";
    static final String MEMBER = "TH";
    static final String STRANGER = "VN";
    static final String COORDINATOR = liaison("INTERPOL");

    private CountryGroupScenarios() {}

    static CountryGroup group(OnFace on, String name, String... members) {
        return on.ok(
                COORDINATOR,
                S,
                "CreateCountryGroup",
                CreateCountryGroupRequest.newBuilder()
                        .setGroup(
                                CountryGroup.newBuilder()
                                        .setName(name + " " + RUN)
                                        .addAllMembers(List.of(members)))
                        .build(),
                CountryGroup.parser());
    }

    static GetCountryGroupRequest getGroup(String id) {
        return GetCountryGroupRequest.newBuilder().setId(id).build();
    }

    static CountryGroup read(OnFace on, String id) {
        return on.ok(COORDINATOR, S, "GetCountryGroup", getGroup(id), CountryGroup.parser());
    }

    static List<String> listed(OnFace on, String user) {
        return on
                .ok(
                        user,
                        S,
                        "ListCountryGroups",
                        ListCountryGroupsRequest.newBuilder().setPageSize(200).build(),
                        ListCountryGroupsResponse.parser())
                .getGroupsList()
                .stream()
                .map(CountryGroup::getId)
                .toList();
    }

    static Case sharedWithGroup(OnFace on, String caseId, String groupId, HandlingCode code) {
        return on.ok(
                investigator(OWNER),
                S,
                "ShareCaseWithGroup",
                ShareCaseWithGroupRequest.newBuilder()
                        .setId(caseId)
                        .setGroupId(groupId)
                        .setHandlingCode(code)
                        .build(),
                Case.parser());
    }

    static boolean sees(OnFace on, String user, String caseId) {
        return on.call(user, S, "GetCase", GetCaseRequest.newBuilder().setId(caseId).build()).ok();
    }

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "CreateCountryGroup",
                on -> {
                    CountryGroup g = group(on, "Mekong partners", OWNER, MEMBER);
                    assertThat(g.getMembersList()).containsExactly(OWNER, MEMBER);
                    assertThat(g.getCreatedByCountry()).isEqualTo("INTERPOL");
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(OWNER),
                            S,
                            "CreateCountryGroup",
                            CreateCountryGroupRequest.newBuilder()
                                    .setGroup(CountryGroup.newBuilder().setName("Self-made"))
                                    .build());
                    Supplier<Object> groups = () -> listed(on, COORDINATOR).size();
                    on.invalid(
                            COORDINATOR,
                            S,
                            "CreateCountryGroup",
                            CreateCountryGroupRequest.newBuilder()
                                    .setGroup(
                                            CountryGroup.newBuilder()
                                                    .setName("x".repeat(10_000))
                                                    .addMembers(MEMBER)
                                                    .addMembers(MEMBER))
                                    .build(),
                            groups,
                            "group.name",
                            "group.members");
                });

        scenarios.add(
                S,
                "GetCountryGroup",
                on -> {
                    CountryGroup g = group(on, "Operation Lotus", OWNER, MEMBER);
                    assertThat(
                                    on.ok(
                                                    investigator(MEMBER),
                                                    S,
                                                    "GetCountryGroup",
                                                    getGroup(g.getId()),
                                                    CountryGroup.parser())
                                            .getMembersList())
                            .containsExactly(OWNER, MEMBER);
                    // A non-member cannot learn the group exists, let alone its members.
                    on.hidden(
                            investigator(STRANGER),
                            S,
                            "GetCountryGroup",
                            CountryGroupScenarios::getGroup,
                            g.getId());
                });

        scenarios.add(
                S,
                "ListCountryGroups",
                on -> {
                    CountryGroup g = group(on, "Listed partners", OWNER, MEMBER);
                    assertThat(listed(on, COORDINATOR)).contains(g.getId());
                    assertThat(listed(on, investigator(MEMBER))).contains(g.getId());
                    assertThat(listed(on, investigator(STRANGER))).doesNotContain(g.getId());
                    on.invalid(
                            COORDINATOR,
                            S,
                            "ListCountryGroups",
                            ListCountryGroupsRequest.newBuilder().setPageToken("garbage").build(),
                            NOTHING,
                            "page_token");
                });

        scenarios.add(
                S,
                "RenameCountryGroup",
                on -> {
                    CountryGroup g = group(on, "Old name", OWNER, MEMBER);
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(MEMBER),
                            S,
                            "RenameCountryGroup",
                            RenameCountryGroupRequest.newBuilder()
                                    .setId(g.getId())
                                    .setName("Ours")
                                    .build());
                    on.hidden(
                            investigator(STRANGER),
                            S,
                            "RenameCountryGroup",
                            id ->
                                    RenameCountryGroupRequest.newBuilder()
                                            .setId(id)
                                            .setName("Probe")
                                            .build(),
                            g.getId());
                    on.invalid(
                            COORDINATOR,
                            S,
                            "RenameCountryGroup",
                            RenameCountryGroupRequest.newBuilder()
                                    .setId(g.getId())
                                    .setName("")
                                    .build(),
                            () -> read(on, g.getId()).getName(),
                            "name");
                    assertThat(
                                    on.ok(
                                                    COORDINATOR,
                                                    S,
                                                    "RenameCountryGroup",
                                                    RenameCountryGroupRequest.newBuilder()
                                                            .setId(g.getId())
                                                            .setName("New name " + RUN)
                                                            .setEtag(g.getEtag())
                                                            .build(),
                                                    CountryGroup.parser())
                                            .getName())
                            .isEqualTo("New name " + RUN);
                });

        scenarios.add(
                S,
                "AddCountryGroupMember",
                on -> {
                    CountryGroup g = group(on, "Growing partners", OWNER, MEMBER);
                    Case c = CaseServiceScenarios.open(on, OWNER, "Group share");
                    sharedWithGroup(on, c.getId(), g.getId(), HandlingCode.H2);
                    assertThat(sees(on, investigator("PH"), c.getId())).isFalse();
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(MEMBER),
                            S,
                            "AddCountryGroupMember",
                            AddCountryGroupMemberRequest.newBuilder()
                                    .setId(g.getId())
                                    .setCountry(STRANGER)
                                    .build());
                    on.invalid(
                            COORDINATOR,
                            S,
                            "AddCountryGroupMember",
                            AddCountryGroupMemberRequest.newBuilder()
                                    .setId(g.getId())
                                    .setCountry(MEMBER)
                                    .build(),
                            () -> read(on, g.getId()).getMembersList(),
                            "country");
                    on.ok(
                            COORDINATOR,
                            S,
                            "AddCountryGroupMember",
                            AddCountryGroupMemberRequest.newBuilder()
                                    .setId(g.getId())
                                    .setCountry("PH")
                                    .build(),
                            CountryGroup.parser());
                    assertThat(sees(on, investigator("PH"), c.getId())).isTrue();
                    assertThat(sees(on, investigator(STRANGER), c.getId())).isFalse();
                });

        scenarios.add(
                S,
                "RemoveCountryGroupMember",
                on -> {
                    CountryGroup g = group(on, "Shrinking partners", OWNER, MEMBER);
                    Case c = CaseServiceScenarios.open(on, OWNER, "Group share");
                    sharedWithGroup(on, c.getId(), g.getId(), HandlingCode.H1);
                    assertThat(sees(on, investigator(MEMBER), c.getId())).isTrue();
                    on.ok(
                            COORDINATOR,
                            S,
                            "RemoveCountryGroupMember",
                            RemoveCountryGroupMemberRequest.newBuilder()
                                    .setId(g.getId())
                                    .setCountry(MEMBER)
                                    .build(),
                            CountryGroup.parser());
                    // Removed: the case and the group are gone for TH, as if never shared.
                    on.hidden(
                            investigator(MEMBER),
                            S,
                            "GetCase",
                            id -> GetCaseRequest.newBuilder().setId(id).build(),
                            c.getId());
                    on.hidden(
                            investigator(MEMBER),
                            S,
                            "GetCountryGroup",
                            CountryGroupScenarios::getGroup,
                            g.getId());
                    on.invalid(
                            COORDINATOR,
                            S,
                            "RemoveCountryGroupMember",
                            RemoveCountryGroupMemberRequest.newBuilder()
                                    .setId(g.getId())
                                    .setCountry(MEMBER)
                                    .build(),
                            () -> read(on, g.getId()).getMembersList(),
                            "country");
                    // Every RPC on what a group shares, for a member before and after removal.
                    GroupMemberRemovalScenarios.run(on);
                });

        scenarios.add(
                S,
                "ShareCaseWithGroup",
                on -> {
                    CountryGroup g = group(on, "Sharing partners", OWNER, MEMBER);
                    Case c = CaseServiceScenarios.open(on, OWNER, "Group share");
                    Case shared = sharedWithGroup(on, c.getId(), g.getId(), HandlingCode.H2);
                    assertThat(shared.getSharesList())
                            .singleElement()
                            .satisfies(
                                    s -> {
                                        assertThat(s.getCountry()).isEqualTo(MEMBER);
                                        assertThat(s.getGroupId()).isEqualTo(g.getId());
                                    });
                    assertThat(sees(on, investigator(MEMBER), c.getId())).isTrue();
                    on.hidden(
                            investigator(STRANGER),
                            S,
                            "GetCase",
                            id -> GetCaseRequest.newBuilder().setId(id).build(),
                            c.getId());
                    // H2 for each member, as for a direct share: TH may not pass it on.
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(MEMBER),
                            S,
                            "ShareCase",
                            ShareCaseRequest.newBuilder()
                                    .setId(c.getId())
                                    .setCountry(STRANGER)
                                    .setHandlingCode(HandlingCode.H2)
                                    .build());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ShareCaseWithGroup",
                            ShareCaseWithGroupRequest.newBuilder()
                                    .setId(c.getId())
                                    .setGroupId(java.util.UUID.randomUUID().toString())
                                    .build(),
                            () -> sees(on, investigator(STRANGER), c.getId()),
                            "group_id",
                            "handling_code");
                    // The owner withdraws the group share as a whole (RevokeShare with group_id):
                    // the member's grant ends with it.
                    Case revoked =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "RevokeShare",
                                    RevokeShareRequest.newBuilder()
                                            .setId(c.getId())
                                            .setGroupId(g.getId())
                                            .build(),
                                    Case.parser());
                    assertThat(revoked.getSharesList()).isEmpty();
                    assertThat(sees(on, investigator(MEMBER), c.getId())).isFalse();
                });

        scenarios.add(
                S,
                "ShareScamCentreWithGroup",
                on -> {
                    CountryGroup g = group(on, "Compound taskforce", OWNER, MEMBER);
                    ScamCentre centre = CaseIntelligenceScenarios.record(on, OWNER, "KK Park");
                    on.ok(
                            investigator(OWNER),
                            S,
                            "ShareScamCentreWithGroup",
                            ShareScamCentreWithGroupRequest.newBuilder()
                                    .setId(centre.getId())
                                    .setGroupId(g.getId())
                                    .setHandlingCode(HandlingCode.H1)
                                    .build(),
                            ScamCentre.parser());
                    GetScamCentreRequest get =
                            GetScamCentreRequest.newBuilder().setId(centre.getId()).build();
                    assertThat(on.call(investigator(MEMBER), S, "GetScamCentre", get).ok())
                            .isTrue();
                    on.hidden(
                            investigator(STRANGER),
                            S,
                            "GetScamCentre",
                            id -> GetScamCentreRequest.newBuilder().setId(id).build(),
                            centre.getId());
                    on.ok(
                            COORDINATOR,
                            S,
                            "RemoveCountryGroupMember",
                            RemoveCountryGroupMemberRequest.newBuilder()
                                    .setId(g.getId())
                                    .setCountry(MEMBER)
                                    .build(),
                            CountryGroup.parser());
                    assertThat(on.call(investigator(MEMBER), S, "GetScamCentre", get).code())
                            .isEqualTo(Status.Code.NOT_FOUND);
                });
    }
}
