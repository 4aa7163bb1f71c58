package db.migration;

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
        NamesReadAgain.rewrite(
                context.getConnection(),
                """
                primary_name ~ '[\\u0E00-\\u0E7F\\u1780-\\u17FF\\u1000-\\u109F\\u3400-\\u9FFF]'
                     or array_to_string(aliases, ' ')
                        ~ '[\\u0E00-\\u0E7F\\u1780-\\u17FF\\u1000-\\u109F\\u3400-\\u9FFF]'""");
    }
}
