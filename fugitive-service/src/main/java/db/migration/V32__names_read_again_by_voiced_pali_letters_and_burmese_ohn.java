package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Reads again the names whose readings changed in issue 14's eighth session: Thai words (a reading
 * with the voiced Pali values พ b, ค g, ช j) and Burmese syllables (ုံ um spelled -on, and -on
 * spelled -ohn beside -one). Latin names keep their readings: the comparison across Chinese
 * romanisation systems is made when two names are compared, not stored. Runs as the owner role,
 * like every migration, so it reaches every country's records.
 */
public class V32__names_read_again_by_voiced_pali_letters_and_burmese_ohn
        extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        NamesReadAgain.rewrite(
                context.getConnection(),
                """
                primary_name ~ '[\\u0E00-\\u0E7F\\u1000-\\u109F]'
                   or array_to_string(aliases, ' ') ~ '[\\u0E00-\\u0E7F\\u1000-\\u109F]'""");
    }
}
