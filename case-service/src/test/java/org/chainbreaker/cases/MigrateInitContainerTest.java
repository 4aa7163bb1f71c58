package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.platform.persistence.MaintenanceDatabase;
import org.chainbreaker.platform.persistence.Migrate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The Kubernetes init container's migration run (the owner's credentials never reach the
 * long-running container): Migrate applies the platform's and the service's migrations as the
 * owner, and grants a maintenance role the maintenance functions and the writing of the wrapped
 * data keys, nothing else; the service's maintenance pool then runs as that role.
 */
class MigrateInitContainerTest {

    private static final String MAINTENANCE = "cases_migrate_maintenance";
    private static final String MAINTENANCE_PASSWORD = "dev-" + MAINTENANCE;

    @Test
    void
            migrations_run_as_the_owner_and_the_maintenance_role_may_run_only_the_maintenance_functions()
                    throws Exception {
        PostgresServer server = PostgresServer.shared();
        PostgresServer.DatabaseAccess db = server.provision("cases_migrate");
        try (Connection c = server.superuserConnection("postgres");
                Statement s = c.createStatement()) {
            s.execute("drop role if exists " + MAINTENANCE);
            s.execute(
                    "create role "
                            + MAINTENANCE
                            + " login nosuperuser nobypassrls password '"
                            + MAINTENANCE_PASSWORD
                            + "'");
        } catch (SQLException e) {
            // the role may own grants from an earlier run in a kept database: keep it and reset its
            // password
            try (Connection c = server.superuserConnection("postgres");
                    Statement s = c.createStatement()) {
                s.execute("alter role " + MAINTENANCE + " password '" + MAINTENANCE_PASSWORD + "'");
            }
        }

        Map<String, String> env =
                Map.of(
                        "SPRING_FLYWAY_URL",
                        db.jdbcUrl(),
                        "SPRING_FLYWAY_USER",
                        db.ownerUser(),
                        "SPRING_FLYWAY_PASSWORD",
                        db.ownerPassword(),
                        "SPRING_DATASOURCE_USERNAME",
                        db.appUser(),
                        "CHAINBREAKER_MAINTENANCE_USERNAME",
                        MAINTENANCE);
        Migrate.migrate(env::get);
        Migrate.migrate(env::get); // the next pod's init container finds nothing to do

        try (Connection m =
                        DriverManager.getConnection(
                                db.jdbcUrl(), MAINTENANCE, MAINTENANCE_PASSWORD);
                Statement s = m.createStatement()) {
            s.execute("select outbox_assign_positions()");
            s.execute("select outbox_prune(now() - interval '400 days')");
            s.execute("select audit_prune(now() - interval '4000 days')");
            // The monitoring counts (platform's and the service's own, marked [backstop:
            // maintenance]).
            s.execute("select outbox_backlog()");
            s.execute("select cases_requests_overdue()");
            assertThatThrownBy(() -> s.execute("select count(*) from audit_log"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("select count(*) from cases"))
                    .hasMessageContaining("permission denied");
            // The wrapped data keys: a country's first keyset is added and rotation
            // re-wraps on this
            // connection; deleting one would shred a country's data and stays refused.
            s.execute(
                    "insert into country_data_keys (country, version, kek_label, wrapped)"
                            + " values ('ZZ', 1, 'kek-ZZ-1', '\\x00') on conflict do nothing");
            s.execute("update country_data_keys set rewrap_time = now() where country = 'ZZ'");
            s.execute("select count(*) from country_data_keys");
            assertThatThrownBy(
                            () -> s.execute("delete from country_data_keys where country = 'ZZ'"))
                    .hasMessageContaining("permission denied");
        }
        try (Connection a =
                        DriverManager.getConnection(db.jdbcUrl(), db.appUser(), db.appPassword());
                Statement s = a.createStatement()) {
            assertThatThrownBy(() -> s.execute("select outbox_assign_positions()"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("select cases_requests_overdue()"))
                    .hasMessageContaining("permission denied");
        }

        MockEnvironment environment =
                new MockEnvironment()
                        .withProperty("spring.datasource.url", db.jdbcUrl())
                        .withProperty("chainbreaker.maintenance.username", MAINTENANCE)
                        .withProperty("chainbreaker.maintenance.password", MAINTENANCE_PASSWORD);
        try (MaintenanceDatabase maintenance = MaintenanceDatabase.from(environment)) {
            assertThat(maintenance.jdbc().queryForObject("select current_user", String.class))
                    .isEqualTo(MAINTENANCE);
            maintenance.jdbc().queryForObject("select outbox_assign_positions()", Long.class);
        }
    }
}
