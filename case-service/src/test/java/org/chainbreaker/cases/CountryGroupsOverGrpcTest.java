package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.code;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.fieldsIn;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.cases.v1.AddCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CountryGroup;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateCountryGroupRequest;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetCountryGroupRequest;
import org.chainbreaker.cases.v1.GetScamCentreRequest;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCountryGroupsRequest;
import org.chainbreaker.cases.v1.ListScamCentresRequest;
import org.chainbreaker.cases.v1.RemoveCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.RenameCountryGroupRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.ShareCaseWithGroupRequest;
import org.chainbreaker.cases.v1.ShareScamCentreWithGroupRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.junit.jupiter.api.Test;

/**
 * Country groups over gRPC against the real service and PostgreSQL: only coordinators maintain
 * groups; a group and its members are seen by coordinators and members only; a case or scam centre
 * shared with a group reaches exactly its members, per member under the rules of a direct share,
 * and membership changes take effect at once.
 */
class CountryGroupsOverGrpcTest extends RunningCaseService {

    private final CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");
    private final CaseServiceBlockingStub th = casesAs("TH", "th-investigator", "investigator");
    private final CaseServiceBlockingStub vn = casesAs("VN", "vn-investigator", "investigator");
    private final CaseServiceBlockingStub ph = casesAs("PH", "ph-investigator", "investigator");
    private final CaseServiceBlockingStub interpol =
            casesAs("INTERPOL", "interpol-coordinator", "coordinator", "liaison");

    private CountryGroup group(String name, String... members) {
        return interpol.createCountryGroup(
                CreateCountryGroupRequest.newBuilder()
                        .setGroup(
                                CountryGroup.newBuilder()
                                        .setName(name)
                                        .addAllMembers(List.of(members)))
                        .build());
    }

    private Case krCase(String title) {
        return kr.createCase(
                CreateCaseRequest.newBuilder()
                        .setCase(
                                Case.newBuilder()
                                        .setTitle(title)
                                        .setCategory(Case.Category.INVESTMENT_FRAUD))
                        .build());
    }

    private static GetCaseRequest get(Case c) {
        return GetCaseRequest.newBuilder().setId(c.getId()).build();
    }

    private static List<String> casesListed(CaseServiceBlockingStub as) {
        List<String> ids = new ArrayList<>();
        String token = "";
        do {
            var page =
                    as.listCases(
                            ListCasesRequest.newBuilder()
                                    .setPageSize(200)
                                    .setPageToken(token)
                                    .build());
            page.getCasesList().forEach(c -> ids.add(c.getId()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return ids;
    }

    private static List<String> groupsListed(CaseServiceBlockingStub as) {
        return as
                .listCountryGroups(ListCountryGroupsRequest.newBuilder().setPageSize(200).build())
                .getGroupsList()
                .stream()
                .map(CountryGroup::getId)
                .toList();
    }

    private Case sharedWithGroup(Case c, CountryGroup g, HandlingCode code) {
        return kr.shareCaseWithGroup(
                ShareCaseWithGroupRequest.newBuilder()
                        .setId(c.getId())
                        .setGroupId(g.getId())
                        .setHandlingCode(code)
                        .build());
    }

    @Test
    void a_country_outside_the_group_finds_nothing_of_a_group_share_and_nothing_of_the_group() {
        CountryGroup g = group("Mekong partners", "KR", "TH");
        Case c = krCase("Romance scam ring");
        sharedWithGroup(c, g, HandlingCode.H1);

        assertThat(th.getCase(get(c)).getId()).isEqualTo(c.getId());
        // VN is outside: the case and the group do not exist for it.
        var unseen = failure(() -> vn.getCase(get(c)));
        var never =
                failure(
                        () ->
                                vn.getCase(
                                        GetCaseRequest.newBuilder()
                                                .setId(java.util.UUID.randomUUID().toString())
                                                .build()));
        assertThat(unseen.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(unseen.getStatus().getDescription())
                .isEqualTo(never.getStatus().getDescription());
        assertThat(casesListed(vn)).doesNotContain(c.getId());
        assertThat(
                        code(
                                () ->
                                        vn.getCountryGroup(
                                                GetCountryGroupRequest.newBuilder()
                                                        .setId(g.getId())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(groupsListed(vn)).doesNotContain(g.getId());
        // A member sees the group and who is in it; the coordinator sees every group.
        assertThat(
                        th.getCountryGroup(
                                        GetCountryGroupRequest.newBuilder()
                                                .setId(g.getId())
                                                .build())
                                .getMembersList())
                .containsExactly("KR", "TH");
        assertThat(groupsListed(th)).contains(g.getId());
        assertThat(groupsListed(interpol)).contains(g.getId());
        // VN cannot share its own records with a group it does not see: as for a group that never
        // existed.
        var refused =
                failure(
                        () ->
                                vn.shareCaseWithGroup(
                                        ShareCaseWithGroupRequest.newBuilder()
                                                .setId(
                                                        vn.createCase(
                                                                        CreateCaseRequest
                                                                                .newBuilder()
                                                                                .setCase(
                                                                                        Case
                                                                                                .newBuilder()
                                                                                                .setTitle(
                                                                                                        "VN case")
                                                                                                .setCategory(
                                                                                                        Case
                                                                                                                .Category
                                                                                                                .INVESTMENT_FRAUD))
                                                                                .build())
                                                                .getId())
                                                .setGroupId(g.getId())
                                                .setHandlingCode(HandlingCode.H1)
                                                .build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused)).containsExactly("group_id");
    }

    /**
     * The coordinator, itself a member, leaves the only group through which it saw a case: that a
     * second group (not its own) also holds the case keeps nothing for it.
     */
    @Test
    void a_coordinator_that_leaves_the_only_group_it_saw_a_case_through_no_longer_sees_it() {
        Case c =
                vn.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Shared with two groups")
                                                .setCategory(Case.Category.INVESTMENT_FRAUD))
                                .build());
        vn.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H3)
                        .build());
        CountryGroup withCoordinator = group("Mekong desk", "INTERPOL", "PH", "VN");
        CountryGroup without = group("Mekong partners", "KR", "PH", "TH", "VN");
        for (CountryGroup g : List.of(withCoordinator, without)) {
            vn.shareCaseWithGroup(
                    ShareCaseWithGroupRequest.newBuilder()
                            .setId(c.getId())
                            .setGroupId(g.getId())
                            .setHandlingCode(g == without ? HandlingCode.H2 : HandlingCode.H3)
                            .build());
        }
        vn.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H2)
                        .build());
        assertThat(interpol.getCase(get(c)).getId()).isEqualTo(c.getId());

        interpol.removeCountryGroupMember(
                RemoveCountryGroupMemberRequest.newBuilder()
                        .setId(withCoordinator.getId())
                        .setCountry("INTERPOL")
                        .build());
        assertThat(code(() -> interpol.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(casesListed(interpol)).doesNotContain(c.getId());
        assertThat(ph.getCase(get(c)).getId()).isEqualTo(c.getId());
    }

    @Test
    void a_removed_member_loses_the_groups_shares_at_once_and_an_added_member_gains_them() {
        CountryGroup g = group("Operation Lotus", "KR", "TH");
        Case c = krCase("Crypto investment fraud");
        sharedWithGroup(c, g, HandlingCode.H2);
        assertThat(th.getCase(get(c)).getId()).isEqualTo(c.getId());
        assertThat(code(() -> ph.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);

        interpol.addCountryGroupMember(
                AddCountryGroupMemberRequest.newBuilder()
                        .setId(g.getId())
                        .setCountry("PH")
                        .build());
        Case seenByPh = ph.getCase(get(c));
        assertThat(seenByPh.getSharesList())
                .singleElement()
                .satisfies(s -> assertThat(s.getHandlingCode()).isEqualTo(HandlingCode.H2));
        assertThat(casesListed(ph)).contains(c.getId());

        CountryGroup after =
                interpol.removeCountryGroupMember(
                        RemoveCountryGroupMemberRequest.newBuilder()
                                .setId(g.getId())
                                .setCountry("TH")
                                .build());
        assertThat(after.getMembersList()).containsExactly("KR", "PH");
        assertThat(code(() -> th.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(casesListed(th)).doesNotContain(c.getId());
        assertThat(
                        code(
                                () ->
                                        th.getCountryGroup(
                                                GetCountryGroupRequest.newBuilder()
                                                        .setId(g.getId())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(ph.getCase(get(c)).getId()).isEqualTo(c.getId());
    }

    @Test
    void a_member_may_not_pass_on_what_the_group_received_under_h2_but_may_under_h1() {
        CountryGroup strict = group("Strict partners", "KR", "TH");
        Case h2 = krCase("H2 case");
        sharedWithGroup(h2, strict, HandlingCode.H2);
        assertThat(
                        code(
                                () ->
                                        th.shareCase(
                                                ShareCaseRequest.newBuilder()
                                                        .setId(h2.getId())
                                                        .setCountry("VN")
                                                        .setHandlingCode(HandlingCode.H2)
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(code(() -> vn.getCase(get(h2)))).isEqualTo(Status.Code.NOT_FOUND);

        CountryGroup open = group("Open partners", "KR", "TH", "PH");
        Case h1 = krCase("H1 case");
        sharedWithGroup(h1, open, HandlingCode.H1);
        th.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(h1.getId())
                        .setCountry("VN")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        assertThat(vn.getCase(get(h1)).getId()).isEqualTo(h1.getId());
        // TH leaves the group: what it passed on through its group grant ends with it.
        interpol.removeCountryGroupMember(
                RemoveCountryGroupMemberRequest.newBuilder()
                        .setId(open.getId())
                        .setCountry("TH")
                        .build());
        assertThat(code(() -> th.getCase(get(h1)))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(() -> vn.getCase(get(h1)))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(ph.getCase(get(h1)).getId()).isEqualTo(h1.getId());
    }

    @Test
    void a_scam_centre_shared_with_a_group_follows_its_membership() {
        CountryGroup g = group("Moei river taskforce", "KR", "TH");
        ScamCentre centre =
                kr.createScamCentre(
                        CreateScamCentreRequest.newBuilder()
                                .setScamCentre(
                                        ScamCentre.newBuilder()
                                                .setName("KK Park")
                                                .setLocation(
                                                        ScamCentre.Location.newBuilder()
                                                                .setCountry("MM")))
                                .build());
        kr.shareScamCentreWithGroup(
                ShareScamCentreWithGroupRequest.newBuilder()
                        .setId(centre.getId())
                        .setGroupId(g.getId())
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        var getCentre = GetScamCentreRequest.newBuilder().setId(centre.getId()).build();
        assertThat(th.getScamCentre(getCentre).getId()).isEqualTo(centre.getId());
        assertThat(code(() -> vn.getScamCentre(getCentre))).isEqualTo(Status.Code.NOT_FOUND);
        interpol.removeCountryGroupMember(
                RemoveCountryGroupMemberRequest.newBuilder()
                        .setId(g.getId())
                        .setCountry("TH")
                        .build());
        assertThat(code(() -> th.getScamCentre(getCentre))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(
                        th.listScamCentres(
                                        ListScamCentresRequest.newBuilder()
                                                .setPageSize(200)
                                                .build())
                                .getScamCentresList())
                .noneMatch(s -> s.getId().equals(centre.getId()));
    }

    @Test
    void only_coordinators_maintain_groups_and_bad_input_names_the_field_and_changes_nothing() {
        CountryGroup g = group("Benelux of the East", "KR", "TH");
        // A member country may read but not maintain; a stranger is told nothing.
        assertThat(
                        code(
                                () ->
                                        th.renameCountryGroup(
                                                RenameCountryGroupRequest.newBuilder()
                                                        .setId(g.getId())
                                                        .setName("Ours now")
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(
                        code(
                                () ->
                                        th.addCountryGroupMember(
                                                AddCountryGroupMemberRequest.newBuilder()
                                                        .setId(g.getId())
                                                        .setCountry("VN")
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(
                        code(
                                () ->
                                        vn.addCountryGroupMember(
                                                AddCountryGroupMemberRequest.newBuilder()
                                                        .setId(g.getId())
                                                        .setCountry("VN")
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(
                        code(
                                () ->
                                        kr.createCountryGroup(
                                                CreateCountryGroupRequest.newBuilder()
                                                        .setGroup(
                                                                CountryGroup.newBuilder()
                                                                        .setName("Self-made")
                                                                        .addMembers("KR"))
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);

        var empty =
                failure(
                        () ->
                                interpol.renameCountryGroup(
                                        RenameCountryGroupRequest.newBuilder()
                                                .setId(g.getId())
                                                .setName("")
                                                .build()));
        assertThat(empty.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(empty)).containsExactly("name");
        var huge =
                failure(
                        () ->
                                interpol.createCountryGroup(
                                        CreateCountryGroupRequest.newBuilder()
                                                .setGroup(
                                                        CountryGroup.newBuilder()
                                                                .setName("x".repeat(10_000))
                                                                .addMembers("KR")
                                                                .addMembers("KR"))
                                                .build()));
        assertThat(huge.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(huge)).containsExactlyInAnyOrder("group.name", "group.members");
        var duplicate =
                failure(
                        () ->
                                interpol.addCountryGroupMember(
                                        AddCountryGroupMemberRequest.newBuilder()
                                                .setId(g.getId())
                                                .setCountry("TH")
                                                .build()));
        assertThat(duplicate.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(duplicate)).containsExactly("country");
        var notMember =
                failure(
                        () ->
                                interpol.removeCountryGroupMember(
                                        RemoveCountryGroupMemberRequest.newBuilder()
                                                .setId(g.getId())
                                                .setCountry("VN")
                                                .build()));
        assertThat(fieldsIn(notMember)).containsExactly("country");
        assertThat(
                        code(
                                () ->
                                        interpol.getCountryGroup(
                                                GetCountryGroupRequest.newBuilder()
                                                        .setId(
                                                                java.util
                                                                        .UUID
                                                                        .randomUUID()
                                                                        .toString())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        var unknownGroup =
                failure(
                        () ->
                                kr.shareCaseWithGroup(
                                        ShareCaseWithGroupRequest.newBuilder()
                                                .setId(krCase("Unshared").getId())
                                                .setGroupId(java.util.UUID.randomUUID().toString())
                                                .build()));
        assertThat(fieldsIn(unknownGroup)).containsExactlyInAnyOrder("group_id", "handling_code");

        CountryGroup unchanged =
                interpol.getCountryGroup(
                        GetCountryGroupRequest.newBuilder().setId(g.getId()).build());
        assertThat(unchanged.getName()).isEqualTo("Benelux of the East");
        assertThat(unchanged.getMembersList()).containsExactly("KR", "TH");
        assertThat(unchanged.getEtag()).isEqualTo(g.getEtag());

        CountryGroup renamed =
                interpol.renameCountryGroup(
                        RenameCountryGroupRequest.newBuilder()
                                .setId(g.getId())
                                .setName("Mekong-Korea partners")
                                .setEtag(g.getEtag())
                                .build());
        assertThat(renamed.getName()).isEqualTo("Mekong-Korea partners");
        assertThat(
                        code(
                                () ->
                                        interpol.renameCountryGroup(
                                                RenameCountryGroupRequest.newBuilder()
                                                        .setId(g.getId())
                                                        .setName("Stale")
                                                        .setEtag(g.getEtag())
                                                        .build())))
                .isEqualTo(Status.Code.ABORTED);
    }
}
