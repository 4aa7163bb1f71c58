package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
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
 * the operator's key command ({@code status}, {@code rewrap}, {@code destroy-unused}) looks at
 * every database that holds data keys, not only its own, run as the operator runs it, in a JVM of
 * its own against the real SoftHSM2 token and PostgreSQL.
 */
class KeysCommandChecksEveryDatabaseTest extends RunningFugitiveService {

    @Autowired CountryKeys keys;

    /** Another service's database, with the platform's tables as every service has them. */
    private record Elsewhere(PostgresServer.DatabaseAccess access, String urlWithRole) {

        MaintenanceDatabase open() {
            return new MaintenanceDatabase(
                    access.jdbcUrl(), access.ownerUser(), access.ownerPassword());
        }

        Map<String, String> listedWithTheCommands() {
            return Map.of("CHAINBREAKER_KEYS_DATABASES", urlWithRole);
        }
    }

    private static Elsewhere anotherDatabase(String name) {
        PostgresServer.DatabaseAccess other = PostgresServer.shared().provision(name);
        Flyway.configure()
                .dataSource(other.jdbcUrl(), other.ownerUser(), other.ownerPassword())
                .locations(PlatformMigrations.LOCATION)
                .table(PlatformMigrations.HISTORY_TABLE)
                .placeholders(Map.of("app_role", other.appUser()))
                .load()
                .migrate();
        return new Elsewhere(
                other,
                other.jdbcUrl()
                        + "?user="
                        + other.ownerUser()
                        + "&password="
                        + other.ownerPassword());
    }

    private static int dataKeysUnder(MaintenanceDatabase database, String country, String label) {
        return database.jdbc()
                .queryForObject(
                        "select count(*) from country_data_keys where country = ? and kek_label = ?",
                        Integer.class,
                        country,
                        label);
    }

    /** {@code rotate} against this database alone (it needs no list); the new current key. */
    private String rotateHere(String country) {
        KekCommand.Outcome rotated = KekCommand.run(DATABASE, Map.of(), "rotate", country);
        assertThat(rotated.exitStatus()).as(rotated.output()).isZero();
        keys.refresh();
        return keys.currentLabel(country).orElseThrow();
    }

    @Test
    void a_key_this_database_no_longer_uses_stays_while_another_database_still_does() {
        String country = "LA";
        // A data key of LA in this (the fugitive) database: LA's first sealed document number.
        WantedPerson recorded = record(investigator(country), person("Khamla Vongsa", 1981, 3, 9));
        String number = recorded.getDocuments(0).getNumber();
        String old = keys.currentLabel(country).orElseThrow();

        // Another service's database, with an LA data key of its own under the same key.
        Elsewhere other = anotherDatabase("keys_elsewhere");
        Map<String, String> everyDatabase = other.listedWithTheCommands();
        try (MaintenanceDatabase elsewhere = other.open()) {
            DataKeys otherKeys =
                    new DataKeys(keys, elsewhere.jdbc(), elsewhere.jdbc(), Duration.ofMinutes(5));
            int otherVersion = otherKeys.forWriting(country).version();

            // Rotated against this database alone: its data keys move to the new key, the other
            // database's stay under the old one.
            String current = rotateHere(country);
            assertThat(current).isNotEqualTo(old);

            // Not told which databases hold data keys, the command destroys nothing.
            KekCommand.Outcome unasked =
                    KekCommand.run(DATABASE, Map.of(), "destroy-unused", country);
            assertThat(unasked.exitStatus()).as(unasked.output()).isEqualTo(1);
            assertThat(unasked.output()).contains("CHAINBREAKER_KEYS_DATABASES");

            KekCommand.Outcome kept =
                    KekCommand.run(DATABASE, everyDatabase, "destroy-unused", country);
            assertThat(kept.exitStatus()).as(kept.output()).isZero();
            assertThat(kept.output()).contains("destroyed LA: []");
            keys.refresh();
            assertThat(keys.labels(country)).contains(old, current);
            otherKeys.forget(country);
            assertThat(otherKeys.forReading(country, otherVersion))
                    .as("the other database's data key still opens")
                    .isPresent();

            // Once the other database is re-wrapped too, the old key goes, and nothing is lost.
            KekCommand.Outcome rewrapped =
                    KekCommand.run(
                            other.access(),
                            Map.of("CHAINBREAKER_KEYS_DATABASES", "none"),
                            "rewrap",
                            country);
            assertThat(rewrapped.exitStatus()).as(rewrapped.output()).isZero();
            KekCommand.Outcome destroyed =
                    KekCommand.run(DATABASE, everyDatabase, "destroy-unused", country);
            assertThat(destroyed.exitStatus()).as(destroyed.output()).isZero();
            assertThat(destroyed.output()).contains("destroyed LA: [" + old + "]");
            keys.refresh();
            assertThat(keys.labels(country)).containsExactly(current);
            otherKeys.forget(country);
            assertThat(otherKeys.forReading(country, otherVersion)).isPresent();
            assertThat(
                            investigator(country)
                                    .getWantedPerson(
                                            GetWantedPersonRequest.newBuilder()
                                                    .setId(recorded.getId())
                                                    .build())
                                    .getDocuments(0)
                                    .getNumber())
                    .isEqualTo(number);
        }
    }

    @Test
    void status_counts_and_rewrap_moves_the_data_keys_of_every_database_not_only_its_own() {
        String country = "SG";
        record(investigator(country), person("Tan Wei Ming", 1979, 11, 2));
        String old = keys.currentLabel(country).orElseThrow();
        Elsewhere other = anotherDatabase("keys_status_elsewhere");
        try (MaintenanceDatabase elsewhere = other.open();
                MaintenanceDatabase here =
                        new MaintenanceDatabase(
                                DATABASE.jdbcUrl(),
                                DATABASE.ownerUser(),
                                DATABASE.ownerPassword())) {
            DataKeys otherKeys =
                    new DataKeys(keys, elsewhere.jdbc(), elsewhere.jdbc(), Duration.ofMinutes(5));
            int otherVersion = otherKeys.forWriting(country).version();
            String current = rotateHere(country);
            int otherUnderOld = dataKeysUnder(elsewhere, country, old);
            int hereUnderCurrent = dataKeysUnder(here, country, current);
            assertThat(otherUnderOld).isPositive();
            assertThat(hereUnderCurrent).isPositive();
            assertThat(dataKeysUnder(here, country, old)).isZero();

            // Not told which databases hold data keys, neither says anything about one alone.
            for (String action : List.of("status", "rewrap")) {
                KekCommand.Outcome unasked = KekCommand.run(DATABASE, Map.of(), action, country);
                assertThat(unasked.exitStatus()).as(unasked.output()).isEqualTo(1);
                assertThat(unasked.output()).contains("CHAINBREAKER_KEYS_DATABASES");
            }

            // The old key still wraps the other database's data key: status says so.
            KekCommand.Outcome status =
                    KekCommand.run(DATABASE, other.listedWithTheCommands(), "status", country);
            assertThat(status.exitStatus()).as(status.output()).isZero();
            assertThat(status.output())
                    .contains(old + "=" + otherUnderOld)
                    .contains(current + "=" + hereUnderCurrent)
                    .contains("2 database(s)");

            // One rewrap, run against this database, moves the other's data keys too.
            KekCommand.Outcome rewrapped =
                    KekCommand.run(DATABASE, other.listedWithTheCommands(), "rewrap", country);
            assertThat(rewrapped.exitStatus()).as(rewrapped.output()).isZero();
            assertThat(rewrapped.output())
                    .contains(otherUnderOld + " data key(s) now under " + current);
            assertThat(dataKeysUnder(elsewhere, country, old)).isZero();
            assertThat(dataKeysUnder(elsewhere, country, current)).isEqualTo(otherUnderOld);
            otherKeys.forget(country);
            assertThat(otherKeys.forReading(country, otherVersion))
                    .as("the re-wrapped data key opens under the current key")
                    .isPresent();

            KekCommand.Outcome after =
                    KekCommand.run(DATABASE, other.listedWithTheCommands(), "status", country);
            assertThat(after.exitStatus()).as(after.output()).isZero();
            assertThat(after.output())
                    .contains(old + "=0")
                    .contains(current + "=" + (hereUnderCurrent + otherUnderOld));
        }
    }

    @Test
    void a_database_it_cannot_reach_makes_every_action_refuse_and_destroy_nothing()
            throws IOException {
        String country = "MY";
        record(investigator(country), person("Ahmad Faizal", 1984, 6, 21));
        rotateHere(country);
        List<String> labels = keys.labels(country);
        assertThat(labels).hasSizeGreaterThan(1);

        // A port nobody listens on: the database holding data keys cannot be asked.
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String unreachable = "jdbc:postgresql://127.0.0.1:" + closed + "/repatriation";
        Map<String, String> listed =
                Map.of(
                        "CHAINBREAKER_KEYS_DATABASES",
                        unreachable + "?user=owner&password=unreachable-secret");
        for (String action : List.of("destroy-unused", "status", "rewrap")) {
            KekCommand.Outcome refused = KekCommand.run(DATABASE, listed, action, country);
            assertThat(refused.exitStatus()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output())
                    .as("names the database, never its password")
                    .contains(unreachable)
                    .doesNotContain("unreachable-secret");
            keys.refresh();
            assertThat(keys.labels(country)).as("after %s", action).isEqualTo(labels);
        }

        // The control: with this database the only one, the same command destroys the old keys.
        KekCommand.Outcome destroyed =
                KekCommand.run(
                        DATABASE,
                        Map.of("CHAINBREAKER_KEYS_DATABASES", "none"),
                        "destroy-unused",
                        country);
        assertThat(destroyed.exitStatus()).as(destroyed.output()).isZero();
        keys.refresh();
        assertThat(keys.labels(country)).containsExactly(keys.currentLabel(country).orElseThrow());
    }
}
