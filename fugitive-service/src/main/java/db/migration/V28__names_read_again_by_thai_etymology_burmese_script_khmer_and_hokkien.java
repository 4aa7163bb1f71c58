package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.chainbreaker.fugitives.domain.names.NameForm;
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.chainbreaker.fugitives.store.StoredNamesReread;
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

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (PreparedStatement form =
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
            StoredNamesReread.each(
                    connection,
                    """
                    primary_name ~ '[\\u0E00-\\u0E7F\\u1780-\\u17FF\\u1000-\\u109F\\u3400-\\u9FFF]'
                         or array_to_string(aliases, ' ')
                            ~ '[\\u0E00-\\u0E7F\\u1780-\\u17FF\\u1000-\\u109F\\u3400-\\u9FFF]'""",
                    person -> {
                        List<List<String>> writtenNames = new ArrayList<>();
                        Set<String> keys = new LinkedHashSet<>();
                        for (StoredNamesReread.StoredName name : person.names()) {
                            form.setObject(1, person.id());
                            form.setString(2, person.ownerCountry());
                            form.setInt(3, name.nameNo());
                            form.setString(4, NameForm.of(name.normalized()));
                            form.addBatch();
                            keys.addAll(NameNormalizer.keys(name.normalized()));
                            List<String> syllables =
                                    NameNormalizer.writtenSyllables(name.normalized());
                            if (!syllables.isEmpty() && !writtenNames.contains(syllables)) {
                                writtenNames.add(syllables);
                            }
                        }
                        forget.setObject(1, person.id());
                        forget.addBatch();
                        for (List<String> syllables : writtenNames) {
                            written.setObject(1, person.id());
                            written.setString(2, person.ownerCountry());
                            written.setArray(
                                    3, connection.createArrayOf("text", syllables.toArray()));
                            written.addBatch();
                        }
                        for (String k : keys) {
                            key.setObject(1, person.id());
                            key.setString(2, person.ownerCountry());
                            key.setString(3, k);
                            key.setObject(4, person.birthYear());
                            key.addBatch();
                        }
                    },
                    form,
                    forget,
                    written,
                    key);
        }
    }
}
