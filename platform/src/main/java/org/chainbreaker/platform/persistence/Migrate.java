package org.chainbreaker.platform.persistence;

import java.util.Map;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Runs a service's migrations (the platform's, then its own) and exits: the Kubernetes init
 * container runs this with the owner role's credentials, so that the long-running container never
 * holds them (the owner bypasses row-level security). Run from a service image: {@code java
 * -cp @/app/jib-classpath-file org.chainbreaker.platform.persistence.Migrate}.
 *
 * <p>Reads the same variables the service does: {@code SPRING_FLYWAY_URL} (or {@code
 * SPRING_DATASOURCE_URL}), {@code SPRING_FLYWAY_USER}, {@code SPRING_FLYWAY_PASSWORD}, the
 * application role's name {@code SPRING_DATASOURCE_USERNAME} (the migrations' {@code app_role}),
 * and optionally {@code CHAINBREAKER_MAINTENANCE_USERNAME}: a login role that is then granted the
 * maintenance functions only (retention, outbox relay) and the writing of the wrapped data keys
 * ({@code country_data_keys}), which the service's maintenance connection uses instead of the
 * owner.
 */
public final class Migrate {

    /**
     * The functions the maintenance connection runs (MaintenanceDatabase); SECURITY DEFINER, owned
     * by the owner.
     */
    static final String MAINTENANCE_FUNCTIONS =
            "audit_prune(timestamptz), outbox_prune(timestamptz), outbox_assign_positions()";

    private Migrate() {}

    public static void main(String[] args) {
        migrate(System.getenv()::get);
    }

    /** Migrates with the settings {@code env} answers (variable name to value, null when unset). */
    public static void migrate(Function<String, String> env) {
        String url =
                env.apply("SPRING_FLYWAY_URL") != null
                        ? env.apply("SPRING_FLYWAY_URL")
                        : required(env, "SPRING_DATASOURCE_URL");
        FluentConfiguration service =
                Flyway.configure()
                        .dataSource(
                                url,
                                required(env, "SPRING_FLYWAY_USER"),
                                required(env, "SPRING_FLYWAY_PASSWORD"))
                        .locations("classpath:db/migration")
                        .placeholders(
                                Map.of("app_role", required(env, "SPRING_DATASOURCE_USERNAME")));
        new PlatformMigrations().migrate(service.load());
        String maintenance = env.apply("CHAINBREAKER_MAINTENANCE_USERNAME");
        if (maintenance != null && !maintenance.isBlank()) {
            grantMaintenance(service, maintenance);
        }
    }

    private static void grantMaintenance(FluentConfiguration service, String role) {
        try (var connection = service.getDataSource().getConnection();
                var statement = connection.createStatement()) {
            String quoted = '"' + role.replace("\"", "\"\"") + '"';
            statement.execute(
                    "grant connect on database \""
                            + connection.getCatalog().replace("\"", "\"\"")
                            + "\" to "
                            + quoted);
            // The functions live in public (where provisioning may have revoked USAGE from PUBLIC);
            // USAGE on the
            // schema grants nothing on its tables.
            statement.execute("grant usage on schema public to " + quoted);
            statement.execute(
                    "grant execute on function " + MAINTENANCE_FUNCTIONS + " to " + quoted);
            // The countries' wrapped data keys (DataKeys, KeyRotation): the maintenance connection
            // adds a country's
            // first keyset and re-wraps on rotation; never DELETE (that would shred the country's
            // data).
            statement.execute("grant select, insert, update on country_data_keys to " + quoted);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(
                    "granting the maintenance functions to " + role + " failed", e);
        }
    }

    private static String required(Function<String, String> env, String name) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
