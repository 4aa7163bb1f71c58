package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.code;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.fieldsIn;
import static org.chainbreaker.cases.CooperationRequestFixture.ask;
import static org.chainbreaker.cases.CooperationRequestFixture.create;
import static org.chainbreaker.cases.CooperationRequestFixture.get;
import static org.chainbreaker.cases.CooperationRequestFixture.grant;
import static org.chainbreaker.cases.CooperationRequestFixture.idsListed;
import static org.chainbreaker.cases.CooperationRequestFixture.in;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.UUID;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.GetScamCentreRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.cases.v1.RevokeScamCentreShareRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.ShareScamCentreRequest;
import org.chainbreaker.common.v1.CooperationAsk;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.CooperationSubjectKind;
import org.chainbreaker.common.v1.GetCooperationRequestRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.Urgency;
import org.junit.jupiter.api.Test;

/**
 * Cooperation requests about scam centres and leads, over gRPC against the real service and
 * PostgreSQL: the same desk, table and rules as requests about cases, with the centre's share and
 * the lead's hand-over as the grants. A country may ask only about a centre it was granted (live or
 * expired) or a lead it sees; anything else is NOT_FOUND with the text of an id that never existed.
 */
class ScamCentreAndLeadRequestsOverGrpcTest extends RunningCaseService {

    private final CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");
    private final CaseServiceBlockingStub th = casesAs("TH", "th-investigator", "investigator");
    private final CaseServiceBlockingStub vn = casesAs("VN", "vn-investigator", "investigator");
    private final CaseServiceBlockingStub interpol =
            casesAs("INTERPOL", "interpol-coordinator", "coordinator", "liaison");

    private ScamCentre krCentre() {
        return kr.createScamCentre(
                CreateScamCentreRequest.newBuilder()
                        .setScamCentre(
                                ScamCentre.newBuilder()
                                        .setName("Compound " + UUID.randomUUID())
                                        .setLocation(
                                                ScamCentre.Location.newBuilder()
                                                        .setCountry("MM")
                                                        .setCity("Myawaddy")))
                        .build());
    }

    private void share(ScamCentre c, String country, HandlingCode code, Duration lasting) {
        kr.shareScamCentre(
                ShareScamCentreRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry(country)
                        .setHandlingCode(code)
                        .setExpireTime(in(lasting))
                        .build());
    }

    /** A KR case holding a fresh phone number as its lead. */
    private Lead krLead() {
        Case c =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Call centre in a compound")
                                                .setCategory(Case.Category.INVESTMENT_FRAUD))
                                .build());
        // 010-6000-0000 to 010-9999-9999: every one a valid Korean mobile (010-59xx is not).
        String phone = "+82 10 " + (6000_0000 + (long) (Math.random() * 3_999_9999L));
        return kr.createLead(
                CreateLeadRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setLead(Lead.newBuilder().setKind(Lead.Kind.PHONE_NUMBER).setValue(phone))
                        .build());
    }

    private static CooperationRequest.Builder about(
            CooperationSubjectKind kind, String reference, CooperationAsk... asks) {
        CooperationRequest.Builder b =
                ask("KR", reference, Urgency.URGENT).setSubjectKind(kind).clearAsks();
        for (CooperationAsk a : asks) {
            b.addAsks(a);
        }
        return b;
    }

    private static StatusRuntimeException asking(
            CaseServiceBlockingStub as, CooperationSubjectKind kind, String reference) {
        return failure(
                () ->
                        as.createCaseCooperationRequest(
                                create(about(kind, reference, CooperationAsk.INFORMATION))));
    }

    @Test
    void
            a_centre_or_lead_the_requester_could_not_have_seen_answers_not_found_as_an_id_that_never_existed() {
        ScamCentre hidden = krCentre();
        ScamCentre revoked = krCentre();
        share(revoked, "TH", HandlingCode.H1, Duration.ofDays(1));
        kr.revokeScamCentreShare(
                RevokeScamCentreShareRequest.newBuilder()
                        .setId(revoked.getId())
                        .setCountry("TH")
                        .build());
        Lead lead = krLead();
        // TH hits the lead's case by its identifier: that names the case, never the lead.
        th.matchIdentifier(
                MatchIdentifierRequest.newBuilder()
                        .setIdentifier(
                                Identifier.newBuilder()
                                        .setKind(Identifier.Kind.PHONE_NUMBER)
                                        .setValue(lead.getValue()))
                        .setPurpose("victim report in Bangkok")
                        .build());

        var before = idsListed(th);
        var centreNever =
                asking(
                        th,
                        CooperationSubjectKind.SUBJECT_SCAM_CENTRE,
                        UUID.randomUUID().toString());
        var leadNever =
                asking(th, CooperationSubjectKind.SUBJECT_LEAD, UUID.randomUUID().toString());
        assertThat(centreNever.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(leadNever.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        for (StatusRuntimeException e :
                new StatusRuntimeException[] {
                    asking(th, CooperationSubjectKind.SUBJECT_SCAM_CENTRE, hidden.getId()),
                    asking(th, CooperationSubjectKind.SUBJECT_SCAM_CENTRE, revoked.getId()),
                    asking(th, CooperationSubjectKind.SUBJECT_SCAM_CENTRE, "KK Park"),
                    // A lead's id named as a centre, a centre's as a lead: nothing either.
                    asking(th, CooperationSubjectKind.SUBJECT_SCAM_CENTRE, lead.getId()),
                }) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(e.getStatus().getDescription())
                    .isEqualTo(centreNever.getStatus().getDescription());
        }
        for (StatusRuntimeException e :
                new StatusRuntimeException[] {
                    asking(th, CooperationSubjectKind.SUBJECT_LEAD, lead.getId()),
                    asking(th, CooperationSubjectKind.SUBJECT_LEAD, hidden.getId()),
                    asking(vn, CooperationSubjectKind.SUBJECT_LEAD, lead.getId()),
                    asking(th, CooperationSubjectKind.SUBJECT_LEAD, "not-an-id"),
                }) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(e.getStatus().getDescription())
                    .isEqualTo(leadNever.getStatus().getDescription());
        }
        // Nothing was stored: TH lists what it listed before.
        assertThat(idsListed(th)).isEqualTo(before);

        // A kind this service does not serve, or one not defined, is the request's field.
        var notice = asking(th, CooperationSubjectKind.SUBJECT_NOTICE, hidden.getId());
        assertThat(notice.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(notice)).containsExactly("request.subject_kind");
        var undefined =
                failure(
                        () ->
                                th.createCaseCooperationRequest(
                                        create(
                                                about(
                                                                CooperationSubjectKind
                                                                        .SUBJECT_SCAM_CENTRE,
                                                                hidden.getId(),
                                                                CooperationAsk.INFORMATION)
                                                        .setSubjectKindValue(99))));
        assertThat(undefined.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(undefined)).contains("request.subject_kind");
        // A lead has one assignee: it is not passed on to a third country.
        var passOn =
                failure(
                        () ->
                                th.createCaseCooperationRequest(
                                        create(
                                                about(
                                                                CooperationSubjectKind.SUBJECT_LEAD,
                                                                lead.getId(),
                                                                CooperationAsk.PASS_ON)
                                                        .setThirdCountry("VN"))));
        assertThat(passOn.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(passOn)).contains("request.asks");
    }

    @Test
    void
            a_country_holding_a_centre_under_h2_asks_to_pass_it_on_and_the_grant_shares_it_with_the_third_country() {
        ScamCentre c = krCentre();
        share(c, "TH", HandlingCode.H2, Duration.ofDays(1));
        CooperationRequest asked =
                th.createCaseCooperationRequest(
                        create(
                                about(
                                                CooperationSubjectKind.SUBJECT_SCAM_CENTRE,
                                                c.getId(),
                                                CooperationAsk.INFORMATION,
                                                CooperationAsk.PASS_ON)
                                        .setThirdCountry("VN")));
        assertThat(asked.getSubjectKind()).isEqualTo(CooperationSubjectKind.SUBJECT_SCAM_CENTRE);
        assertThat(asked.getReference()).isEqualTo(c.getId());
        assertThat(kr.getCaseCooperationRequest(get(asked)).getStatus())
                .isEqualTo(CooperationRequestStatus.OPEN);

        // Only the two countries see it; VN (named as third country) and the coordinator do not.
        StatusRuntimeException never =
                failure(
                        () ->
                                vn.getCaseCooperationRequest(
                                        GetCooperationRequestRequest.newBuilder()
                                                .setId(UUID.randomUUID().toString())
                                                .build()));
        for (CaseServiceBlockingStub other : new CaseServiceBlockingStub[] {vn, interpol}) {
            StatusRuntimeException e = failure(() -> other.getCaseCooperationRequest(get(asked)));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(e.getStatus().getDescription())
                    .isEqualTo(never.getStatus().getDescription());
            assertThat(idsListed(other)).doesNotContain(asked.getId());
        }
        assertThat(
                        code(
                                () ->
                                        vn.getScamCentre(
                                                GetScamCentreRequest.newBuilder()
                                                        .setId(c.getId())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(
                        code(
                                () ->
                                        th.answerCaseCooperationRequest(
                                                grant(asked, HandlingCode.H1, Duration.ofDays(1)))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);

        CooperationRequest granted =
                kr.answerCaseCooperationRequest(grant(asked, HandlingCode.H2, Duration.ofDays(30)));
        assertThat(granted.getStatus()).isEqualTo(CooperationRequestStatus.GRANTED);
        var byId = GetScamCentreRequest.newBuilder().setId(c.getId()).build();
        assertThat(vn.getScamCentre(byId).getHandlingCode()).isEqualTo(HandlingCode.H2);
        assertThat(th.getScamCentre(byId).getHandlingCode()).isEqualTo(HandlingCode.H2);
        // The share the grant made follows the scam-centre rules: the receiver cannot pass it on.
        assertThat(
                        code(
                                () ->
                                        vn.shareScamCentre(
                                                ShareScamCentreRequest.newBuilder()
                                                        .setId(c.getId())
                                                        .setCountry("PH")
                                                        .setHandlingCode(HandlingCode.H3)
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(kr.getScamCentre(byId).getSharesList())
                .extracting(s -> s.getCountry() + " " + s.getHandlingCode())
                .contains("TH H2", "VN H2");
    }

    @Test
    void a_country_whose_centre_share_expired_may_still_ask_and_a_grant_gives_it_back()
            throws InterruptedException {
        ScamCentre c = krCentre();
        share(c, "TH", HandlingCode.H1, Duration.ofMillis(1500));
        Thread.sleep(1600);
        var byId = GetScamCentreRequest.newBuilder().setId(c.getId()).build();
        assertThat(code(() -> th.getScamCentre(byId))).isEqualTo(Status.Code.NOT_FOUND);
        CooperationRequest asked =
                th.createCaseCooperationRequest(
                        create(
                                about(
                                        CooperationSubjectKind.SUBJECT_SCAM_CENTRE,
                                        c.getId(),
                                        CooperationAsk.INFORMATION)));
        kr.answerCaseCooperationRequest(grant(asked, HandlingCode.H3, Duration.ofDays(7)));
        assertThat(th.getScamCentre(byId).getHandlingCode()).isEqualTo(HandlingCode.H3);
    }

    @Test
    void a_share_partner_asks_for_a_lead_and_the_grant_hands_the_lead_over_at_the_owners_code() {
        Lead lead = krLead();
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(lead.getCaseId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H2)
                        .build());
        CooperationRequest asked =
                th.createCaseCooperationRequest(
                        create(
                                about(
                                        CooperationSubjectKind.SUBJECT_LEAD,
                                        lead.getId(),
                                        CooperationAsk.INFORMATION,
                                        CooperationAsk.EVIDENCE_USE)));
        assertThat(asked.getSubjectKind()).isEqualTo(CooperationSubjectKind.SUBJECT_LEAD);
        assertThat(code(() -> vn.getCaseCooperationRequest(get(asked))))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(() -> interpol.getCaseCooperationRequest(get(asked))))
                .isEqualTo(Status.Code.NOT_FOUND);

        kr.answerCaseCooperationRequest(grant(asked, HandlingCode.H1, Duration.ofDays(30)));
        var byId =
                GetLeadRequest.newBuilder().setCaseId(lead.getCaseId()).setId(lead.getId()).build();
        Lead handed = th.getLead(byId);
        assertThat(handed.getAssignedCountry()).isEqualTo("TH");
        assertThat(handed.getHandlingCode()).isEqualTo(HandlingCode.H1);
        assertThat(handed.getStatus()).isEqualTo(Lead.Status.ASSIGNED);

        // The assignee may now ask about it too (it sees the lead); VN, which never did, may not.
        assertThat(
                        code(
                                () ->
                                        vn.createCaseCooperationRequest(
                                                create(
                                                        about(
                                                                CooperationSubjectKind.SUBJECT_LEAD,
                                                                lead.getId(),
                                                                CooperationAsk.EVIDENCE_USE)))))
                .isEqualTo(Status.Code.NOT_FOUND);
    }
}
