package db.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.chainbreaker.fugitives.domain.names.NameForm;
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.chainbreaker.fugitives.domain.names.Scripts;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Writes again the name forms (V19) of the names in Thai or Burmese script: since issue 14's fourth
 * session a Thai word is also read with the linking vowel of compounds and with final consonants as
 * passports spell them, and a Burmese syllable also by MLCTS, and the identity check scores the
 * stored form, so a record stored earlier must carry the same readings as one the service writes
 * now. Other names' forms are unchanged and not touched. Runs as the owner role, like every
 * migration, so it reaches every country's records.
 */
public class V22__name_forms_of_thai_and_burmese_names_read_again extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement read = connection.createStatement();
                PreparedStatement insert =
                        connection.prepareStatement(
                                """
                     insert into wanted_person_name_forms (wanted_person_id, owner_country, name_no, form)
                     values (?, ?, ?, cast(? as jsonb))
                     on conflict (wanted_person_id, name_no) do update set form = excluded.form""")) {
            read.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs =
                    read.executeQuery(
                            """
                     select id, owner_country, primary_name, primary_script, aliases, alias_scripts
                       from wanted_persons
                      where primary_name ~ '[\\u0E00-\\u0E7F\\u1000-\\u109F]'
                         or array_to_string(aliases, ' ') ~ '[\\u0E00-\\u0E7F\\u1000-\\u109F]'""")) {
                while (rs.next()) {
                    String[] aliases = strings(rs.getArray("aliases"));
                    String[] scripts = strings(rs.getArray("alias_scripts"));
                    for (int i = -1; i < aliases.length; i++) {
                        String name = i < 0 ? rs.getString("primary_name") : aliases[i];
                        String script =
                                i < 0
                                        ? rs.getString("primary_script")
                                        : i < scripts.length ? scripts[i] : "";
                        if (name == null || name.isBlank() || !thaiOrBurmese(name)) {
                            continue;
                        }
                        insert.setObject(1, rs.getObject("id"));
                        insert.setString(2, rs.getString("owner_country"));
                        insert.setInt(3, i + 1);
                        insert.setString(
                                4,
                                NameForm.of(
                                        NameNormalizer.normalize(
                                                name,
                                                script == null || script.isEmpty()
                                                        ? Scripts.detect(name.strip())
                                                        : script)));
                        insert.addBatch();
                        if (++pending == BATCH) {
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    private static boolean thaiOrBurmese(String name) {
        return name.codePoints()
                .anyMatch(c -> (c >= 0x0E00 && c <= 0x0E7F) || (c >= 0x1000 && c <= 0x109F));
    }

    private static String[] strings(Array array) throws java.sql.SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
