package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.chainbreaker.devstack.AppRoleSession;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.RescueRequest;
import org.junit.jupiter.api.Test;

/**
 * The database's own enforcement, with the service's application role and queries that deliberately
 * forget their tenant predicate: the policies alone must keep each country to what it may see and
 * change.
 */
class RowLevelSecurityTest extends RunningRepatriationService {

    private Connection asApplication(String tenant) throws SQLException {
        return AppRoleSession.open(DATABASE, tenant);
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        return AppRoleSession.column(connection, sql);
    }

    @Test
    void
            a_query_without_a_where_clause_sees_only_repatriations_of_the_tenant_as_party_transit_or_coordinator()
                    throws SQLException {
        Repatriation r = create(investigator("SG"), suspectTransfer("MY", "SG", "BN"));
        for (String tenant : List.of("MY", "SG", "BN", "INTERPOL")) {
            try (Connection c = asApplication(tenant)) {
                assertThat(column(c, "select id::text from repatriations"))
                        .as(tenant)
                        .contains(r.getId());
                assertThat(
                                column(
                                        c,
                                        "select count(*) from repatriation_legs where repatriation_id = '"
                                                + r.getId()
                                                + "'"))
                        .as(tenant)
                        .containsExactly("2");
            }
        }
        try (Connection la = asApplication("LA")) {
            assertThat(column(la, "select id::text from repatriations")).doesNotContain(r.getId());
            assertThat(
                            column(
                                    la,
                                    "select count(*) from repatriation_persons where repatriation_id = '"
                                            + r.getId()
                                            + "'"))
                    .containsExactly("0");
            assertThat(
                            column(
                                    la,
                                    "select count(*) from repatriation_transitions where repatriation_id = '"
                                            + r.getId()
                                            + "'"))
                    .containsExactly("0");
            assertThat(
                            column(
                                    la,
                                    "select count(*) from outbox_events where record_id = '"
                                            + r.getId()
                                            + "'"))
                    .containsExactly("0");
        }
        try (Connection nobody = asApplication(null)) {
            for (String table :
                    List.of(
                            "repatriations",
                            "repatriation_persons",
                            "repatriation_legs",
                            "repatriation_escorts",
                            "repatriation_transitions",
                            "fugitive_checks",
                            "custody_deliveries",
                            "rescue_requests")) {
                assertThat(column(nobody, "select count(*) from " + table))
                        .as(table)
                        .containsExactly("0");
            }
        }
    }

    @Test
    void a_transit_country_cannot_change_a_repatriation_and_nobody_forges_one_for_others()
            throws SQLException {
        Repatriation r = create(investigator("SG"), suspectTransfer("MY", "SG", "BN"));
        try (Connection bn = asApplication("BN")) {
            assertThat(
                            bn.createStatement()
                                    .executeUpdate(
                                            "update repatriations set status = 'CLEARED' where id = '"
                                                    + r.getId()
                                                    + "'"))
                    .isZero();
        }
        try (Connection bn = asApplication("BN")) {
            assertThat(
                            bn.createStatement()
                                    .executeUpdate(
                                            "delete from repatriation_legs where repatriation_id = '"
                                                    + r.getId()
                                                    + "'"))
                    .isZero();
        }
        try (Connection vn = asApplication("VN")) {
            assertThatThrownBy(
                            () ->
                                    vn.createStatement()
                                            .execute(
                                                    """
                    insert into repatriations (id, owner_country, kind, sending_country, receiving_country,
                        transit_countries, status, fugitive_check, case_ids, create_time, update_time)
                    values (gen_random_uuid(), 'KR', 'DEPORTATION', 'KH', 'KR', '{}', 'CLEARED', 'NOT_APPLICABLE', '{}',
                        now(), now())"""))
                    .hasMessageContaining("row-level security");
            vn.rollback();
            assertThatThrownBy(
                            () ->
                                    vn.createStatement()
                                            .execute(
                                                    """
                    insert into repatriation_transitions (repatriation_id, seq, from_status, to_status, actor_country,
                        actor_user, at) values ('%s', 99, 'REQUESTED', 'CLEARED', 'VN', 'x', now())"""
                                                            .formatted(r.getId())))
                    .hasMessageContaining("row-level security");
        }
    }

    @Test
    void rescue_requests_are_seen_by_the_two_countries_and_by_coordinators_only_once_escalated()
            throws Exception {
        RescueRequest r =
                RescueRequestsOverGrpcTest.raise(
                        liaison("PH"), RescueRequestsOverGrpcTest.heldInCambodia());
        String visible = "select id::text from rescue_requests";
        String events =
                "select event_type from outbox_events where record_id = '" + r.getId() + "'";
        try (Connection interpol = asApplication("INTERPOL")) {
            assertThat(column(interpol, visible)).doesNotContain(r.getId());
            assertThat(column(interpol, events)).isEmpty();
        }
        for (String party : List.of("PH", "KH")) {
            try (Connection c = asApplication(party)) {
                assertThat(column(c, visible)).as(party).contains(r.getId());
            }
        }
        RescueRequestsOverGrpcTest.awaitEscalated(r);
        try (Connection interpol = asApplication("INTERPOL")) {
            assertThat(column(interpol, visible)).contains(r.getId());
            assertThat(column(interpol, events)).contains("rescue_request.escalated");
            // Seeing is not changing.
            assertThat(
                            interpol.createStatement()
                                    .executeUpdate(
                                            "update rescue_requests set status = 'RESOLVED' where id = '"
                                                    + r.getId()
                                                    + "'"))
                    .isZero();
        }
        try (Connection la = asApplication("LA")) {
            assertThat(column(la, visible)).doesNotContain(r.getId());
            assertThat(column(la, events)).isEmpty();
            assertThat(
                            la.createStatement()
                                    .executeUpdate(
                                            "update rescue_requests set status = 'ACKNOWLEDGED' where id = '"
                                                    + r.getId()
                                                    + "'"))
                    .isZero();
        }
        try (Connection vn = asApplication("VN")) {
            assertThatThrownBy(
                            () ->
                                    vn.createStatement()
                                            .execute(
                                                    """
                    insert into rescue_requests (id, requesting_country, host_country, province, place_description,
                        estimated_people, nationalities, source, status, acknowledge_deadline, create_time, update_time)
                    values (gen_random_uuid(), 'PH', 'KH', 'x', '', 1, '{PH}', 'x', 'OPEN', now(), now(), now())"""))
                    .hasMessageContaining("row-level security");
        }
    }

    @Test
    void the_application_role_owns_nothing() throws SQLException {
        try (Connection app = asApplication("KR")) {
            assertThatThrownBy(
                            () ->
                                    app.createStatement()
                                            .execute(
                                                    "alter table repatriations disable row level security"))
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
