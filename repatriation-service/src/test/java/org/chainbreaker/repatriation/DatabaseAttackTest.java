package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import org.chainbreaker.devstack.AppRoleSession;
import org.chainbreaker.devstack.DatabaseAttackSuite;
import org.chainbreaker.devstack.DatabaseBackstop;
import org.chainbreaker.devstack.WithheldValues;
import org.chainbreaker.platform.audit.AuditCheckpoints;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.TransitionRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The repatriation-service's database attacked alone, as its application role with the session set
 * to a country that owns nothing (devstack's {@link DatabaseBackstop}: every table, policy and
 * function read from the catalog). The rows attacked are seeded through the service by PH (sending)
 * and ID (receiving); the pending fugitive check and custody delivery, which need the
 * fugitive-service, are written as the owner role, each carrying a stored user token.
 */
class DatabaseAttackTest extends RunningRepatriationService implements DatabaseAttackSuite {

    private static final DatabaseBackstop BACKSTOP = DatabaseBackstop.of(DATABASE);
    private static final String STORED_ACTOR = "stored-officer-of-another-country";
    private static boolean seeded;
    private static Repatriation repatriation;

    @Autowired AuditCheckpoints checkpoints;

    @BeforeEach
    void seedOnce() throws SQLException {
        // The first calls of a freshly started service may exceed their deadline on a loaded
        // machine: seed again.
        for (int attempt = 1; !seeded; attempt++) {
            try {
                seed();
                // A checkpoint of PH's audited read, so that audit_checkpoints has a row to attack
                // (the schedule's first round comes only 10 s after the start).
                checkpoints.signNow("PH");
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

    @Override
    public DatabaseBackstop backstop() {
        return BACKSTOP;
    }

    private static void seed() throws SQLException {
        repatriation = create(investigator("PH"), suspectTransfer("PH", "ID", "BN"));
        investigator("PH")
                .submitRepatriation(
                        TransitionRequest.newBuilder().setId(repatriation.getId()).build());
        RescueRequestsOverGrpcTest.raise(
                liaison("PH"), RescueRequestsOverGrpcTest.heldInCambodia());
        // A coordinator's read of another country's repatriation: audited.
        liaison("INTERPOL")
                .getRepatriation(
                        org.chainbreaker.repatriation.v1.GetRepatriationRequest.newBuilder()
                                .setId(repatriation.getId())
                                .build());
        try (Connection owner =
                DriverManager.getConnection(
                        DATABASE.jdbcUrl(), DATABASE.ownerUser(), DATABASE.ownerPassword())) {
            // A check of a country this deployment does not serve: the service's own job never
            // claims it, so it stays
            // due for the attack.
            try (PreparedStatement check =
                    owner.prepareStatement(
                            """
                    insert into fugitive_checks (repatriation_id, wanted_person_id, tenant, actor_user, actor_client,
                                                 next_attempt_time)
                    values (?, ?, 'QQ', ?, 'portal', now() - interval '1 minute')""")) {
                check.setObject(1, UUID.fromString(repatriation.getId()));
                check.setObject(2, UUID.randomUUID());
                check.setString(3, STORED_ACTOR);
                check.executeUpdate();
            }
            // A delivery not yet due (the relay leaves it alone), claimable by id.
            try (PreparedStatement delivery =
                    owner.prepareStatement(
                            """
                    insert into custody_deliveries (repatriation_id, wanted_person_id, handover_time, from_country,
                                                    to_country, tenant, actor_user, actor_client, next_attempt_time)
                    values (?, ?, now(), 'PH', 'ID', 'ID', ?, 'portal', now() + interval '1 hour')""")) {
                delivery.setObject(1, UUID.fromString(repatriation.getId()));
                delivery.setObject(2, UUID.randomUUID());
                delivery.setString(3, STORED_ACTOR);
                delivery.executeUpdate();
            }
        }
        seeded = true;
    }

    /**
     * A transit country reads a repatriation's logistics but not the persons' names and support
     * needs nor the victim group's support needs, by any SQL its session can run (every table read
     * whole, every definer function called). The same search finds all of them for the receiving
     * country and a coordinator.
     */
    @Test
    void a_transit_country_reads_no_names_or_support_needs_by_any_sql() throws SQLException {
        String mark = UUID.randomUUID().toString();
        var plan = RepatriationCalls.plan("PH", "ID").toBuilder();
        plan.setPersons(
                0,
                plan.getPersons(0).toBuilder()
                        .setFullName("name " + mark)
                        .addSupportNeeds("person needs " + mark));
        Repatriation transfer =
                create(investigator("PH"), suspectTransfer("PH", "ID", "BN").setLogistics(plan));
        var group = RepatriationCalls.victimReturn("PH", "ID", 3).addTransitCountries("BN");
        group.setVictimGroup(
                group.getVictimGroup().toBuilder().addSupportNeeds("group needs " + mark));
        Repatriation victims = create(investigator("PH"), group);
        // Names and needs are stored sealed under PH's key: no session finds them in
        // clear, so the search looks for the stored ciphertexts, which the policies must still
        // withhold from the transit country.
        String sealedName;
        String sealedNeeds;
        String sealedGroupNeeds;
        try (Connection owner =
                        DriverManager.getConnection(
                                DATABASE.jdbcUrl(),
                                DATABASE.ownerUser(),
                                DATABASE.ownerPassword());
                var person =
                        owner.prepareStatement(
                                "select full_name, support_needs[1] from repatriation_person_identities"
                                        + " where repatriation_id = ? and position = 0");
                var groupNeeds =
                        owner.prepareStatement(
                                "select support_needs[array_length(support_needs, 1)]"
                                        + " from repatriation_victim_needs where repatriation_id = ?")) {
            person.setObject(1, UUID.fromString(transfer.getId()));
            try (var rs = person.executeQuery()) {
                assertThat(rs.next()).isTrue();
                sealedName = rs.getString(1);
                sealedNeeds = rs.getString(2);
            }
            groupNeeds.setObject(1, UUID.fromString(victims.getId()));
            try (var rs = groupNeeds.executeQuery()) {
                assertThat(rs.next()).isTrue();
                sealedGroupNeeds = rs.getString(1);
            }
        }
        assertThat(sealedName).startsWith("cb1:").doesNotContain(mark);
        assertThat(sealedNeeds).startsWith("cb1:").doesNotContain(mark);
        assertThat(sealedGroupNeeds).startsWith("cb1:").doesNotContain(mark);
        assertThat(victims.getVictimGroup().getSupportNeedsList()).contains("group needs " + mark);
        java.util.List<String> withheld =
                java.util.List.of(sealedName, sealedNeeds, sealedGroupNeeds);
        assertThat(transfer.getLogistics().getPersons(0).getFullName()).isEqualTo("name " + mark);

        assertThat(WithheldValues.whereReadable(DATABASE, "BN", withheld)).isEmpty();
        for (String reader : new String[] {"ID", "INTERPOL"}) {
            assertThat(WithheldValues.whereReadable(DATABASE, reader, withheld))
                    .as(reader)
                    .extracting(where -> where.substring(0, where.indexOf(" in ")))
                    .containsAll(withheld);
        }
    }

    @Test
    void the_claiming_functions_hand_no_other_countrys_deferred_actions_to_the_application_role()
            throws SQLException {
        for (String tenant : new String[] {DatabaseBackstop.ATTACKER, "PH"}) {
            try (Connection app = AppRoleSession.open(DATABASE, tenant)) {
                assertThat(
                                AppRoleSession.column(
                                        app,
                                        "select actor_user from repatriation_claim_fugitive_checks(1000)"))
                        .as(tenant)
                        .doesNotContain(STORED_ACTOR);
                assertThat(
                                AppRoleSession.column(
                                        app,
                                        "select actor_user from repatriation_claim_custody_deliveries(1000, '"
                                                + repatriation.getId()
                                                + "')"))
                        .as(tenant)
                        .doesNotContain(STORED_ACTOR);
                app.rollback();
            }
        }
        try (Connection id = AppRoleSession.open(DATABASE, "ID")) {
            // The country of the officer the delivery acts for still gets it: the relay works
            // country by country.
            assertThat(
                            AppRoleSession.column(
                                    id,
                                    "select actor_user from repatriation_claim_custody_deliveries(1000, '"
                                            + repatriation.getId()
                                            + "')"))
                    .containsExactly(STORED_ACTOR);
            id.rollback();
        }
    }
}
