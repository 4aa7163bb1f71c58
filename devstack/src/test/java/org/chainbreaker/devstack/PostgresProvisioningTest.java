package org.chainbreaker.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.devstack.PostgresServer.DatabaseAccess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresServer#provision(String)} gives each service an owner role and a restricted
 * application role.
 */
class PostgresProvisioningTest {

    private static PostgresServer postgres;
    private static DatabaseAccess probe;

    @BeforeAll
    static void provisionProbe() throws SQLException {
        postgres = PostgresServer.shared();
        probe = postgres.provision("probe");
        // What a migration does, as the owner: a table under row-level security, granted to the app
        // role.
        try (Connection owner = owner();
                Statement s = owner.createStatement()) {
            s.execute("drop table if exists tips");
            s.execute(
                    "create table tips (id int primary key, tenant text not null, body text not null)");
            s.execute("alter table tips enable row level security");
            s.execute(
                    "create policy tenant_rows on tips using (tenant = current_setting('app.tenant', true))");
            s.execute("grant select, insert on tips to " + probe.appUser());
            s.execute(
                    "insert into tips values (1, 'KR', 'kr tip'), (2, 'TH', 'th tip'), (3, 'KR', 'kr tip 2')");
        }
    }

    @Test
    void access_names_the_database_and_its_two_roles() {
        assertThat(probe.jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/probe");
        assertThat(probe.ownerUser()).isEqualTo("probe_owner");
        assertThat(probe.appUser()).isEqualTo("probe_app");
    }

    @Test
    void app_role_is_neither_superuser_nor_allowed_to_bypass_row_level_security()
            throws SQLException {
        try (Connection c = postgres.superuserConnection("postgres");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "select rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolcanlogin"
                                        + " from pg_roles where rolname = 'probe_app'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean("rolsuper")).isFalse();
            assertThat(rs.getBoolean("rolbypassrls")).isFalse();
            assertThat(rs.getBoolean("rolcreatedb")).isFalse();
            assertThat(rs.getBoolean("rolcreaterole")).isFalse();
            assertThat(rs.getBoolean("rolcanlogin")).isTrue();
        }
    }

    @Test
    void app_role_sees_only_the_rows_the_policy_allows() throws SQLException {
        try (Connection app = app();
                Statement s = app.createStatement()) {
            assertThat(bodies(s)).isEmpty(); // no tenant set: nothing visible
            s.execute("select set_config('app.tenant', 'KR', false)");
            assertThat(bodies(s)).containsExactlyInAnyOrder("kr tip", "kr tip 2");
            s.execute("select set_config('app.tenant', 'TH', false)");
            assertThat(bodies(s)).containsExactly("th tip");
            assertThatThrownBy(() -> s.execute("insert into tips values (9, 'KR', 'forged')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
        }
        try (Connection owner = owner();
                Statement s = owner.createStatement()) {
            assertThat(bodies(s)).hasSize(3); // the owner is exempt unless FORCE ROW LEVEL SECURITY
        }
    }

    @Test
    void app_role_owns_nothing_and_cannot_change_the_schema() throws SQLException {
        try (Connection c = postgres.superuserConnection("probe");
                Statement s = c.createStatement()) {
            try (ResultSet rs =
                    s.executeQuery("select tableowner from pg_tables where tablename = 'tips'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("probe_owner");
            }
            try (ResultSet rs =
                    s.executeQuery(
                            "select count(*) from pg_class c join pg_roles r on r.oid = c.relowner"
                                    + " where r.rolname = 'probe_app'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            try (ResultSet rs =
                    s.executeQuery(
                            "select pg_get_userbyid(datdba) from pg_database where datname = 'probe'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("probe_owner");
            }
        }
        try (Connection app = app();
                Statement s = app.createStatement()) {
            assertThatThrownBy(() -> s.execute("create table mine (id int)"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("alter table tips disable row level security"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("drop table tips")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("delete from tips"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void provisioning_twice_is_harmless() throws SQLException {
        DatabaseAccess again = postgres.provision("probe");

        assertThat(again).isEqualTo(probe);
        try (Connection owner = owner();
                Statement s = owner.createStatement()) {
            assertThat(bodies(s)).hasSize(3);
        }
        try (Connection app = app();
                Statement s = app.createStatement()) {
            s.execute("select set_config('app.tenant', 'KR', false)");
            assertThat(bodies(s)).hasSize(2);
        }
    }

    @Test
    void databases_of_different_services_are_closed_to_each_others_roles() {
        DatabaseAccess other = postgres.provision("probe_other");

        assertThatThrownBy(
                        () ->
                                DriverManager.getConnection(
                                        probe.jdbcUrl(), other.appUser(), other.appPassword()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied");
    }

    private static List<String> bodies(Statement s) throws SQLException {
        List<String> bodies = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select body from tips order by id")) {
            while (rs.next()) {
                bodies.add(rs.getString(1));
            }
        }
        return bodies;
    }

    private static Connection owner() throws SQLException {
        return DriverManager.getConnection(
                probe.jdbcUrl(), probe.ownerUser(), probe.ownerPassword());
    }

    private static Connection app() throws SQLException {
        return DriverManager.getConnection(probe.jdbcUrl(), probe.appUser(), probe.appPassword());
    }
}
