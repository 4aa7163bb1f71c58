package org.chainbreaker.fugitives.domain.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chainbreaker.fugitives.domain.PartialDate;

/**
 * Scores two names (each with a date of birth, possibly partial) as the same person or not.
 *
 * <p>Name parts are compared order-insensitively (family name first or last), each part to its best counterpart:
 * the same folded spelling scores 1, spellings of one variant group (Kim~Gim, Chen~Tan) 0.95, close spellings
 * their Jaro-Winkler similarity; parts without a counterpart count against the match unless optional
 * (honorifics, patronymic markers). The name score is the Dice-like share of matched parts, best over the
 * ways each name may be split. Patronymic names compare given name with given name and father with father.
 * The date of birth then raises or lowers the score: exact agreement most, a conflict strongly.
 */
public final class NameMatcher {

    /** The score from which two identities are reported as a match. */
    public static final double THRESHOLD = 0.75;
    /** Jaro-Winkler similarity from which close spellings earn some credit. */
    private static final double FUZZY_START = 0.8;
    /** Credit below which a part has no counterpart. */
    private static final double FUZZY_FLOOR = 0.3;

    private NameMatcher() {
    }

    public static NameMatch match(NormalizedName a, PartialDate dobA, NormalizedName b, PartialDate dobB) {
        Scored best = null;
        if (a.patronymicAt() > 0 && b.patronymicAt() > 0) {
            best = patronymic(a, b);
        } else {
            for (List<String> ta : a.tokenizations()) {
                for (List<String> tb : b.tokenizations()) {
                    Scored s = align(ta, tb, a, b);
                    if (best == null || s.score > best.score) {
                        best = s;
                    }
                }
            }
        }
        List<String> reasons = new ArrayList<>(best.reasons);
        double score = best.score;
        switch (dobA.compare(dobB)) {
            case EXACT -> {
                score += (1 - score) * 0.4;
                reasons.add("date of birth " + dobA + " matches");
            }
            case COMPATIBLE -> {
                score += (1 - score) * 0.2;
                reasons.add("date of birth compatible (" + dobA + " / " + dobB + ")");
            }
            case NEAR -> {
                score -= 0.1;
                reasons.add("date of birth one year apart (" + dobA + " / " + dobB + ")");
            }
            case CONFLICT -> {
                score -= 0.35;
                reasons.add("date of birth differs (" + dobA + " / " + dobB + ")");
            }
            case UNKNOWN -> reasons.add("no date of birth to compare");
        }
        return new NameMatch(Math.max(0, Math.min(1, score)), reasons);
    }

    public static NameMatch match(String a, PartialDate dobA, String b, PartialDate dobB) {
        return match(NameNormalizer.normalize(a), dobA, NameNormalizer.normalize(b), dobB);
    }

    private record Scored(double score, List<String> reasons) {
    }

    private static Scored patronymic(NormalizedName a, NormalizedName b) {
        List<String> pa = a.parts();
        List<String> pb = b.parts();
        Scored given = align(pa.subList(0, a.patronymicAt()), pb.subList(0, b.patronymicAt()), a, b);
        Scored father = align(pa.subList(a.patronymicAt() + 1, pa.size()), pb.subList(b.patronymicAt() + 1, pb.size()), a, b);
        List<String> reasons = new ArrayList<>();
        reasons.add("patronymic names compared part by part");
        reasons.addAll(given.reasons);
        reasons.addAll(father.reasons);
        return new Scored(Math.min(given.score, father.score) * 0.5 + (given.score + father.score) * 0.25, reasons);
    }

    /** Greedy best-first alignment of parts; order-insensitive. */
    private static Scored align(List<String> ta, List<String> tb, NormalizedName a, NormalizedName b) {
        int n = ta.size();
        int m = tb.size();
        double[][] sim = new double[n][m];
        String[][] why = new String[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                Part p = compare(ta.get(i), tb.get(j), a, b);
                sim[i][j] = p.similarity;
                why[i][j] = p.reason;
            }
        }
        boolean[] usedA = new boolean[n];
        boolean[] usedB = new boolean[m];
        double matched = 0;
        List<String> reasons = new ArrayList<>();
        while (true) {
            int bi = -1;
            int bj = -1;
            double bs = FUZZY_FLOOR - 1e-9;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    if (!usedA[i] && !usedB[j] && sim[i][j] > bs) {
                        bs = sim[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) {
                break;
            }
            usedA[bi] = true;
            usedB[bj] = true;
            matched += bs;
            reasons.add(why[bi][bj]);
        }
        int countA = 0;
        int countB = 0;
        for (int i = 0; i < n; i++) {
            if (usedA[i] || !a.optional().contains(ta.get(i))) {
                countA++;
            }
            if (!usedA[i]) {
                reasons.add(a.optional().contains(ta.get(i)) ? "\"" + ta.get(i) + "\" ignored (honorific or marker)"
                        : "no counterpart for \"" + ta.get(i) + "\"");
            }
        }
        for (int j = 0; j < m; j++) {
            if (usedB[j] || !b.optional().contains(tb.get(j))) {
                countB++;
            }
            if (!usedB[j]) {
                reasons.add(b.optional().contains(tb.get(j)) ? "\"" + tb.get(j) + "\" ignored (honorific or marker)"
                        : "no counterpart for \"" + tb.get(j) + "\"");
            }
        }
        double score = countA + countB == 0 ? 0 : 2 * matched / (countA + countB);
        return new Scored(score, reasons);
    }

    private record Part(double similarity, String reason) {
    }

    private static Part compare(String x, String y, NormalizedName a, NormalizedName b) {
        String fx = Fold.phonetic(x);
        String fy = Fold.phonetic(y);
        if (x.equals(y) || fx.equals(fy)) {
            Optional<String> tones = toneConflict(x, a, y, b);
            if (tones.isPresent()) {
                return new Part(0.3, tones.get());
            }
            return new Part(1.0, x.equals(y) ? "\"" + x + "\" matches" : x + "~" + y + " (same sound)");
        }
        Optional<NameVariants.Group> group = NameVariants.shared(fx, fy);
        if (group.isPresent()) {
            return new Part(0.95, x + "~" + y + " via " + group.get().label());
        }
        // Close spellings earn little: one letter apart is the typical hard non-match (Minsu / Minseo).
        double jw = jaroWinkler(fx, fy);
        double credit = jw <= FUZZY_START ? 0 : Math.pow((jw - FUZZY_START) / (1 - FUZZY_START), 2);
        return new Part(credit, x + "≈" + y + " (spelling " + Math.round(jw * 100) + "%)");
    }

    /** Vietnamese tones tell people apart (Hùng / Hưng) only when both sides were written with them. */
    private static Optional<String> toneConflict(String x, NormalizedName a, String y, NormalizedName b) {
        String mx = markedForm(x, a);
        String my = markedForm(y, b);
        if (mx != null && my != null && !mx.equals(my)) {
            return Optional.of(mx + "/" + my + " differ in tone marks");
        }
        return Optional.empty();
    }

    private static String markedForm(String plain, NormalizedName name) {
        return name.markedForms().get(plain);
    }

    static double jaroWinkler(String s, String t) {
        if (s.equals(t)) {
            return 1;
        }
        if (s.isEmpty() || t.isEmpty()) {
            return 0;
        }
        int range = Math.max(0, Math.max(s.length(), t.length()) / 2 - 1);
        boolean[] ms = new boolean[s.length()];
        boolean[] mt = new boolean[t.length()];
        int matches = 0;
        for (int i = 0; i < s.length(); i++) {
            for (int j = Math.max(0, i - range); j < Math.min(t.length(), i + range + 1); j++) {
                if (!mt[j] && s.charAt(i) == t.charAt(j)) {
                    ms[i] = true;
                    mt[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int transpositions = 0;
        int k = 0;
        for (int i = 0; i < s.length(); i++) {
            if (ms[i]) {
                while (!mt[k]) {
                    k++;
                }
                if (s.charAt(i) != t.charAt(k)) {
                    transpositions++;
                }
                k++;
            }
        }
        double jaro = ((double) matches / s.length() + (double) matches / t.length()
                + (matches - transpositions / 2.0) / matches) / 3;
        int prefix = 0;
        while (prefix < Math.min(4, Math.min(s.length(), t.length())) && s.charAt(prefix) == t.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
