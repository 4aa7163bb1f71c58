package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.devstack.AppRoleSession;
import org.junit.jupiter.api.Test;

/**
 * The database's own enforcement, with the service's application role and queries that deliberately
 * forget their tenant predicate: the policies alone must keep each country to what it may see.
 */
class RowLevelSecurityTest extends RunningCaseService {

    private Connection asApplication(String tenant) throws SQLException {
        return AppRoleSession.open(DATABASE, tenant);
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        return AppRoleSession.column(connection, sql);
    }

    @Test
    void a_query_without_a_where_clause_sees_only_the_tenants_own_and_granted_cases()
            throws SQLException {
        Case krOnly =
                casesAs("KR", "kr-investigator", "investigator")
                        .createCase(
                                CreateCaseRequest.newBuilder()
                                        .setCase(
                                                Case.newBuilder()
                                                        .setTitle("KR only")
                                                        .setCategory(Case.Category.OTHER))
                                        .build());
        Case krShared =
                casesAs("KR", "kr-investigator", "investigator")
                        .createCase(
                                CreateCaseRequest.newBuilder()
                                        .setCase(
                                                Case.newBuilder()
                                                        .setTitle("KR shared")
                                                        .setCategory(Case.Category.OTHER))
                                        .build());
        casesAs("KR", "kr-investigator", "investigator")
                .shareCase(
                        ShareCaseRequest.newBuilder()
                                .setId(krShared.getId())
                                .setCountry("LA")
                                .setHandlingCode(HandlingCode.H1)
                                .build());

        try (Connection la = asApplication("LA")) {
            assertThat(column(la, "select id from cases"))
                    .contains(krShared.getId())
                    .doesNotContain(krOnly.getId());
            assertThat(column(la, "select owner_country from cases"))
                    .isNotEmpty()
                    .isSubsetOf("KR", "LA");
            assertThat(column(la, "select country from case_shares")).containsOnly("LA");
            assertThat(column(la, "select count(*) from case_reference_counters"))
                    .containsExactly("0");
        }
    }

    @Test
    void without_a_tenant_setting_nothing_is_visible() throws SQLException {
        casesAs("KR", "kr-investigator", "investigator")
                .createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Any")
                                                .setCategory(Case.Category.OTHER))
                                .build());
        try (Connection nobody = asApplication(null)) {
            assertThat(column(nobody, "select count(*) from cases")).containsExactly("0");
            assertThat(column(nobody, "select count(*) from case_shares")).containsExactly("0");
        }
    }

    @Test
    void a_tenant_cannot_write_rows_of_another_owner_nor_change_them() throws SQLException {
        Case krCase =
                casesAs("KR", "kr-investigator", "investigator")
                        .createCase(
                                CreateCaseRequest.newBuilder()
                                        .setCase(
                                                Case.newBuilder()
                                                        .setTitle("KR")
                                                        .setCategory(Case.Category.OTHER))
                                        .build());
        casesAs("KR", "kr-investigator", "investigator")
                .shareCase(
                        ShareCaseRequest.newBuilder()
                                .setId(krCase.getId())
                                .setCountry("MM")
                                .setHandlingCode(HandlingCode.H0)
                                .build());
        try (Connection mm = asApplication("MM")) {
            assertThatThrownBy(
                            () ->
                                    mm.createStatement()
                                            .execute(
                                                    """
                    insert into cases (id, owner_country, reference, title, category, status, create_time, update_time)
                    values (gen_random_uuid(), 'KR', 'KR-2026-999999', 'forged', 'OTHER', 'OPEN', now(), now())"""))
                    .hasMessageContaining("row-level security");
            mm.rollback();
            assertThat(
                            mm.createStatement()
                                    .executeUpdate(
                                            "update cases set title = 'changed' where id = '"
                                                    + krCase.getId()
                                                    + "'"))
                    .isZero();
            assertThat(mm.createStatement().executeUpdate("delete from case_shares")).isZero();
            assertThatThrownBy(
                            () ->
                                    mm.createStatement()
                                            .execute(
                                                    "insert into case_shares (case_id, owner_country, country, handling_code, shared_by, share_time) "
                                                            + "values ('"
                                                            + krCase.getId()
                                                            + "', 'MM', 'ID', 'H0', 'mm', now())"))
                    .hasMessageContaining("row-level security");
            mm.rollback();
        }
    }

    @Test
    void leads_persons_contacts_and_reports_are_kept_to_their_countries_by_the_database_alone()
            throws SQLException {
        var kr = casesAs("KR", "kr-investigator", "investigator");
        Case shared =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Shared H3")
                                                .setCategory(Case.Category.OTHER))
                                .build());
        Case viaLead =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Via a lead")
                                                .setCategory(Case.Category.OTHER))
                                .build());
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(shared.getId())
                        .setCountry("BN")
                        .setHandlingCode(HandlingCode.H3)
                        .setDiscloseVictimContacts(true)
                        .build());
        for (Case c : List.of(shared, viaLead)) {
            kr.addPerson(
                    AddPersonRequest.newBuilder()
                            .setCaseId(c.getId())
                            .setPerson(
                                    Person.newBuilder()
                                            .setRole(Person.Role.VICTIM)
                                            .setFullName("Victim")
                                            .setContact("secret contact"))
                            .build());
            kr.addPerson(
                    AddPersonRequest.newBuilder()
                            .setCaseId(c.getId())
                            .setPerson(
                                    Person.newBuilder()
                                            .setRole(Person.Role.SUSPECT)
                                            .setFullName("Suspect")
                                            .setContact("suspect contact"))
                            .build());
        }
        Lead sharedLead =
                kr.createLead(
                        CreateLeadRequest.newBuilder()
                                .setCaseId(shared.getId())
                                .setLead(
                                        Lead.newBuilder()
                                                .setKind(Lead.Kind.OTHER)
                                                .setValue("shared lead"))
                                .build());
        Lead otherLead =
                kr.createLead(
                        CreateLeadRequest.newBuilder()
                                .setCaseId(viaLead.getId())
                                .setLead(
                                        Lead.newBuilder()
                                                .setKind(Lead.Kind.OTHER)
                                                .setValue("not assigned"))
                                .build());
        Lead assigned =
                kr.createLead(
                        CreateLeadRequest.newBuilder()
                                .setCaseId(viaLead.getId())
                                .setLead(
                                        Lead.newBuilder()
                                                .setKind(Lead.Kind.OTHER)
                                                .setValue("assigned"))
                                .build());
        kr.assignLead(
                AssignLeadRequest.newBuilder()
                        .setCaseId(viaLead.getId())
                        .setId(assigned.getId())
                        .setCountry("BN")
                        .setHandlingCode(HandlingCode.H0)
                        .build());

        try (Connection bn = asApplication("BN")) {
            assertThat(column(bn, "select id from case_leads"))
                    .contains(sharedLead.getId(), assigned.getId())
                    .doesNotContain(otherLead.getId());
            assertThat(column(bn, "select id from cases"))
                    .contains(shared.getId(), viaLead.getId());
            // H3: suspects only; no person of the case seen through a lead; contacts of suspects
            // only.
            // Of this test's two cases: other classes' records of BN (its own victims, say) are
            // not what this looks at.
            String theseCases =
                    " where case_id in ('" + shared.getId() + "', '" + viaLead.getId() + "')";
            assertThat(column(bn, "select role from case_persons" + theseCases))
                    .containsOnly("SUSPECT");
            // Contacts are stored sealed: which contacts BN reads is told by their rows'
            // role.
            assertThat(column(bn, "select role from case_person_contacts" + theseCases))
                    .containsOnly("SUSPECT");
            assertThat(
                            column(
                                    bn,
                                    "select count(*) from case_persons where case_id = '"
                                            + viaLead.getId()
                                            + "'"))
                    .containsExactly("0");
            // The assignee may change the status of its lead, nothing else of it, and no other
            // lead.
            assertThat(
                            bn.createStatement()
                                    .executeUpdate(
                                            "update case_leads set status = 'IN_PROGRESS' where id = '"
                                                    + assigned.getId()
                                                    + "'"))
                    .isEqualTo(1);
            assertThatThrownBy(
                            () ->
                                    bn.createStatement()
                                            .executeUpdate(
                                                    "update case_leads set value = 'forged' where id = '"
                                                            + assigned.getId()
                                                            + "'"))
                    .hasMessageContaining("only the status");
            bn.rollback();
            assertThat(
                            bn.createStatement()
                                    .executeUpdate(
                                            "update case_leads set status = 'DISMISSED' where id = '"
                                                    + sharedLead.getId()
                                                    + "'"))
                    .isZero();
            assertThatThrownBy(
                            () ->
                                    bn.createStatement()
                                            .execute(
                                                    "insert into case_persons (id, case_id, owner_country, role, full_name, create_time) "
                                                            + "values (gen_random_uuid(), '"
                                                            + shared.getId()
                                                            + "', 'BN', 'VICTIM', 'x', now())"))
                    .hasMessageContaining("row-level security");
            bn.rollback();
        }
        try (Connection nobody = asApplication(null)) {
            for (String table :
                    List.of(
                            "case_leads",
                            "lead_findings",
                            "case_persons",
                            "case_person_contacts",
                            "scam_reports",
                            "scam_report_identifiers",
                            "scam_report_recipients")) {
                assertThat(column(nobody, "select count(*) from " + table))
                        .as(table)
                        .containsExactly("0");
            }
        }
    }

    @Test
    void the_application_role_owns_nothing_and_cannot_lift_the_policies() throws SQLException {
        try (Connection app = asApplication("KR")) {
            assertThatThrownBy(
                            () ->
                                    app.createStatement()
                                            .execute(
                                                    "alter table cases disable row level security"))
                    .hasMessageContaining("must be owner");
            app.rollback();
            assertThatThrownBy(
                            () ->
                                    app.createStatement()
                                            .execute("set row_security = off; select * from cases"))
                    .isInstanceOf(SQLException.class);
            app.rollback();
            assertThat(
                            column(
                                    app,
                                    "select rolbypassrls::text from pg_roles where rolname = current_user"))
                    .containsExactly("false");
        }
    }
}
