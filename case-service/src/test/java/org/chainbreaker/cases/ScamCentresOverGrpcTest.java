package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.code;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.GetScamCentreRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.LinkScamCentreCaseRequest;
import org.chainbreaker.cases.v1.RevokeScamCentreShareRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.ShareScamCentreRequest;
import org.chainbreaker.cases.v1.UnlinkScamCentreCaseRequest;
import org.chainbreaker.cases.v1.UpdateScamCentreRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.devstack.AppRoleSession;
import org.junit.jupiter.api.Test;

/**
 * Scam centres over gRPC: who sees them (owner, partner with a live grant; not the host country,
 * not a partner with only an assigned lead, not after expiry or revocation) and links to cases (bad
 * input, updates and retried creates: {@link ScamCentreChangesOverGrpcTest}).
 */
class ScamCentresOverGrpcTest extends ScamCentreFixture {

    private final CaseServiceBlockingStub mm = casesAs("MM", "mm-investigator", "investigator");

    /**
     * Asserts that the centre does not exist for the caller: NOT_FOUND as for a random id, absent
     * from lists.
     */
    private static void assertHiddenFrom(CaseServiceBlockingStub as, ScamCentre c) {
        StatusRuntimeException hidden = failure(() -> as.getScamCentre(get(c)));
        StatusRuntimeException missing =
                failure(
                        () ->
                                as.getScamCentre(
                                        GetScamCentreRequest.newBuilder()
                                                .setId(UUID.randomUUID().toString())
                                                .build()));
        assertThat(hidden.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(hidden.getStatus().getDescription())
                .isEqualTo(missing.getStatus().getDescription());
        assertThat(allVisibleTo(as)).extracting(ScamCentre::getId).doesNotContain(c.getId());
        assertThat(
                        code(
                                () ->
                                        as.shareScamCentre(
                                                ShareScamCentreRequest.newBuilder()
                                                        .setId(c.getId())
                                                        .setCountry("SG")
                                                        .setHandlingCode(HandlingCode.H0)
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void the_owner_records_a_centre_and_nobody_else_sees_it_not_even_the_host_country() {
        ScamCentre c = record("KK Park");
        assertThat(c.getOwnerCountry()).isEqualTo("KR");
        assertThat(c.getLocation().getCountry()).isEqualTo("MM");
        assertThat(c.getLocation().getCoordinates().getLatitude()).isEqualTo(16.68);
        assertThat(c.getEstimatedPeopleHeld()).isEqualTo(1200);
        assertThat(kr.getScamCentre(get(c))).isEqualTo(c);
        assertThat(allVisibleTo(kr)).extracting(ScamCentre::getId).contains(c.getId());

        assertHiddenFrom(th, c);
        assertHiddenFrom(mm, c);
        try (Connection session = AppRoleSession.open(DATABASE, "TH")) {
            assertThat(AppRoleSession.column(session, "select id::text from scam_centres"))
                    .doesNotContain(c.getId());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_share_shows_the_centre_to_the_partner_until_it_is_revoked_or_expires() {
        ScamCentre c = record("Shwe Kokko");
        ScamCentre shared =
                kr.shareScamCentre(
                        ShareScamCentreRequest.newBuilder()
                                .setId(c.getId())
                                .setCountry("TH")
                                .setHandlingCode(HandlingCode.H2)
                                .setEtag(c.getEtag())
                                .build());
        assertThat(shared.getSharesList())
                .extracting(s -> s.getCountry() + ":" + s.getHandlingCode())
                .containsExactly("TH:H2");
        ScamCentre seen = th.getScamCentre(get(c));
        assertThat(seen.getHandlingCode()).isEqualTo(HandlingCode.H2);
        assertThat(seen.getSharesList()).extracting(CaseShare::getCountry).containsExactly("TH");
        assertThat(allVisibleTo(th)).extracting(ScamCentre::getId).contains(c.getId());
        assertHiddenFrom(vn, c);
        // A partner may not change, pass on or link what it received.
        assertThat(
                        code(
                                () ->
                                        th.shareScamCentre(
                                                ShareScamCentreRequest.newBuilder()
                                                        .setId(c.getId())
                                                        .setCountry("VN")
                                                        .setHandlingCode(HandlingCode.H3)
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(
                        code(
                                () ->
                                        th.updateScamCentre(
                                                UpdateScamCentreRequest.newBuilder()
                                                        .setScamCentre(
                                                                seen.toBuilder().setName("Renamed"))
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);

        kr.revokeScamCentreShare(
                RevokeScamCentreShareRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("TH")
                        .build());
        assertHiddenFrom(th, c);

        kr.shareScamCentre(
                ShareScamCentreRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("VN")
                        .setHandlingCode(HandlingCode.H1)
                        .setExpireTime(
                                Timestamp.newBuilder()
                                        .setSeconds(Instant.now().getEpochSecond() + 3600))
                        .build());
        assertThat(vn.getScamCentre(get(c)).getId()).isEqualTo(c.getId());
        letGrantExpire("scam_centre_shares", "centre_id", c.getId(), "VN");
        assertHiddenFrom(vn, c);
    }

    @Test
    void links_are_seen_only_by_a_country_that_sees_both_the_centre_and_the_case() {
        ScamCentre c = record("Linked compound");
        Case sharedCase =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Shared")
                                                .setCategory(Case.Category.HUMAN_TRAFFICKING))
                                .build());
        Case privateCase =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Private")
                                                .setCategory(Case.Category.HUMAN_TRAFFICKING))
                                .build());
        kr.linkScamCentreCase(
                LinkScamCentreCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCaseId(sharedCase.getId())
                        .build());
        ScamCentre linked =
                kr.linkScamCentreCase(
                        LinkScamCentreCaseRequest.newBuilder()
                                .setId(c.getId())
                                .setCaseId(privateCase.getId())
                                .build());
        assertThat(linked.getCaseIdsList())
                .containsExactlyInAnyOrder(sharedCase.getId(), privateCase.getId());
        // Linking again changes nothing.
        assertThat(
                        kr.linkScamCentreCase(
                                        LinkScamCentreCaseRequest.newBuilder()
                                                .setId(c.getId())
                                                .setCaseId(privateCase.getId())
                                                .build())
                                .getEtag())
                .isEqualTo(linked.getEtag());

        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(sharedCase.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        kr.shareScamCentre(
                ShareScamCentreRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        assertThat(th.getScamCentre(get(c)).getCaseIdsList()).containsExactly(sharedCase.getId());

        // A case the owner of the centre cannot see is NOT_FOUND, and nothing is linked.
        Case thCase =
                th.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("TH's own")
                                                .setCategory(Case.Category.OTHER))
                                .build());
        assertThat(
                        code(
                                () ->
                                        kr.linkScamCentreCase(
                                                LinkScamCentreCaseRequest.newBuilder()
                                                        .setId(c.getId())
                                                        .setCaseId(thCase.getId())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);

        ScamCentre unlinked =
                kr.unlinkScamCentreCase(
                        UnlinkScamCentreCaseRequest.newBuilder()
                                .setId(c.getId())
                                .setCaseId(sharedCase.getId())
                                .build());
        assertThat(unlinked.getCaseIdsList()).containsExactly(privateCase.getId());
        assertThat(th.getScamCentre(get(c)).getCaseIdsList()).isEmpty();
    }

    @Test
    void a_partner_with_only_an_assigned_lead_on_a_linked_case_sees_no_centre() {
        ScamCentre c = record("Lead-only partner");
        Case linkedCase =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Linked")
                                                .setCategory(Case.Category.ONLINE_SCAM))
                                .build());
        kr.linkScamCentreCase(
                LinkScamCentreCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCaseId(linkedCase.getId())
                        .build());
        Lead lead =
                kr.createLead(
                        CreateLeadRequest.newBuilder()
                                .setCaseId(linkedCase.getId())
                                .setLead(
                                        Lead.newBuilder()
                                                .setKind(Lead.Kind.OTHER)
                                                .setValue("Recruiter"))
                                .build());
        kr.assignLead(
                AssignLeadRequest.newBuilder()
                        .setCaseId(linkedCase.getId())
                        .setId(lead.getId())
                        .setCountry("VN")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        assertHiddenFrom(vn, c);
        // And VN, seeing the case only through its lead, cannot link it to a centre of its own.
        ScamCentre vnCentre =
                vn.createScamCentre(
                        CreateScamCentreRequest.newBuilder().setScamCentre(centre("VN's")).build());
        assertThat(
                        code(
                                () ->
                                        vn.linkScamCentreCase(
                                                LinkScamCentreCaseRequest.newBuilder()
                                                        .setId(vnCentre.getId())
                                                        .setCaseId(linkedCase.getId())
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(vn.getScamCentre(get(vnCentre)).getCaseIdsList()).isEmpty();
    }
}
