package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.code;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.fieldsIn;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.chainbreaker.cases.v1.AddLeadFindingRequest;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListLeadsRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.SetLeadStatusRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.junit.jupiter.api.Test;

/** Leads with their assignment to partner countries, over gRPC. */
class LeadWorkOverGrpcTest extends CaseWorkFixture {

    @Test
    void a_country_with_nothing_finds_no_lead_and_no_case() {
        Case c = open("Nothing for VN");
        Lead l = lead(c, Lead.Kind.PHONE_NUMBER, "+66 81 234 5678");
        Status.Code hidden =
                code(
                        () ->
                                vn.getLead(
                                        GetLeadRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .setId(l.getId())
                                                .build()));
        Status.Code missing =
                code(
                        () ->
                                vn.getLead(
                                        GetLeadRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .setId(UUID.randomUUID().toString())
                                                .build()));
        assertThat(hidden).isEqualTo(Status.Code.NOT_FOUND).isEqualTo(missing);
        assertThat(
                        code(
                                () ->
                                        vn.listLeads(
                                                ListLeadsRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(
                        code(
                                () ->
                                        vn.setLeadStatus(
                                                SetLeadStatusRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(l.getId())
                                                        .setStatus(Lead.Status.DISMISSED)
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(allVisibleTo(vn)).extracting(Case::getId).doesNotContain(c.getId());
    }

    @Test
    void bad_leads_name_their_fields() {
        Case c = open("Bad leads");
        StatusRuntimeException refused =
                failure(
                        () ->
                                kr.createLead(
                                        CreateLeadRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .setLead(
                                                        Lead.newBuilder()
                                                                .setKindValue(77)
                                                                .setValue(""))
                                                .build()));
        assertThat(fieldsIn(refused)).containsExactly("lead.kind", "lead.value");
        refused =
                failure(
                        () ->
                                kr.createLead(
                                        CreateLeadRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .setLead(
                                                        Lead.newBuilder()
                                                                .setKind(Lead.Kind.BANK_ACCOUNT)
                                                                .setValue(
                                                                        "DE89 3704 0044 0532 0130 01"))
                                                .build()));
        assertThat(fieldsIn(refused)).containsExactly("lead.value");
        refused =
                failure(
                        () ->
                                kr.createLead(
                                        CreateLeadRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .setLead(
                                                        Lead.newBuilder()
                                                                .setKind(Lead.Kind.PHONE_NUMBER)
                                                                .setValue("call me"))
                                                .build()));
        assertThat(fieldsIn(refused)).containsExactly("lead.value");
        assertThat(
                        kr.listLeads(ListLeadsRequest.newBuilder().setCaseId(c.getId()).build())
                                .getLeadsList())
                .isEmpty();
        assertThat(
                        code(
                                () ->
                                        th.createLead(
                                                CreateLeadRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setLead(
                                                                Lead.newBuilder()
                                                                        .setKind(Lead.Kind.OTHER)
                                                                        .setValue("x"))
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void an_assigned_lead_shows_the_assignee_the_lead_and_the_case_header_only() {
        Case c = open("Scam compound, Myawaddy");
        Lead assigned = lead(c, Lead.Kind.WEBSITE, "https://www.Invest-Gold.example.com/login");
        Lead other = lead(c, Lead.Kind.CRYPTO_WALLET, "0x52908400098527886E0F7030069857D2E4169EE7");
        assertThat(assigned.getNormalizedValue()).isEqualTo("domain:invest-gold.example.com");
        assertThat(other.getNormalizedValue())
                .isEqualTo("wallet:eth:0x52908400098527886e0f7030069857d2e4169ee7");

        Lead handedOver =
                kr.assignLead(
                        AssignLeadRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setId(assigned.getId())
                                .setCountry("TH")
                                .setHandlingCode(HandlingCode.H1)
                                .setEtag(assigned.getEtag())
                                .build());
        assertThat(handedOver.getStatus()).isEqualTo(Lead.Status.ASSIGNED);
        assertThat(handedOver.getAssignedCountry()).isEqualTo("TH");

        Case header = th.getCase(get(c));
        assertThat(header.getHeaderOnly()).isTrue();
        assertThat(header.getTitle()).isEqualTo("Scam compound, Myawaddy");
        assertThat(header.getReference()).isEqualTo(c.getReference());
        assertThat(header.getStatus()).isEqualTo(Case.Status.OPEN);
        assertThat(header.getSummary()).isEmpty();
        assertThat(header.getSharesList()).isEmpty();
        assertThat(allVisibleTo(th))
                .filteredOn(x -> x.getId().equals(c.getId()))
                .singleElement()
                .satisfies(x -> assertThat(x.getSummary()).isEmpty());

        assertThat(
                        th.listLeads(ListLeadsRequest.newBuilder().setCaseId(c.getId()).build())
                                .getLeadsList())
                .extracting(Lead::getId)
                .containsExactly(assigned.getId());
        assertThat(
                        code(
                                () ->
                                        th.getLead(
                                                GetLeadRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(other.getId())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        // VN has nothing: still nothing.
        assertThat(code(() -> vn.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
        // The assignee may not pass the case on (it sees only the header), nor the lead less
        // strictly than H1.
        assertThat(
                        code(
                                () ->
                                        th.shareCase(
                                                ShareCaseRequest.newBuilder()
                                                        .setId(c.getId())
                                                        .setCountry("VN")
                                                        .setHandlingCode(HandlingCode.H0)
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(
                        code(
                                () ->
                                        th.assignLead(
                                                AssignLeadRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(assigned.getId())
                                                        .setCountry("VN")
                                                        .setHandlingCode(HandlingCode.H0)
                                                        .build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(
                        code(
                                () ->
                                        vn.getLead(
                                                GetLeadRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(assigned.getId())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void only_the_owner_and_the_assignee_work_a_lead_and_share_partners_may_only_read_it() {
        Case c = open("Money mule accounts");
        Lead l = lead(c, Lead.Kind.BANK_ACCOUNT, "GB82 WEST 1234 5698 7654 32");
        kr.assignLead(
                AssignLeadRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setId(l.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("KH")
                        .setHandlingCode(HandlingCode.H0)
                        .build());

        // The share partner sees the whole case and every lead, but may not work the lead.
        assertThat(kh.getCase(get(c)).getSummary()).isEqualTo("secret summary");
        assertThat(
                        kh.listLeads(ListLeadsRequest.newBuilder().setCaseId(c.getId()).build())
                                .getLeadsCount())
                .isEqualTo(1);
        assertThat(
                        code(
                                () ->
                                        kh.setLeadStatus(
                                                SetLeadStatusRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(l.getId())
                                                        .setStatus(Lead.Status.IN_PROGRESS)
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(
                        code(
                                () ->
                                        kh.addLeadFinding(
                                                AddLeadFindingRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(l.getId())
                                                        .setText("not mine")
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);

        // The assignee works it: bad steps refused, good ones taken, findings added.
        assertThat(
                        code(
                                () ->
                                        th.setLeadStatus(
                                                SetLeadStatusRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(l.getId())
                                                        .setStatus(Lead.Status.CONFIRMED)
                                                        .build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(
                        code(
                                () ->
                                        th.setLeadStatus(
                                                SetLeadStatusRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(l.getId())
                                                        .setStatus(Lead.Status.STATUS_UNSPECIFIED)
                                                        .build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        Lead working =
                th.setLeadStatus(
                        SetLeadStatusRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setId(l.getId())
                                .setStatus(Lead.Status.IN_PROGRESS)
                                .build());
        assertThat(
                        code(
                                () ->
                                        th.setLeadStatus(
                                                SetLeadStatusRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(l.getId())
                                                        .setStatus(Lead.Status.CONFIRMED)
                                                        .setEtag(l.getEtag())
                                                        .build())))
                .isEqualTo(Status.Code.ABORTED);
        assertThat(
                        code(
                                () ->
                                        th.addLeadFinding(
                                                AddLeadFindingRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(l.getId())
                                                        .setText("")
                                                        .build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        Lead found =
                th.addLeadFinding(
                        AddLeadFindingRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setId(l.getId())
                                .setText("Account holder identified: mule recruited in Bangkok")
                                .build());
        Lead confirmed =
                th.setLeadStatus(
                        SetLeadStatusRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setId(l.getId())
                                .setStatus(Lead.Status.CONFIRMED)
                                .setEtag(found.getEtag())
                                .build());
        assertThat(working.getStatus()).isEqualTo(Lead.Status.IN_PROGRESS);
        assertThat(confirmed.getStatus()).isEqualTo(Lead.Status.CONFIRMED);
        assertThat(confirmed.getFindingsList())
                .singleElement()
                .satisfies(f -> assertThat(f.getCountry()).isEqualTo("TH"));
        assertThat(
                        kr.getLead(
                                        GetLeadRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .setId(l.getId())
                                                .build())
                                .getFindingsCount())
                .isEqualTo(1);
        assertThat(
                        kh.getLead(
                                        GetLeadRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .setId(l.getId())
                                                .build())
                                .getStatus())
                .isEqualTo(Lead.Status.CONFIRMED);
    }

    @Test
    void a_revoked_share_and_a_reassigned_lead_end_visibility_at_once() {
        Case c = open("Reassigned");
        Lead l = lead(c, Lead.Kind.APP, "com.Fake.Invest");
        kr.assignLead(
                AssignLeadRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setId(l.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        assertThat(th.getCase(get(c)).getHeaderOnly()).isTrue();
        kr.assignLead(
                AssignLeadRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setId(l.getId())
                        .setCountry("VN")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        assertThat(code(() -> th.getCase(get(c)))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(allVisibleTo(th)).extracting(Case::getId).doesNotContain(c.getId());
        assertThat(
                        vn.getLead(
                                        GetLeadRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .setId(l.getId())
                                                .build())
                                .getNormalizedValue())
                .isEqualTo("app:com.fake.invest");

        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("KH")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        assertThat(
                        kh.listLeads(ListLeadsRequest.newBuilder().setCaseId(c.getId()).build())
                                .getLeadsCount())
                .isEqualTo(1);
        kr.revokeShare(RevokeShareRequest.newBuilder().setId(c.getId()).setCountry("KH").build());
        assertThat(
                        code(
                                () ->
                                        kh.getLead(
                                                GetLeadRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(l.getId())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }
}
