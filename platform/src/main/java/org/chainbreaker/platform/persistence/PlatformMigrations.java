package org.chainbreaker.platform.persistence;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates the platform's shared tables (audit trail, outbox) before the service's own migrations,
 * with the same credentials and placeholders but a history table of their own, so platform and
 * service versions never collide. Flyway's PostgreSQL advisory lock makes replicas that start
 * together take turns.
 */
public final class PlatformMigrations implements FlywayMigrationStrategy {

    public static final String LOCATION = "classpath:db/platform";
    public static final String HISTORY_TABLE = "platform_schema_history";

    @Override
    public void migrate(Flyway service) {
        Flyway.configure()
                .configuration(service.getConfiguration())
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        // The platform's tables make the schema non-empty before the service's first migration:
        // baseline at 0 so
        // that every service version (1 and up) still applies.
        Flyway.configure()
                .configuration(service.getConfiguration())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
