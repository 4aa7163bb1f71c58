package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.SoftHsm;
import org.chainbreaker.devstack.SuperuserScan;
import org.chainbreaker.platform.keys.CountryKeys;
import org.chainbreaker.platform.keys.DataKeys;
import org.chainbreaker.platform.keys.FieldCipher;
import org.chainbreaker.platform.keys.KeySettings;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Records stored before V25 held their document numbers in clear; V26 seals them under the owner's
 * key and replaces the normalised numbers by their blind index, with the token named in the
 * environment (as the operator's commands read it; here system properties).
 */
class DocumentNumbersStoredBeforeTheMigrationsTest {

    @Test
    void document_numbers_stored_before_v25_are_sealed_and_blind_indexed_by_v26()
            throws SQLException {
        PostgresServer server = PostgresServer.shared();
        PostgresServer.DatabaseAccess db = server.provision("fugitives_documents");
        NamesOfRecordsStoredBeforeTheMigrationsTest.migrate(db, "24");
        UUID id = UUID.randomUUID();
        String digits = String.valueOf(System.nanoTime() % 100_000_000L + 100_000_000L);
        String number = "M " + digits.substring(0, 4) + "-" + digits.substring(4);
        String normalized = "M" + digits;
        try (Connection c = server.superuserConnection("fugitives_documents");
                Statement s = c.createStatement()) {
            NamesOfRecordsStoredBeforeTheMigrationsTest.insert(
                    c, id, "KR", "Kim Min Su", "Latn", new String[0], new String[0]);
            s.execute(
                    "update wanted_persons set document_types = '{PASSPORT}', document_numbers = '{\""
                            + number
                            + "\"}', document_countries = '{KR}' where id = '"
                            + id
                            + "'");
            s.execute(
                    "insert into wanted_person_documents (wanted_person_id, owner_country, number)"
                            + " values ('"
                            + id
                            + "', 'KR', '"
                            + normalized
                            + "')");
        }
        Map<String, String> token = SoftHsm.shared().serviceProperties();
        token.forEach(System::setProperty);
        try {
            NamesOfRecordsStoredBeforeTheMigrationsTest.migrate(db, "latest");
        } finally {
            token.keySet().forEach(System::clearProperty);
        }

        JdbcTemplate owner =
                new JdbcTemplate(
                        new DriverManagerDataSource(
                                db.jdbcUrl(), db.ownerUser(), db.ownerPassword()));
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(
                        new org.springframework.core.env.MapPropertySource(
                                "token", Map.copyOf(token)));
        CountryKeys keys = CountryKeys.open(KeySettings.from(environment));
        FieldCipher cipher =
                new FieldCipher(new DataKeys(keys, owner, owner, Duration.ofMinutes(1)), keys);
        String stored =
                owner.queryForObject(
                        "select document_numbers[1] from wanted_persons where id = ?",
                        String.class,
                        id);
        assertThat(stored).startsWith("cb1:");
        assertThat(cipher.open("KR", id, "wanted_persons.document_numbers#0", stored).value())
                .isEqualTo(number);
        assertThat(
                        owner.queryForList(
                                "select number_index from wanted_person_documents where wanted_person_id = ?",
                                String.class,
                                id))
                .containsExactly(cipher.blindIndex(normalized));
        assertThat(SuperuserScan.of("fugitives_documents").found(List.of(digits, normalized)))
                .isEmpty();
        // From now on the table takes an index only.
        assertThatThrownBy(
                        () ->
                                owner.update(
                                        "insert into wanted_person_documents (wanted_person_id, owner_country,"
                                                + " number_index) values (?, 'KR', 'M123')",
                                        id))
                .hasMessageContaining("wanted_person_documents_number_index_only");
    }
}
