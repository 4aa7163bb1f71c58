package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashSet;
import java.util.Set;
import org.chainbreaker.fugitives.domain.names.NameForm;
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.chainbreaker.fugitives.store.StoredNamesReread;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Adds the search keys that a name gets since issue 14's fifth session: one per reading of its
 * parts, not only their first three, so that a search in the reading a document uses (Burmese
 * MLCTS, which each syllable lists last; Thai linking vowels; Korean and Chinese readings past the
 * third) meets the record. Keys are computed in Java, so this is a Java migration, run once under
 * Flyway's lock before any replica serves: searches never see half-keyed records, and replicas
 * starting together wait for it. Only names with a letter outside the Latin blocks can gain keys (a
 * Latin part has at most two readings, both keyed before); the keys a name had before are a subset
 * of its keys now, so keys are only added. Runs as the owner role, like every migration, so it
 * reaches every country's records; the dictionary of spellings learns the new ones from its insert
 * trigger (V5).
 */
public class V23__search_keys_for_every_reading_and_name_part_weights extends BaseJavaMigration {

    /** Latin letters only (with diacritics): such a name gains no key. */
    private static final java.util.regex.Pattern LATIN =
            java.util.regex.Pattern.compile("[\\u0000-\\u024F\\u1E00-\\u1EFF]*");

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (PreparedStatement form =
                        connection.prepareStatement(
                                """
                     insert into wanted_person_name_forms (wanted_person_id, owner_country, name_no, form)
                     values (?, ?, ?, cast(? as jsonb))
                     on conflict (wanted_person_id, name_no) do update set form = excluded.form""");
                PreparedStatement insert =
                        connection.prepareStatement(
                                """
                     insert into wanted_person_name_keys (wanted_person_id, owner_country, key, birth_year)
                     values (?, ?, ?, ?) on conflict do nothing""")) {
            StoredNamesReread.each(
                    connection,
                    "",
                    person -> {
                        Set<String> keys = new LinkedHashSet<>();
                        for (StoredNamesReread.StoredName name : person.names()) {
                            if (!LATIN.matcher(name.name()).matches()) {
                                keys.addAll(NameNormalizer.keys(name.normalized()));
                            }
                            String weighed = NameForm.of(name.normalized());
                            if (weighed.contains("\"f\":")) {
                                form.setObject(1, person.id());
                                form.setString(2, person.ownerCountry());
                                form.setInt(3, name.nameNo());
                                form.setString(4, weighed);
                                form.addBatch();
                            }
                        }
                        for (String key : keys) {
                            insert.setObject(1, person.id());
                            insert.setString(2, person.ownerCountry());
                            insert.setString(3, key);
                            insert.setObject(4, person.birthYear(), java.sql.Types.INTEGER);
                            insert.addBatch();
                        }
                    },
                    insert,
                    form);
        }
    }
}
