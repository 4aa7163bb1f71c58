package org.chainbreaker.fugitives.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.WantedPersonDetails;
import org.chainbreaker.platform.keys.FieldCipher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of what finds a wanted person besides its id: the name search keys, the blind indexes of its
 * normalised document numbers ({@code wanted_person_documents.number_index}, V25: the database
 * never holds a number in the clear), the names as written (V10) and the name forms the matcher
 * scores (V19). Owner only; runs inside a tenant transaction.
 */
@Repository
public class WantedPersonIndexStore {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final FieldCipher cipher;

    WantedPersonIndexStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.cipher = cipher;
    }

    /**
     * The search keys and document blind indexes of records new in this transaction (a bulk load).
     */
    void insertAll(String owner, List<NewWantedPersonStore.NewRecord> records) {
        List<MapSqlParameterSource> keys = new ArrayList<>();
        List<MapSqlParameterSource> documents = new ArrayList<>();
        for (NewWantedPersonStore.NewRecord r : records) {
            Integer year = birthYear(r.details());
            r.keys()
                    .forEach(
                            k ->
                                    keys.add(
                                            new MapSqlParameterSource()
                                                    .addValue("id", r.id())
                                                    .addValue("owner", owner)
                                                    .addValue("key", k)
                                                    .addValue(
                                                            "year", year, java.sql.Types.INTEGER)));
            blindIndexes(r.documentNumbers())
                    .forEach(
                            n ->
                                    documents.add(
                                            new MapSqlParameterSource()
                                                    .addValue("id", r.id())
                                                    .addValue("owner", owner)
                                                    .addValue("number", n)));
        }
        batch.batchUpdate(INSERT_KEY, keys.toArray(MapSqlParameterSource[]::new));
        batch.batchUpdate(
                """
                insert into wanted_person_documents (wanted_person_id, owner_country, number_index)
                values (:id, :owner, :number) on conflict do nothing""",
                documents.toArray(MapSqlParameterSource[]::new));
    }

    private static final String INSERT_KEY =
            """
            insert into wanted_person_name_keys (wanted_person_id, owner_country, key, birth_year)
            values (:id, :owner, :key, :year) on conflict do nothing""";

    private static Integer birthYear(WantedPersonDetails details) {
        return details.dateOfBirth().year() == 0 ? null : details.dateOfBirth().year();
    }

    /**
     * Replaces the search keys and the blind indexes of the normalised document numbers of a wanted
     * person (owner only).
     */
    public void replaceIndex(
            UUID id,
            String owner,
            WantedPersonDetails details,
            Collection<String> keys,
            Collection<String> documentNumbers) {
        Integer year = birthYear(details);
        // Only the keys that went (or whose year of birth changed): a spelling whose last holder
        // goes leaves the
        // dictionary of spellings (V7), so rewriting unchanged keys would remove and re-add it on
        // every edit.
        jdbc.sql(
                        """
                        delete from wanted_person_name_keys
                         where wanted_person_id = :id
                           and not (key = any(:keys) and birth_year is not distinct from :year)""")
                .param("id", id)
                .param("keys", keys.toArray(String[]::new))
                .param("year", year, java.sql.Types.INTEGER)
                .update();
        jdbc.sql("delete from wanted_person_documents where wanted_person_id = :id")
                .param("id", id)
                .update();
        batch.batchUpdate(
                INSERT_KEY,
                keys.stream()
                        .map(
                                k ->
                                        new MapSqlParameterSource()
                                                .addValue("id", id)
                                                .addValue("owner", owner)
                                                .addValue("key", k)
                                                .addValue("year", year, java.sql.Types.INTEGER))
                        .toArray(MapSqlParameterSource[]::new));
        for (String number : blindIndexes(documentNumbers)) {
            jdbc.sql(
                            """
                            insert into wanted_person_documents (wanted_person_id, owner_country, number_index)
                            values (:id, :owner, :number) on conflict do nothing""")
                    .param("id", id)
                    .param("owner", owner)
                    .param("number", number)
                    .update();
        }
    }

    /**
     * Replaces the names as written (in a non-Latin script, one syllable array per name) of the
     * owner's records: what identity checks compare inside the database (V10). Only the owner's own
     * rows are readable to it.
     */
    public void replaceWrittenNames(String owner, Map<UUID, List<List<String>>> byRecord) {
        if (byRecord.isEmpty()) {
            return;
        }
        jdbc.sql("delete from wanted_person_written_names where wanted_person_id = any(:ids)")
                .param("ids", byRecord.keySet().toArray(UUID[]::new))
                .update();
        insertWrittenNames(owner, byRecord);
    }

    /** The written names of records new in this transaction (a bulk load): nothing to replace. */
    public void insertWrittenNames(String owner, Map<UUID, List<List<String>>> byRecord) {
        List<MapSqlParameterSource> rows = new ArrayList<>();
        byRecord.forEach(
                (id, names) ->
                        names.stream()
                                .distinct()
                                .forEach(
                                        n ->
                                                rows.add(
                                                        new MapSqlParameterSource()
                                                                .addValue("id", id)
                                                                .addValue("owner", owner)
                                                                .addValue(
                                                                        "syllables",
                                                                        n.toArray(
                                                                                String[]::new)))));
        batch.batchUpdate(
                """
                insert into wanted_person_written_names (wanted_person_id, owner_country, syllables)
                values (:id, :owner, :syllables) on conflict do nothing""",
                rows.toArray(MapSqlParameterSource[]::new));
    }

    /**
     * Replaces what the matcher reads of each name of the owner's records (NameForm JSON, one per
     * name in order): what identity checks score inside the database (V19). Owner only.
     */
    public void replaceNameForms(String owner, Map<UUID, List<String>> byRecord) {
        if (byRecord.isEmpty()) {
            return;
        }
        jdbc.sql("delete from wanted_person_name_forms where wanted_person_id = any(:ids)")
                .param("ids", byRecord.keySet().toArray(UUID[]::new))
                .update();
        insertNameForms(owner, byRecord);
    }

    /** The name forms of records new in this transaction (a bulk load): nothing to replace. */
    public void insertNameForms(String owner, Map<UUID, List<String>> byRecord) {
        List<MapSqlParameterSource> rows = new ArrayList<>();
        byRecord.forEach(
                (id, forms) -> {
                    for (int i = 0; i < forms.size(); i++) {
                        rows.add(
                                new MapSqlParameterSource()
                                        .addValue("id", id)
                                        .addValue("owner", owner)
                                        .addValue("no", i)
                                        .addValue("form", forms.get(i)));
                    }
                });
        batch.batchUpdate(
                """
                insert into wanted_person_name_forms (wanted_person_id, owner_country, name_no, form)
                values (:id, :owner, :no, cast(:form as jsonb))""",
                rows.toArray(MapSqlParameterSource[]::new));
    }

    /** The blind indexes of normalised document numbers (an empty number has none). */
    private List<String> blindIndexes(Collection<String> normalizedNumbers) {
        return normalizedNumbers.stream()
                .filter(n -> !n.isEmpty())
                .map(cipher::blindIndex)
                .distinct()
                .toList();
    }
}
