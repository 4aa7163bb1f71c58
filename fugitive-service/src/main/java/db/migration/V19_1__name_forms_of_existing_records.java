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
 * Fills in the name forms (V19) of the records stored before V19, computed by the service's
 * normaliser exactly as the service writes them for new records (in Java: ICU, Unihan, the
 * romanisers). Runs as the owner role, like every migration, so it reaches every country's records.
 */
public class V19_1__name_forms_of_existing_records extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement read = connection.createStatement();
                PreparedStatement insert =
                        connection.prepareStatement(
                                """
                     insert into wanted_person_name_forms (wanted_person_id, owner_country, name_no, form)
                     values (?, ?, ?, cast(? as jsonb)) on conflict do nothing""")) {
            read.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs =
                    read.executeQuery(
                            "select id, owner_country, primary_name, primary_script, aliases, alias_scripts from wanted_persons")) {
                while (rs.next()) {
                    String[] aliases = strings(rs.getArray("aliases"));
                    String[] scripts = strings(rs.getArray("alias_scripts"));
                    for (int i = -1; i < aliases.length; i++) {
                        String name = i < 0 ? rs.getString("primary_name") : aliases[i];
                        String script =
                                i < 0
                                        ? rs.getString("primary_script")
                                        : i < scripts.length ? scripts[i] : "";
                        if (name == null || name.isBlank()) {
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

    private static String[] strings(Array array) throws java.sql.SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
