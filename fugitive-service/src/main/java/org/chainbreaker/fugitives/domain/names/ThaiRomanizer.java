package org.chainbreaker.fugitives.domain.names;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thai in an RTGS-like reading: implicit vowels, final consonants as spoken or as passports spell
 * them, linked syllables.
 */
final class ThaiRomanizer {

    private ThaiRomanizer() {}

    static final Map<Character, String> THAI_INITIAL = new LinkedHashMap<>();
    static final Map<Character, String> THAI_FINAL = new LinkedHashMap<>();

    static {
        String[][] consonants = {
            {"ก", "k", "k"},
            {"ข", "kh", "k"},
            {"ฃ", "kh", "k"},
            {"ค", "kh", "k"},
            {"ฅ", "kh", "k"},
            {"ฆ", "kh", "k"},
            {"ง", "ng", "ng"},
            {"จ", "ch", "t"},
            {"ฉ", "ch", "t"},
            {"ช", "ch", "t"},
            {"ซ", "s", "t"},
            {"ฌ", "ch", "t"},
            {"ญ", "y", "n"},
            {"ฎ", "d", "t"},
            {"ฏ", "t", "t"},
            {"ฐ", "th", "t"},
            {"ฑ", "th", "t"},
            {"ฒ", "th", "t"},
            {"ณ", "n", "n"},
            {"ด", "d", "t"},
            {"ต", "t", "t"},
            {"ถ", "th", "t"},
            {"ท", "th", "t"},
            {"ธ", "th", "t"},
            {"น", "n", "n"},
            {"บ", "b", "p"},
            {"ป", "p", "p"},
            {"ผ", "ph", "p"},
            {"ฝ", "f", "p"},
            {"พ", "ph", "p"},
            {"ฟ", "f", "p"},
            {"ภ", "ph", "p"},
            {"ม", "m", "m"},
            {"ย", "y", "i"},
            {"ร", "r", "n"},
            {"ล", "l", "n"},
            {"ว", "w", "o"},
            {"ศ", "s", "t"},
            {"ษ", "s", "t"},
            {"ส", "s", "t"},
            {"ห", "h", ""},
            {"ฬ", "l", "n"},
            {"อ", "", ""},
            {"ฮ", "h", ""}
        };
        for (String[] c : consonants) {
            THAI_INITIAL.put(c[0].charAt(0), c[1]);
            THAI_FINAL.put(c[0].charAt(0), c[2]);
        }
    }

    /** First consonants of initial clusters with ร or ล (กร, ปล, พร ...). */
    private static final String CLUSTER_FIRST = "กขคตปผพบดทฟ";

    /**
     * Consonants that close a syllable with an implicit o at the end of a word (พงษ์ phong, สม
     * som), never silent there as ร is after a short vowel (วัตร wat).
     */
    private static final String SONORANT_FINALS = "งนมยวลณญ";

    static boolean thaiConsonant(char c) {
        return THAI_INITIAL.containsKey(c);
    }

    static boolean thaiMark(char c) {
        return c == '\u0E48'
                || c == '\u0E49'
                || c == '\u0E4A'
                || c == '\u0E4B'
                || c == '\u0E47'
                || c == '\u0E4C'
                || c == '\u0E46';
    }

    /** Vowel signs written after (or above/below) the consonant they follow in speech. */
    static String thaiFollowingVowel(char c) {
        return switch (c) {
            case '\u0E30', '\u0E31', '\u0E32' -> "a";
            case '\u0E33' -> "am";
            case '\u0E34', '\u0E35' -> "i";
            case '\u0E36', '\u0E37' -> "ue";
            case '\u0E38', '\u0E39' -> "u";
            default -> null;
        };
    }

    static boolean thaiLeadingVowel(char c) {
        return c >= '\u0E40' && c <= '\u0E44';
    }

    /**
     * An RTGS-like reading of one Thai word: explicit and implicit vowels, consonants as initials
     * or finals.
     */
    static String word(String word) {
        return word(word, false);
    }

    /**
     * With {@code linked}, the reading with the linking vowel of Pali-Sanskrit compounds: a
     * consonant that closes a syllable inside a word also begins the next with an a (อรทัย orathai,
     * สุรยุทธ์ surayut, ณรงค์ narong), as passports and RTGS write such names.
     */
    static String word(String word, boolean linked) {
        return word(word, linked, false);
    }

    /**
     * Passports write a final consonant as its letter is spelled where RTGS writes its sound
     * (ไพโรจน์ Pairoj / Phairot, ศรีสวัสดิ์ Srisawad / Sisawat, ธนาธร Thanathorn / Thanathon).
     */
    private static final Map<Character, String> THAI_SPELLED_FINAL =
            Map.ofEntries(
                    Map.entry('จ', "j"),
                    Map.entry('ช', "ch"),
                    Map.entry('ด', "d"),
                    Map.entry('บ', "b"),
                    Map.entry('ศ', "s"),
                    Map.entry('ษ', "s"),
                    Map.entry('ส', "s"),
                    Map.entry('ร', "rn"),
                    Map.entry('ล', "l"),
                    Map.entry('ท', "th"),
                    Map.entry('ธ', "th"));

    private static String thaiFinal(char c, boolean spelled) {
        return spelled ? THAI_SPELLED_FINAL.getOrDefault(c, THAI_FINAL.get(c)) : THAI_FINAL.get(c);
    }

    /** With {@code spelled}, final consonants as passports write them (see above). */
    static String word(String word, boolean linked, boolean spelled) {
        // Drop marks and consonants silenced by the thanthakhat (the consonant before it).
        StringBuilder cleaned = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\u0E4C') {
                // The silenced consonant, and a vowel sign written on it (ดิ์ in ศักดิ์, ตุ์ in
                // เหตุ์).
                if (!cleaned.isEmpty()
                        && thaiFollowingVowel(cleaned.charAt(cleaned.length() - 1)) != null) {
                    cleaned.setLength(cleaned.length() - 1);
                }
                if (!cleaned.isEmpty()) {
                    char silenced = cleaned.charAt(cleaned.length() - 1);
                    cleaned.setLength(cleaned.length() - 1);
                    // ทร์ and ตร์ are silent together (จันทร์ chan, อินทร์ in).
                    if (silenced == 'ร'
                            && !cleaned.isEmpty()
                            && "ทตม".indexOf(cleaned.charAt(cleaned.length() - 1)) >= 0
                            && cleaned.length() >= 2) {
                        cleaned.setLength(cleaned.length() - 1);
                    }
                }
            } else if (!thaiMark(c)) {
                cleaned.append(c);
            }
        }
        String s = cleaned.toString();
        // ร written double after a consonant is the vowel a, with n when nothing closes it (สุวรรณ
        // suwan, สรร san).
        // When the consonant after รร carries a vowel of its own it opens the next syllable and รร
        // is an (บรรทัด ban-that, พรรณี phan-ni).
        s =
                s.replaceAll("รร(?=[ก-ฮ][\u0E30-\u0E39])", "ัน")
                        .replaceAll("รร(?=[ก-ฮ])", "ั")
                        .replaceAll("รร$", "ัน");
        // Irregular readings frequent in names (พรหม is phrom, as in พรหมมา Promma).
        int irregular = s.indexOf("พรหม");
        if (irregular >= 0) {
            return word(s.substring(0, irregular), linked, spelled)
                    + "phrom"
                    + word(s.substring(irregular + 4), linked, spelled);
        }
        StringBuilder out = new StringBuilder();
        char lastVowel = 0;
        boolean open = false; // an initial consonant without its vowel yet
        boolean voweled = false; // the current syllable has its vowel
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (thaiLeadingVowel(c) && i + 1 < n && thaiConsonant(s.charAt(i + 1))) {
                if (open && !voweled) {
                    out.append('a');
                }
                int j = i + 1;
                // A silent ห before a sonorant only sets the tone (ใหญ่ is yai).
                if (s.charAt(j) == 'ห' && j + 1 < n && "งญนมยรลว".indexOf(s.charAt(j + 1)) >= 0) {
                    j++;
                }
                out.append(THAI_INITIAL.get(s.charAt(j)));
                // A cluster with ร/ล/ว after the first consonant (a stop; ว only after ก ข ค): ไร
                // of อุไรวรรณ is rai, then wan.
                if (j + 1 < n
                        && ((s.charAt(j + 1) == 'ร' || s.charAt(j + 1) == 'ล')
                                        && CLUSTER_FIRST.indexOf(s.charAt(j)) >= 0
                                || s.charAt(j + 1) == 'ว' && "กขค".indexOf(s.charAt(j)) >= 0)
                        && j + 2 < n
                        && !thaiConsonant(s.charAt(j + 2))) {
                    j++;
                    out.append(THAI_INITIAL.get(s.charAt(j)));
                }
                String rest = s.substring(j + 1);
                String vowel;
                int used;
                if (c == 'เ' && rest.startsWith("า")) {
                    vowel = "ao";
                    used = 1;
                } else if (c == 'เ' && rest.startsWith("ีย")) {
                    vowel = "ia";
                    used = 2;
                } else if (c == 'เ' && rest.startsWith("ือ")) {
                    vowel = "uea";
                    used = 2;
                } else if (c == 'เ' && rest.startsWith("อ")) {
                    vowel = "oe";
                    used = 1;
                } else if (c == 'เ' && rest.startsWith("\u0E34")) {
                    vowel = "oe";
                    used = 1;
                } else if (c == 'เ' && rest.startsWith("ะ")) {
                    vowel = "e";
                    used = 1;
                } else if (c == 'แ' && rest.startsWith("ะ")) {
                    vowel = "ae";
                    used = 1;
                } else if (c == 'โ' && rest.startsWith("ะ")) {
                    vowel = "o";
                    used = 1;
                } else {
                    vowel =
                            switch (c) {
                                case 'เ' -> "e";
                                case 'แ' -> "ae";
                                case 'โ' -> "o";
                                default -> "ai";
                            };
                    used = 0;
                }
                out.append(vowel);
                lastVowel = c;
                i = j + used;
                open = true;
                voweled = true;
                continue;
            }
            String following = thaiFollowingVowel(c);
            if (following != null) {
                if (c == '\u0E31' && i + 1 < n && s.charAt(i + 1) == 'ว') {
                    out.append("ua");
                    i++;
                } else {
                    out.append(following);
                }
                lastVowel = c;
                voweled = true;
                continue;
            }
            if (!thaiConsonant(c)) {
                continue;
            }
            boolean nextVowel = i + 1 < n && (thaiFollowingVowel(s.charAt(i + 1)) != null);
            boolean nextConsonant = i + 1 < n && thaiConsonant(s.charAt(i + 1));
            boolean atEnd = i + 1 >= n;
            if (nextVowel) {
                // No implicit vowel inside an initial cluster with ร/ล/ว (ศรี is sri, ปลา is pla).
                boolean cluster =
                        i > 0
                                && ("รล".indexOf(c) >= 0
                                                && "กขคตปผพบดท".indexOf(s.charAt(i - 1)) >= 0
                                        || c == 'ร' && "ศส".indexOf(s.charAt(i - 1)) >= 0
                                        || c == 'ว' && "กขค".indexOf(s.charAt(i - 1)) >= 0);
                if (open && !voweled && !cluster) {
                    out.append('a');
                }
                out.append(THAI_INITIAL.get(c));
                open = true;
                voweled = false;
            } else if (voweled && open) {
                if (nextConsonant
                                && i + 2 == n
                                && (lastVowel == '\u0E31'
                                        || lastVowel == '\u0E34'
                                        || lastVowel == '\u0E38'
                                        || lastVowel == '\u0E36')
                                && s.charAt(i + 1) != 'ร'
                                && SONORANT_FINALS.indexOf(s.charAt(i + 1)) < 0
                        || nextConsonant
                                && i + 2 == n
                                && s.charAt(i + 1) == 'ร'
                                && lastVowel == '\u0E31') {
                    // After the short vowel ั the consonant closes the syllable and a final ร is
                    // silent (วัตร is wat).
                    out.append(thaiFinal(c, spelled));
                    i++;
                    open = false;
                    voweled = false;
                } else if (nextConsonant && i + 2 == n && c != 'อ') {
                    // C + final consonant ending the word: a closed syllable with an implicit o
                    // (ภาพร -> pha-phon).
                    out.append(THAI_INITIAL.get(c))
                            .append('o')
                            .append(thaiFinal(s.charAt(i + 1), spelled));
                    i++;
                    open = false;
                    voweled = false;
                } else if (linked && nextConsonant) {
                    // A sibilant closes the syllable as t and opens the next (วาสนา wat-sa-na,
                    // ทัศนีย์ that-sa-ni).
                    out.append("ศษส".indexOf(c) >= 0 ? "ts" : THAI_INITIAL.get(c));
                    voweled = false;
                } else {
                    out.append(thaiFinal(c, spelled));
                    open = false;
                    voweled = false;
                }
            } else if (open) {
                if (nextConsonant && i + 2 == n && c != 'อ' && c != 'ว') {
                    // An initial without its vowel, then a closed syllable ending the word: the
                    // initial has its a (ณรงค์ na-rong, จักรพงษ์ chak-ra-phong).
                    out.append('a')
                            .append(THAI_INITIAL.get(c))
                            .append('o')
                            .append(thaiFinal(s.charAt(i + 1), spelled));
                    i++;
                    open = false;
                    voweled = false;
                } else if (c == 'อ') {
                    out.append('o');
                    voweled = true;
                } else if (c == 'ว' && nextConsonant && !linked) {
                    out.append("ua").append(thaiFinal(s.charAt(i + 1), spelled));
                    i++;
                    open = false;
                } else if (linked && nextConsonant) {
                    out.append(i > 0 && s.charAt(i - 1) == 'อ' ? 'o' : 'a')
                            .append(THAI_INITIAL.get(c));
                } else {
                    out.append('o').append(thaiFinal(c, spelled));
                    open = false;
                    voweled = false;
                }
            } else {
                // A silent ห before a sonorant only sets the tone.
                if (c == 'ห' && nextConsonant && "งญนมยรลว".indexOf(s.charAt(i + 1)) >= 0) {
                    continue;
                }
                out.append(THAI_INITIAL.get(c));
                open = true;
                voweled = false;
                if (atEnd) {
                    out.append('a');
                }
            }
        }
        return out.toString();
    }

    // -------------------------------------------------------------------------------------------
}
