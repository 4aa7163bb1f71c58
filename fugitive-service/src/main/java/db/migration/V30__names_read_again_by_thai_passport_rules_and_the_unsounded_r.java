package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Reads again the names whose readings changed in issue 14's seventh session: Thai words (รร before
 * a syllable of its own, clusters under a leading vowel, closed final syllables, sibilants that
 * close and open, the silent ร of ศร and สร, the silent last short vowel, บ spelled b, the Pali
 * reading with its final a), Khmer words (a subscript ending the word is not read: ចន្ទ Chan), and
 * every name with a letter written but not sounded that now folds away: a long a written "ar"
 * (Parnpree, Bwar) or an h closing a word after a vowel (Poh, Fatimah), in Latin or in Burmese
 * script, whose readings can contain them. Runs as the owner role, like every migration, so it
 * reaches every country's records.
 */
public class V30__names_read_again_by_thai_passport_rules_and_the_unsounded_r
        extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        NamesReadAgain.rewrite(
                context.getConnection(),
                """
                primary_name ~* '[\\u0E00-\\u0E7F\\u1780-\\u17FF\\u1000-\\u109F]|ar|[aeiou]h(\\s|$)'
                   or array_to_string(aliases, ' ')
                      ~* '[\\u0E00-\\u0E7F\\u1780-\\u17FF\\u1000-\\u109F]|ar|[aeiou]h(\\s|$)'""");
    }
}
