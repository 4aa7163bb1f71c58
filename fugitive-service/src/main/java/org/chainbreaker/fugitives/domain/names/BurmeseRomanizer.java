package org.chainbreaker.fugitives.domain.names;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Burmese by a table of name syllables (ICU runs them together), with MLCTS beside. */
final class BurmeseRomanizer {

    private BurmeseRomanizer() {}

    /**
     * Syllables common in Burmese names and honorifics, with their usual spellings in Latin
     * documents.
     */
    private static final Map<String, String> BURMESE = new LinkedHashMap<>();

    static {
        String[][] syllables = {
            {"ဒေါက်တာ", "dr"},
            {"ဦး", "u"},
            {"ဒေါ်", "daw"},
            {"ကို", "ko"},
            {"မောင်", "maung"},
            {"မ", "ma"},
            {"စော", "saw"},
            {"အောင်", "aung"},
            {"ဆန်း", "san"},
            {"စု", "su"},
            {"ကြည်", "kyi"},
            {"သိန်း", "thein"},
            {"စိန်", "sein"},
            {"မင်း", "min"},
            {"လှိုင်", "hlaing"},
            {"ကျော်", "kyaw"},
            {"ထွန်း", "tun"},
            {"ဇော်", "zaw"},
            {"နေ", "ne"},
            {"ဝင်း", "win"},
            {"မြင့်", "myint"},
            {"သန်း", "than"},
            {"ရွှေ", "shwe"},
            {"စိုး", "soe"},
            {"အေး", "aye"},
            {"လှ", "hla"},
            {"ညွန့်", "nyunt"},
            {"ခင်", "khin"},
            {"နု", "nu"},
            {"သူ", "thu"},
            {"ရဲ", "ye"},
            {"ထက်", "htet"},
            {"ဖြိုး", "phyo"},
            {"ပိုင်", "paing"},
            {"ဟန်", "han"},
            {"မိုး", "moe"},
            {"ဇင်", "zin"},
            {"လင်း", "lin"},
            {"တင်", "tin"},
            {"ချို", "cho"},
            {"နွယ်", "nwe"},
            {"သော်", "thaw"},
            {"ဦ", "u"},
            {"မြ", "mya"},
            {"ကျ", "kya"},
            {"သက်", "thet"},
            {"နိုင်", "naing"},
            {"ဗိုလ်", "bo"},
            {"ဌေး", "htay"},
            {"ထွေး", "htwe"},
            {"ခိုင်", "khaing"},
            {"ဆွေ", "swe"},
            {"ပြည့်", "pyae"},
            {"ဖြူ", "phyu"},
            {"စန္ဒာ", "sandar"},
            {"သီ", "thi"},
            {"ရီ", "yi"},
            {"လွင်", "lwin"},
            {"ဦးမောင်", "u maung"},
            {"တိုး", "toe"},
            {"ကောင်း", "kaung"},
            {"ဇေယျာ", "zeyar"},
            {"မျိုး", "myo"},
            {"ချစ်", "chit"},
            {"ညီ", "nyi"},
            {"သစ်", "thit"},
            {"ကြိုင်", "kyaing"},
            {"ဝေ", "wai"},
            {"ရင်", "yin"},
            {"ခိုင", "khaing"},
            {"ဘ", "ba"},
            {"ထူး", "htoo"},
            {"မာ", "mar"},
            {"လေး", "lay"}
        };
        for (String[] s : syllables) {
            BURMESE.put(s[0], s[1]);
        }
    }

    private static final int BURMESE_LONGEST =
            BURMESE.keySet().stream().mapToInt(String::length).max().orElse(1);

    /**
     * Burmese is written without spaces between a name's syllables: split by the longest known
     * syllable.
     */
    static List<String> syllables(String chunk) {
        return syllableForms(chunk).stream().map(Romanizers.BurmeseSyllable::reading).toList();
    }

    /**
     * The syllables of a Burmese name, each with its customary reading (the table above; for a
     * syllable outside it, the conventional spelling of its MLCTS reading) and its MLCTS reading.
     */
    static List<Romanizers.BurmeseSyllable> syllableForms(String chunk) {
        List<Romanizers.BurmeseSyllable> out = new ArrayList<>();
        int i = 0;
        StringBuilder unknown = new StringBuilder();
        while (i < chunk.length()) {
            String match = null;
            for (int len = Math.min(BURMESE_LONGEST, chunk.length() - i); len >= 1; len--) {
                String candidate = chunk.substring(i, i + len);
                // A known syllable must not be cut before its dependent signs, nor before a
                // consonant that closes it (မြ is not the start of မြတ်).
                boolean whole =
                        i + len >= chunk.length()
                                || !dependentMyanmar(chunk.charAt(i + len))
                                        && !closing(chunk, i + len);
                if (BURMESE.containsKey(candidate) && whole) {
                    match = candidate;
                    break;
                }
            }
            if (match == null) {
                unknown.append(chunk.charAt(i));
                i++;
                continue;
            }
            flushUnknown(unknown, out);
            String[] parts = BURMESE.get(match).split(" ");
            List<String> mlcts = Mlcts.syllables(match);
            boolean one = parts.length == 1 && mlcts.size() == 1;
            for (String part : parts) {
                out.add(
                        new Romanizers.BurmeseSyllable(
                                part, one ? mlcts.get(0) : null, one ? match : null));
            }
            i += match.length();
        }
        flushUnknown(unknown, out);
        return out;
    }

    private static boolean dependentMyanmar(char c) {
        return (c >= '\u102B' && c <= '\u103E') || c == '\u1039' || c == '\u103A';
    }

    /** Whether the consonant at {@code at} is a final: an asat follows it (after a dot below). */
    private static boolean closing(String chunk, int at) {
        int k = at + 1;
        while (k < chunk.length() && chunk.charAt(k) == '\u1037') {
            k++;
        }
        return k < chunk.length() && (chunk.charAt(k) == '\u103A' || chunk.charAt(k) == '\u1039');
    }

    private static void flushUnknown(StringBuilder unknown, List<Romanizers.BurmeseSyllable> out) {
        if (!unknown.isEmpty()) {
            for (Mlcts.Span span : Mlcts.spans(unknown.toString())) {
                out.add(
                        new Romanizers.BurmeseSyllable(
                                Mlcts.customary(span), span.mlcts(), span.text()));
            }
            unknown.setLength(0);
        }
    }
}
