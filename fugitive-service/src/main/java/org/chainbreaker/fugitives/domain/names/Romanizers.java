package org.chainbreaker.fugitives.domain.names;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Script-aware romanisation where ICU's letter-by-letter transforms do not give what people's
 * documents say: Hangul by syllable (Revised Romanisation, surname apart, given name joined),
 * Chinese by character with ICU's Han-Latin/Names, Thai in an RTGS-like reading with implicit
 * vowels and final consonants, Khmer from a table of our own (ICU has none), Burmese by a table of
 * name syllables (ICU runs them together).
 */
final class Romanizers {

    private static final Transliterator LATIN =
            Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower");
    private static final Transliterator HAN =
            Transliterator.getInstance("Han-Latin/Names; Latin-ASCII; Lower");

    private Romanizers() {}

    static String latin(String text) {
        return LATIN.transliterate(text);
    }

    // -------------------------------------------------------------------------------------------
    // Hangul
    private static final String[] HANGUL_INITIAL = {
        "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
        "p", "h"
    };
    private static final String[] HANGUL_MEDIAL = {
        "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
        "we", "wi", "yu", "eu", "ui", "i"
    };
    private static final String[] HANGUL_FINAL = {
        "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
        "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"
    };

    /** Two-syllable family names; every other Korean family name is one syllable. */
    private static final Set<String> HANGUL_DOUBLE_SURNAMES =
            Set.of("남궁", "선우", "제갈", "황보", "독고", "사공", "서문");

    static boolean isDoubleHangulSurname(String word) {
        return word.length() >= 2 && HANGUL_DOUBLE_SURNAMES.contains(word.substring(0, 2));
    }

    static boolean isHangulSyllable(int cp) {
        return cp >= 0xAC00 && cp <= 0xD7A3;
    }

    static String hangulSyllable(int cp) {
        int index = cp - 0xAC00;
        return HANGUL_INITIAL[index / 588]
                + HANGUL_MEDIAL[(index % 588) / 28]
                + HANGUL_FINAL[index % 28];
    }

    /**
     * Surname and given-name syllables of a Hangul chunk written without a space (김민수 -> kim? gim +
     * min, su).
     */
    static List<List<String>> hangulName(String chunk, boolean splitSurname) {
        List<String> syllables = new ArrayList<>();
        chunk.codePoints()
                .filter(Romanizers::isHangulSyllable)
                .forEach(cp -> syllables.add(hangulSyllable(cp)));
        List<List<String>> parts = new ArrayList<>();
        if (syllables.isEmpty()) {
            return parts;
        }
        int surnameLength =
                splitSurname && syllables.size() >= 2
                        ? (syllables.size() >= 3
                                        && HANGUL_DOUBLE_SURNAMES.contains(chunk.substring(0, 2))
                                ? 2
                                : 1)
                        : 0;
        if (surnameLength > 0) {
            parts.add(List.of(String.join("", syllables.subList(0, surnameLength))));
            parts.add(syllables.subList(surnameLength, syllables.size()));
        } else {
            parts.add(syllables);
        }
        return parts;
    }

    // -------------------------------------------------------------------------------------------
    // Chinese
    /** Pinyin of each Han character, by ICU's reading for names. */
    static List<String> hanSyllables(String chunk) {
        List<String> syllables = new ArrayList<>();
        chunk.codePoints()
                .forEach(
                        cp -> {
                            String s =
                                    HAN.transliterate(new String(Character.toChars(cp)))
                                            .replaceAll("[^a-z]", "");
                            if (!s.isEmpty()) {
                                syllables.add(s);
                            }
                        });
        return syllables;
    }

    static final Set<String> HAN_DOUBLE_SURNAMES = Set.of("欧阳", "司马", "诸葛", "上官", "司徒", "歐陽", "諸葛");

    // Thai, Khmer and Burmese each have a class of their own; these are their entry points.

    static String thaiWord(String word) {
        return ThaiRomanizer.word(word);
    }

    static String thaiWord(String word, boolean linked) {
        return ThaiRomanizer.word(word, linked);
    }

    static String thaiWord(String word, boolean linked, boolean spelled) {
        return ThaiRomanizer.word(word, linked, spelled);
    }

    static String khmerWord(String word) {
        return KhmerRomanizer.word(word);
    }

    static List<String> burmeseSyllables(String chunk) {
        return BurmeseRomanizer.syllables(chunk);
    }

    /**
     * A syllable of a Burmese name: its customary reading and, where one, its MLCTS reading and the
     * syllable as written in Burmese script.
     */
    record BurmeseSyllable(String reading, String mlcts, String written) {}

    static List<BurmeseSyllable> burmeseSyllableForms(String chunk) {
        return BurmeseRomanizer.syllableForms(chunk);
    }
}
