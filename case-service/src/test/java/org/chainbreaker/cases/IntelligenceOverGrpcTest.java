package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.code;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.fieldsIn;

import com.google.type.Money;
import io.grpc.Status;
import java.util.UUID;
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetScamReportRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListCaseChecksRequest;
import org.chainbreaker.cases.v1.ListPersonsRequest;
import org.chainbreaker.cases.v1.ListScamReportsRequest;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.cases.v1.MatchIdentifierResponse;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.RegisterScamReportRequest;
import org.chainbreaker.cases.v1.ScamReport;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.junit.jupiter.api.Test;

/**
 * Persons with victim protection, identifier cross-matching (hit/no-hit) and scam reports, over
 * gRPC.
 */
class IntelligenceOverGrpcTest extends RunningCaseService {

    private final CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");

    private Case open(CaseServiceBlockingStub as, String title) {
        return as.createCase(
                CreateCaseRequest.newBuilder()
                        .setCase(
                                Case.newBuilder()
                                        .setTitle(title)
                                        .setCategory(Case.Category.ROMANCE_SCAM))
                        .build());
    }

    private void person(Case c, Person.Role role, String name, String contact) {
        kr.addPerson(
                AddPersonRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setPerson(
                                Person.newBuilder()
                                        .setRole(role)
                                        .setFullName(name)
                                        .setNationality("kr")
                                        .setContact(contact))
                        .build());
    }

    private static ListPersonsRequest persons(Case c) {
        return ListPersonsRequest.newBuilder().setCaseId(c.getId()).build();
    }

    // ----- persons
    // --------------------------------------------------------------------------------------------

    @Test
    void
            victims_are_seen_only_under_h0_or_h1_by_investigators_and_liaison_and_contacts_only_when_disclosed() {
        Case c = open(kr, "Romance scam, victims in Busan");
        person(c, Person.Role.SUSPECT, "Somchai X", "+66 81 000 0000");
        person(c, Person.Role.VICTIM, "Kim Min-ji", "010-1234-5678");
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("VN")
                        .setHandlingCode(HandlingCode.H2)
                        .setDiscloseVictimContacts(true)
                        .build());
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("ASEANAPOL")
                        .setHandlingCode(HandlingCode.H0)
                        .setDiscloseVictimContacts(true)
                        .build());

        assertThat(kr.listPersons(persons(c)).getPersonsList())
                .extracting(Person::getContact)
                .containsExactly("+66 81 000 0000", "010-1234-5678");

        // TH, H1, no disclosure: the victim, without contact.
        var th =
                casesAs("TH", "th-investigator", "investigator")
                        .listPersons(persons(c))
                        .getPersonsList();
        assertThat(th)
                .extracting(Person::getRole)
                .containsExactly(Person.Role.SUSPECT, Person.Role.VICTIM);
        assertThat(th.get(1).getContact()).isEmpty();
        assertThat(th.get(1).getContactWithheld()).isTrue();
        assertThat(th.get(0).getContact()).isEqualTo("+66 81 000 0000");
        // TH analyst: no victims at all.
        assertThat(casesAs("TH", "th-analyst", "analyst").listPersons(persons(c)).getPersonsList())
                .extracting(Person::getRole)
                .containsExactly(Person.Role.SUSPECT);
        // VN, H2: no victims even with disclosure.
        assertThat(casesAs("VN", "vn-liaison", "liaison").listPersons(persons(c)).getPersonsList())
                .extracting(Person::getRole)
                .containsExactly(Person.Role.SUSPECT);
        // ASEANAPOL, H0 with disclosure, liaison: victim with contact.
        assertThat(
                        casesAs("ASEANAPOL", "aseanapol-liaison", "liaison")
                                .listPersons(persons(c))
                                .getPersonsList())
                .filteredOn(p -> p.getRole() == Person.Role.VICTIM)
                .singleElement()
                .satisfies(p -> assertThat(p.getContact()).isEqualTo("010-1234-5678"));
        // MY, nothing: NOT_FOUND.
        assertThat(
                        code(
                                () ->
                                        casesAs("MY", "my-investigator", "investigator")
                                                .listPersons(persons(c))))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void an_assignee_sees_no_persons_and_only_the_owner_adds_them() {
        Case c = open(kr, "Persons hidden from assignees");
        person(c, Person.Role.SUSPECT, "Suspect A", "");
        Lead l =
                kr.createLead(
                        CreateLeadRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setLead(
                                        Lead.newBuilder()
                                                .setKind(Lead.Kind.OTHER)
                                                .setValue("a lead"))
                                .build());
        kr.assignLead(
                AssignLeadRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setId(l.getId())
                        .setCountry("LA")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        var la = casesAs("LA", "la-investigator", "investigator");
        assertThat(la.listPersons(persons(c)).getPersonsList()).isEmpty();
        assertThat(
                        code(
                                () ->
                                        la.addPerson(
                                                AddPersonRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setPerson(
                                                                Person.newBuilder()
                                                                        .setRole(Person.Role.VICTIM)
                                                                        .setFullName("x"))
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        var refused =
                failure(
                        () ->
                                kr.addPerson(
                                        AddPersonRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .setPerson(
                                                        Person.newBuilder()
                                                                .setRoleValue(9)
                                                                .setFullName(" ")
                                                                .setNationality("Korea")
                                                                .setBirthYear(1800))
                                                .build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused))
                .containsExactly(
                        "person.role",
                        "person.full_name",
                        "person.nationality",
                        "person.birth_year");
    }

    // ----- identifiers
    // ----------------------------------------------------------------------------------------

    @Test
    void the_same_identifier_written_two_ways_matches_and_hidden_cases_answer_only_who_to_ask() {
        String local = "0" + (810_000_000L + (long) (Math.random() * 9_000_000));
        String international = "+66 " + local.substring(1);
        Case krCase = open(kr, "Phone used against Korean victims");
        kr.createLead(
                CreateLeadRequest.newBuilder()
                        .setCaseId(krCase.getId())
                        .setLead(
                                Lead.newBuilder()
                                        .setKind(Lead.Kind.PHONE_NUMBER)
                                        .setValue(international))
                        .build());
        var sg = casesAs("SG", "sg-investigator", "investigator");
        Case sgCase = open(sg, "SG case with the same phone");
        sg.createLead(
                CreateLeadRequest.newBuilder()
                        .setCaseId(sgCase.getId())
                        .setLead(
                                Lead.newBuilder()
                                        .setKind(Lead.Kind.PHONE_NUMBER)
                                        .setValue("TH:" + local))
                        .build());
        sg.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(sgCase.getId())
                        .setCountry("KR")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        var id = casesAs("ID", "id-investigator", "investigator");
        Case idCase = open(id, "ID case with the same phone");
        id.createLead(
                CreateLeadRequest.newBuilder()
                        .setCaseId(idCase.getId())
                        .setLead(
                                Lead.newBuilder()
                                        .setKind(Lead.Kind.PHONE_NUMBER)
                                        .setValue("00" + international.substring(1)))
                        .build());

        MatchIdentifierResponse match =
                kr.matchIdentifier(
                        MatchIdentifierRequest.newBuilder()
                                .setIdentifier(
                                        Identifier.newBuilder()
                                                .setKind(Identifier.Kind.PHONE_NUMBER)
                                                .setValue("TH:" + local))
                                .setPurpose("victim report KR-2026 intake")
                                .build());
        assertThat(match.getNormalizedValue()).isEqualTo("phone:+66" + local.substring(1));
        assertThat(match.getCasesList())
                .extracting(Case::getId)
                .containsExactlyInAnyOrder(krCase.getId(), sgCase.getId());
        assertThat(match.getHitsList())
                .singleElement()
                .satisfies(
                        h -> {
                            assertThat(h.getOwnerCountry()).isEqualTo("ID");
                            assertThat(h.getReference()).isEqualTo(idCase.getReference());
                        });

        // The owner learns who asked and why; nobody else may ask the owner's list.
        var checks =
                id.listCaseChecks(ListCaseChecksRequest.newBuilder().setId(idCase.getId()).build())
                        .getChecksList();
        assertThat(checks)
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.getActorCountry()).isEqualTo("KR");
                            assertThat(e.getPurpose()).isEqualTo("victim report KR-2026 intake");
                        });
        assertThat(
                        code(
                                () ->
                                        kr.listCaseChecks(
                                                ListCaseChecksRequest.newBuilder()
                                                        .setId(idCase.getId())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);

        // A country with no case of its own sees hits only.
        MatchIdentifierResponse bn =
                casesAs("BN", "bn-investigator", "investigator")
                        .matchIdentifier(
                                MatchIdentifierRequest.newBuilder()
                                        .setIdentifier(
                                                Identifier.newBuilder()
                                                        .setKind(Identifier.Kind.PHONE_NUMBER)
                                                        .setValue(international))
                                        .setPurpose("intake")
                                        .build());
        assertThat(bn.getCasesList()).isEmpty();
        assertThat(bn.getHitsList())
                .extracting(h -> h.getOwnerCountry() + ":" + h.getReference())
                .containsExactlyInAnyOrder(
                        "KR:" + krCase.getReference(),
                        "SG:" + sgCase.getReference(),
                        "ID:" + idCase.getReference());
    }

    @Test
    void malformed_identifiers_and_missing_purpose_are_named() {
        var refused =
                failure(
                        () ->
                                kr.matchIdentifier(
                                        MatchIdentifierRequest.newBuilder()
                                                .setIdentifier(
                                                        Identifier.newBuilder()
                                                                .setKind(
                                                                        Identifier.Kind
                                                                                .CRYPTO_WALLET)
                                                                .setValue("0x1234"))
                                                .build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused)).containsExactly("purpose", "identifier.value");
        refused =
                failure(
                        () ->
                                kr.matchIdentifier(
                                        MatchIdentifierRequest.newBuilder()
                                                .setIdentifier(
                                                        Identifier.newBuilder()
                                                                .setKindValue(99)
                                                                .setValue("x"))
                                                .setPurpose("why not")
                                                .build()));
        assertThat(fieldsIn(refused)).containsExactly("identifier.kind");
        MatchIdentifierResponse none =
                kr.matchIdentifier(
                        MatchIdentifierRequest.newBuilder()
                                .setIdentifier(
                                        Identifier.newBuilder()
                                                .setKind(Identifier.Kind.WEBSITE)
                                                .setValue(
                                                        "https://nobody-"
                                                                + UUID.randomUUID()
                                                                + ".example.org/"))
                                .setPurpose("intake")
                                .build());
        assertThat(none.getCasesList()).isEmpty();
        assertThat(none.getHitsList()).isEmpty();
    }

    // ----- scam reports
    // ---------------------------------------------------------------------------------------

    @Test
    void
            a_scam_report_reaches_the_countries_of_its_identifiers_and_of_matching_cases_shares_and_nobody_else() {
        String wallet = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
        var vn = casesAs("VN", "vn-investigator", "investigator");
        Case vnCase = open(vn, "Laundering wallet");
        vn.createLead(
                CreateLeadRequest.newBuilder()
                        .setCaseId(vnCase.getId())
                        .setLead(
                                Lead.newBuilder()
                                        .setKind(Lead.Kind.CRYPTO_WALLET)
                                        .setValue("btc:" + wallet.toUpperCase()))
                        .build());
        vn.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(vnCase.getId())
                        .setCountry("MM")
                        .setHandlingCode(HandlingCode.H0)
                        .build());

        ScamReport report =
                kr.registerScamReport(
                        RegisterScamReportRequest.newBuilder()
                                .setRequestId("intake-" + UUID.randomUUID())
                                .setScamReport(
                                        ScamReport.newBuilder()
                                                .setChannel(ScamReport.Channel.MESSAGING_APP)
                                                .setMethod(ScamReport.Method.INVESTMENT)
                                                .setAmountLost(
                                                        Money.newBuilder()
                                                                .setCurrencyCode("KRW")
                                                                .setUnits(35_000_000))
                                                .setNarrative(
                                                        "Met on a messaging app, invested in a fake exchange")
                                                .addIdentifiers(
                                                        Identifier.newBuilder()
                                                                .setKind(
                                                                        Identifier.Kind
                                                                                .PHONE_NUMBER)
                                                                .setValue("+855 12 345 678"))
                                                .addIdentifiers(
                                                        Identifier.newBuilder()
                                                                .setKind(
                                                                        Identifier.Kind
                                                                                .CRYPTO_WALLET)
                                                                .setValue(wallet)))
                                .build());
        assertThat(report.getIdentifiersList())
                .extracting(Identifier::getNormalizedValue)
                .containsExactly("phone:+85512345678", "wallet:btc:" + wallet);

        GetScamReportRequest get = GetScamReportRequest.newBuilder().setId(report.getId()).build();
        for (String concerned : new String[] {"KH", "VN", "MM"}) {
            var as = casesAs(concerned, concerned.toLowerCase() + "-investigator", "investigator");
            assertThat(as.getScamReport(get).getReportingCountry()).as(concerned).isEqualTo("KR");
            assertThat(
                            as.listScamReports(
                                            ListScamReportsRequest.newBuilder()
                                                    .setPageSize(200)
                                                    .build())
                                    .getScamReportsList())
                    .extracting(ScamReport::getId)
                    .as(concerned)
                    .contains(report.getId());
        }
        var th = casesAs("TH", "th-investigator", "investigator");
        assertThat(code(() -> th.getScamReport(get))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(
                        th.listScamReports(
                                        ListScamReportsRequest.newBuilder()
                                                .setPageSize(200)
                                                .build())
                                .getScamReportsList())
                .extracting(ScamReport::getId)
                .doesNotContain(report.getId());
    }

    @Test
    void a_bad_scam_report_names_every_field_and_registers_nothing() {
        int before =
                kr.listScamReports(ListScamReportsRequest.newBuilder().setPageSize(200).build())
                        .getScamReportsCount();
        var refused =
                failure(
                        () ->
                                kr.registerScamReport(
                                        RegisterScamReportRequest.newBuilder()
                                                .setScamReport(
                                                        ScamReport.newBuilder()
                                                                .setAmountLost(
                                                                        Money.newBuilder()
                                                                                .setCurrencyCode(
                                                                                        "XYZ1")
                                                                                .setUnits(-5))
                                                                .addIdentifiers(
                                                                        Identifier.newBuilder()
                                                                                .setKind(
                                                                                        Identifier
                                                                                                .Kind
                                                                                                .BANK_ACCOUNT)
                                                                                .setValue(
                                                                                        "not an iban"))
                                                                .addIdentifiers(
                                                                        Identifier.newBuilder()
                                                                                .setKind(
                                                                                        Identifier
                                                                                                .Kind
                                                                                                .WEBSITE)
                                                                                .setValue(
                                                                                        "fine.example.com")))
                                                .build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused))
                .containsExactly(
                        "scam_report.channel",
                        "scam_report.method",
                        "scam_report.amount_lost.currency_code",
                        "scam_report.amount_lost",
                        "scam_report.identifiers[0].value");
        assertThat(
                        kr.listScamReports(
                                        ListScamReportsRequest.newBuilder()
                                                .setPageSize(200)
                                                .build())
                                .getScamReportsCount())
                .isEqualTo(before);
    }
}
