package db.migration;

import java.sql.Array;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.fugitives.store.WantedPersonRows;
import org.chainbreaker.platform.keys.CountryKeys;
import org.chainbreaker.platform.keys.DataKeys;
import org.chainbreaker.platform.keys.FieldCipher;
import org.chainbreaker.platform.keys.KeySettings;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Seals the document numbers of records stored before V25 under their owner's key and replaces
 * their normalised numbers by the blind index, as the service now writes them; then the table
 * refuses anything but an index. A Java migration because the token computes both, run once under
 * Flyway's lock before any replica serves, so that no identity check meets a number in clear. It
 * opens the token only when such a record exists (a new database needs none), from the environment
 * as the operator's {@code bin/rotate-kek} does ({@code CHAINBREAKER_KEYS_PIN} and {@code
 * CHAINBREAKER_KEYS_PKCS11_CONFIG} or {@code _LIBRARY}); without it the migration stops and says
 * so. A country without a key-encryption key stops it too (its numbers would stay in clear). The
 * old values stay in the database's files until vacuumed and in its WAL and backups (docs).
 */
public class V26__document_numbers_of_existing_records_sealed_and_indexed
        extends BaseJavaMigration {

    private record Numbers(UUID id, String owner, String[] numbers) {}

    private record Document(UUID id, String number) {}

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        List<Numbers> records =
                jdbc.query(
                        """
                        select id, owner_country, document_numbers from wanted_persons w
                         where exists (select 1 from unnest(w.document_numbers) n
                                        where n <> '' and n not like 'cb1:%')""",
                        (rs, n) ->
                                new Numbers(
                                        rs.getObject(1, UUID.class),
                                        rs.getString(2),
                                        strings(rs.getArray(3))));
        List<Document> documents =
                jdbc.query(
                        """
                        select wanted_person_id, number_index from wanted_person_documents
                         where number_index not like 'bi1:%'""",
                        (rs, n) -> new Document(rs.getObject(1, UUID.class), rs.getString(2)));
        if (!records.isEmpty() || !documents.isEmpty()) {
            CountryKeys keys = CountryKeys.open(KeySettings.from(new StandardEnvironment()));
            FieldCipher cipher =
                    new FieldCipher(new DataKeys(keys, jdbc, jdbc, Duration.ofMinutes(5)), keys);
            for (Numbers r : records) {
                String[] sealed = new String[r.numbers().length];
                for (int i = 0; i < sealed.length; i++) {
                    String number = r.numbers()[i];
                    sealed[i] =
                            number == null || number.startsWith("cb1:")
                                    ? number
                                    : cipher.seal(
                                            r.owner(),
                                            r.id(),
                                            WantedPersonRows.DOCUMENT_NUMBERS + "#" + i,
                                            number);
                }
                jdbc.update(
                        "update wanted_persons set document_numbers = ? where id = ?",
                        connection.createArrayOf("text", sealed),
                        r.id());
            }
            List<Object[]> indexed = new ArrayList<>();
            for (Document d : documents) {
                indexed.add(new Object[] {cipher.blindIndex(d.number()), d.id(), d.number()});
            }
            jdbc.batchUpdate(
                    "update wanted_person_documents set number_index = ?"
                            + " where wanted_person_id = ? and number_index = ?",
                    indexed);
        }
        jdbc.execute(
                """
                alter table wanted_person_documents add constraint wanted_person_documents_number_index_only
                    check (number_index like 'bi1:%')""");
    }

    private static String[] strings(Array array) throws java.sql.SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
