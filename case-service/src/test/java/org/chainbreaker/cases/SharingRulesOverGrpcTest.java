package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.allVisibleTo;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.code;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.fieldsIn;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListLeadsRequest;
import org.chainbreaker.cases.v1.ListPersonsRequest;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.cases.v1.MatchIdentifierResponse;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.devstack.AppRoleSession;
import org.junit.jupiter.api.Test;

/**
 * Shares that expire, onward sharing by a receiving country under its handling code, hand-over of
 * assigned leads and idempotent lead creation (sharing with an operation: {@link
 * OperationSharingOverGrpcTest}).
 */
class SharingRulesOverGrpcTest extends RunningCaseService {

    private final CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");
    private final CaseServiceBlockingStub th = casesAs("TH", "th-investigator", "investigator");
    private final CaseServiceBlockingStub vn = casesAs("VN", "vn-investigator", "investigator");
    private final CaseServiceBlockingStub my = casesAs("MY", "my-investigator", "investigator");

    private Case open(String title) {
        return kr.createCase(opening(title));
    }

    static CreateCaseRequest opening(String title) {
        return CreateCaseRequest.newBuilder()
                .setCase(
                        Case.newBuilder()
                                .setTitle(title)
                                .setCategory(Case.Category.INVESTMENT_FRAUD)
                                .setSummary("s"))
                .build();
    }

    private Lead lead(Case c, String website) {
        return kr.createLead(
                CreateLeadRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setLead(Lead.newBuilder().setKind(Lead.Kind.WEBSITE).setValue(website))
                        .build());
    }

    private static ShareCaseRequest.Builder share(Case c, String country, HandlingCode code) {
        return ShareCaseRequest.newBuilder()
                .setId(c.getId())
                .setCountry(country)
                .setHandlingCode(code);
    }

    private static Timestamp in(long amount, ChronoUnit unit) {
        Instant at = Instant.now().plus(amount, unit);
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).build();
    }

    static GetCaseRequest get(Case c) {
        return GetCaseRequest.newBuilder().setId(c.getId()).build();
    }

    static GetCaseRequest never() {
        return GetCaseRequest.newBuilder().setId(UUID.randomUUID().toString()).build();
    }

    private static void letExpire(Case c, String country) {
        letGrantExpire("case_shares", "case_id", c.getId(), country);
    }

    // ----------------------------------------------------------------------------------------------- expiry

    @Test
    void an_expired_share_answers_everywhere_exactly_like_no_share_at_all() throws SQLException {
        String site =
                "https://expiring-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        Case c = open("Expiring grant");
        Lead l = lead(c, site);
        kr.addPerson(
                AddPersonRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setPerson(
                                Person.newBuilder()
                                        .setRole(Person.Role.SUSPECT)
                                        .setFullName("Suspect A"))
                        .build());
        Case shared =
                kr.shareCase(
                        share(c, "TH", HandlingCode.H1)
                                .setExpireTime(in(1, ChronoUnit.HOURS))
                                .build());
        assertThat(shared.getSharesList())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.hasExpireTime()).isTrue();
                            assertThat(s.getGrantedByCountry()).isEqualTo("KR");
                        });
        assertThat(th.getCase(get(c)).getHandlingCode()).isEqualTo(HandlingCode.H1);
        MatchIdentifierRequest match =
                MatchIdentifierRequest.newBuilder()
                        .setPurpose("checking a report")
                        .setIdentifier(
                                Identifier.newBuilder()
                                        .setKind(Identifier.Kind.WEBSITE)
                                        .setValue(site))
                        .build();
        assertThat(th.matchIdentifier(match).getCasesList())
                .extracting(Case::getId)
                .containsExactly(c.getId());

        letExpire(c, "TH");

        StatusRuntimeException expired = failure(() -> th.getCase(get(c)));
        StatusRuntimeException missing = failure(() -> th.getCase(never()));
        assertThat(expired.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(expired.getStatus().getDescription())
                .isEqualTo(missing.getStatus().getDescription());
        assertThat(allVisibleTo(th)).extracting(Case::getId).doesNotContain(c.getId());
        assertThat(
                        code(
                                () ->
                                        th.listLeads(
                                                ListLeadsRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(
                        code(
                                () ->
                                        th.getLead(
                                                GetLeadRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(l.getId())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(
                        code(
                                () ->
                                        th.listPersons(
                                                ListPersonsRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(() -> th.shareCase(share(c, "VN", HandlingCode.H1).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        // The cross-match treats it as another country's case: only "hit, ask KR".
        MatchIdentifierResponse after = th.matchIdentifier(match);
        assertThat(after.getCasesList()).isEmpty();
        assertThat(after.getHitsList())
                .extracting(h -> h.getOwnerCountry() + " " + h.getReference())
                .containsExactly("KR " + c.getReference());
        // The database itself: a query that forgets every predicate sees neither the case nor the
        // grant.
        try (Connection session = AppRoleSession.open(DATABASE, "TH")) {
            assertThat(AppRoleSession.column(session, "select id::text from cases"))
                    .doesNotContain(c.getId());
            assertThat(AppRoleSession.column(session, "select case_id::text from case_shares"))
                    .doesNotContain(c.getId());
            assertThat(AppRoleSession.column(session, "select id::text from case_leads"))
                    .doesNotContain(l.getId());
            assertThat(
                            AppRoleSession.column(
                                    session,
                                    "select count(*) from case_persons where case_id = '"
                                            + c.getId()
                                            + "'"))
                    .containsExactly("0");
        }
        // The owner still sees the run-out grant, and may renew it.
        assertThat(kr.getCase(get(c)).getSharesList())
                .extracting(CaseShare::getCountry)
                .containsExactly("TH");
        kr.shareCase(share(c, "TH", HandlingCode.H1).build());
        assertThat(th.getCase(get(c)).getId()).isEqualTo(c.getId());
    }

    @Test
    void an_expiry_in_the_past_is_refused_by_field_and_changes_nothing() {
        Case c = open("No past expiry");
        StatusRuntimeException refused =
                failure(
                        () ->
                                kr.shareCase(
                                        share(c, "TH", HandlingCode.H0)
                                                .setExpireTime(in(-1, ChronoUnit.MINUTES))
                                                .build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused)).containsExactly("expire_time");
        Case now = kr.getCase(get(c));
        assertThat(now.getSharesList()).isEmpty();
        assertThat(now.getEtag()).isEqualTo(c.getEtag());
        assertThat(code(() -> th.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
    }

    // ------------------------------------------------------------------------------------- onward
    // sharing

    @Test
    void a_partner_passes_a_case_on_under_h1_never_less_strictly_and_the_owner_sees_who_did() {
        Case c = open("Passed on");
        kr.shareCase(share(c, "TH", HandlingCode.H1).build());

        StatusRuntimeException looser =
                failure(() -> th.shareCase(share(c, "VN", HandlingCode.H0).build()));
        assertThat(looser.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(looser)).containsExactly("handling_code");
        StatusRuntimeException contacts =
                failure(
                        () ->
                                th.shareCase(
                                        share(c, "VN", HandlingCode.H1)
                                                .setDiscloseVictimContacts(true)
                                                .build()));
        assertThat(fieldsIn(contacts)).containsExactly("disclose_victim_contacts");
        assertThat(code(() -> vn.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);

        Case seenByTh = th.shareCase(share(c, "VN", HandlingCode.H2).build());
        assertThat(seenByTh.getSharesList())
                .extracting(CaseShare::getCountry)
                .containsExactly("TH");
        assertThat(vn.getCase(get(c)).getHandlingCode()).isEqualTo(HandlingCode.H2);
        assertThat(kr.getCase(get(c)).getSharesList())
                .extracting(
                        s ->
                                s.getCountry()
                                        + ":"
                                        + s.getHandlingCode()
                                        + " by "
                                        + s.getGrantedByCountry())
                .containsExactlyInAnyOrder("TH:H1 by KR", "VN:H2 by TH");
        // VN received H2: it may not pass the case on, and nothing changes.
        StatusRuntimeException forbidden =
                failure(() -> vn.shareCase(share(c, "MY", HandlingCode.H3).build()));
        assertThat(forbidden.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(forbidden.getStatus().getDescription()).contains("H2");
        assertThat(code(() -> my.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);

        // Revoking TH's grant revokes what TH passed on.
        kr.revokeShare(RevokeShareRequest.newBuilder().setId(c.getId()).setCountry("TH").build());
        assertThat(code(() -> th.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(() -> vn.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(kr.getCase(get(c)).getSharesList()).isEmpty();
    }

    @Test
    void under_h2_or_h3_the_receiving_country_may_not_pass_the_case_on_and_nothing_changes() {
        for (HandlingCode received : new HandlingCode[] {HandlingCode.H2, HandlingCode.H3}) {
            Case c = open("Received under " + received);
            Case granted = kr.shareCase(share(c, "TH", received).build());
            StatusRuntimeException refused =
                    failure(() -> th.shareCase(share(c, "VN", HandlingCode.H3).build()));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            Case after = kr.getCase(get(c));
            assertThat(after.getSharesList())
                    .extracting(CaseShare::getCountry)
                    .containsExactly("TH");
            assertThat(after.getEtag()).isEqualTo(granted.getEtag());
            assertThat(code(() -> vn.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
        }
    }

    @Test
    void an_onward_grant_never_outlasts_the_grant_it_came_through() throws SQLException {
        Case c = open("Time-limited partner");
        Timestamp until = in(2, ChronoUnit.HOURS);
        kr.shareCase(share(c, "TH", HandlingCode.H0).setExpireTime(until).build());

        StatusRuntimeException longer =
                failure(
                        () ->
                                th.shareCase(
                                        share(c, "VN", HandlingCode.H0)
                                                .setExpireTime(in(3, ChronoUnit.HOURS))
                                                .build()));
        assertThat(fieldsIn(longer)).containsExactly("expire_time");

        th.shareCase(share(c, "VN", HandlingCode.H0).build());
        assertThat(kr.getCase(get(c)).getSharesList())
                .filteredOn(s -> s.getCountry().equals("VN"))
                .singleElement()
                .satisfies(s -> assertThat(s.getExpireTime()).isEqualTo(until));
        letExpire(c, "VN");
        assertThat(code(() -> vn.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void the_database_refuses_an_onward_grant_the_handling_code_forbids_even_to_a_direct_insert()
            throws SQLException {
        Case c = open("Direct insert");
        kr.shareCase(share(c, "TH", HandlingCode.H2).build());
        try (Connection session = AppRoleSession.open(DATABASE, "TH")) {
            var insert =
                    session.prepareStatement(
                            """
                    insert into case_shares (case_id, owner_country, country, handling_code, shared_by, share_time,
                                             granted_by_country)
                    values (?, 'KR', 'VN', 'H2', 'th-investigator', now(), 'TH')""");
            insert.setObject(1, UUID.fromString(c.getId()));
            org.assertj.core.api.Assertions.assertThatThrownBy(insert::executeUpdate)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
        }
        assertThat(code(() -> vn.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
    }

    // -------------------------------------------------------------------------------------- lead
    // hand-over

    @Test
    void the_assigned_country_hands_a_lead_on_under_h0_or_h1_and_then_no_longer_sees_it() {
        Case c = open("Lead passed on");
        Lead l =
                lead(
                        c,
                        "https://handover-"
                                + UUID.randomUUID().toString().substring(0, 8)
                                + ".example.com");
        kr.assignLead(
                AssignLeadRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setId(l.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        GetLeadRequest getLead =
                GetLeadRequest.newBuilder().setCaseId(c.getId()).setId(l.getId()).build();

        Lead handedOver =
                th.assignLead(
                        AssignLeadRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setId(l.getId())
                                .setCountry("VN")
                                .setHandlingCode(HandlingCode.H2)
                                .build());
        assertThat(handedOver.getAssignedCountry()).isEqualTo("VN");
        assertThat(handedOver.getHandlingCode()).isEqualTo(HandlingCode.H2);
        assertThat(code(() -> th.getLead(getLead))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(() -> th.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(vn.getLead(getLead).getAssignedCountry()).isEqualTo("VN");
        assertThat(vn.getCase(get(c)).getHeaderOnly()).isTrue();
        assertThat(kr.getLead(getLead).getAssignedCountry()).isEqualTo("VN");

        // VN received it under H2: it may not hand it on; nothing changes.
        Lead before = vn.getLead(getLead);
        assertThat(
                        code(
                                () ->
                                        vn.assignLead(
                                                AssignLeadRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(l.getId())
                                                        .setCountry("MY")
                                                        .setHandlingCode(HandlingCode.H3)
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(kr.getLead(getLead).getEtag()).isEqualTo(before.getEtag());
        assertThat(code(() -> my.getLead(getLead))).isEqualTo(Status.Code.NOT_FOUND);
        // A share partner that is not the assignee may not assign either.
        kr.shareCase(share(c, "MY", HandlingCode.H0).build());
        assertThat(
                        code(
                                () ->
                                        my.assignLead(
                                                AssignLeadRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(l.getId())
                                                        .setCountry("MY")
                                                        .setHandlingCode(HandlingCode.H0)
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(kr.getLead(getLead).getAssignedCountry()).isEqualTo("VN");
    }

    // ------------------------------------------------------------------------------- idempotent
    // lead create

    @Test
    void
            a_retried_create_lead_with_the_same_request_id_adds_one_lead_and_another_countrys_key_is_its_own() {
        Case c = open("Idempotent leads");
        String requestId = "lead-" + UUID.randomUUID();
        CreateLeadRequest request =
                CreateLeadRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setRequestId(requestId)
                        .setLead(
                                Lead.newBuilder()
                                        .setKind(Lead.Kind.OTHER)
                                        .setValue("Recruiter on a job board"))
                        .build();
        Lead first = kr.createLead(request);
        Lead second = kr.createLead(request);
        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getEtag()).isEqualTo(first.getEtag());
        assertThat(
                        kr.listLeads(ListLeadsRequest.newBuilder().setCaseId(c.getId()).build())
                                .getLeadsList())
                .hasSize(1);

        Case thCase =
                th.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("TH case")
                                                .setCategory(Case.Category.OTHER))
                                .build());
        Lead thLead = th.createLead(request.toBuilder().setCaseId(thCase.getId()).build());
        assertThat(thLead.getId()).isNotEqualTo(first.getId());
        assertThat(thLead.getCaseId()).isEqualTo(thCase.getId());
        assertThat(thLead.getOwnerCountry()).isEqualTo("TH");
        // TH naming KR's case learns nothing: the case does not exist for it.
        StatusRuntimeException hidden =
                failure(
                        () ->
                                th.createLead(
                                        request.toBuilder()
                                                .setRequestId("th-" + requestId)
                                                .build()));
        assertThat(hidden.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);

        StatusRuntimeException bad =
                failure(
                        () ->
                                kr.createLead(
                                        request.toBuilder().setRequestId("not a key!").build()));
        assertThat(fieldsIn(bad)).containsExactly("request_id");
        assertThat(
                        kr.listLeads(ListLeadsRequest.newBuilder().setCaseId(c.getId()).build())
                                .getLeadsList())
                .hasSize(1);
    }
}
