package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.chainbreaker.cases.v1.AddLeadFindingRequest;
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.AssignTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.CreateTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.LinkScamCentreCaseRequest;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.RegisterScamReportRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ScamReport;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.ShareScamCentreRequest;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.devstack.DatabaseBackstop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The case-service's database attacked alone, as its application role with the session set to a country that owns
 * nothing (devstack's {@link DatabaseBackstop}: every table, policy and function read from the catalog). The rows
 * attacked are seeded through the service by PH (owner) and ID (partner, assignee, reporter, checker).
 */
class DatabaseAttackTest extends RunningCaseService {

    private static final DatabaseBackstop BACKSTOP = DatabaseBackstop.of(DATABASE);
    private static boolean seeded;
    private static Case phCase;
    private static ScamCentre phCentre;

    @BeforeEach
    void seedOnce() {
        // The first calls of a freshly started service may exceed their deadline on a loaded machine: seed again.
        for (int attempt = 1; !seeded; attempt++) {
            try {
                seed();
            } catch (io.grpc.StatusRuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void report() throws SQLException {
        System.out.println("DatabaseAttackTest " + BACKSTOP.coverage());
    }

    private static void seed() {
        CaseServiceGrpc.CaseServiceBlockingStub ph = casesAs("PH", "ph-investigator", "investigator");
        CaseServiceGrpc.CaseServiceBlockingStub id = casesAs("ID", "id-investigator", "investigator");
        String phone = "+63 917 " + (1_000_000 + (int) (Math.random() * 8_999_999));
        Case shared = ph.createCase(CreateCaseRequest.newBuilder().setCase(Case.newBuilder().setTitle("Seeded, shared")
                .setCategory(Case.Category.OTHER)).build());
        Case hidden = ph.createCase(CreateCaseRequest.newBuilder().setCase(Case.newBuilder().setTitle("Seeded, hidden")
                .setCategory(Case.Category.OTHER)).build());
        ph.shareCase(ShareCaseRequest.newBuilder().setId(shared.getId()).setCountry("ID").setHandlingCode(HandlingCode.H0)
                .setDiscloseVictimContacts(true).build());
        for (Person.Role role : new Person.Role[] {Person.Role.VICTIM, Person.Role.SUSPECT}) {
            ph.addPerson(AddPersonRequest.newBuilder().setCaseId(shared.getId()).setPerson(Person.newBuilder()
                    .setRole(role).setFullName("Seeded " + role).setContact("contact of " + role)).build());
        }
        Lead lead = ph.createLead(CreateLeadRequest.newBuilder().setCaseId(shared.getId()).setLead(Lead.newBuilder()
                .setKind(Lead.Kind.PHONE_NUMBER).setValue(phone)).build());
        ph.createLead(CreateLeadRequest.newBuilder().setCaseId(hidden.getId()).setLead(Lead.newBuilder()
                .setKind(Lead.Kind.PHONE_NUMBER).setValue(phone)).build());
        ph.assignLead(AssignLeadRequest.newBuilder().setCaseId(shared.getId()).setId(lead.getId()).setCountry("ID")
                .setHandlingCode(HandlingCode.H1).build());
        id.addLeadFinding(AddLeadFindingRequest.newBuilder().setCaseId(shared.getId()).setId(lead.getId())
                .setText("Seeded finding").build());
        ScamCentre centre = ph.createScamCentre(CreateScamCentreRequest.newBuilder().setScamCentre(ScamCentre.newBuilder()
                .setName("Seeded compound").setLocation(ScamCentre.Location.newBuilder().setCountry("MM")
                        .setProvince("Kayin State").setCity("Myawaddy"))).build());
        ph.shareScamCentre(ShareScamCentreRequest.newBuilder().setId(centre.getId()).setCountry("ID")
                .setHandlingCode(HandlingCode.H1).build());
        ph.linkScamCentreCase(LinkScamCentreCaseRequest.newBuilder().setId(centre.getId()).setCaseId(shared.getId()).build());
        TechnicalAnalysis analysis = ph.createTechnicalAnalysis(CreateTechnicalAnalysisRequest.newBuilder()
                .setCaseId(hidden.getId()).setTechnicalAnalysis(TechnicalAnalysis.newBuilder()
                        .setKind(TechnicalAnalysis.Kind.MALWARE).setTitle("Seeded analysis")).build());
        ph.assignTechnicalAnalysis(AssignTechnicalAnalysisRequest.newBuilder().setCaseId(hidden.getId())
                .setId(analysis.getId()).setCountry("ID").setHandlingCode(HandlingCode.H1).build());
        id.registerScamReport(RegisterScamReportRequest.newBuilder().setRequestId("seed-" + UUID.randomUUID())
                .setScamReport(ScamReport.newBuilder().setChannel(ScamReport.Channel.MESSAGING_APP)
                        .setMethod(ScamReport.Method.INVESTMENT).setNarrative("Seeded report")
                        .addIdentifiers(Identifier.newBuilder().setKind(Identifier.Kind.PHONE_NUMBER).setValue(phone)))
                .build());
        // A hit on the hidden case: its owner is told by an event of record type case_reference.
        id.matchIdentifier(MatchIdentifierRequest.newBuilder().setIdentifier(Identifier.newBuilder()
                .setKind(Identifier.Kind.PHONE_NUMBER).setValue(phone)).setPurpose("seeded check").build());
        phCase = hidden;
        phCentre = centre;
        seeded = true;
    }

    /**
     * The update policies check ownership of the record a row points at, not only the row's own owner column: a
     * country cannot move its own share, lead or analysis onto another country's case, nor its centre share onto
     * another country's centre (each would have granted it, or injected into, the other country's record).
     */
    @Test
    void a_country_cannot_move_its_own_rows_onto_another_countrys_records() throws SQLException {
        var kr = casesAs("KR", "kr-investigator", "investigator");
        Case own = kr.createCase(CreateCaseRequest.newBuilder().setCase(Case.newBuilder().setTitle("KR own")
                .setCategory(Case.Category.OTHER)).build());
        kr.shareCase(ShareCaseRequest.newBuilder().setId(own.getId()).setCountry("TH").setHandlingCode(HandlingCode.H0).build());
        Lead lead = kr.createLead(CreateLeadRequest.newBuilder().setCaseId(own.getId()).setLead(Lead.newBuilder()
                .setKind(Lead.Kind.OTHER).setValue("own lead")).build());
        TechnicalAnalysis analysis = kr.createTechnicalAnalysis(CreateTechnicalAnalysisRequest.newBuilder()
                .setCaseId(own.getId()).setTechnicalAnalysis(TechnicalAnalysis.newBuilder()
                        .setKind(TechnicalAnalysis.Kind.OTHER).setTitle("own analysis")).build());
        ScamCentre centre = kr.createScamCentre(CreateScamCentreRequest.newBuilder().setScamCentre(ScamCentre.newBuilder()
                .setName("KR compound").setLocation(ScamCentre.Location.newBuilder().setCountry("KH")
                        .setProvince("Preah Sihanouk").setCity("Sihanoukville"))).build());
        kr.shareScamCentre(ShareScamCentreRequest.newBuilder().setId(centre.getId()).setCountry("TH")
                .setHandlingCode(HandlingCode.H1).build());
        String theirs = phCase.getId();
        for (String sql : java.util.List.of(
                "update case_shares set case_id = '" + theirs + "' where case_id = '" + own.getId() + "'",
                "update case_leads set case_id = '" + theirs + "' where id = '" + lead.getId() + "'",
                "update case_analyses set case_id = '" + theirs + "' where id = '" + analysis.getId() + "'",
                "update scam_centre_shares set centre_id = '" + phCentre.getId() + "', country = 'KR'"
                        + " where centre_id = '" + centre.getId() + "'",
                "insert into scam_centre_shares (centre_id, owner_country, country, handling_code, shared_by, share_time)"
                        + " values ('" + phCentre.getId() + "', 'KR', 'KR', 'H0', 'kr-investigator', now())")) {
            try (java.sql.Connection app = org.chainbreaker.devstack.AppRoleSession.open(DATABASE, "KR")) {
                String state = null;
                try {
                    app.createStatement().executeUpdate(sql);
                } catch (SQLException e) {
                    state = e.getSQLState();
                }
                // 42501: refused by a policy (new row violates row-level security).
                assertThat(state).as(sql).isEqualTo("42501");
                app.rollback();
            }
        }
    }

    @Test
    void the_catalog_gives_the_application_role_nothing_beyond_its_policies() throws SQLException {
        assertThat(BACKSTOP.catalogFailures()).isEmpty();
    }

    @Test
    void the_application_role_cannot_create_a_temporary_view_named_like_a_table() throws SQLException {
        assertThat(BACKSTOP.temporaryObjectFailures()).isEmpty();
    }

    @Test
    void no_definer_function_reads_a_temporary_shadow_even_where_temporary_objects_are_allowed() throws SQLException {
        assertThat(BACKSTOP.shadowFailures()).isEmpty();
    }

    @Test
    void a_country_without_grants_reads_changes_and_inserts_nothing_of_other_countries() throws SQLException {
        assertThat(BACKSTOP.rowAttackFailures(Map.of())).isEmpty();
    }

    @Test
    void a_country_cannot_forge_events_into_another_countrys_stream() throws SQLException {
        assertThat(BACKSTOP.forgedEventFailures()).isEmpty();
    }

    @Test
    void every_function_answers_a_country_without_grants_nothing_about_other_countries() throws SQLException {
        assertThat(BACKSTOP.functionAttackFailures()).isEmpty();
        assertThat(BACKSTOP.crossTenantFunctions()).containsExactlyInAnyOrder(
                "cases_identifier_hits(text)", "cases_identifier_audience(text[])");
    }
}
