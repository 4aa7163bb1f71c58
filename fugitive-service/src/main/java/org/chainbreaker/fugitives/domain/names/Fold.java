package org.chainbreaker.fugitives.domain.names;

import java.util.regex.Pattern;

/**
 * Phonetic folding of a romanised name part, so that spellings of the same sound compare equal: aspirates
 * (ph/p, th/t, kh/k), ch/j, oo/u, ee/i, v/w, y/i, the Thai passport "-orn" for RTGS "-on", doubled letters.
 */
final class Fold {

    private static final Pattern NON_LETTERS = Pattern.compile("[^a-z]");

    private Fold() {
    }

    static String phonetic(String part) {
        String s = NON_LETTERS.matcher(part.toLowerCase(java.util.Locale.ROOT)).replaceAll("");
        s = s.replace("orn", "on").replace("tch", "c").replace("ch", "c").replace("j", "c")
                .replace("ph", "p").replace("th", "t").replace("kh", "k").replace("gh", "g").replace("dh", "d")
                .replace("bh", "b").replace("sh", "s").replace("oo", "u").replace("ee", "i").replace("ou", "u")
                .replace("ae", "e").replace("v", "w").replace("y", "i").replace("q", "k").replace("dt", "t");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (i == 0 || s.charAt(i) != s.charAt(i - 1)) {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }
}
