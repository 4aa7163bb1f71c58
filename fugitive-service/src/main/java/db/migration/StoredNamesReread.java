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

/**
 * The loop the Java migrations that read stored names again share (V28's shape): for every record
 * {@code which} selects (a condition on wanted_persons), each name is normalised as the service
 * normalises it now; its name form (V19) is written again, its written names (V10) replaced, and
 * the search keys of its readings added (old keys stay: a key no reading makes any more only brings
 * a candidate the matcher then scores). Written for V30 on branch names7; V28 keeps its own copy
 * until the loop is shared by all of them.
 */
final class StoredNamesReread {

    private static final int BATCH = 1_000;

    private StoredNamesReread() {}

    static void reread(Connection connection, String which) throws java.sql.SQLException {
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
                      where """
                                    + " "
                                    + which)) {
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
