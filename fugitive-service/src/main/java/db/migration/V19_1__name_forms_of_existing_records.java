package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import org.chainbreaker.fugitives.domain.names.NameForm;
import org.chainbreaker.fugitives.store.StoredNamesReread;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills in the name forms (V19) of the records stored before V19, computed by the service's
 * normaliser exactly as the service writes them for new records (in Java: ICU, Unihan, the
 * romanisers). Runs as the owner role, like every migration, so it reaches every country's records.
 */
public class V19_1__name_forms_of_existing_records extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (PreparedStatement insert =
                connection.prepareStatement(
                        """
                     insert into wanted_person_name_forms (wanted_person_id, owner_country, name_no, form)
                     values (?, ?, ?, cast(? as jsonb)) on conflict do nothing""")) {
            StoredNamesReread.each(
                    connection,
                    "",
                    person -> {
                        for (StoredNamesReread.StoredName name : person.names()) {
                            insert.setObject(1, person.id());
                            insert.setString(2, person.ownerCountry());
                            insert.setInt(3, name.nameNo());
                            insert.setString(4, NameForm.of(name.normalized()));
                            insert.addBatch();
                        }
                    },
                    insert);
        }
    }
}
