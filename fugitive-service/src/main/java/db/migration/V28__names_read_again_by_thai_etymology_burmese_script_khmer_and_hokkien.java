package db.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.chainbreaker.fugitives.domain.names.NameForm;
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.chainbreaker.fugitives.domain.names.NormalizedName;
import org.chainbreaker.fugitives.domain.names.Scripts;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Reads again the names in Thai, Khmer, Burmese or Han script (issue 14's sixth session): a Thai
 * word also has its etymological reading (Devakula, Chearavanont), a Khmer word new readings, a
 * Burmese syllable its script (two names in Burmese script are told apart by characters) and the t
 * of the creaky tone, a Han character its Hokkien reading. A record stored earlier must carry what
 * the service writes now: its name forms (V19) are written again, its written names (V10) replaced,
 * and the search keys of the new readings added (the old ones stay: a key that no reading makes any
 * more only brings a candidate the matcher then scores). Other records are not touched. Runs as the
 * owner role, like every migration, so it reaches every country's records.
 */
public class V28__names_read_again_by_thai_etymology_burmese_script_khmer_and_hokkien
        extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement read = connection.createStatement();
                PreparedStatement form =
                        connection.prepareStatement(
                                """
                     insert into wanted_person_name_forms (wanted_person_id, owner_country, name_no, form)
                     values (?, ?, ?, cast(? as jsonb))
                     on conflict (wanted_person_id, name_no) do update set form = excluded.form""");
                PreparedStatement forget =
                        connection.prepareStatement(
                                "delete from wanted_person_written_names where wanted_person_id = ?");
                PreparedStatement written =
                        connection.prepareStatement(
                                """
                     insert into wanted_person_written_names (wanted_person_id, owner_country, syllables)
                     values (?, ?, ?) on conflict do nothing""");
                PreparedStatement key =
                        connection.prepareStatement(
                                """
                     insert into wanted_person_name_keys (wanted_person_id, owner_country, key, birth_year)
                     values (?, ?, ?, ?) on conflict do nothing""")) {
            read.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs =
                    read.executeQuery(
                            """
                     select id, owner_country, primary_name, primary_script, aliases, alias_scripts, birth_year
                       from wanted_persons
                      where primary_name ~ '[\\u0E00-\\u0E7F\\u1780-\\u17FF\\u1000-\\u109F\\u3400-\\u9FFF]'
                         or array_to_string(aliases, ' ')
                            ~ '[\\u0E00-\\u0E7F\\u1780-\\u17FF\\u1000-\\u109F\\u3400-\\u9FFF]'""")) {
                while (rs.next()) {
                    Object id = rs.getObject("id");
                    String owner = rs.getString("owner_country");
                    Object year = rs.getObject("birth_year");
                    String[] aliases = strings(rs.getArray("aliases"));
                    String[] scripts = strings(rs.getArray("alias_scripts"));
                    List<List<String>> writtenNames = new ArrayList<>();
                    Set<String> keys = new LinkedHashSet<>();
                    for (int i = -1; i < aliases.length; i++) {
                        String name = i < 0 ? rs.getString("primary_name") : aliases[i];
                        String script =
                                i < 0
                                        ? rs.getString("primary_script")
                                        : i < scripts.length ? scripts[i] : "";
                        if (name == null || name.isBlank()) {
                            continue;
                        }
                        NormalizedName normalized =
                                NameNormalizer.normalize(
                                        name,
                                        script == null || script.isEmpty()
                                                ? Scripts.detect(name.strip())
                                                : script);
                        form.setObject(1, id);
                        form.setString(2, owner);
                        form.setInt(3, i + 1);
                        form.setString(4, NameForm.of(normalized));
                        form.addBatch();
                        keys.addAll(NameNormalizer.keys(normalized));
                        List<String> syllables = NameNormalizer.writtenSyllables(normalized);
                        if (!syllables.isEmpty() && !writtenNames.contains(syllables)) {
                            writtenNames.add(syllables);
                        }
                    }
                    forget.setObject(1, id);
                    forget.addBatch();
                    for (List<String> syllables : writtenNames) {
                        written.setObject(1, id);
                        written.setString(2, owner);
                        written.setArray(3, connection.createArrayOf("text", syllables.toArray()));
                        written.addBatch();
                    }
                    for (String k : keys) {
                        key.setObject(1, id);
                        key.setString(2, owner);
                        key.setString(3, k);
                        key.setObject(4, year);
                        key.addBatch();
                    }
                    if (++pending == BATCH) {
                        flush(form, forget, written, key);
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                flush(form, forget, written, key);
            }
        }
    }

    private static void flush(PreparedStatement... statements) throws java.sql.SQLException {
        for (PreparedStatement s : statements) {
            s.executeBatch();
        }
    }

    private static String[] strings(Array array) throws java.sql.SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
