package org.chainbreaker.fugitives.domain.names;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chainbreaker.fugitives.domain.PartialDate;

/**
 * The identity check as the database decided it from V10 until V19 replaced it with a port of
 * {@link NameMatcher#check} (measured over gRPC by DeployedCheckAgreesWithTheMatcherOverGrpcTest
 * and Eval3SealedHalfOverGrpcTest); kept so that the second set's figures stay comparable. Restated
 * in Java so that the evaluation sets measure the check that is deployed, not only {@link
 * NameMatcher#check}:
 *
 * <ul>
 *   <li>a name candidate needs a search key of the record with pg_trgm similarity at least 0.6 to a
 *       key of the query (FugitiveRegistry.CHECK_KEY_THRESHOLD);
 *   <li>where both names are written in one non-Latin script, their written syllables must score at
 *       least {@link NameMatcher#CHECK_THRESHOLD} (fugitives_written_score);
 *   <li>a year, month or day given on both sides and different is no hit.
 * </ul>
 *
 * As a score (for ROC AUC): 0 on a date conflict, else the best key similarity + 0.1 (so that 0.6
 * falls on the threshold 0.7), capped by the written score where that rule applies. Hit exactly
 * when the score reaches 0.7.
 */
final class DeployedCheck {

    private static final double KEY_THRESHOLD = 0.6;

    private DeployedCheck() {}

    static double score(String query, PartialDate dobQuery, String record, PartialDate dobRecord) {
        if (conflict(dobQuery.year(), dobRecord.year())
                || conflict(dobQuery.month(), dobRecord.month())
                || conflict(dobQuery.day(), dobRecord.day())) {
            return 0;
        }
        NormalizedName q = NameNormalizer.normalize(query);
        NormalizedName r = NameNormalizer.normalize(record);
        double best = 0;
        for (String kq : NameNormalizer.keys(q)) {
            for (String kr : NameNormalizer.keys(r)) {
                best = Math.max(best, similarity(kq, kr));
            }
        }
        double score = Math.min(1, best + (NameMatcher.CHECK_THRESHOLD - KEY_THRESHOLD));
        List<String> wq = NameNormalizer.writtenSyllables(q);
        List<String> wr = NameNormalizer.writtenSyllables(r);
        if (!wq.isEmpty() && !wr.isEmpty() && wq.getFirst().regionMatches(0, wr.getFirst(), 0, 5)) {
            score = Math.min(score, written(wq, wr));
        }
        return score;
    }

    private static boolean conflict(int a, int b) {
        return a != 0 && b != 0 && a != b;
    }

    /**
     * fugitives_written_score: Dice share of equal syllables, times 0.75 when each side has one the
     * other lacks.
     */
    static double written(List<String> a, List<String> b) {
        List<String> rest = new java.util.ArrayList<>(b);
        int matched = 0;
        for (String x : a) {
            if (rest.remove(x)) {
                matched++;
            }
        }
        double dice = 2.0 * matched / (a.size() + b.size());
        return matched < a.size() && matched < b.size() ? dice * 0.75 : dice;
    }

    /**
     * pg_trgm's similarity: shared distinct trigrams of the words padded " word " over all distinct
     * trigrams.
     */
    static double similarity(String a, String b) {
        Set<String> ta = trigrams(a);
        Set<String> tb = trigrams(b);
        if (ta.isEmpty() || tb.isEmpty()) {
            return 0;
        }
        Set<String> common = new HashSet<>(ta);
        common.retainAll(tb);
        return (double) common.size() / (ta.size() + tb.size() - common.size());
    }

    private static Set<String> trigrams(String text) {
        Set<String> out = new HashSet<>();
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String padded = "  " + word + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                out.add(padded.substring(i, i + 3));
            }
        }
        return out;
    }
}
