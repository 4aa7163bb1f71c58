package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.chainbreaker.devstack.KekCommand;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.platform.keys.CountryKeys;
import org.chainbreaker.platform.keys.DataKeys;
import org.chainbreaker.platform.persistence.MaintenanceDatabase;
import org.chainbreaker.platform.persistence.PlatformMigrations;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each service's database holds data keys of its own, wrapped by the same country key in the token:
 * the operator's {@code destroy-unused} destroys a key only if no database uses it (issue 18), run
 * as the operator runs it, in a JVM of its own against the real SoftHSM2 token and PostgreSQL.
 */
class DestroyingUnusedKeysChecksEveryDatabaseTest extends RunningFugitiveService {

    @Autowired CountryKeys keys;

    private static final String COUNTRY = "LA";

    @Test
    void a_key_this_database_no_longer_uses_stays_while_another_database_still_does() {
        // A data key of LA in this (the fugitive) database: LA's first sealed document number.
        WantedPerson recorded = record(investigator(COUNTRY), person("Khamla Vongsa", 1981, 3, 9));
        String number = recorded.getDocuments(0).getNumber();
        String old = keys.currentLabel(COUNTRY).orElseThrow();

        // Another service's database, with the platform's tables as every service has them, and an
        // LA data key of its own under the same key.
        PostgresServer.DatabaseAccess other = PostgresServer.shared().provision("keys_elsewhere");
        Flyway.configure()
                .dataSource(other.jdbcUrl(), other.ownerUser(), other.ownerPassword())
                .locations(PlatformMigrations.LOCATION)
                .table(PlatformMigrations.HISTORY_TABLE)
                .placeholders(Map.of("app_role", other.appUser()))
                .load()
                .migrate();
        String otherUrl =
                other.jdbcUrl()
                        + "?user="
                        + other.ownerUser()
                        + "&password="
                        + other.ownerPassword();
        Map<String, String> everyDatabase = Map.of("CHAINBREAKER_KEYS_DATABASES", otherUrl);
        try (MaintenanceDatabase elsewhere =
                new MaintenanceDatabase(
                        other.jdbcUrl(), other.ownerUser(), other.ownerPassword())) {
            DataKeys otherKeys =
                    new DataKeys(keys, elsewhere.jdbc(), elsewhere.jdbc(), Duration.ofMinutes(5));
            int otherVersion = otherKeys.forWriting(COUNTRY).version();

            // Rotated against this database alone: its data keys move to the new key, the other
            // database's stay under the old one.
            KekCommand.Outcome rotated = KekCommand.run(DATABASE, Map.of(), "rotate", COUNTRY);
            assertThat(rotated.exitStatus()).as(rotated.output()).isZero();
            keys.refresh();
            String current = keys.currentLabel(COUNTRY).orElseThrow();
            assertThat(current).isNotEqualTo(old);

            // Not told which databases hold data keys, the command destroys nothing.
            KekCommand.Outcome unasked =
                    KekCommand.run(DATABASE, Map.of(), "destroy-unused", COUNTRY);
            assertThat(unasked.exitStatus()).as(unasked.output()).isEqualTo(1);
            assertThat(unasked.output()).contains("CHAINBREAKER_KEYS_DATABASES");

            KekCommand.Outcome kept =
                    KekCommand.run(DATABASE, everyDatabase, "destroy-unused", COUNTRY);
            assertThat(kept.exitStatus()).as(kept.output()).isZero();
            assertThat(kept.output()).contains("destroyed LA: []");
            keys.refresh();
            assertThat(keys.labels(COUNTRY)).contains(old, current);
            otherKeys.forget(COUNTRY);
            assertThat(otherKeys.forReading(COUNTRY, otherVersion))
                    .as("the other database's data key still opens")
                    .isPresent();

            // Once the other database is re-wrapped too, the old key goes, and nothing is lost.
            KekCommand.Outcome rewrapped = KekCommand.run(other, Map.of(), "rewrap", COUNTRY);
            assertThat(rewrapped.exitStatus()).as(rewrapped.output()).isZero();
            KekCommand.Outcome destroyed =
                    KekCommand.run(DATABASE, everyDatabase, "destroy-unused", COUNTRY);
            assertThat(destroyed.exitStatus()).as(destroyed.output()).isZero();
            assertThat(destroyed.output()).contains("destroyed LA: [" + old + "]");
            keys.refresh();
            assertThat(keys.labels(COUNTRY)).containsExactly(current);
            otherKeys.forget(COUNTRY);
            assertThat(otherKeys.forReading(COUNTRY, otherVersion)).isPresent();
            assertThat(
                            investigator(COUNTRY)
                                    .getWantedPerson(
                                            GetWantedPersonRequest.newBuilder()
                                                    .setId(recorded.getId())
                                                    .build())
                                    .getDocuments(0)
                                    .getNumber())
                    .isEqualTo(number);
        }
    }
}
