package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.chainbreaker.fugitives.domain.names.NameForm;
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.chainbreaker.fugitives.store.StoredNamesReread;

/**
 * What the migrations that read stored names again (V28, V30) write for each record they select:
 * its name forms (V19) written again, its written names (V10) replaced, and the search keys of its
 * readings added (the old keys stay: a key that no reading makes any more only brings a candidate
 * the matcher then scores).
 */
final class NamesReadAgain {

    private NamesReadAgain() {}

    /** Every wanted person {@code where} selects (an SQL condition on wanted_persons). */
    static void rewrite(Connection connection, String where) throws SQLException {
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
                    where,
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
