package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chainbreaker.devstack.AppRoleSession;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.api.Test;

/**
 * The database's own enforcement, with the service's application role and queries that deliberately
 * forget their tenant predicate: the policies alone must keep each country to what it may see.
 */
class RowLevelSecurityTest extends RunningFugitiveService {

    private Connection asApplication(String tenant) throws SQLException {
        return AppRoleSession.open(DATABASE, tenant);
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        return AppRoleSession.column(connection, sql);
    }

    @Test
    void
            a_query_without_a_where_clause_sees_only_own_records_and_published_ones_granted_through_running_operations()
                    throws SQLException {
        var kr = coordinator("KR");
        WantedPerson draft = record(kr, person("RLS Draft", 1980, 0, 0));
        WantedPerson granted = published(kr, person("RLS Granted", 1980, 0, 0));
        WantedPerson notGranted = published(kr, person("RLS Not Granted", 1980, 0, 0));
        Operation op =
                operation(
                        kr,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(1)),
                        "LA");
        kr.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(granted.getId())
                        .setOperationId(op.getId())
                        .build());
        kr.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(draft.getId())
                        .setOperationId(op.getId())
                        .build());

        try (Connection la = asApplication("LA")) {
            List<String> ids = column(la, "select id from wanted_persons");
            assertThat(ids)
                    .contains(granted.getId())
                    .doesNotContain(draft.getId(), notGranted.getId());
            assertThat(
                            column(
                                    la,
                                    "select distinct notice_status from wanted_persons where owner_country <> 'LA'"))
                    .containsOnly("PUBLISHED");
            assertThat(
                            column(
                                    la,
                                    "select distinct wanted_person_id::text from wanted_person_name_keys where owner_country = 'KR'"))
                    .containsOnly(granted.getId());
            assertThat(column(la, "select count(*) from wanted_person_documents"))
                    .containsExactly("0");
            assertThat(column(la, "select count(*) from wanted_person_reference_counters"))
                    .containsExactly("0");
            assertThat(column(la, "select id::text from operations")).contains(op.getId());
        }
        try (Connection bn = asApplication("BN")) {
            assertThat(column(bn, "select count(*) from wanted_persons")).containsExactly("0");
            assertThat(column(bn, "select count(*) from operations")).containsExactly("0");
            assertThat(column(bn, "select count(*) from operation_publications"))
                    .containsExactly("0");
            assertThat(column(bn, "select count(*) from wanted_person_name_keys"))
                    .containsExactly("0");
        }
    }

    @Test
    void without_a_tenant_setting_nothing_is_visible() throws SQLException {
        record(coordinator("KR"), person("Anyone At All", 1970, 0, 0));
        try (Connection nobody = asApplication(null)) {
            for (String table :
                    List.of(
                            "wanted_persons",
                            "operations",
                            "operation_participants",
                            "operation_publications",
                            "sightings",
                            "wanted_person_documents",
                            "wanted_person_name_keys")) {
                assertThat(column(nobody, "select count(*) from " + table))
                        .as(table)
                        .containsExactly("0");
            }
        }
    }

    @Test
    void a_tenant_cannot_forge_or_change_another_countrys_records() throws SQLException {
        WantedPerson published = published(coordinator("KR"), person("RLS Forge", 1970, 0, 0));
        try (Connection mm = asApplication("MM")) {
            assertThatThrownBy(
                            () ->
                                    mm.createStatement()
                                            .execute(
                                                    """
                    insert into wanted_persons (id, owner_country, reference, notice_status, custody, primary_name,
                        primary_script, aliases, alias_scripts, nationalities, identifying_marks, document_types,
                        document_numbers, document_countries, charges, warrant_reference, warrant_authority, risk_flags,
                        create_time, update_time)
                    values (gen_random_uuid(), 'KR', 'KR-WP-2026-999999', 'PUBLISHED', 'AT_LARGE', 'x', 'Latn', '{}', '{}',
                        '{}', '{}', '{}', '{}', '{}', '{}', 'w', 'a', '{}', now(), now())"""))
                    .hasMessageContaining("row-level security");
            mm.rollback();
            assertThat(
                            mm.createStatement()
                                    .executeUpdate(
                                            "update wanted_persons set notice_status = 'CANCELLED' where id = '"
                                                    + published.getId()
                                                    + "'"))
                    .isZero();
            // A sighting of a record MM cannot see would grant it visibility: refused.
            assertThatThrownBy(
                            () ->
                                    mm.createStatement()
                                            .execute(
                                                    """
                    insert into sightings (id, wanted_person_id, owner_country, country, reporter_country, place, seen_time,
                        confidence, source, report_time)
                    values (gen_random_uuid(), '%s', 'KR', 'MM', 'MM', 'x', now(), 'CONFIRMED', 'x', now())"""
                                                            .formatted(published.getId())))
                    .hasMessageContaining("row-level security");
            mm.rollback();
            assertThat(mm.createStatement().executeUpdate("delete from wanted_person_name_keys"))
                    .isZero();
        }
    }

    @Test
    void the_owner_side_helpers_answer_only_for_the_sessions_own_country() throws SQLException {
        var kr = coordinator("KR");
        WantedPerson owned = published(kr, person("RLS Helper Probe", 1981, 0, 0));
        try (Connection vn = asApplication("VN")) {
            // Asking about KR's record as KR, from a VN session, learns nothing.
            assertThat(column(vn, "select fugitives_owns('" + owned.getId() + "', 'KR')::text"))
                    .containsExactly("false");
            assertThat(
                            column(
                                    vn,
                                    "select fugitives_may_see('"
                                            + owned.getId()
                                            + "', 'KR', 'KR')::text"))
                    .containsExactly("false");
        }
        try (Connection krSession = asApplication("KR")) {
            assertThat(
                            column(
                                    krSession,
                                    "select fugitives_owns('" + owned.getId() + "', 'KR')::text"))
                    .containsExactly("true");
        }
    }

    @Test
    void
            the_application_role_owns_nothing_and_reaches_other_countries_only_through_narrow_functions()
                    throws SQLException {
        try (Connection app = asApplication("KR")) {
            assertThatThrownBy(
                            () ->
                                    app.createStatement()
                                            .execute(
                                                    "alter table wanted_persons disable row level security"))
                    .hasMessageContaining("must be owner");
            app.rollback();
            assertThat(
                            column(
                                    app,
                                    "select rolbypassrls::text from pg_roles where rolname = current_user"))
                    .containsExactly("false");
            assertThat(
                            column(
                                    app,
                                    "select count(*) from pg_tables where schemaname = 'public' and tableowner = current_user"))
                    .containsExactly("0");
        }
    }
}
