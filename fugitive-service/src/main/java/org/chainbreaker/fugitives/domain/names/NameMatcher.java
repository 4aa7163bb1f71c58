package org.chainbreaker.fugitives.domain.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chainbreaker.fugitives.domain.PartialDate;

/**
 * Scores two names (each with a date of birth, possibly partial) as the same person or not.
 *
 * <p>Name parts are compared order-insensitively (family name first or last), each part to its best
 * counterpart: the same folded spelling scores 1, spellings of one variant group (Kim~Gim,
 * Chen~Tan) 0.95, close spellings their Jaro-Winkler similarity; parts without a counterpart count
 * against the match unless optional (honorifics, patronymic markers). The name score is the
 * Dice-like share of matched parts, best over the ways each name may be split. Patronymic names
 * compare given name with given name and father with father. The date of birth then raises or
 * lowers the score: exact agreement most, a conflict strongly.
 */
public final class NameMatcher {

    /** The score from which two identities are reported as a match. */
    public static final double THRESHOLD = 0.7;

    /** Jaro-Winkler similarity from which close spellings earn some credit. */
    private static final double FUZZY_START = 0.8;

    /** Credit below which a part has no counterpart. */
    private static final double FUZZY_FLOOR = 0.3;

    /** Factor on a name score when each side has a part without counterpart. */
    private static final double CONTRADICTION = 0.75;

    private NameMatcher() {}

    public static NameMatch match(
            NormalizedName a, PartialDate dobA, NormalizedName b, PartialDate dobB) {
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
                score += (1 - score) * 0.25;
                reasons.add("date of birth " + dobA + " matches");
            }
            case COMPATIBLE -> {
                score += (1 - score) * 0.1;
                reasons.add("date of birth compatible (" + dobA + " / " + dobB + ")");
            }
            case NEAR -> {
                score -= 0.15;
                reasons.add("date of birth one year apart (" + dobA + " / " + dobB + ")");
            }
            case CONFLICT -> {
                // Namesakes born years apart are the commonest false hit: a conflict sinks any name
                // score.
                score *= 0.4;
                reasons.add("date of birth differs (" + dobA + " / " + dobB + ")");
            }
            case UNKNOWN -> reasons.add("no date of birth to compare");
        }
        return new NameMatch(Math.max(0, Math.min(1, score)), reasons);
    }

    /** The score from which an identity check answers hit. */
    public static final double CHECK_THRESHOLD = THRESHOLD;

    /** An identity check: the name score, and no hit where the dates of birth conflict. */
    public static NameMatch check(String a, PartialDate dobA, String b, PartialDate dobB) {
        NameMatch m = match(a, dobA, b, dobB);
        PartialDate.Agreement agreement = dobA.compare(dobB);
        return agreement == PartialDate.Agreement.CONFLICT ? new NameMatch(0, m.reasons()) : m;
    }

    public static NameMatch match(String a, PartialDate dobA, String b, PartialDate dobB) {
        return match(NameNormalizer.normalize(a), dobA, NameNormalizer.normalize(b), dobB);
    }

    private record Scored(double score, List<String> reasons) {}

    private static Scored patronymic(NormalizedName a, NormalizedName b) {
        List<String> pa = a.parts();
        List<String> pb = b.parts();
        Scored given =
                align(pa.subList(0, a.patronymicAt()), pb.subList(0, b.patronymicAt()), a, b);
        Scored father =
                align(
                        pa.subList(a.patronymicAt() + 1, pa.size()),
                        pb.subList(b.patronymicAt() + 1, pb.size()),
                        a,
                        b);
        List<String> reasons = new ArrayList<>();
        reasons.add("patronymic names compared part by part");
        reasons.addAll(given.reasons);
        reasons.addAll(father.reasons);
        return new Scored(
                Math.min(given.score, father.score) * 0.5 + (given.score + father.score) * 0.25,
                reasons);
    }

    /** Greedy best-first alignment of parts; order-insensitive. */
    private static Scored align(
            List<String> ta, List<String> tb, NormalizedName a, NormalizedName b) {
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
        // Common parts (Kim, Wang) weigh less in the share of matched parts (PartFrequency).
        double[] wa = new double[n];
        double[] wb = new double[m];
        for (int i = 0; i < n; i++) {
            wa[i] = PartFrequency.weight(a, ta.get(i));
        }
        for (int j = 0; j < m; j++) {
            wb[j] = PartFrequency.weight(b, tb.get(j));
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
            matched += bs * (wa[bi] + wb[bj]) / 2;
            reasons.add(why[bi][bj]);
            if (wa[bi] < 1 || wb[bj] < 1) {
                reasons.add(
                        "\""
                                + ta.get(bi)
                                + "\" is a common family name (weight "
                                + Math.round(Math.min(wa[bi], wb[bj]) * 100) / 100.0
                                + ")");
            }
        }
        double countA = 0;
        double countB = 0;
        int leftA = 0;
        int leftB = 0;
        for (int i = 0; i < n; i++) {
            if (usedA[i] || !a.optional().contains(ta.get(i))) {
                countA += wa[i];
            }
            if (!usedA[i] && !a.optional().contains(ta.get(i))) {
                leftA++;
            }
            if (!usedA[i]) {
                reasons.add(
                        a.optional().contains(ta.get(i))
                                ? "\"" + ta.get(i) + "\" ignored (honorific or marker)"
                                : "no counterpart for \"" + ta.get(i) + "\"");
            }
        }
        for (int j = 0; j < m; j++) {
            if (usedB[j] || !b.optional().contains(tb.get(j))) {
                countB += wb[j];
            }
            if (!usedB[j] && !b.optional().contains(tb.get(j))) {
                leftB++;
            }
            if (!usedB[j]) {
                reasons.add(
                        b.optional().contains(tb.get(j))
                                ? "\"" + tb.get(j) + "\" ignored (honorific or marker)"
                                : "no counterpart for \"" + tb.get(j) + "\"");
            }
        }
        double score = countA + countB == 0 ? 0 : 2 * matched / (countA + countB);
        if (leftA > 0 && leftB > 0) {
            // Each side has a part the other lacks: not a name written shorter, but a different
            // one.
            score *= CONTRADICTION;
            reasons.add("each name has a part the other lacks");
        }
        return new Scored(score, reasons);
    }

    private record Part(double similarity, String reason) {}

    private static final String LATIN = "Latn";

    private static Part compare(String x, String y, NormalizedName a, NormalizedName b) {
        String wx = a.writtenOf(x);
        String wy = b.writtenOf(y);
        if (wx != null && wy != null && wx.regionMatches(0, wy, 0, 5)) {
            // Both written in one script: the characters decide, not their romanisation (張 and 章
            // are both Zhang).
            return wx.equals(wy)
                    ? new Part(1.0, "\"" + wx.substring(5) + "\" matches as written")
                    : new Part(
                            0, wx.substring(5) + "≠" + wy.substring(5) + " (written differently)");
        }
        Part best = null;
        for (String rx : a.readingsOf(x)) {
            for (String ry : b.readingsOf(y)) {
                Part p = compareReadings(rx, ry, x, y, a, b);
                if (best == null || p.similarity > best.similarity) {
                    best = p;
                }
                if (best.similarity >= 1) {
                    return best;
                }
            }
        }
        if (best.similarity < ChineseSpellings.ACROSS_SYSTEMS
                && wx == null
                && wy == null
                && LATIN.equals(a.script())
                && LATIN.equals(b.script())
                && !Fold.phonetic(x).equals(Fold.phonetic(y))
                && ChineseSpellings.sameSyllables(x, y)) {
            // Both written in Latin letters, in two romanisation systems (Tiao / Diao): the
            // syllables may spell the same characters.
            return new Part(
                    ChineseSpellings.ACROSS_SYSTEMS,
                    x + "~" + y + " (same syllables, other system)");
        }
        return best;
    }

    private static Part compareReadings(
            String rx, String ry, String x, String y, NormalizedName a, NormalizedName b) {
        String fx = Fold.phonetic(rx);
        String fy = Fold.phonetic(ry);
        if (rx.equals(ry) || fx.equals(fy)) {
            Optional<String> tones = toneConflict(x, a, y, b);
            if (tones.isPresent()) {
                return new Part(0, tones.get());
            }
            return new Part(
                    1.0,
                    rx.equals(ry) ? "\"" + rx + "\" matches" : rx + "~" + ry + " (same sound)");
        }
        Optional<NameVariants.Group> group = NameVariants.shared(fx, fy);
        if (group.isPresent()) {
            return new Part(0.95, rx + "~" + ry + " via " + group.get().label());
        }
        if ((rx.length() == 1 && ry.startsWith(rx) && !markedLetter(x, a))
                || (ry.length() == 1 && rx.startsWith(ry) && !markedLetter(y, b))) {
            return new Part(0.8, rx + "~" + ry + " (initial)");
        }
        if (markedForm(x, a) != null && markedForm(y, b) != null) {
            // Both written with tone marks (Vietnamese): the spellings are exact, and two that
            // differ are two names (Chế Ý Chiên / Chế Ý Chiến, read joined as chey / ychien).
            return new Part(0, rx + "≠" + ry + " (both written with marks)");
        }
        // Close spellings earn little: one letter apart is the typical hard non-match (Minsu /
        // Minseo). Spellings
        // of one name mostly differ in their vowels (Sukswat / Suksawat, Seon / Sun); a different
        // consonant is
        // more often a different syllable (Wonjun / Wonjung, Taehoon / Taehyun).
        double jw = jaroWinkler(fx, fy);
        double credit = jw <= FUZZY_START ? 0 : Math.pow((jw - FUZZY_START) / (1 - FUZZY_START), 2);
        if (Math.abs(fx.length() - fy.length()) >= 2) {
            credit = 0; // a syllable more or less (Yixia / Xia) is another name
        } else if (credit > 0 && !skeleton(fx).equals(skeleton(fy))) {
            credit *= 0.5;
        } else if (credit > 0) {
            credit = Math.max(credit, VOWELS_ONLY);
        }
        return new Part(credit, rx + "≈" + ry + " (spelling " + Math.round(jw * 100) + "%)");
    }

    /**
     * Vietnamese tones tell people apart (Hùng / Hưng) only when both sides were written with them.
     */
    private static Optional<String> toneConflict(
            String x, NormalizedName a, String y, NormalizedName b) {
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

    /**
     * A one-letter part written with a mark is a name (Vietnamese Ý), not an initial (Santos / S.).
     */
    private static boolean markedLetter(String part, NormalizedName name) {
        String marked = markedForm(part, name);
        return marked != null && !marked.equals(part);
    }

    private static final double VOWELS_ONLY = 0.85;

    /** The consonants of a folded spelling, doubled ones once. */
    static String skeleton(String folded) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if ("aeiou".indexOf(c) < 0 && (out.isEmpty() || out.charAt(out.length() - 1) != c)) {
                out.append(c);
            }
        }
        return out.toString();
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
        double jaro =
                ((double) matches / s.length()
                                + (double) matches / t.length()
                                + (matches - transpositions / 2.0) / matches)
                        / 3;
        int prefix = 0;
        while (prefix < Math.min(4, Math.min(s.length(), t.length()))
                && s.charAt(prefix) == t.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
