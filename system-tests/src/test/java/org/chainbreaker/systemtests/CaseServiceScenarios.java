package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;

import com.google.type.Money;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListCaseChecksRequest;
import org.chainbreaker.cases.v1.ListCaseChecksResponse;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCasesResponse;
import org.chainbreaker.cases.v1.ListLeadsRequest;
import org.chainbreaker.cases.v1.ListLeadsResponse;
import org.chainbreaker.cases.v1.ListPersonsRequest;
import org.chainbreaker.cases.v1.ListPersonsResponse;
import org.chainbreaker.cases.v1.ListScamReportsRequest;
import org.chainbreaker.cases.v1.ListScamReportsResponse;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ScamReport;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.AuditRecord;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The case-service's RPCs. The parties: KR owns the case; TH received it under H1 (victims visible
 * to its investigators, their contacts withheld); LA sees it only through a lead assigned to it
 * (the header); MY received it and lost it again (revoked); VN has nothing.
 */
final class CaseServiceScenarios {

    static final String S = Faces.CASES;
    static final String OWNER = "KR";
    static final String PARTNER = "TH";
    static final String ASSIGNEE = "LA";
    static final String REVOKED = "MY";
    static final String STRANGER = "VN";

    /** Users of the countries the case does not exist for. */
    static final List<String> NOBODY = OnFace.investigators(List.of(STRANGER, REVOKED));

    /** Users of the countries that see the case but may not change it. */
    static final List<String> READERS = OnFace.investigators(List.of(PARTNER, ASSIGNEE));

    private CaseServiceScenarios() {}

    /**
     * A case of KR shared with TH (H1), shared with MY and revoked, with a lead assigned to LA and
     * an unassigned one, a suspect and a victim.
     */
    record Fixture(Case c, Lead assigned, Lead unassigned) {

        String id() {
            return c.getId();
        }
    }

    static Case open(OnFace on, String owner, String title) {
        return on.ok(
                investigator(owner),
                S,
                "CreateCase",
                CreateCaseRequest.newBuilder()
                        .setCase(
                                Case.newBuilder()
                                        .setTitle(title + " " + RUN)
                                        .setCategory(Case.Category.ONLINE_SCAM)
                                        .setSummary("Victims recruited through fake job offers"))
                        .build(),
                Case.parser());
    }

    static Case share(OnFace on, String caseId, String country, HandlingCode code) {
        return on.ok(
                investigator(OWNER),
                S,
                "ShareCase",
                ShareCaseRequest.newBuilder()
                        .setId(caseId)
                        .setCountry(country)
                        .setHandlingCode(code)
                        .build(),
                Case.parser());
    }

    /**
     * Shares the case with {@code country} for a few seconds and waits, asking, until the grant has
     * expired; the owner still sees the expired grant.
     */
    static void expiredShare(OnFace on, String caseId, String country) {
        Case shared =
                on.ok(
                        investigator(OWNER),
                        S,
                        "ShareCase",
                        ShareCaseRequest.newBuilder()
                                .setId(caseId)
                                .setCountry(country)
                                .setHandlingCode(HandlingCode.H1)
                                .setExpireTime(OnFace.timestamp(Instant.now().plusSeconds(3)))
                                .build(),
                        Case.parser());
        assertThat(shared.getSharesList())
                .filteredOn(x -> x.getCountry().equals(country))
                .singleElement()
                .satisfies(x -> assertThat(x.hasExpireTime()).isTrue());
        OnFace.eventually(
                "the share of case " + caseId + " to " + country + " expires",
                Duration.ofSeconds(60),
                () ->
                        on.call(investigator(country), S, "GetCase", get(caseId)).code()
                                == Status.Code.NOT_FOUND);
        assertThat(getCase(on, OWNER, caseId).getSharesList())
                .extracting(CaseShare::getCountry)
                .contains(country);
    }

    static Lead lead(OnFace on, String caseId, String value) {
        return on.ok(
                investigator(OWNER),
                S,
                "CreateLead",
                CreateLeadRequest.newBuilder()
                        .setCaseId(caseId)
                        .setLead(Lead.newBuilder().setKind(Lead.Kind.OTHER).setValue(value))
                        .build(),
                Lead.parser());
    }

    static Lead assign(OnFace on, String caseId, String leadId, String country) {
        return on.ok(
                investigator(OWNER),
                S,
                "AssignLead",
                AssignLeadRequest.newBuilder()
                        .setCaseId(caseId)
                        .setId(leadId)
                        .setCountry(country)
                        .setHandlingCode(HandlingCode.H1)
                        .build(),
                Lead.parser());
    }

    static Fixture fixture(OnFace on) {
        Case c = open(on, OWNER, "Scam compound in Myawaddy");
        share(on, c.getId(), PARTNER, HandlingCode.H1);
        share(on, c.getId(), REVOKED, HandlingCode.H0);
        on.ok(
                investigator(OWNER),
                S,
                "RevokeShare",
                RevokeShareRequest.newBuilder().setId(c.getId()).setCountry(REVOKED).build(),
                Case.parser());
        Lead assigned =
                assign(
                        on,
                        c.getId(),
                        lead(on, c.getId(), "Recruiter's Telegram handle").getId(),
                        ASSIGNEE);
        Lead unassigned = lead(on, c.getId(), "Compound's shuttle bus");
        for (Person.Role role : List.of(Person.Role.SUSPECT, Person.Role.VICTIM)) {
            on.ok(
                    investigator(OWNER),
                    S,
                    "AddPerson",
                    AddPersonRequest.newBuilder()
                            .setCaseId(c.getId())
                            .setPerson(
                                    Person.newBuilder()
                                            .setRole(role)
                                            .setFullName(role + " " + RUN)
                                            .setNationality("KR")
                                            .setContact("+82 10 1234 5678"))
                            .build(),
                    Person.parser());
        }
        return new Fixture(getCase(on, OWNER, c.getId()), assigned, unassigned);
    }

    static Case getCase(OnFace on, String tenant, String id) {
        return on.ok(
                investigator(tenant),
                S,
                "GetCase",
                GetCaseRequest.newBuilder().setId(id).build(),
                Case.parser());
    }

    static GetCaseRequest get(String id) {
        return GetCaseRequest.newBuilder().setId(id).build();
    }

    static List<String> listedCases(OnFace on, String tenant) {
        return on
                .ok(
                        investigator(tenant),
                        S,
                        "ListCases",
                        ListCasesRequest.newBuilder().setPageSize(200).build(),
                        ListCasesResponse.parser())
                .getCasesList()
                .stream()
                .map(Case::getId)
                .toList();
    }

    /** The case as {@code tenant} lists it; null when not listed. */
    static Case listed(OnFace on, String tenant, String id) {
        return on
                .ok(
                        investigator(tenant),
                        S,
                        "ListCases",
                        ListCasesRequest.newBuilder().setPageSize(200).build(),
                        ListCasesResponse.parser())
                .getCasesList()
                .stream()
                .filter(c -> c.getId().equals(id))
                .findFirst()
                .orElse(null);
    }

    static void assertHeaderOnly(Case header) {
        assertThat(header.getHeaderOnly()).as("seen through an assigned lead: %s", header).isTrue();
        assertThat(header.getSummary()).isEmpty();
        assertThat(header.getSharesList()).isEmpty();
    }

    static List<Lead> leads(OnFace on, String tenant, String caseId) {
        return on.ok(
                        investigator(tenant),
                        S,
                        "ListLeads",
                        ListLeadsRequest.newBuilder().setCaseId(caseId).build(),
                        ListLeadsResponse.parser())
                .getLeadsList();
    }

    static Lead getLead(OnFace on, String tenant, Fixture f, Lead lead) {
        return on.ok(
                investigator(tenant),
                S,
                "GetLead",
                GetLeadRequest.newBuilder().setCaseId(f.id()).setId(lead.getId()).build(),
                Lead.parser());
    }

    static List<Person> persons(OnFace on, String user, String caseId) {
        return on.ok(
                        user,
                        S,
                        "ListPersons",
                        ListPersonsRequest.newBuilder().setCaseId(caseId).build(),
                        ListPersonsResponse.parser())
                .getPersonsList();
    }

    /** The owner's view of a case, for "changes nothing": etag and everything it holds. */
    static Supplier<Object> stateOf(OnFace on, String caseId) {
        return () -> getCase(on, OWNER, caseId);
    }

    static String thaiPhone() {
        return "+66 8" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    static Identifier phone(String value) {
        return Identifier.newBuilder()
                .setKind(Identifier.Kind.PHONE_NUMBER)
                .setValue(value)
                .build();
    }

    static ScamReport.Builder report(String phone) {
        return ScamReport.newBuilder()
                .setChannel(ScamReport.Channel.MESSAGING_APP)
                .setMethod(ScamReport.Method.INVESTMENT)
                .setAmountLost(Money.newBuilder().setCurrencyCode("KRW").setUnits(12_000_000))
                .setNarrative("Invested in a fake exchange " + RUN)
                .addIdentifiers(phone(phone));
    }

    static void register(Scenarios scenarios) {
        CaseLifecycleScenarios.register(scenarios);
        CaseSharingScenarios.register(scenarios);
        CaseLeadScenarios.register(scenarios);
        CasePersonScenarios.register(scenarios);
        CaseScamReportScenarios.register(scenarios);
        CaseEventsAndAuditScenarios.register(scenarios);
    }

    static List<AuditRecord> checksOf(OnFace on, String caseId) {
        return on.ok(
                        investigator(OWNER),
                        S,
                        "ListCaseChecks",
                        ListCaseChecksRequest.newBuilder().setId(caseId).build(),
                        ListCaseChecksResponse.parser())
                .getChecksList();
    }

    static List<String> reports(OnFace on, String tenant) {
        return on
                .ok(
                        investigator(tenant),
                        S,
                        "ListScamReports",
                        ListScamReportsRequest.newBuilder().setPageSize(200).build(),
                        ListScamReportsResponse.parser())
                .getScamReportsList()
                .stream()
                .map(ScamReport::getId)
                .toList();
    }
}
