package org.chainbreaker.fugitives.domain.names;

import java.util.regex.Pattern;

/**
 * Phonetic folding of a romanised name part, so that spellings of the same sound compare equal:
 * aspirates (ph/p, th/t, kh/k), ch/j, oo/u, ee/i, v/w, y/i, the Thai passport "-orn" for RTGS
 * "-on", doubled letters.
 */
final class Fold {

    private static final Pattern NON_LETTERS = Pattern.compile("[^a-z]");
    private static final Pattern FINAL_H = Pattern.compile("(?<=[aeiou])h$");
    private static final Pattern LONG_A = Pattern.compile("(?<=[^aeiou])ar(?![aeiouyr])");

    /**
     * Parts already folded: scoring compares every part of a query with every part of up to a
     * hundred candidates, and folding each time was the largest share of a search's CPU in the
     * service. Name parts are few (tens of thousands in a million records); when full the memo
     * starts over.
     */
    private static final int REMEMBERED = 100_000;

    private static final java.util.concurrent.ConcurrentHashMap<String, String> FOLDED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Fold() {}

    static String phonetic(String part) {
        String known = FOLDED.get(part);
        if (known != null) {
            return known;
        }
        String folded = fold(part);
        if (FOLDED.size() >= REMEMBERED) {
            FOLDED.clear();
        }
        FOLDED.put(part, folded);
        return folded;
    }

    private static String fold(String part) {
        String s = NON_LETTERS.matcher(part.toLowerCase(java.util.Locale.ROOT)).replaceAll("");
        // A long a written "ar" before a consonant or at the end, as Thai passports (Parnpree,
        // Chadchart), Burmese customary spellings (Bwar, Thar) and Singapore registries (Par, Lark)
        // write it in the British manner: the r is not sounded.
        s = LONG_A.matcher(s).replaceAll("a");
        // An h closing a word after a vowel marks the vowel's end, not a sound of its own:
        // Hokkien registries write Poh, Goh, Toh for po, go, to; Malay Fatimah is Fatima; Burmese
        // Soh is Soe.
        s = FINAL_H.matcher(s).replaceAll("");
        s =
                s.replace("orn", "on")
                        .replace("ck", "k")
                        .replace("tch", "c")
                        .replace("ch", "c")
                        .replace("j", "c")
                        .replace("ph", "p")
                        .replace("th", "t")
                        .replace("kh", "k")
                        .replace("gh", "g")
                        .replace("dh", "d")
                        .replace("bh", "b")
                        .replace("sh", "s")
                        .replace("oo", "u")
                        .replace("ee", "i")
                        .replace("ou", "u")
                        .replace("ae", "e")
                        .replace("v", "w")
                        .replace("y", "i")
                        .replace("q", "k")
                        .replace("dt", "t");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (i == 0 || s.charAt(i) != s.charAt(i - 1)) {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }
}
