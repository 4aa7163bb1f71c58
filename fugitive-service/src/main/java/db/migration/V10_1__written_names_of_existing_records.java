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
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills in the written names (V10) of the records stored before V10. In Java because they are
 * computed by the service's normaliser (Unihan/ICU folding, honorifics), exactly as the service
 * writes them for new records. Runs as the owner role, like every migration, so it reaches every
 * country's records.
 */
public class V10_1__written_names_of_existing_records extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement read = connection.createStatement();
                PreparedStatement insert =
                        connection.prepareStatement(
                                """
                     insert into wanted_person_written_names (wanted_person_id, owner_country, syllables)
                     values (?, ?, ?) on conflict do nothing""")) {
            read.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs =
                    read.executeQuery(
                            "select id, owner_country, primary_name, primary_script, aliases, alias_scripts from wanted_persons")) {
                while (rs.next()) {
                    Set<List<String>> written = new LinkedHashSet<>();
                    add(written, rs.getString("primary_name"), rs.getString("primary_script"));
                    String[] aliases = strings(rs.getArray("aliases"));
                    String[] scripts = strings(rs.getArray("alias_scripts"));
                    for (int i = 0; i < aliases.length; i++) {
                        add(written, aliases[i], i < scripts.length ? scripts[i] : "");
                    }
                    for (List<String> syllables : written) {
                        insert.setObject(1, rs.getObject("id"));
                        insert.setString(2, rs.getString("owner_country"));
                        insert.setArray(3, connection.createArrayOf("text", syllables.toArray()));
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

    private static void add(Set<List<String>> written, String name, String script) {
        if (name == null || name.isBlank()) {
            return;
        }
        List<String> syllables =
                NameNormalizer.writtenSyllables(
                        NameNormalizer.normalize(name, script == null ? "" : script));
        if (!syllables.isEmpty()) {
            written.add(new ArrayList<>(syllables));
        }
    }

    private static String[] strings(Array array) throws java.sql.SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
