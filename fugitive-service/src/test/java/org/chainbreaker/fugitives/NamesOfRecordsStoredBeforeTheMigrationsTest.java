package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.fugitives.domain.PartialDate;
import org.chainbreaker.fugitives.domain.names.NameForm;
import org.chainbreaker.fugitives.domain.names.NameMatcher;
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.chainbreaker.platform.persistence.PlatformMigrations;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Records stored before V10 (written names) and V19 (name forms) get both when the migrations run
 * over them (the Java migrations V10_1 and V19_1, with the service's own normaliser): a database of
 * their time, migrated to V9, holding records, then migrated to the end. Without the backfill such
 * records would be decided by nothing (V19) in identity checks.
 */
class NamesOfRecordsStoredBeforeTheMigrationsTest {

    @Test
    void records_stored_before_v10_get_their_written_names_and_name_forms() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        PostgresServer.DatabaseAccess db = server.provision("fugitives_backfill");
        migrate(db, "9");
        UUID li = UUID.randomUUID();
        UUID somchai = UUID.randomUUID();
        try (Connection c = server.superuserConnection("fugitives_backfill")) {
            insert(c, li, "SG", "李小龍", "Hani", new String[] {"Lee Siu Lung"}, new String[] {""});
            insert(c, somchai, "TH", "Somchai Jaidee", "Latn", new String[0], new String[0]);
        }
        migrate(db, "latest");
        try (Connection c = server.superuserConnection("fugitives_backfill")) {
            assertThat(
                            column(
                                    c,
                                    "select array_to_string(syllables, ' ') from wanted_person_written_names"
                                            + " where wanted_person_id = '"
                                            + li
                                            + "'"))
                    .containsExactly("Hani:李 Hani:小 Hani:龙");
            // A Latin name without tone marks or patronymic has no written form (V10), but a name
            // form (V19).
            assertThat(
                            column(
                                    c,
                                    "select count(*) from wanted_person_written_names where wanted_person_id = '"
                                            + somchai
                                            + "'"))
                    .containsExactly("0");
            assertThat(
                            column(
                                    c,
                                    "select owner_country || ' ' || name_no || ' ' || form::text from wanted_person_name_forms"
                                            + " where wanted_person_id = '"
                                            + li
                                            + "' order by name_no"))
                    .containsExactly(
                            "SG 0 " + jsonb(c, form("李小龍", "Hani")),
                            "SG 1 " + jsonb(c, form("Lee Siu Lung", "Latn")));
            assertThat(
                            column(
                                    c,
                                    "select owner_country || ' ' || name_no from wanted_person_name_forms"
                                            + " where wanted_person_id = '"
                                            + somchai
                                            + "'"))
                    .containsExactly("TH 0");
        }
    }

    @Test
    void thai_and_burmese_name_forms_stored_before_v22_are_read_again() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        PostgresServer.DatabaseAccess db = server.provision("fugitives_reread");
        migrate(db, "19.1");
        UUID thai = UUID.randomUUID();
        UUID burmese = UUID.randomUUID();
        UUID latin = UUID.randomUUID();
        try (Connection c = server.superuserConnection("fugitives_reread")) {
            insert(c, thai, "TH", "นางสาวอรทัย ทวีสิน", "Thai", new String[0], new String[0]);
            insert(c, burmese, "MM", "ဦးသိန်းစိန်", "Mymr", new String[0], new String[0]);
            insert(c, latin, "PH", "Juan Santos", "Latn", new String[0], new String[0]);
            // Forms as an older normaliser wrote them: not what the service writes today.
            storeStaleForms(c, thai, burmese, latin);
        }
        migrate(db, "latest");
        try (Connection c = server.superuserConnection("fugitives_reread")) {
            assertThat(formOf(c, thai))
                    .containsExactly(jsonb(c, form("นางสาวอรทัย ทวีสิน", "Thai")));
            assertThat(formOf(c, burmese)).containsExactly(jsonb(c, form("ဦးသိန်းစိန်", "Mymr")));
            // Other scripts' forms did not change with V22 and are left as they are.
            assertThat(formOf(c, latin)).containsExactly(jsonb(c, form("Somebody Else", "Latn")));
        }
    }

    @Test
    void records_stored_before_v23_gain_search_keys_for_every_reading_and_part_weights()
            throws SQLException {
        PostgresServer server = PostgresServer.shared();
        PostgresServer.DatabaseAccess db = server.provision("fugitives_rekey");
        migrate(db, "22");
        UUID burmese = UUID.randomUUID();
        UUID latin = UUID.randomUUID();
        UUID kim = UUID.randomUUID();
        String burmeseName = "ဦးသိန်းစိန်";
        try (Connection c = server.superuserConnection("fugitives_rekey")) {
            insert(c, burmese, "MM", burmeseName, "Mymr", new String[0], new String[0]);
            insert(c, latin, "PH", "Juan Santos", "Latn", new String[0], new String[0]);
            insert(c, kim, "KR", "Kim Min Su", "Latn", new String[0], new String[0]);
            // Forms as V19-V22 wrote them: no part weights.
            storeStaleForms(c, latin, kim);
            // The keys an earlier normaliser wrote: the first one only.
            for (UUID id : List.of(burmese, latin)) {
                try (PreparedStatement s =
                        c.prepareStatement(
                                "insert into wanted_person_name_keys (wanted_person_id, owner_country, key, birth_year)"
                                        + " select id, owner_country, ?, birth_year from wanted_persons where id = ?")) {
                    s.setString(
                            1,
                            NameNormalizer.keys(
                                            NameNormalizer.normalize(
                                                    id == burmese ? burmeseName : "Juan Santos"))
                                    .iterator()
                                    .next());
                    s.setObject(2, id);
                    s.executeUpdate();
                }
            }
        }
        migrate(db, "latest");
        try (Connection c = server.superuserConnection("fugitives_rekey")) {
            assertThat(keysOf(c, burmese))
                    .containsExactlyInAnyOrderElementsOf(
                            NameNormalizer.keys(NameNormalizer.normalize(burmeseName, "Mymr")))
                    .hasSizeGreaterThan(3);
            // Latin names gained no key and are left as they are.
            assertThat(keysOf(c, latin)).hasSize(1);
            // A name with a common family name gets the form the service writes now, with the
            // part's
            // weight (read by the identity check since V24); others keep theirs.
            assertThat(formOf(c, kim)).containsExactly(jsonb(c, form("Kim Min Su", "Latn")));
            assertThat(form("Kim Min Su", "Latn")).contains("\"f\":");
            assertThat(formOf(c, latin)).containsExactly(jsonb(c, form("Somebody Else", "Latn")));
            // The database's scorer (V24) weighs the parts as NameMatcher does: Kim Min Ho against
            // the stored Kim Min Su scores what the matcher scores, below the unweighted 2/3.
            for (String query : List.of("Kim Min Ho", "김민호", "Kim Min Su", "Tak Min Ho")) {
                double java =
                        NameMatcher.match(
                                        query,
                                        PartialDate.UNKNOWN,
                                        "Kim Min Su",
                                        PartialDate.UNKNOWN)
                                .score();
                try (PreparedStatement s =
                        c.prepareStatement(
                                "select fugitives_name_score(cast(? as jsonb), form) from wanted_person_name_forms"
                                        + " where wanted_person_id = ?")) {
                    s.setString(1, NameForm.of(NameNormalizer.normalize(query)));
                    s.setObject(2, kim);
                    try (var rs = s.executeQuery()) {
                        rs.next();
                        assertThat(rs.getDouble(1)).as(query).isCloseTo(java, within(1e-9));
                    }
                }
            }
            assertThat(
                            NameMatcher.match(
                                            "Kim Min Ho",
                                            PartialDate.UNKNOWN,
                                            "Kim Min Su",
                                            PartialDate.UNKNOWN)
                                    .score())
                    .isLessThan(2.0 / 3);
            // Every new key is in the dictionary the search gathers candidates from (V5).
            assertThat(
                            column(
                                    c,
                                    "select count(*) from wanted_person_name_keys k where wanted_person_id = '"
                                            + burmese
                                            + "' and not exists (select 1 from name_key_dictionary d where d.key = k.key)"))
                    .containsExactly("0");
        }
    }

    private static List<String> keysOf(Connection c, UUID id) throws SQLException {
        return column(
                        c,
                        "select key || ' ' || birth_year from wanted_person_name_keys where wanted_person_id = '"
                                + id
                                + "'")
                .stream()
                .map(k -> k.substring(0, k.length() - " 1970".length()))
                .toList();
    }

    /** A form as an older normaliser might have written it: not what the service writes today. */
    private static void storeStaleForms(Connection c, UUID... ids) throws SQLException {
        for (UUID id : ids) {
            try (PreparedStatement s =
                    c.prepareStatement(
                            "insert into wanted_person_name_forms (wanted_person_id, owner_country, name_no, form)"
                                    + " select id, owner_country, 0, cast(? as jsonb) from wanted_persons where id = ?")) {
                s.setString(1, form("Somebody Else", "Latn"));
                s.setObject(2, id);
                s.executeUpdate();
            }
        }
    }

    private static List<String> formOf(Connection c, UUID id) throws SQLException {
        return column(
                c,
                "select form::text from wanted_person_name_forms where wanted_person_id = '"
                        + id
                        + "'");
    }

    private static String form(String name, String script) {
        return NameForm.of(NameNormalizer.normalize(name, script));
    }

    private static String jsonb(Connection c, String json) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select cast(? as jsonb)::text")) {
            s.setString(1, json);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** As the service migrates (PlatformMigrations), the service's own migrations up to target. */
    static void migrate(PostgresServer.DatabaseAccess db, String target) {
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.ownerUser(), db.ownerPassword())
                .placeholders(java.util.Map.of("app_role", db.appUser()))
                .locations(PlatformMigrations.LOCATION)
                .table(PlatformMigrations.HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.ownerUser(), db.ownerPassword())
                .placeholders(java.util.Map.of("app_role", db.appUser()))
                .locations("classpath:db/migration")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .target(target)
                .load()
                .migrate();
    }

    static void insert(
            Connection c,
            UUID id,
            String owner,
            String name,
            String script,
            String[] aliases,
            String[] aliasScripts)
            throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement(
                        """
                        insert into wanted_persons (id, owner_country, reference, notice_status, custody,
                            primary_name, primary_script, aliases, alias_scripts, birth_year, nationalities,
                            identifying_marks, document_types, document_numbers, document_countries, charges,
                            warrant_reference, warrant_authority, risk_flags, create_time, update_time)
                        values (?, ?, ?, 'PUBLISHED', 'AT_LARGE', ?, ?, ?, ?, 1970, '{}', '{}', '{}', '{}', '{}',
                            '{fraud}', 'W-1', 'court', '{}', now(), now())""")) {
            s.setObject(1, id);
            s.setString(2, owner);
            s.setString(3, owner + "-" + id.toString().substring(0, 8));
            s.setString(4, name);
            s.setString(5, script);
            s.setArray(6, c.createArrayOf("text", aliases));
            s.setArray(7, c.createArrayOf("text", aliasScripts));
            s.executeUpdate();
        }
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
