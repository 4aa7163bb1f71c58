package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.code;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.fieldsIn;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.CountryGroup;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateCountryGroupRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.RemoveCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseWithGroupRequest;
import org.chainbreaker.common.v1.CooperationAsk;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CreateCooperationRequestRequest;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.Urgency;
import org.junit.jupiter.api.Test;

/**
 * Group limits over gRPC against the real service and PostgreSQL: a member removed from a group, or
 * whose group share is revoked, is told that its access ended (and nobody else is); a country in
 * two groups sharing one case keeps it while either share stands; the owner sees which group a
 * grant came from; group events reach the coordinators and members only; the contract's field rules
 * on groups and cooperation requests name the field.
 */
class GroupLimitsOverGrpcTest extends RunningCaseService {

    private final CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");
    private final CaseServiceBlockingStub th = casesAs("TH", "th-investigator", "investigator");
    private final CaseServiceBlockingStub vn = casesAs("VN", "vn-investigator", "investigator");
    private final CaseServiceBlockingStub my = casesAs("MY", "my-investigator", "investigator");
    private final CaseServiceBlockingStub interpol =
            casesAs("INTERPOL", "interpol-coordinator", "coordinator", "liaison");

    private static String token(String tenant) {
        return TOKENS.token(tenant, tenant.toLowerCase() + "-investigator", "investigator");
    }

    private CountryGroup group(String name, String... members) {
        return interpol.createCountryGroup(
                CreateCountryGroupRequest.newBuilder()
                        .setGroup(
                                CountryGroup.newBuilder()
                                        .setName(name)
                                        .addAllMembers(List.of(members)))
                        .build());
    }

    private Case krCaseSharedWith(String title, HandlingCode code, CountryGroup... groups) {
        Case c =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle(title)
                                                .setCategory(Case.Category.INVESTMENT_FRAUD))
                                .build());
        for (CountryGroup g : groups) {
            c =
                    kr.shareCaseWithGroup(
                            ShareCaseWithGroupRequest.newBuilder()
                                    .setId(c.getId())
                                    .setGroupId(g.getId())
                                    .setHandlingCode(code)
                                    .build());
        }
        return c;
    }

    private void remove(CountryGroup g, String country) {
        interpol.removeCountryGroupMember(
                RemoveCountryGroupMemberRequest.newBuilder()
                        .setId(g.getId())
                        .setCountry(country)
                        .build());
    }

    private static GetCaseRequest get(Case c) {
        return GetCaseRequest.newBuilder().setId(c.getId()).build();
    }

    private static EventSubscriber subscribed(String country) throws InterruptedException {
        EventSubscriber s = new EventSubscriber(channel, token(country), "", true);
        assertThat(s.received.poll(30, TimeUnit.SECONDS))
                .as("%s's stream started", country)
                .isNotNull();
        return s;
    }

    /** The types of events about one record a subscriber receives until nothing came for quiet. */
    private static List<String> eventsAbout(EventSubscriber s, String recordId, Duration quiet)
            throws InterruptedException {
        List<String> types = new ArrayList<>();
        Event event;
        while ((event = s.nextEvent(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            if (event.getRecordId().equals(recordId)) {
                types.add(event.getType());
            }
        }
        return types;
    }

    private static void closeAll(EventSubscriber... subscribers) {
        for (EventSubscriber s : subscribers) {
            s.close();
        }
    }

    @Test
    void a_member_removed_from_a_group_is_told_its_access_ended_and_no_other_country_is()
            throws Exception {
        CountryGroup g = group("Removal told", "KR", "TH", "VN");
        Case c = krCaseSharedWith("Told on removal", HandlingCode.H1, g);
        EventSubscriber krs = subscribed("KR");
        EventSubscriber ths = subscribed("TH");
        EventSubscriber vns = subscribed("VN");
        EventSubscriber mys = subscribed("MY");
        try {
            // Neither a member nor an outsider may remove anyone, and nothing is told.
            var request =
                    RemoveCountryGroupMemberRequest.newBuilder()
                            .setId(g.getId())
                            .setCountry("TH")
                            .build();
            assertThat(code(() -> vn.removeCountryGroupMember(request)))
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(code(() -> my.removeCountryGroupMember(request)))
                    .isEqualTo(Status.Code.NOT_FOUND);
            assertThat(th.getCase(get(c)).getId()).isEqualTo(c.getId());

            remove(g, "TH");

            assertThat(code(() -> th.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(eventsAbout(ths, c.getId(), Duration.ofMillis(1500)))
                    .containsExactly("case.access_ended");
            assertThat(eventsAbout(krs, c.getId(), Duration.ofMillis(300)))
                    .doesNotContain("case.access_ended");
            assertThat(eventsAbout(vns, c.getId(), Duration.ofMillis(300))).isEmpty();
            assertThat(eventsAbout(mys, c.getId(), Duration.ofMillis(300))).isEmpty();
        } finally {
            closeAll(krs, ths, vns, mys);
        }
    }

    @Test
    void group_events_reach_the_coordinators_and_the_members_only() throws Exception {
        EventSubscriber ths = subscribed("TH");
        EventSubscriber mys = subscribed("MY");
        EventSubscriber coordinator = subscribed("INTERPOL");
        try {
            CountryGroup g = group("Events of a group", "KR", "TH");
            remove(g, "KR");
            assertThat(eventsAbout(ths, g.getId(), Duration.ofMillis(1500)))
                    .containsExactly("country_group.created", "country_group.member_removed");
            assertThat(eventsAbout(coordinator, g.getId(), Duration.ofMillis(300)))
                    .containsExactly("country_group.created", "country_group.member_removed");
            assertThat(eventsAbout(mys, g.getId(), Duration.ofMillis(300))).isEmpty();
        } finally {
            closeAll(ths, mys, coordinator);
        }
    }

    @Test
    void a_country_in_two_groups_sharing_a_case_keeps_it_until_it_leaves_both() throws Exception {
        CountryGroup first = group("Overlap one", "KR", "TH");
        CountryGroup second = group("Overlap two", "KR", "TH");
        Case c = krCaseSharedWith("Shared with two groups", HandlingCode.H1, first, second);
        CaseShare toTh =
                kr.getCase(get(c)).getSharesList().stream()
                        .filter(s -> s.getCountry().equals("TH"))
                        .findFirst()
                        .orElseThrow();
        assertThat(toTh.getGroupId()).isEqualTo(second.getId());
        EventSubscriber ths = subscribed("TH");
        try {
            remove(second, "TH");
            assertThat(th.getCase(get(c)).getId())
                    .as("TH still sees the case through the first group")
                    .isEqualTo(c.getId());
            assertThat(
                            kr.getCase(get(c)).getSharesList().stream()
                                    .filter(s -> s.getCountry().equals("TH"))
                                    .map(CaseShare::getGroupId)
                                    .toList())
                    .containsExactly(first.getId());
            assertThat(eventsAbout(ths, c.getId(), Duration.ofMillis(1000)))
                    .doesNotContain("case.access_ended");

            remove(first, "TH");
            assertThat(code(() -> th.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(eventsAbout(ths, c.getId(), Duration.ofMillis(1500)))
                    .containsExactly("case.access_ended");
        } finally {
            ths.close();
        }
    }

    @Test
    void the_owner_revokes_a_group_share_and_each_member_that_lost_the_case_is_told()
            throws Exception {
        CountryGroup wide = group("Revoked share", "KR", "TH", "VN");
        CountryGroup narrow = group("Kept share", "KR", "TH");
        Case c = krCaseSharedWith("Group share revoked", HandlingCode.H1, narrow, wide);
        RevokeShareRequest revoke =
                RevokeShareRequest.newBuilder().setId(c.getId()).setGroupId(wide.getId()).build();
        // A member that is not the owner, and a country that does not see the case.
        assertThat(code(() -> vn.revokeShare(revoke))).isEqualTo(Status.Code.PERMISSION_DENIED);
        var unseen = failure(() -> my.revokeShare(revoke));
        var never =
                failure(
                        () ->
                                my.revokeShare(
                                        revoke.toBuilder()
                                                .setId(UUID.randomUUID().toString())
                                                .build()));
        assertThat(unseen.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(unseen.getStatus().getDescription())
                .isEqualTo(never.getStatus().getDescription());
        // Bad input names the field and changes nothing.
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                kr.revokeShare(
                                                        revoke.toBuilder()
                                                                .setGroupId(
                                                                        UUID.randomUUID()
                                                                                .toString())
                                                                .build()))))
                .containsExactly("group_id");
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                kr.revokeShare(
                                                        revoke.toBuilder()
                                                                .setCountry("VN")
                                                                .build()))))
                .containsExactly("group_id");
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                kr.revokeShare(
                                                        revoke.toBuilder()
                                                                .setGroupId("x")
                                                                .build()))))
                .containsExactly("group_id");
        assertThat(vn.getCase(get(c)).getId()).isEqualTo(c.getId());

        EventSubscriber ths = subscribed("TH");
        EventSubscriber vns = subscribed("VN");
        EventSubscriber mys = subscribed("MY");
        try {
            Case after = kr.revokeShare(revoke);
            assertThat(
                            after.getSharesList().stream()
                                    .map(s -> s.getCountry() + " " + s.getGroupId()))
                    .containsExactly("TH " + narrow.getId());
            assertThat(code(() -> vn.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(th.getCase(get(c)).getId()).isEqualTo(c.getId());
            assertThat(eventsAbout(vns, c.getId(), Duration.ofMillis(1500)))
                    .containsExactly("case.access_ended");
            assertThat(eventsAbout(ths, c.getId(), Duration.ofMillis(300)))
                    .doesNotContain("case.access_ended");
            assertThat(eventsAbout(mys, c.getId(), Duration.ofMillis(300))).isEmpty();
        } finally {
            closeAll(ths, vns, mys);
        }
    }

    @Test
    void the_contract_names_the_field_of_bad_group_and_request_input() {
        String huge = "x".repeat(10_000);
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                interpol.createCountryGroup(
                                                        CreateCountryGroupRequest.newBuilder()
                                                                .setGroup(
                                                                        CountryGroup.newBuilder()
                                                                                .setName(huge)
                                                                                .addMembers("th"))
                                                                .build()))))
                .contains("group.name", "group.members[0]");
        // Only the contract bounds a page size.
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                interpol.listCountryGroups(
                                                        org.chainbreaker.cases.v1
                                                                .ListCountryGroupsRequest
                                                                .newBuilder()
                                                                .setPageSize(-1)
                                                                .build()))))
                .containsExactly("page_size");
        Case c = krCaseSharedWith("Contract rules", HandlingCode.H1);
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                kr.shareCaseWithGroup(
                                                        ShareCaseWithGroupRequest.newBuilder()
                                                                .setId(c.getId())
                                                                .setGroupId("not-a-group")
                                                                .setHandlingCodeValue(99)
                                                                .build()))))
                .containsExactlyInAnyOrder("group_id", "handling_code");
        CooperationRequest.Builder asked =
                CooperationRequest.newBuilder()
                        .setOwnerCountry("KR")
                        .setReference(c.getReference())
                        .setPurpose(huge)
                        .setLegalBasis("MLA treaty")
                        .addAsksValue(99);
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                th.createCaseCooperationRequest(
                                                        CreateCooperationRequestRequest.newBuilder()
                                                                .setRequest(asked)
                                                                .build()))))
                .contains("request.purpose", "request.urgency", "request.asks[0]");
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                th.createCaseCooperationRequest(
                                                        CreateCooperationRequestRequest.newBuilder()
                                                                .setRequest(
                                                                        asked.clone()
                                                                                .setPurpose(
                                                                                        "to identify the ring")
                                                                                .setUrgency(
                                                                                        Urgency
                                                                                                .URGENT)
                                                                                .clearAsks()
                                                                                .addAsks(
                                                                                        CooperationAsk
                                                                                                .INFORMATION)
                                                                                .setOwnerCountry(
                                                                                        "kr"))
                                                                .build()))))
                .contains("request.owner_country");
    }
}
