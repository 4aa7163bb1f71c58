package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.analyst;
import static org.chainbreaker.systemtests.OnFace.investigator;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.type.Money;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.cases.v1.AddLeadFindingRequest;
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.GetScamReportRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.IdentifierHit;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListCaseChecksRequest;
import org.chainbreaker.cases.v1.ListCaseChecksResponse;
import org.chainbreaker.cases.v1.ListCaseReadsRequest;
import org.chainbreaker.cases.v1.ListCaseReadsResponse;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCasesResponse;
import org.chainbreaker.cases.v1.ListLeadsRequest;
import org.chainbreaker.cases.v1.ListLeadsResponse;
import org.chainbreaker.cases.v1.ListPersonsRequest;
import org.chainbreaker.cases.v1.ListPersonsResponse;
import org.chainbreaker.cases.v1.ListScamReportsRequest;
import org.chainbreaker.cases.v1.ListScamReportsResponse;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.cases.v1.MatchIdentifierResponse;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.RegisterScamReportRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ScamReport;
import org.chainbreaker.cases.v1.SetLeadStatusRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.ShareCaseWithOperationRequest;
import org.chainbreaker.cases.v1.TransitionCaseRequest;
import org.chainbreaker.cases.v1.UpdateCaseRequest;
import org.chainbreaker.common.v1.AuditRecord;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The case-service's RPCs. The parties: KR owns the case; TH received it under H1 (victims visible to its
 * investigators, their contacts withheld); LA sees it only through a lead assigned to it (the header); MY received it
 * and lost it again (revoked); VN has nothing.
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

    private CaseServiceScenarios() {
    }

    /** A case of KR shared with TH (H1), shared with MY and revoked, with a lead assigned to LA and an unassigned one, a suspect and a victim. */
    record Fixture(Case c, Lead assigned, Lead unassigned) {

        String id() {
            return c.getId();
        }
    }

    static Case open(OnFace on, String owner, String title) {
        return on.ok(investigator(owner), S, "CreateCase", CreateCaseRequest.newBuilder().setCase(Case.newBuilder()
                .setTitle(title + " " + RUN).setCategory(Case.Category.ONLINE_SCAM)
                .setSummary("Victims recruited through fake job offers")).build(), Case.parser());
    }

    static Case share(OnFace on, String caseId, String country, HandlingCode code) {
        return on.ok(investigator(OWNER), S, "ShareCase", ShareCaseRequest.newBuilder().setId(caseId).setCountry(country)
                .setHandlingCode(code).build(), Case.parser());
    }

    /**
     * Shares the case with {@code country} for a few seconds and waits, asking, until the grant has expired; the
     * owner still sees the expired grant.
     */
    static void expiredShare(OnFace on, String caseId, String country) {
        Case shared = on.ok(investigator(OWNER), S, "ShareCase", ShareCaseRequest.newBuilder().setId(caseId).setCountry(country)
                .setHandlingCode(HandlingCode.H1).setExpireTime(OnFace.timestamp(Instant.now().plusSeconds(5))).build(),
                Case.parser());
        assertThat(shared.getSharesList()).filteredOn(x -> x.getCountry().equals(country)).singleElement()
                .satisfies(x -> assertThat(x.hasExpireTime()).isTrue());
        OnFace.eventually("the share of case " + caseId + " to " + country + " expires", Duration.ofSeconds(60),
                () -> on.call(investigator(country), S, "GetCase", get(caseId)).code() == Status.Code.NOT_FOUND);
        assertThat(getCase(on, OWNER, caseId).getSharesList()).extracting(CaseShare::getCountry).contains(country);
    }

    static Lead lead(OnFace on, String caseId, String value) {
        return on.ok(investigator(OWNER), S, "CreateLead", CreateLeadRequest.newBuilder().setCaseId(caseId)
                .setLead(Lead.newBuilder().setKind(Lead.Kind.OTHER).setValue(value)).build(), Lead.parser());
    }

    static Lead assign(OnFace on, String caseId, String leadId, String country) {
        return on.ok(investigator(OWNER), S, "AssignLead", AssignLeadRequest.newBuilder().setCaseId(caseId).setId(leadId)
                .setCountry(country).setHandlingCode(HandlingCode.H1).build(), Lead.parser());
    }

    static Fixture fixture(OnFace on) {
        Case c = open(on, OWNER, "Scam compound in Myawaddy");
        share(on, c.getId(), PARTNER, HandlingCode.H1);
        share(on, c.getId(), REVOKED, HandlingCode.H0);
        on.ok(investigator(OWNER), S, "RevokeShare", RevokeShareRequest.newBuilder().setId(c.getId()).setCountry(REVOKED).build(),
                Case.parser());
        Lead assigned = assign(on, c.getId(), lead(on, c.getId(), "Recruiter's Telegram handle").getId(), ASSIGNEE);
        Lead unassigned = lead(on, c.getId(), "Compound's shuttle bus");
        for (Person.Role role : List.of(Person.Role.SUSPECT, Person.Role.VICTIM)) {
            on.ok(investigator(OWNER), S, "AddPerson", AddPersonRequest.newBuilder().setCaseId(c.getId())
                    .setPerson(Person.newBuilder().setRole(role).setFullName(role + " " + RUN).setNationality("KR")
                            .setContact("+82 10 1234 5678")).build(), Person.parser());
        }
        return new Fixture(getCase(on, OWNER, c.getId()), assigned, unassigned);
    }

    static Case getCase(OnFace on, String tenant, String id) {
        return on.ok(investigator(tenant), S, "GetCase", GetCaseRequest.newBuilder().setId(id).build(), Case.parser());
    }

    static GetCaseRequest get(String id) {
        return GetCaseRequest.newBuilder().setId(id).build();
    }

    static List<String> listedCases(OnFace on, String tenant) {
        return on.ok(investigator(tenant), S, "ListCases", ListCasesRequest.newBuilder().setPageSize(200).build(),
                ListCasesResponse.parser()).getCasesList().stream().map(Case::getId).toList();
    }

    /** The case as {@code tenant} lists it; null when not listed. */
    static Case listed(OnFace on, String tenant, String id) {
        return on.ok(investigator(tenant), S, "ListCases", ListCasesRequest.newBuilder().setPageSize(200).build(),
                ListCasesResponse.parser()).getCasesList().stream().filter(c -> c.getId().equals(id)).findFirst().orElse(null);
    }

    static void assertHeaderOnly(Case header) {
        assertThat(header.getHeaderOnly()).as("seen through an assigned lead: %s", header).isTrue();
        assertThat(header.getSummary()).isEmpty();
        assertThat(header.getSharesList()).isEmpty();
    }

    static List<Lead> leads(OnFace on, String tenant, String caseId) {
        return on.ok(investigator(tenant), S, "ListLeads", ListLeadsRequest.newBuilder().setCaseId(caseId).build(),
                ListLeadsResponse.parser()).getLeadsList();
    }

    static Lead getLead(OnFace on, String tenant, Fixture f, Lead lead) {
        return on.ok(investigator(tenant), S, "GetLead", GetLeadRequest.newBuilder().setCaseId(f.id()).setId(lead.getId()).build(),
                Lead.parser());
    }

    static List<Person> persons(OnFace on, String user, String caseId) {
        return on.ok(user, S, "ListPersons", ListPersonsRequest.newBuilder().setCaseId(caseId).build(),
                ListPersonsResponse.parser()).getPersonsList();
    }

    /** The owner's view of a case, for "changes nothing": etag and everything it holds. */
    static Supplier<Object> stateOf(OnFace on, String caseId) {
        return () -> getCase(on, OWNER, caseId);
    }

    static String thaiPhone() {
        return "+66 8" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    static Identifier phone(String value) {
        return Identifier.newBuilder().setKind(Identifier.Kind.PHONE_NUMBER).setValue(value).build();
    }

    static ScamReport.Builder report(String phone) {
        return ScamReport.newBuilder().setChannel(ScamReport.Channel.MESSAGING_APP).setMethod(ScamReport.Method.INVESTMENT)
                .setAmountLost(Money.newBuilder().setCurrencyCode("KRW").setUnits(12_000_000))
                .setNarrative("Invested in a fake exchange " + RUN).addIdentifiers(phone(phone));
    }

    static void register(Scenarios scenarios) {
        scenarios.add(S, "CreateCase", on -> {
            String requestId = "create-" + UUID.randomUUID();
            CreateCaseRequest create = CreateCaseRequest.newBuilder().setRequestId(requestId).setCase(Case.newBuilder()
                    .setTitle("Romance scam ring " + RUN).setCategory(Case.Category.ROMANCE_SCAM)).build();
            Case c = on.ok(investigator(OWNER), S, "CreateCase", create, Case.parser());
            assertThat(c.getOwnerCountry()).isEqualTo(OWNER);
            assertThat(c.getStatus()).isEqualTo(Case.Status.OPEN);
            assertThat(on.ok(investigator(OWNER), S, "CreateCase", create, Case.parser()).getId()).isEqualTo(c.getId());
            // Another country's request id is its own: no hint of KR's case, a case of VN's own.
            Case vns = on.ok(investigator(STRANGER), S, "CreateCase", create, Case.parser());
            assertThat(vns.getId()).isNotEqualTo(c.getId());
            assertThat(vns.getOwnerCountry()).isEqualTo(STRANGER);
            assertThat(listedCases(on, STRANGER)).doesNotContain(c.getId());
            on.invalid(investigator(OWNER), S, "CreateCase", CreateCaseRequest.newBuilder().setCase(Case.newBuilder()
                    .setTitle("").setSummary("x".repeat(10_001))).build(), () -> listedCases(on, OWNER),
                    "case.title", "case.category", "case.summary");
            // An undefined enum number: on REST the gateway refuses it before the service sees it.
            on.invalid(investigator(OWNER), S, "CreateCase", CreateCaseRequest.newBuilder().setCase(Case.newBuilder()
                    .setTitle("Unknown category").setCategoryValue(99)).build(), () -> listedCases(on, OWNER), "case.category");
        });

        scenarios.add(S, "GetCase", on -> {
            Fixture f = fixture(on);
            Case owners = getCase(on, OWNER, f.id());
            assertThat(owners.getSharesList()).extracting(CaseShare::getCountry).containsExactly(PARTNER);
            Case partners = getCase(on, PARTNER, f.id());
            assertThat(partners.getHandlingCode()).isEqualTo(HandlingCode.H1);
            assertThat(partners.getSummary()).isEqualTo(owners.getSummary());
            assertThat(partners.getSharesList()).extracting(CaseShare::getCountry).containsExactly(PARTNER);
            Case header = getCase(on, ASSIGNEE, f.id());
            assertHeaderOnly(header);
            assertThat(header.getTitle()).isEqualTo(owners.getTitle());
            on.hidden(investigator(STRANGER), S, "GetCase", CaseServiceScenarios::get, f.id());
            on.hidden(investigator(REVOKED), S, "GetCase", CaseServiceScenarios::get, f.id());
        });

        scenarios.add(S, "ListCases", on -> {
            Fixture f = fixture(on);
            assertThat(listedCases(on, OWNER)).contains(f.id());
            // Listed, a case shows each country what reading it shows: the partner its own grant only, the assignee
            // (if it lists the case at all) the header only.
            Case partners = listed(on, PARTNER, f.id());
            assertThat(partners.getSharesList()).extracting(CaseShare::getCountry).containsExactly(PARTNER);
            assertThat(partners.getHandlingCode()).isEqualTo(HandlingCode.H1);
            Case header = listed(on, ASSIGNEE, f.id());
            if (header != null) {
                assertHeaderOnly(header);
            }
            assertThat(listedCases(on, STRANGER)).doesNotContain(f.id());
            assertThat(listedCases(on, REVOKED)).doesNotContain(f.id());
            on.invalid(investigator(OWNER), S, "ListCases", ListCasesRequest.newBuilder().setPageToken("garbage").build(),
                    NOTHING, "page_token");
            on.invalid(investigator(OWNER), S, "ListCases", ListCasesRequest.newBuilder().setPageSize(-1).build(),
                    NOTHING, "page_size");
        });

        scenarios.add(S, "ShareCase", on -> {
            Fixture f = fixture(on);
            on.hidden(investigator("PH"), S, "GetCase", CaseServiceScenarios::get, f.id());
            Case shared = on.ok(investigator(OWNER), S, "ShareCase", ShareCaseRequest.newBuilder().setId(f.id())
                    .setCountry("PH").setHandlingCode(HandlingCode.H2).setEtag(f.c().getEtag()).build(), Case.parser());
            assertThat(shared.getSharesList()).extracting(CaseShare::getCountry).containsExactlyInAnyOrder(PARTNER, "PH");
            assertThat(getCase(on, "PH", f.id()).getHandlingCode()).isEqualTo(HandlingCode.H2);
            // A grant that has expired gives nothing: the case is gone for ID as if it had never been shared.
            expiredShare(on, f.id(), "ID");
            on.hidden(investigator("ID"), S, "GetCase", CaseServiceScenarios::get, f.id());
            on.hidden(investigator("ID"), S, "ListLeads", id -> ListLeadsRequest.newBuilder().setCaseId(id).build(), f.id());
            assertThat(listedCases(on, "ID")).doesNotContain(f.id());
            // ...and it may not pass the case on (the case does not exist for it).
            on.hidden(investigator("ID"), S, "ShareCase", id -> ShareCaseRequest.newBuilder().setId(id)
                    .setCountry("BN").setHandlingCode(HandlingCode.H2).build(), f.id());
            on.invalid(investigator(OWNER), S, "ShareCase", ShareCaseRequest.newBuilder().setId(f.id()).setCountry("BN")
                    .setHandlingCode(HandlingCode.H1).setExpireTime(OnFace.timestamp(Instant.now().minusSeconds(60))).build(),
                    stateOf(on, f.id()), "expire_time");
            // A receiver under H2 may not pass it on; one under H1 (TH) only as strictly or more, and without
            // disclosing victims' contacts; the stranger and the revoked partner find nothing to share.
            on.refused(Status.Code.PERMISSION_DENIED, investigator("PH"), S, "ShareCase", ShareCaseRequest.newBuilder()
                    .setId(f.id()).setCountry("SG").setHandlingCode(HandlingCode.H3).build());
            on.invalid(investigator(PARTNER), S, "ShareCase", ShareCaseRequest.newBuilder().setId(f.id()).setCountry("SG")
                    .setHandlingCode(HandlingCode.H0).build(), stateOf(on, f.id()), "handling_code");
            Case passedOn = on.ok(investigator(PARTNER), S, "ShareCase", ShareCaseRequest.newBuilder().setId(f.id())
                    .setCountry("SG").setHandlingCode(HandlingCode.H2).build(), Case.parser());
            assertThat(passedOn.getSharesList()).extracting(CaseShare::getCountry).containsExactly(PARTNER);
            assertThat(getCase(on, "SG", f.id()).getHandlingCode()).isEqualTo(HandlingCode.H2);
            assertThat(getCase(on, OWNER, f.id()).getSharesList()).filteredOn(x -> x.getCountry().equals("SG"))
                    .singleElement().satisfies(x -> assertThat(x.getGrantedByCountry()).isEqualTo(PARTNER));
            on.hiddenFrom(NOBODY, S, "ShareCase", id -> ShareCaseRequest.newBuilder().setId(id)
                        .setCountry("SG").setHandlingCode(HandlingCode.H0).build(), f.id());
            on.invalid(investigator(OWNER), S, "ShareCase", ShareCaseRequest.newBuilder().setId(f.id()).setCountry("ZZ").build(),
                    stateOf(on, f.id()), "country", "handling_code");
            Supplier<Object> state = stateOf(on, f.id());
            Object before = state.get();
            on.refused(Status.Code.ABORTED, investigator(OWNER), S, "ShareCase", ShareCaseRequest.newBuilder().setId(f.id())
                    .setCountry("SG").setHandlingCode(HandlingCode.H0).setEtag(f.c().getEtag()).build());
            assertThat(state.get()).as("a stale etag changes nothing").isEqualTo(before);
        });

        scenarios.add(S, "ShareCaseWithOperation", on -> {
            Fixture f = fixture(on);
            Operation op = FugitiveServiceScenarios.running(on, OWNER, "PH", "ID");
            Function<String, Message> toOperation = id -> ShareCaseWithOperationRequest.newBuilder().setId(id)
                    .setOperationId(op.getId()).setHandlingCode(HandlingCode.H2).build();
            // Negative cases first: the partner may not, the countries without the case find nothing to share.
            on.refused(Status.Code.PERMISSION_DENIED, investigator(PARTNER), S, "ShareCaseWithOperation", toOperation.apply(f.id()));
            on.hiddenFrom(NOBODY, S, "ShareCaseWithOperation", toOperation, f.id());
            Operation notKrs = FugitiveServiceScenarios.running(on, PARTNER, "SG");
            on.invalid(investigator(OWNER), S, "ShareCaseWithOperation", ShareCaseWithOperationRequest.newBuilder()
                    .setId(f.id()).setOperationId(notKrs.getId()).setHandlingCode(HandlingCode.H1).build(),
                    stateOf(on, f.id()), "operation_id");
            on.invalid(investigator(OWNER), S, "ShareCaseWithOperation", ShareCaseWithOperationRequest.newBuilder()
                    .setId(f.id()).setOperationId("INFRA-SEAF").build(), stateOf(on, f.id()), "operation_id", "handling_code");
            Operation ended = FugitiveServiceScenarios.operation(on, Instant.now().minus(Duration.ofDays(30)),
                    Instant.now().minusSeconds(1), OWNER, "SG");
            Supplier<Object> state = stateOf(on, f.id());
            Object before = state.get();
            on.refused(Status.Code.FAILED_PRECONDITION, investigator(OWNER), S, "ShareCaseWithOperation",
                    ShareCaseWithOperationRequest.newBuilder().setId(f.id()).setOperationId(ended.getId())
                            .setHandlingCode(HandlingCode.H1).build());
            assertThat(state.get()).as("sharing with an ended operation changes nothing").isEqualTo(before);
            on.hidden(investigator("SG"), S, "GetCase", CaseServiceScenarios::get, f.id());

            Case shared = on.ok(investigator(OWNER), S, "ShareCaseWithOperation", toOperation.apply(f.id()), Case.parser());
            // One grant per participant other than the owner: the coordinating country takes part too.
            assertThat(shared.getSharesList()).filteredOn(x -> x.getOperationId().equals(op.getId()))
                    .extracting(CaseShare::getCountry).containsExactlyInAnyOrderElementsOf(op.getParticipantsList().stream()
                            .filter(p -> !p.equals(OWNER)).toList())
                    .contains("PH", "ID", FugitiveServiceScenarios.COORDINATOR);
            assertThat(shared.getSharesList()).filteredOn(x -> x.getOperationId().equals(op.getId()))
                    .allSatisfy(x -> assertThat(x.getExpireTime().getSeconds()).isEqualTo(op.getEndTime().getSeconds()));
            for (String participant : List.of("PH", "ID")) {
                Case seen = getCase(on, participant, f.id());
                assertThat(seen.getHandlingCode()).as(participant).isEqualTo(HandlingCode.H2);
                assertThat(seen.getSharesList()).as(participant).extracting(CaseShare::getCountry).containsExactly(participant);
                assertThat(listedCases(on, participant)).as(participant).contains(f.id());
            }
            // The earlier grants are untouched; the countries outside the operation still find nothing.
            assertThat(getCase(on, PARTNER, f.id()).getHandlingCode()).isEqualTo(HandlingCode.H1);
            on.hiddenFrom(NOBODY, S, "GetCase", CaseServiceScenarios::get, f.id());
        });

        scenarios.add(S, "RevokeShare", on -> {
            Fixture f = fixture(on);
            on.refused(Status.Code.PERMISSION_DENIED, investigator(PARTNER), S, "RevokeShare",
                    RevokeShareRequest.newBuilder().setId(f.id()).setCountry(PARTNER).build());
            on.hidden(investigator(STRANGER), S, "RevokeShare",
                    id -> RevokeShareRequest.newBuilder().setId(id).setCountry(PARTNER).build(), f.id());
            on.invalid(investigator(OWNER), S, "RevokeShare", RevokeShareRequest.newBuilder().setId(f.id()).build(),
                    stateOf(on, f.id()), "country");
            Case revoked = on.ok(investigator(OWNER), S, "RevokeShare",
                    RevokeShareRequest.newBuilder().setId(f.id()).setCountry(PARTNER).build(), Case.parser());
            assertThat(revoked.getSharesList()).isEmpty();
            on.hidden(investigator(PARTNER), S, "GetCase", CaseServiceScenarios::get, f.id());
            on.hidden(investigator(PARTNER), S, "ListLeads", id -> ListLeadsRequest.newBuilder().setCaseId(id).build(), f.id());
            assertThat(listedCases(on, PARTNER)).doesNotContain(f.id());
            // The lead assigned to LA is a grant of its own: it outlives the shares.
            assertThat(getCase(on, ASSIGNEE, f.id()).getHeaderOnly()).isTrue();
        });

        scenarios.add(S, "ListCaseReads", on -> {
            Fixture f = fixture(on);
            getCase(on, PARTNER, f.id());
            List<AuditRecord> reads = on.ok(investigator(OWNER), S, "ListCaseReads",
                    ListCaseReadsRequest.newBuilder().setId(f.id()).build(), ListCaseReadsResponse.parser()).getReadsList();
            assertThat(reads).extracting(AuditRecord::getActorCountry).contains(PARTNER).doesNotContain(OWNER);
            on.ownerOnly(READERS, NOBODY, S, "ListCaseReads", id -> ListCaseReadsRequest.newBuilder().setId(id).build(), f.id());
        });

        scenarios.add(S, "UpdateCase", on -> {
            Fixture f = fixture(on);
            Case changed = on.ok(investigator(OWNER), S, "UpdateCase", UpdateCaseRequest.newBuilder()
                    .setCase(Case.newBuilder().setId(f.id()).setTitle("Renamed " + RUN).setEtag(f.c().getEtag()))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("title")).build(), Case.parser());
            assertThat(changed.getTitle()).isEqualTo("Renamed " + RUN);
            assertThat(changed.getSummary()).isEqualTo(f.c().getSummary());
            assertThat(getCase(on, PARTNER, f.id()).getTitle()).isEqualTo("Renamed " + RUN);
            on.deniedTo(READERS, S, "UpdateCase", UpdateCaseRequest.newBuilder()
                        .setCase(Case.newBuilder().setId(f.id()).setTitle("Taken over")).build());
            on.hiddenFrom(NOBODY, S, "UpdateCase", id -> UpdateCaseRequest.newBuilder()
                        .setCase(Case.newBuilder().setId(id).setTitle("Taken over")).build(), f.id());
            on.invalid(investigator(OWNER), S, "UpdateCase", UpdateCaseRequest.newBuilder()
                    .setCase(Case.newBuilder().setId(f.id()).setTitle(" "))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("title")).build(), stateOf(on, f.id()), "case.title");
            Supplier<Object> state = stateOf(on, f.id());
            Object before = state.get();
            on.refused(Status.Code.ABORTED, investigator(OWNER), S, "UpdateCase", UpdateCaseRequest.newBuilder()
                    .setCase(Case.newBuilder().setId(f.id()).setTitle("Stale").setEtag(f.c().getEtag())).build());
            assertThat(state.get()).isEqualTo(before);
        });

        scenarios.add(S, "TransitionCase", on -> {
            Fixture f = fixture(on);
            Case moved = on.ok(investigator(OWNER), S, "TransitionCase", TransitionCaseRequest.newBuilder().setId(f.id())
                    .setStatus(Case.Status.UNDER_INVESTIGATION).build(), Case.parser());
            assertThat(moved.getStatus()).isEqualTo(Case.Status.UNDER_INVESTIGATION);
            Supplier<Object> state = stateOf(on, f.id());
            Object before = state.get();
            on.refused(Status.Code.FAILED_PRECONDITION, investigator(OWNER), S, "TransitionCase",
                    TransitionCaseRequest.newBuilder().setId(f.id()).setStatus(Case.Status.OPEN).build());
            assertThat(state.get()).isEqualTo(before);
            on.refused(Status.Code.PERMISSION_DENIED, investigator(PARTNER), S, "TransitionCase",
                    TransitionCaseRequest.newBuilder().setId(f.id()).setStatus(Case.Status.CLOSED).build());
            on.hiddenFrom(NOBODY, S, "TransitionCase", id -> TransitionCaseRequest.newBuilder().setId(id)
                        .setStatus(Case.Status.CLOSED).build(), f.id());
            on.invalid(investigator(OWNER), S, "TransitionCase", TransitionCaseRequest.newBuilder().setId(f.id()).build(),
                    state, "status");
        });

        scenarios.add(S, "CreateLead", on -> {
            Fixture f = fixture(on);
            Lead lead = on.ok(investigator(OWNER), S, "CreateLead", CreateLeadRequest.newBuilder().setCaseId(f.id())
                    .setLead(Lead.newBuilder().setKind(Lead.Kind.PHONE_NUMBER).setValue(thaiPhone())).build(), Lead.parser());
            assertThat(lead.getNormalizedValue()).startsWith("phone:+66");
            assertThat(lead.getStatus()).isEqualTo(Lead.Status.NEW);
            on.deniedTo(READERS, S, "CreateLead", CreateLeadRequest.newBuilder()
                        .setCaseId(f.id()).setLead(Lead.newBuilder().setKind(Lead.Kind.OTHER).setValue("planted")).build());
            on.hiddenFrom(NOBODY, S, "CreateLead", id -> CreateLeadRequest.newBuilder().setCaseId(id)
                        .setLead(Lead.newBuilder().setKind(Lead.Kind.OTHER).setValue("planted")).build(), f.id());
            on.invalid(investigator(OWNER), S, "CreateLead", CreateLeadRequest.newBuilder().setCaseId(f.id())
                    .setLead(Lead.newBuilder().setKind(Lead.Kind.PHONE_NUMBER).setValue("call me maybe")).build(),
                    () -> leads(on, OWNER, f.id()), "lead.value");
        });

        scenarios.add(S, "GetLead", on -> {
            Fixture f = fixture(on);
            assertThat(getLead(on, OWNER, f, f.unassigned()).getValue()).isEqualTo(f.unassigned().getValue());
            assertThat(getLead(on, PARTNER, f, f.unassigned()).getValue()).isEqualTo(f.unassigned().getValue());
            assertThat(getLead(on, ASSIGNEE, f, f.assigned()).getAssignedCountry()).isEqualTo(ASSIGNEE);
            // The assignee sees its lead only, not the others of the case.
            on.hidden(investigator(ASSIGNEE), S, "GetLead", id -> GetLeadRequest.newBuilder().setCaseId(f.id()).setId(id).build(),
                    f.unassigned().getId());
            for (String nobody : List.of(STRANGER, REVOKED)) {
                on.hidden(investigator(nobody), S, "GetLead", id -> GetLeadRequest.newBuilder().setCaseId(f.id()).setId(id).build(),
                        f.assigned().getId());
                on.hidden(investigator(nobody), S, "GetLead", id -> GetLeadRequest.newBuilder().setCaseId(id)
                        .setId(f.assigned().getId()).build(), f.id());
            }
        });

        scenarios.add(S, "ListLeads", on -> {
            Fixture f = fixture(on);
            List<String> all = List.of(f.assigned().getId(), f.unassigned().getId());
            assertThat(leads(on, OWNER, f.id())).extracting(Lead::getId).containsExactlyElementsOf(all);
            assertThat(leads(on, PARTNER, f.id())).extracting(Lead::getId).containsExactlyElementsOf(all);
            assertThat(leads(on, ASSIGNEE, f.id())).extracting(Lead::getId).containsExactly(f.assigned().getId());
            on.hiddenFrom(NOBODY, S, "ListLeads", id -> ListLeadsRequest.newBuilder().setCaseId(id).build(), f.id());
        });

        scenarios.add(S, "AssignLead", on -> {
            Fixture f = fixture(on);
            on.hidden(investigator("KH"), S, "GetLead", id -> GetLeadRequest.newBuilder().setCaseId(f.id()).setId(id).build(),
                    f.assigned().getId());
            Lead moved = assign(on, f.id(), f.assigned().getId(), "KH");
            assertThat(moved.getAssignedCountry()).isEqualTo("KH");
            assertThat(getLead(on, "KH", f, f.assigned()).getId()).isEqualTo(f.assigned().getId());
            // Reassigned: LA's grant ends at once.
            on.hidden(investigator(ASSIGNEE), S, "GetLead", id -> GetLeadRequest.newBuilder().setCaseId(f.id()).setId(id).build(),
                    f.assigned().getId());
            on.hidden(investigator(ASSIGNEE), S, "GetCase", CaseServiceScenarios::get, f.id());
            on.refused(Status.Code.PERMISSION_DENIED, investigator(PARTNER), S, "AssignLead", AssignLeadRequest.newBuilder()
                    .setCaseId(f.id()).setId(f.unassigned().getId()).setCountry(PARTNER).setHandlingCode(HandlingCode.H0).build());
            for (String nobody : List.of(STRANGER, REVOKED)) {
                on.hidden(investigator(nobody), S, "AssignLead", id -> AssignLeadRequest.newBuilder().setCaseId(f.id()).setId(id)
                        .setCountry(nobody).setHandlingCode(HandlingCode.H0).build(), f.unassigned().getId());
            }
            on.invalid(investigator(OWNER), S, "AssignLead", AssignLeadRequest.newBuilder().setCaseId(f.id())
                    .setId(f.unassigned().getId()).setCountry("ZZ").build(),
                    () -> getLead(on, OWNER, f, f.unassigned()), "country", "handling_code");
        });

        scenarios.add(S, "SetLeadStatus", on -> {
            Fixture f = fixture(on);
            Lead working = on.ok(investigator(ASSIGNEE), S, "SetLeadStatus", SetLeadStatusRequest.newBuilder().setCaseId(f.id())
                    .setId(f.assigned().getId()).setStatus(Lead.Status.IN_PROGRESS).build(), Lead.parser());
            assertThat(working.getStatus()).isEqualTo(Lead.Status.IN_PROGRESS);
            on.ok(investigator(OWNER), S, "SetLeadStatus", SetLeadStatusRequest.newBuilder().setCaseId(f.id())
                    .setId(f.assigned().getId()).setStatus(Lead.Status.CONFIRMED).build(), Lead.parser());
            on.refused(Status.Code.PERMISSION_DENIED, investigator(PARTNER), S, "SetLeadStatus", SetLeadStatusRequest.newBuilder()
                    .setCaseId(f.id()).setId(f.unassigned().getId()).setStatus(Lead.Status.DISMISSED).build());
            on.hidden(investigator(ASSIGNEE), S, "SetLeadStatus", id -> SetLeadStatusRequest.newBuilder().setCaseId(f.id())
                    .setId(id).setStatus(Lead.Status.DISMISSED).build(), f.unassigned().getId());
            on.hiddenFrom(NOBODY, S, "SetLeadStatus", id -> SetLeadStatusRequest.newBuilder().setCaseId(f.id())
                        .setId(id).setStatus(Lead.Status.DISMISSED).build(), f.assigned().getId());
            on.invalid(investigator(OWNER), S, "SetLeadStatus", SetLeadStatusRequest.newBuilder().setCaseId(f.id())
                    .setId(f.unassigned().getId()).build(), () -> getLead(on, OWNER, f, f.unassigned()), "status");
        });

        scenarios.add(S, "AddLeadFinding", on -> {
            Fixture f = fixture(on);
            Lead found = on.ok(investigator(ASSIGNEE), S, "AddLeadFinding", AddLeadFindingRequest.newBuilder().setCaseId(f.id())
                    .setId(f.assigned().getId()).setText("Handle registered from a Lao number").build(), Lead.parser());
            assertThat(found.getFindingsList()).singleElement().satisfies(x -> assertThat(x.getCountry()).isEqualTo(ASSIGNEE));
            on.refused(Status.Code.PERMISSION_DENIED, investigator(PARTNER), S, "AddLeadFinding", AddLeadFindingRequest.newBuilder()
                    .setCaseId(f.id()).setId(f.assigned().getId()).setText("mine too").build());
            on.hiddenFrom(NOBODY, S, "AddLeadFinding", id -> AddLeadFindingRequest.newBuilder().setCaseId(f.id())
                        .setId(id).setText("planted").build(), f.assigned().getId());
            on.invalid(investigator(ASSIGNEE), S, "AddLeadFinding", AddLeadFindingRequest.newBuilder().setCaseId(f.id())
                    .setId(f.assigned().getId()).setText("").build(), () -> getLead(on, OWNER, f, f.assigned()), "text");
        });

        scenarios.add(S, "AddPerson", on -> {
            Fixture f = fixture(on);
            Person added = on.ok(investigator(OWNER), S, "AddPerson", AddPersonRequest.newBuilder().setCaseId(f.id())
                    .setPerson(Person.newBuilder().setRole(Person.Role.SUSPECT).setFullName("Recruiter " + RUN)).build(),
                    Person.parser());
            assertThat(persons(on, investigator(OWNER), f.id())).extracting(Person::getId).contains(added.getId());
            on.deniedTo(READERS, S, "AddPerson", AddPersonRequest.newBuilder()
                        .setCaseId(f.id()).setPerson(Person.newBuilder().setRole(Person.Role.SUSPECT).setFullName("x")).build());
            on.hiddenFrom(NOBODY, S, "AddPerson", id -> AddPersonRequest.newBuilder().setCaseId(id)
                        .setPerson(Person.newBuilder().setRole(Person.Role.SUSPECT).setFullName("x")).build(), f.id());
            on.invalid(investigator(OWNER), S, "AddPerson", AddPersonRequest.newBuilder().setCaseId(f.id())
                    .setPerson(Person.newBuilder().setRole(Person.Role.VICTIM).setFullName(" ").setNationality("Korea")).build(),
                    () -> persons(on, investigator(OWNER), f.id()), "person.full_name", "person.nationality");
        });

        scenarios.add(S, "ListPersons", on -> {
            Fixture f = fixture(on);
            assertThat(persons(on, investigator(OWNER), f.id())).extracting(Person::getContact).containsOnly("+82 10 1234 5678");
            // H1 without disclosure: an investigator of the partner sees the victim without contact details...
            List<Person> partners = persons(on, investigator(PARTNER), f.id());
            assertThat(partners).extracting(Person::getRole).containsExactly(Person.Role.SUSPECT, Person.Role.VICTIM);
            assertThat(partners.get(1).getContact()).isEmpty();
            assertThat(partners.get(1).getContactWithheld()).isTrue();
            // ...an analyst of the partner sees no victim at all, the assignee no persons.
            assertThat(persons(on, analyst(PARTNER), f.id())).extracting(Person::getRole).containsExactly(Person.Role.SUSPECT);
            assertThat(persons(on, investigator(ASSIGNEE), f.id())).isEmpty();
            // H0 with the contacts disclosed: the victim's contact too; H2: no victim, disclosure or not.
            on.ok(investigator(OWNER), S, "ShareCase", ShareCaseRequest.newBuilder().setId(f.id()).setCountry("PH")
                    .setHandlingCode(HandlingCode.H0).setDiscloseVictimContacts(true).build(), Case.parser());
            on.ok(investigator(OWNER), S, "ShareCase", ShareCaseRequest.newBuilder().setId(f.id()).setCountry("SG")
                    .setHandlingCode(HandlingCode.H2).setDiscloseVictimContacts(true).build(), Case.parser());
            assertThat(persons(on, investigator("PH"), f.id())).filteredOn(p -> p.getRole() == Person.Role.VICTIM)
                    .singleElement().satisfies(p -> assertThat(p.getContact()).isEqualTo("+82 10 1234 5678"));
            assertThat(persons(on, investigator("SG"), f.id())).extracting(Person::getRole).containsExactly(Person.Role.SUSPECT);
            on.hiddenFrom(NOBODY, S, "ListPersons",
                    id -> ListPersonsRequest.newBuilder().setCaseId(id).build(), f.id());
        });

        scenarios.add(S, "MatchIdentifier", on -> {
            Fixture f = fixture(on);
            String number = thaiPhone();
            on.ok(investigator(OWNER), S, "CreateLead", CreateLeadRequest.newBuilder().setCaseId(f.id())
                    .setLead(Lead.newBuilder().setKind(Lead.Kind.PHONE_NUMBER).setValue(number)).build(), Lead.parser());
            MatchIdentifierRequest match = MatchIdentifierRequest.newBuilder().setIdentifier(phone(number.replace(" ", "")))
                    .setPurpose("victim intake " + RUN).build();
            for (String seeing : List.of(OWNER, PARTNER)) {
                MatchIdentifierResponse answer = on.ok(investigator(seeing), S, "MatchIdentifier", match,
                        MatchIdentifierResponse.parser());
                assertThat(answer.getCasesList()).as(seeing).extracting(Case::getId).containsExactly(f.id());
                assertThat(answer.getHitsList()).as(seeing).isEmpty();
            }
            // The assignee sees the case's header: a match shows it as a header, or as a hit.
            MatchIdentifierResponse assignees = on.ok(investigator(ASSIGNEE), S, "MatchIdentifier", match,
                    MatchIdentifierResponse.parser());
            assignees.getCasesList().forEach(CaseServiceScenarios::assertHeaderOnly);
            assertThat(assignees.getCasesCount() + assignees.getHitsCount()).isEqualTo(1);
            for (String nobody : List.of(STRANGER, REVOKED)) {
                MatchIdentifierResponse answer = on.ok(investigator(nobody), S, "MatchIdentifier", match,
                        MatchIdentifierResponse.parser());
                assertThat(answer.getCasesList()).as(nobody).isEmpty();
                assertThat(answer.getHitsList()).as(nobody).extracting(IdentifierHit::getOwnerCountry, IdentifierHit::getReference)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(OWNER, f.c().getReference()));
                assertThat(answer.toString()).doesNotContain(f.id()).doesNotContain(f.c().getTitle());
            }
            on.invalid(investigator(STRANGER), S, "MatchIdentifier", match.toBuilder().clearPurpose().build(),
                    () -> checksOf(on, f.id()), "purpose");
            on.invalid(investigator(STRANGER), S, "MatchIdentifier", match.toBuilder()
                    .setIdentifier(Identifier.newBuilder().setKind(Identifier.Kind.CRYPTO_WALLET).setValue("0x1234")).build(),
                    () -> checksOf(on, f.id()), "identifier.value");
        });

        scenarios.add(S, "ListCaseChecks", on -> {
            Fixture f = fixture(on);
            String number = thaiPhone();
            on.ok(investigator(OWNER), S, "CreateLead", CreateLeadRequest.newBuilder().setCaseId(f.id())
                    .setLead(Lead.newBuilder().setKind(Lead.Kind.PHONE_NUMBER).setValue(number)).build(), Lead.parser());
            on.ok(investigator(STRANGER), S, "MatchIdentifier", MatchIdentifierRequest.newBuilder().setIdentifier(phone(number))
                    .setPurpose("border check " + RUN).build(), MatchIdentifierResponse.parser());
            OnFace.assertOneCheck(checksOf(on, f.id()), STRANGER, "border check " + RUN);
            on.ownerOnly(List.of(investigator(PARTNER)), NOBODY, S, "ListCaseChecks",
                    id -> ListCaseChecksRequest.newBuilder().setId(id).build(), f.id());
        });

        scenarios.add(S, "RegisterScamReport", on -> {
            String requestId = "intake-" + UUID.randomUUID();
            RegisterScamReportRequest register = RegisterScamReportRequest.newBuilder().setRequestId(requestId)
                    .setScamReport(report(thaiPhone())).build();
            ScamReport filed = on.ok(investigator(OWNER), S, "RegisterScamReport", register, ScamReport.parser());
            assertThat(filed.getReportingCountry()).isEqualTo(OWNER);
            assertThat(filed.getIdentifiers(0).getNormalizedValue()).startsWith("phone:+66");
            assertThat(on.ok(investigator(OWNER), S, "RegisterScamReport", register, ScamReport.parser()).getId())
                    .isEqualTo(filed.getId());
            ScamReport vns = on.ok(investigator(STRANGER), S, "RegisterScamReport", register, ScamReport.parser());
            assertThat(vns.getId()).isNotEqualTo(filed.getId());
            assertThat(reports(on, STRANGER)).doesNotContain(filed.getId());
            on.invalid(investigator(OWNER), S, "RegisterScamReport", RegisterScamReportRequest.newBuilder()
                    .setScamReport(report(thaiPhone()).clearChannel().setAmountLost(Money.newBuilder().setCurrencyCode("XYZ1")))
                    .build(), () -> reports(on, OWNER), "scam_report.channel", "scam_report.amount_lost.currency_code");
        });

        scenarios.add(S, "GetScamReport", on -> {
            ScamReport filed = on.ok(investigator(OWNER), S, "RegisterScamReport", RegisterScamReportRequest.newBuilder()
                    .setScamReport(report(thaiPhone())).build(), ScamReport.parser());
            for (String concerned : List.of(OWNER, PARTNER)) {
                assertThat(on.ok(investigator(concerned), S, "GetScamReport", GetScamReportRequest.newBuilder()
                        .setId(filed.getId()).build(), ScamReport.parser()).getNarrative()).isEqualTo(filed.getNarrative());
            }
            on.hidden(investigator(STRANGER), S, "GetScamReport", id -> GetScamReportRequest.newBuilder().setId(id).build(),
                    filed.getId());
            // A report whose wallet (no country of its own) is a lead of KR's case concerns KR and its share partner
            // TH; not the country whose share was revoked before, nor one with nothing.
            Fixture f = fixture(on);
            String wallet = "eth:0x" + UUID.randomUUID().toString().replace("-", "") + "abcdef01";
            on.ok(investigator(OWNER), S, "CreateLead", CreateLeadRequest.newBuilder().setCaseId(f.id()).setLead(Lead.newBuilder()
                    .setKind(Lead.Kind.CRYPTO_WALLET).setValue(wallet)).build(), Lead.parser());
            ScamReport fromPh = on.ok(investigator("PH"), S, "RegisterScamReport", RegisterScamReportRequest.newBuilder()
                    .setScamReport(report(thaiPhone()).clearIdentifiers().addIdentifiers(Identifier.newBuilder()
                            .setKind(Identifier.Kind.CRYPTO_WALLET).setValue(wallet))).build(), ScamReport.parser());
            for (String concerned : List.of("PH", OWNER, PARTNER)) {
                assertThat(on.ok(investigator(concerned), S, "GetScamReport", GetScamReportRequest.newBuilder()
                        .setId(fromPh.getId()).build(), ScamReport.parser()).getReportingCountry()).isEqualTo("PH");
            }
            on.hiddenFrom(NOBODY, S, "GetScamReport", id -> GetScamReportRequest.newBuilder().setId(id).build(), fromPh.getId());
            assertThat(reports(on, REVOKED)).doesNotContain(fromPh.getId());
        });

        scenarios.add(S, "ListScamReports", on -> {
            ScamReport filed = on.ok(investigator(OWNER), S, "RegisterScamReport", RegisterScamReportRequest.newBuilder()
                    .setScamReport(report(thaiPhone())).build(), ScamReport.parser());
            assertThat(reports(on, OWNER)).contains(filed.getId());
            assertThat(reports(on, PARTNER)).contains(filed.getId());
            assertThat(reports(on, STRANGER)).doesNotContain(filed.getId());
            on.invalid(investigator(OWNER), S, "ListScamReports", ListScamReportsRequest.newBuilder().setPageSize(-1).build(),
                    NOTHING, "page_size");
        });

        scenarios.add(S, "WatchEvents", on -> EveryRpcOverBothFacesTest.watchEvents(on, S, investigator(OWNER),
                investigator(PARTNER), investigator(STRANGER),
                () -> open(on, OWNER, "Watched case").getId(),
                id -> share(on, id, PARTNER, HandlingCode.H1),
                id -> on.ok(investigator(OWNER), S, "RevokeShare", RevokeShareRequest.newBuilder().setId(id).setCountry(PARTNER)
                        .build(), Case.parser()),
                () -> open(on, PARTNER, "Partner's own case").getId(),
                () -> open(on, STRANGER, "Stranger's own case").getId()));

        scenarios.add(S, "VerifyAuditTrail", on -> EveryRpcOverBothFacesTest.verifyAuditTrail(on, S));
    }

    static List<AuditRecord> checksOf(OnFace on, String caseId) {
        return on.ok(investigator(OWNER), S, "ListCaseChecks", ListCaseChecksRequest.newBuilder().setId(caseId).build(),
                ListCaseChecksResponse.parser()).getChecksList();
    }

    static List<String> reports(OnFace on, String tenant) {
        return on.ok(investigator(tenant), S, "ListScamReports", ListScamReportsRequest.newBuilder().setPageSize(200).build(),
                ListScamReportsResponse.parser()).getScamReportsList().stream().map(ScamReport::getId).toList();
    }
}
