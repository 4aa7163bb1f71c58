package org.chainbreaker.fugitives.domain.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Burmese script read by the MLCTS (Myanmar Language Commission Transcription System, 1980): the
 * published correspondence of each consonant, medial, vowel sign and final, encoded here as data
 * (facts of the standard; tones, the creaky and visarga marks dropped as name transcriptions do),
 * and the conventional spelling of each MLCTS syllable found on Myanmar passports and in the press
 * (c/hc as s, j as z, s as th, r as y, -ang as -in, -in as -ein, -un as -on, -ui as -o, -e as -ay,
 * -ai as -e, -au as -aw, -wan as -un; the correspondence printed beside the MLCTS in the
 * Commission's and the U.S. Board on Geographic Names' romanisation tables). Used for the syllables
 * of a Burmese name beside the table of customary spellings in {@link Romanizers}.
 */
final class Mlcts {

    private Mlcts() {}

    private static final Map<Character, String> CONSONANT =
            Map.ofEntries(
                    Map.entry('က', "k"),
                    Map.entry('ခ', "hk"),
                    Map.entry('ဂ', "g"),
                    Map.entry('ဃ', "gh"),
                    Map.entry('င', "ng"),
                    Map.entry('စ', "c"),
                    Map.entry('ဆ', "hc"),
                    Map.entry('ဇ', "j"),
                    Map.entry('ဈ', "jh"),
                    Map.entry('ဉ', "ny"),
                    Map.entry('ည', "ny"),
                    Map.entry('ဋ', "t"),
                    Map.entry('ဌ', "ht"),
                    Map.entry('ဍ', "d"),
                    Map.entry('ဎ', "dh"),
                    Map.entry('ဏ', "n"),
                    Map.entry('တ', "t"),
                    Map.entry('ထ', "ht"),
                    Map.entry('ဒ', "d"),
                    Map.entry('ဓ', "dh"),
                    Map.entry('န', "n"),
                    Map.entry('ပ', "p"),
                    Map.entry('ဖ', "hp"),
                    Map.entry('ဗ', "b"),
                    Map.entry('ဘ', "bh"),
                    Map.entry('မ', "m"),
                    Map.entry('ယ', "y"),
                    Map.entry('ရ', "r"),
                    Map.entry('လ', "l"),
                    Map.entry('ဝ', "w"),
                    Map.entry('သ', "s"),
                    Map.entry('ဟ', "h"),
                    Map.entry('ဠ', "l"),
                    Map.entry('အ', ""));

    private static final Map<Character, String> INDEPENDENT =
            Map.of('ဣ', "i", 'ဤ', "i", 'ဥ', "u", 'ဦ', "u", 'ဧ', "e", 'ဩ', "au", 'ဪ', "au");

    private static final char ASAT = '\u103A';
    private static final char VIRAMA = '\u1039';

    /**
     * One syllable: its MLCTS reading, the script it was read from, and whether it carries the
     * creaky tone (the dot below, ့), which customary spelling writes as a t after a nasal final
     * (မြင့် Myint, သန့် Thant, ညွန့် Nyunt).
     */
    record Span(String mlcts, String text, boolean creaky) {}

    /** The MLCTS syllables of a run of Burmese script. */
    static List<String> syllables(String text) {
        return spans(text).stream().map(Span::mlcts).toList();
    }

    /** The syllables of a run of Burmese script, with what each was read from. */
    static List<Span> spans(String text) {
        List<Span> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int start = i;
            if (INDEPENDENT.containsKey(c)) {
                StringBuilder s = new StringBuilder(INDEPENDENT.get(c));
                i++;
                while (i < n && isSign(text.charAt(i))) {
                    i++;
                }
                out.add(new Span(s.toString(), text.substring(start, i), false));
                continue;
            }
            if (!CONSONANT.containsKey(c)) {
                i++;
                continue;
            }
            String initial = CONSONANT.get(c);
            i++;
            String medial = "";
            boolean aspirated = false;
            String vowel = null;
            String fin = "";
            while (i < n) {
                char d = text.charAt(i);
                if (d == '\u103B') {
                    medial += "y";
                } else if (d == '\u103C') {
                    medial += "r";
                } else if (d == '\u103D') {
                    medial += "w";
                } else if (d == '\u103E') {
                    aspirated = true;
                } else if (d == '\u1031') {
                    vowel = "e";
                } else if (d == '\u102C' || d == '\u102B') {
                    vowel = "e".equals(vowel) ? "au" : "a";
                } else if (d == '\u102D' || d == '\u102E') {
                    vowel = "i";
                } else if (d == '\u102F' || d == '\u1030') {
                    vowel = "i".equals(vowel) ? "ui" : "u";
                } else if (d == '\u1032') {
                    vowel = "ai";
                } else if (d == '\u1036') {
                    fin = "m";
                } else if (d == ASAT || d == '\u1037' || d == '\u1038') {
                    // tone marks (and the asat written on a vowel): dropped
                } else if (CONSONANT.containsKey(d) && killed(text, i + 1)) {
                    fin = CONSONANT.get(d);
                    i++;
                    // the dot below may stand between the final and its asat (န့်)
                    while (i < n && (text.charAt(i) == '\u1037' || text.charAt(i) == ASAT)) {
                        i++;
                    }
                    // a stacked consonant (virama) begins the next syllable: keep it
                    if (i < n && text.charAt(i) == VIRAMA) {
                        i++;
                    }
                    // tone marks after the final
                    while (i < n && (text.charAt(i) == '\u1037' || text.charAt(i) == '\u1038')) {
                        i++;
                    }
                    break;
                } else {
                    break;
                }
                i++;
            }
            String v = vowel == null ? "a" : vowel;
            if ("y".equals(fin) && "a".equals(v)) {
                fin = "";
                v = "ai";
            }
            String syl = (aspirated ? "h" : "") + initial + medial + v + fin;
            String read = text.substring(start, i);
            out.add(new Span(syl.isEmpty() ? "a" : syl, read, read.indexOf('\u1037') >= 0));
        }
        return out;
    }

    /**
     * Whether the consonant before {@code at} is a final: an asat (after a dot below) or virama.
     */
    private static boolean killed(String text, int at) {
        int k = at;
        while (k < text.length() && text.charAt(k) == '\u1037') {
            k++;
        }
        return k < text.length() && (text.charAt(k) == ASAT || text.charAt(k) == VIRAMA);
    }

    private static boolean isSign(char c) {
        return (c >= '\u102B' && c <= '\u103E');
    }

    /**
     * The conventional spelling of a syllable, with the t customary spelling adds after a nasal
     * final in the creaky tone (mrang. Myint, san. Thant, nywan. Nyunt).
     */
    static String customary(Span span) {
        String spelled = customary(span.mlcts());
        return span.creaky() && spelled.endsWith("n") ? spelled + "t" : spelled;
    }

    /** The conventional (passport and press) spelling of one MLCTS syllable. */
    static String customary(String mlcts) {
        String s = mlcts;
        String[][] initials = {
            {"hkr", "ch"},
            {"hky", "ch"},
            {"hpr", "phy"},
            {"hpy", "phy"},
            {"hr", "sh"},
            {"hc", "s"},
            {"hk", "kh"},
            {"hp", "ph"},
            {"kr", "ky"},
            {"gr", "gy"},
            {"pr", "py"},
            {"mr", "my"},
            {"bh", "b"},
            {"c", "s"},
            {"j", "z"},
            {"s", "th"},
            {"r", "y"}
        };
        String head = "";
        for (String[] p : initials) {
            if (s.startsWith(p[0])) {
                head = p[1];
                s = s.substring(p[0].length());
                break;
            }
        }
        if (head.isEmpty()) {
            int k = 0;
            // a medial w stays with the rime (htwan: ht + wan)
            while (k < s.length()
                    && "aeiou".indexOf(s.charAt(k)) < 0
                    && !(k > 0 && s.charAt(k) == 'w')) {
                k++;
            }
            head = s.substring(0, k);
            s = s.substring(k);
        }
        String[][] rimes = {
            {"wang", "win"},
            {"wan", "un"},
            {"wat", "ut"},
            {"uing", "aing"},
            {"uik", "aik"},
            {"aung", "aung"},
            {"auk", "auk"},
            {"ang", "in"},
            {"ak", "et"},
            {"ac", "it"},
            {"any", "i"},
            {"in", "ein"},
            {"ik", "eik"},
            {"it", "eik"},
            {"un", "on"},
            {"um", "on"},
            {"uk", "ok"},
            {"ut", "ok"},
            {"ui", "o"},
            {"au", "aw"},
            {"ai", "e"},
            {"e", "ay"},
            {"am", "an"}
        };
        for (String[] r : rimes) {
            if (s.equals(r[0]) || (s.startsWith("w") && s.equals("w" + r[0]))) {
                return head + (s.startsWith("w") && !r[0].startsWith("w") ? "w" : "") + r[1];
            }
        }
        return head + s;
    }
}
