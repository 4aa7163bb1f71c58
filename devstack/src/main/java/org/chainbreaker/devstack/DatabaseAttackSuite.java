package org.chainbreaker.devstack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The database attack suite as JUnit tests, the same for every service: a service's {@code
 * DatabaseAttackTest} implements it, seeds its database (through the service, as other countries)
 * before each test, and names its {@link DatabaseBackstop}. Tests of its own (regressions of one
 * service) sit beside these.
 */
public interface DatabaseAttackSuite {

    /**
     * The attack machinery on the service's database (one per test class, so its coverage adds up).
     */
    DatabaseBackstop backstop();

    /**
     * Tables that may be left empty by the seeding, with why; every other table must have rows to
     * attack.
     */
    default Map<String, String> unseeded() {
        return Map.of();
    }

    @Test
    default void the_catalog_gives_the_application_role_nothing_beyond_its_policies()
            throws SQLException {
        expectNone(backstop().catalogFailures());
    }

    @Test
    default void the_application_role_cannot_create_a_temporary_view_named_like_a_table()
            throws SQLException {
        expectNone(backstop().temporaryObjectFailures());
    }

    @Test
    default void
            no_definer_function_reads_a_temporary_shadow_even_where_temporary_objects_are_allowed()
                    throws SQLException {
        expectNone(backstop().shadowFailures());
    }

    @Test
    default void a_country_without_grants_reads_changes_and_inserts_nothing_of_other_countries()
            throws SQLException {
        expectNone(backstop().rowAttackFailures(unseeded()));
    }

    @Test
    default void a_country_cannot_forge_events_into_another_countrys_stream() throws SQLException {
        expectNone(backstop().forgedEventFailures());
    }

    @Test
    default void every_function_answers_a_country_without_grants_nothing_about_other_countries()
            throws SQLException {
        expectNone(backstop().functionAttackFailures());
    }

    private static void expectNone(List<String> failures) {
        assertTrue(
                failures.isEmpty(),
                () -> failures.size() + " failures:\n" + String.join("\n", failures));
    }
}
