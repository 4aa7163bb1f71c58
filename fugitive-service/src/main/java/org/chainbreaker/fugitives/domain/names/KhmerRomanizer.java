package org.chainbreaker.fugitives.domain.names;

import java.util.LinkedHashMap;
import java.util.Map;

/** Khmer from a table of our own (ICU has none): consonant series colour the vowels. */
final class KhmerRomanizer {

    private KhmerRomanizer() {}

    private static final Map<Character, String> KHMER_CONSONANT = new LinkedHashMap<>();
    private static final Map<Character, String> KHMER_FINAL = new LinkedHashMap<>();

    /**
     * Consonants of the first (a-) series; the others are of the o-series, which colours the
     * vowels.
     */
    private static final String KHMER_A_SERIES = "កខចឆដឋណតថបផសហឡអ";

    static {
        String[][] consonants = {
            {"ក", "k", "k"},
            {"ខ", "kh", "k"},
            {"គ", "k", "k"},
            {"ឃ", "kh", "k"},
            {"ង", "ng", "ng"},
            {"ច", "ch", "ch"},
            {"ឆ", "chh", "ch"},
            {"ជ", "ch", "ch"},
            {"ឈ", "chh", "ch"},
            {"ញ", "nh", "nh"},
            {"ដ", "d", "t"},
            {"ឋ", "th", "t"},
            {"ឌ", "d", "t"},
            {"ឍ", "th", "t"},
            {"ណ", "n", "n"},
            {"ត", "t", "t"},
            {"ថ", "th", "t"},
            {"ទ", "t", "t"},
            {"ធ", "th", "t"},
            {"ន", "n", "n"},
            {"ប", "b", "p"},
            {"ផ", "ph", "p"},
            {"ព", "p", "p"},
            {"ភ", "ph", "p"},
            {"ម", "m", "m"},
            {"យ", "y", "y"},
            {"រ", "r", ""},
            {"ល", "l", "l"},
            {"វ", "v", "o"},
            {"ស", "s", "s"},
            {"ហ", "h", "h"},
            {"ឡ", "l", "l"},
            {"អ", "", ""}
        };
        for (String[] c : consonants) {
            KHMER_CONSONANT.put(c[0].charAt(0), c[1]);
            KHMER_FINAL.put(c[0].charAt(0), c[2]);
        }
    }

    private static String khmerVowel(char c, boolean aSeries) {
        return switch (c) {
            case '\u17B6' -> aSeries ? "a" : "ea";
            case '\u17B7' -> aSeries ? "e" : "i";
            case '\u17B8' -> aSeries ? "ei" : "i";
            case '\u17B9', '\u17BA' -> "i";
            case '\u17BB' -> aSeries ? "o" : "u";
            case '\u17BC' -> "ou";
            case '\u17BD' -> "uo";
            case '\u17BE' -> "aeu";
            case '\u17BF' -> "oea";
            case '\u17C0' -> "ie";
            case '\u17C1' -> "e";
            case '\u17C2' -> "ae";
            case '\u17C3' -> "ai";
            case '\u17C4' -> "ao";
            case '\u17C5' -> "au";
            case '\u17C6' -> "m";
            case '\u17C7' -> "h";
            case '\u17C8' -> "a";
            default -> null;
        };
    }

    /**
     * A reading of one Khmer word after the common romanisations of names (Sok, Chan, Dara, Sovann,
     * Pisey).
     */
    static String word(String word) {
        StringBuilder out = new StringBuilder();
        int n = word.length();
        boolean voweled = false;
        boolean open = false;
        boolean aSeries = true;
        for (int i = 0; i < n; i++) {
            char c = word.charAt(i);
            if (c == '\u17D2' && i + 2 == n && !open && !out.isEmpty()) {
                // A subscript ending the word under a final consonant is not sounded, and names
                // are spelled without it (ចន្ទ Chan, ប្រាជ្ញ Prach, វង្ស Vong, ពេជ្រ Pech).
                i++;
                continue;
            }
            if (c == '\u17D2' && i + 1 < n && KHMER_CONSONANT.containsKey(word.charAt(i + 1))) {
                // Coeng: the next consonant is written below and joins the cluster.
                out.append(KHMER_CONSONANT.get(word.charAt(i + 1)));
                i++;
                continue;
            }
            if (c == '\u17CA') { // triisap: a-series sound becomes o-series
                aSeries = false;
                continue;
            }
            if (c == '\u17C9') { // muusikatoan: o-series sound becomes a-series
                aSeries = true;
                continue;
            }
            String independent =
                    switch (c) {
                        case '\u17A5' -> "e";
                        case '\u17A6' -> "ei";
                        case '\u17A7' -> "o";
                        case '\u17AA' -> "ov";
                        case '\u17AB' -> "rue";
                        case '\u17AF' -> "ae";
                        case '\u17B0' -> "ai";
                        case '\u17B1', '\u17B2' -> "ao";
                        case '\u17B3' -> "au";
                        default -> null;
                    };
            if (independent != null) {
                out.append(independent);
                open = true;
                voweled = true;
                aSeries = true;
                continue;
            }
            String vowel = khmerVowel(c, aSeries);
            if (vowel != null) {
                if (c == '\u17C6' && !voweled) {
                    out.append('a');
                }
                out.append(vowel);
                voweled = true;
                continue;
            }
            if (!KHMER_CONSONANT.containsKey(c)) {
                continue;
            }
            boolean nextIsSign =
                    i + 1 < n
                            && (khmerVowel(word.charAt(i + 1), true) != null
                                    || word.charAt(i + 1) == '\u17CA'
                                    || word.charAt(i + 1) == '\u17C9');
            if (!nextIsSign
                    && i + 3 < n
                    && KHMER_CONSONANT.containsKey(word.charAt(i + 1))
                    && word.charAt(i + 2) == '\u17D2') {
                // A consonant before a final that carries a subscript opens a syllable with its
                // inherent vowel (សុវត្ថិ so-vat-th, សុគន្ធ so-kon-th): the final closes it.
                if (open && !voweled) {
                    out.append('a');
                }
                boolean series = KHMER_A_SERIES.indexOf(c) >= 0;
                out.append(KHMER_CONSONANT.get(c))
                        .append(series ? 'a' : 'o')
                        .append(KHMER_FINAL.get(word.charAt(i + 1)));
                open = false;
                voweled = false;
                i++;
                continue;
            }
            if (open && !nextIsSign) {
                if (voweled && i + 2 == n && KHMER_CONSONANT.containsKey(word.charAt(i + 1))) {
                    // C + final consonant ending the word: a closed syllable with the inherent
                    // vowel (សុផល -> so-phal).
                    out.append(KHMER_CONSONANT.get(c))
                            .append('a')
                            .append(KHMER_FINAL.get(word.charAt(i + 1)));
                    i++;
                } else {
                    if (!voweled) {
                        out.append('a');
                    }
                    out.append(KHMER_FINAL.get(c));
                }
                open = false;
                voweled = false;
                continue;
            }
            if (open && !voweled) {
                out.append('a'); // the cluster before carried its inherent vowel (ប្រសិទ្ធ pra-)
            }
            // ប is p with the muusikatoan (ប៉ុល Pol) and before a subscript (ប្រាក់ Prak), as
            // UNGEGN's romanisation and customary spellings write it.
            boolean p =
                    c == 'ប'
                            && i + 1 < n
                            && (word.charAt(i + 1) == '\u17C9' || word.charAt(i + 1) == '\u17D2');
            out.append(p ? "p" : KHMER_CONSONANT.get(c));
            aSeries = KHMER_A_SERIES.indexOf(c) >= 0;
            open = true;
            voweled = false;
            if (!nextIsSign && i + 1 >= n) {
                out.append('a');
            }
        }
        return out.toString();
    }

    // -------------------------------------------------------------------------------------------
}
