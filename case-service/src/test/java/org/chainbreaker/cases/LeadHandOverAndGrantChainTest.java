package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.code;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
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
import org.chainbreaker.cases.v1.CreateTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.GetTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListPersonsRequest;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.SetLeadStatusRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.devstack.AppRoleSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The owner takes a lead back from an unresponsive partner; a lead passed on keeps its status and
 * the owner is told; a grant passed on follows its source when the source is tightened or expires.
 */
class LeadHandOverAndGrantChainTest extends RunningCaseService {

    private CaseServiceBlockingStub kr;
    private CaseServiceBlockingStub th;
    private CaseServiceBlockingStub vn;
    private CaseServiceBlockingStub my;

    /** Stubs made once the service runs (their deadline starts when they are made). */
    @BeforeEach
    void stubs() {
        kr = casesAs("KR", "kr-investigator", "investigator");
        th = casesAs("TH", "th-investigator", "investigator");
        vn = casesAs("VN", "vn-investigator", "investigator");
        my = casesAs("MY", "my-investigator", "investigator");
    }

    private Case open(String title) {
        return kr.createCase(
                CreateCaseRequest.newBuilder()
                        .setCase(
                                Case.newBuilder()
                                        .setTitle(title)
                                        .setCategory(Case.Category.INVESTMENT_FRAUD)
                                        .setSummary("s"))
                        .build());
    }

    private Lead lead(Case c) {
        return kr.createLead(
                CreateLeadRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setLead(
                                Lead.newBuilder()
                                        .setKind(Lead.Kind.WEBSITE)
                                        .setValue(
                                                "https://lead-"
                                                        + UUID.randomUUID()
                                                                .toString()
                                                                .substring(0, 8)
                                                        + ".example.com"))
                        .build());
    }

    private static AssignLeadRequest assign(Lead l, String country, HandlingCode code) {
        return AssignLeadRequest.newBuilder()
                .setCaseId(l.getCaseId())
                .setId(l.getId())
                .setCountry(country)
                .setHandlingCode(code)
                .build();
    }

    private static SetLeadStatusRequest status(Lead l, Lead.Status status) {
        return SetLeadStatusRequest.newBuilder()
                .setCaseId(l.getCaseId())
                .setId(l.getId())
                .setStatus(status)
                .build();
    }

    private static GetLeadRequest get(Lead l) {
        return GetLeadRequest.newBuilder().setCaseId(l.getCaseId()).setId(l.getId()).build();
    }

    private static GetCaseRequest get(Case c) {
        return GetCaseRequest.newBuilder().setId(c.getId()).build();
    }

    private static ShareCaseRequest.Builder share(Case c, String country, HandlingCode code) {
        return ShareCaseRequest.newBuilder()
                .setId(c.getId())
                .setCountry(country)
                .setHandlingCode(code);
    }

    private static Timestamp in(long amount, ChronoUnit unit) {
        return Timestamp.newBuilder()
                .setSeconds(Instant.now().plus(amount, unit).getEpochSecond())
                .build();
    }

    // ------------------------------------------------------------------------------------------------- leads

    @Test
    void
            the_owner_takes_an_in_progress_lead_back_from_an_unresponsive_partner_and_gives_it_to_another() {
        Lead l = lead(open("Unresponsive partner"));
        kr.assignLead(assign(l, "TH", HandlingCode.H1));
        th.setLeadStatus(status(l, Lead.Status.IN_PROGRESS));

        Lead reassigned = kr.assignLead(assign(l, "VN", HandlingCode.H1));

        assertThat(reassigned.getAssignedCountry()).isEqualTo("VN");
        assertThat(reassigned.getStatus()).isEqualTo(Lead.Status.ASSIGNED);
        assertThat(code(() -> th.getLead(get(l)))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(vn.getLead(get(l)).getStatus()).isEqualTo(Lead.Status.ASSIGNED);
        // The same assignee under another code keeps the status it reached.
        vn.setLeadStatus(status(l, Lead.Status.IN_PROGRESS));
        assertThat(kr.assignLead(assign(l, "VN", HandlingCode.H2)).getStatus())
                .isEqualTo(Lead.Status.IN_PROGRESS);
    }

    @Test
    void a_closed_lead_is_neither_reassigned_nor_passed_on_and_nothing_changes() {
        Lead l = lead(open("Closed lead"));
        kr.assignLead(assign(l, "TH", HandlingCode.H1));
        th.setLeadStatus(status(l, Lead.Status.IN_PROGRESS));
        Lead confirmed = th.setLeadStatus(status(l, Lead.Status.CONFIRMED));

        assertThat(code(() -> kr.assignLead(assign(l, "VN", HandlingCode.H1))))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(code(() -> th.assignLead(assign(l, "VN", HandlingCode.H1))))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        Lead after = kr.getLead(get(l));
        assertThat(after.getEtag()).isEqualTo(confirmed.getEtag());
        assertThat(after.getAssignedCountry()).isEqualTo("TH");
        assertThat(code(() -> vn.getLead(get(l)))).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void an_assignee_passing_a_lead_on_keeps_its_status_and_the_owner_is_told()
            throws SQLException {
        Lead l = lead(open("Passed on while in progress"));
        kr.assignLead(assign(l, "TH", HandlingCode.H1));
        th.setLeadStatus(status(l, Lead.Status.IN_PROGRESS));

        Lead passed = th.assignLead(assign(l, "VN", HandlingCode.H1));

        assertThat(passed.getStatus()).isEqualTo(Lead.Status.IN_PROGRESS);
        assertThat(kr.getLead(get(l)).getStatus()).isEqualTo(Lead.Status.IN_PROGRESS);
        assertThat(kr.getLead(get(l)).getAssignedCountry()).isEqualTo("VN");
        // The owner is told: an event of its own lead that says so (its stream reads the same
        // policy), and the
        // audit trail names who passed it on.
        try (Connection session = AppRoleSession.open(DATABASE, "KR")) {
            assertThat(
                            AppRoleSession.column(
                                    session,
                                    "select event_type from outbox_events where record_id = '"
                                            + l.getId()
                                            + "' order by id"))
                    .endsWith("lead.passed_on");
            assertThat(
                            AppRoleSession.column(
                                    session,
                                    "select purpose from audit_log where record_id = '"
                                            + l.getId()
                                            + "' and action = 'ASSIGN' order by seq"))
                    .last()
                    .asString()
                    .startsWith("passed on by TH to VN under H1");
        }
        // The owner can still take it back, as from any partner.
        assertThat(kr.assignLead(assign(l, "MY", HandlingCode.H1)).getAssignedCountry())
                .isEqualTo("MY");
        assertThat(code(() -> vn.getLead(get(l)))).isEqualTo(Status.Code.NOT_FOUND);
    }

    // ------------------------------------------------------------------------------------------
    // grant chains

    @Test
    void a_grant_passed_on_is_tightened_and_ends_with_its_source_and_cannot_be_passed_on_looser() {
        Case c = open("Grant chain");
        kr.addPerson(
                AddPersonRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setPerson(
                                Person.newBuilder()
                                        .setRole(Person.Role.VICTIM)
                                        .setFullName("Victim V"))
                        .build());
        TechnicalAnalysis analysis =
                kr.createTechnicalAnalysis(
                        CreateTechnicalAnalysisRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setTechnicalAnalysis(
                                        TechnicalAnalysis.newBuilder()
                                                .setKind(TechnicalAnalysis.Kind.PHISHING_KIT)
                                                .setTitle("Kit"))
                                .build());
        GetTechnicalAnalysisRequest getAnalysis =
                GetTechnicalAnalysisRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setId(analysis.getId())
                        .build();
        ListPersonsRequest persons = ListPersonsRequest.newBuilder().setCaseId(c.getId()).build();
        kr.shareCase(share(c, "TH", HandlingCode.H1).build());
        th.shareCase(share(c, "VN", HandlingCode.H1).build());
        assertThat(vn.getCase(get(c)).getHandlingCode()).isEqualTo(HandlingCode.H1);
        assertThat(vn.listPersons(persons).getPersonsList())
                .extracting(Person::getRole)
                .contains(Person.Role.VICTIM);
        assertThat(vn.getTechnicalAnalysis(getAnalysis).getId()).isEqualTo(analysis.getId());

        // KR tightens TH: VN's grant, passed on through TH's, follows at once.
        Timestamp until = in(1, ChronoUnit.HOURS);
        kr.shareCase(share(c, "TH", HandlingCode.H3).setExpireTime(until).build());

        Case seenByVn = vn.getCase(get(c));
        assertThat(seenByVn.getHandlingCode()).isEqualTo(HandlingCode.H3);
        assertThat(seenByVn.getSharesList())
                .singleElement()
                .satisfies(s -> assertThat(s.getExpireTime()).isEqualTo(until));
        assertThat(vn.listPersons(persons).getPersonsList())
                .extracting(Person::getRole)
                .doesNotContain(Person.Role.VICTIM);
        assertThat(code(() -> vn.getTechnicalAnalysis(getAnalysis)))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(kr.getCase(get(c)).getSharesList())
                .filteredOn(s -> s.getCountry().equals("VN"))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.getHandlingCode()).isEqualTo(HandlingCode.H3);
                            assertThat(s.getExpireTime()).isEqualTo(until);
                        });
        // Under H3 VN may not pass it on; MY gets nothing.
        assertThat(code(() -> vn.shareCase(share(c, "MY", HandlingCode.H1).build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(code(() -> my.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);

        // TH's grant runs out: VN's ends in the same instant, with no job running.
        letGrantExpire("case_shares", "case_id", c.getId(), "TH");
        assertThat(code(() -> th.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(failure(() -> vn.getCase(get(c))).getStatus().getDescription())
                .isEqualTo(
                        failure(
                                        () ->
                                                vn.getCase(
                                                        GetCaseRequest.newBuilder()
                                                                .setId(UUID.randomUUID().toString())
                                                                .build()))
                                .getStatus()
                                .getDescription());
        assertThat(CaseWorkOverGrpcTest.allVisibleTo(vn))
                .extracting(Case::getId)
                .doesNotContain(c.getId());

        // Renewed by KR, TH's grant lets VN's count again, never beyond what VN's was made with.
        kr.shareCase(share(c, "TH", HandlingCode.H0).build());
        assertThat(vn.getCase(get(c)).getHandlingCode()).isEqualTo(HandlingCode.H1);
        assertThat(kr.getCase(get(c)).getSharesList())
                .extracting(CaseShare::getCountry)
                .containsExactlyInAnyOrder("TH", "VN");
    }

    @Test
    void
            a_grant_passed_on_before_its_source_got_an_expiry_ends_with_it_and_so_does_what_it_passed_on() {
        Case c = open("Chain of three");
        kr.shareCase(share(c, "TH", HandlingCode.H0).build());
        th.shareCase(share(c, "VN", HandlingCode.H1).build());
        vn.shareCase(share(c, "MY", HandlingCode.H1).build());
        assertThat(my.getCase(get(c)).getHandlingCode()).isEqualTo(HandlingCode.H1);

        kr.shareCase(
                share(c, "TH", HandlingCode.H0).setExpireTime(in(30, ChronoUnit.MINUTES)).build());
        letGrantExpire("case_shares", "case_id", c.getId(), "TH");

        for (CaseServiceBlockingStub partner : new CaseServiceBlockingStub[] {th, vn, my}) {
            assertThat(code(() -> partner.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
        }
    }
}
