package org.chainbreaker.fugitives.domain.names;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    // -------------------------------------------------------------------------------------------
    // Thai
    private static final Map<Character, String> THAI_INITIAL = new LinkedHashMap<>();
    private static final Map<Character, String> THAI_FINAL = new LinkedHashMap<>();

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

    private static boolean thaiConsonant(char c) {
        return THAI_INITIAL.containsKey(c);
    }

    private static boolean thaiMark(char c) {
        return c == '\u0E48'
                || c == '\u0E49'
                || c == '\u0E4A'
                || c == '\u0E4B'
                || c == '\u0E47'
                || c == '\u0E4C'
                || c == '\u0E46';
    }

    /** Vowel signs written after (or above/below) the consonant they follow in speech. */
    private static String thaiFollowingVowel(char c) {
        return switch (c) {
            case '\u0E30', '\u0E31', '\u0E32' -> "a";
            case '\u0E33' -> "am";
            case '\u0E34', '\u0E35' -> "i";
            case '\u0E36', '\u0E37' -> "ue";
            case '\u0E38', '\u0E39' -> "u";
            default -> null;
        };
    }

    private static boolean thaiLeadingVowel(char c) {
        return c >= '\u0E40' && c <= '\u0E44';
    }

    /**
     * An RTGS-like reading of one Thai word: explicit and implicit vowels, consonants as initials
     * or finals.
     */
    static String thaiWord(String word) {
        return thaiWord(word, false);
    }

    /**
     * With {@code linked}, the reading with the linking vowel of Pali-Sanskrit compounds: a
     * consonant that closes a syllable inside a word also begins the next with an a (อรทัย orathai,
     * สุรยุทธ์ surayut, ณรงค์ narong), as passports and RTGS write such names.
     */
    static String thaiWord(String word, boolean linked) {
        return thaiWord(word, linked, false);
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
    static String thaiWord(String word, boolean linked, boolean spelled) {
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
        s = s.replaceAll("รร(?=[ก-ฮ])", "ั").replaceAll("รร$", "ัน");
        // Irregular readings frequent in names (พรหม is phrom, as in พรหมมา Promma).
        int irregular = s.indexOf("พรหม");
        if (irregular >= 0) {
            return thaiWord(s.substring(0, irregular), linked, spelled)
                    + "phrom"
                    + thaiWord(s.substring(irregular + 4), linked, spelled);
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
                // A cluster with ร/ล/ว after the first consonant.
                if (j + 1 < n
                        && (s.charAt(j + 1) == 'ร'
                                || s.charAt(j + 1) == 'ล'
                                || s.charAt(j + 1) == 'ว')
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
                    out.append(THAI_INITIAL.get(c));
                    voweled = false;
                } else {
                    out.append(thaiFinal(c, spelled));
                    open = false;
                    voweled = false;
                }
            } else if (open) {
                if (c == 'อ') {
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
    // Khmer
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
    static String khmerWord(String word) {
        StringBuilder out = new StringBuilder();
        int n = word.length();
        boolean voweled = false;
        boolean open = false;
        boolean aSeries = true;
        for (int i = 0; i < n; i++) {
            char c = word.charAt(i);
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
            out.append(KHMER_CONSONANT.get(c));
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
    // Burmese
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
    static List<String> burmeseSyllables(String chunk) {
        return burmeseSyllableForms(chunk).stream().map(BurmeseSyllable::reading).toList();
    }

    /** A syllable of a Burmese name: its customary reading and, where one, its MLCTS reading. */
    record BurmeseSyllable(String reading, String mlcts) {}

    /**
     * The syllables of a Burmese name, each with its customary reading (the table above; for a
     * syllable outside it, the conventional spelling of its MLCTS reading) and its MLCTS reading.
     */
    static List<BurmeseSyllable> burmeseSyllableForms(String chunk) {
        List<BurmeseSyllable> out = new ArrayList<>();
        int i = 0;
        StringBuilder unknown = new StringBuilder();
        while (i < chunk.length()) {
            String match = null;
            for (int len = Math.min(BURMESE_LONGEST, chunk.length() - i); len >= 1; len--) {
                String candidate = chunk.substring(i, i + len);
                // A known syllable must not be cut before its dependent signs.
                boolean whole =
                        i + len >= chunk.length() || !dependentMyanmar(chunk.charAt(i + len));
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
            for (String part : parts) {
                out.add(
                        new BurmeseSyllable(
                                part,
                                parts.length == 1 && mlcts.size() == 1 ? mlcts.get(0) : null));
            }
            i += match.length();
        }
        flushUnknown(unknown, out);
        return out;
    }

    private static boolean dependentMyanmar(char c) {
        return (c >= '\u102B' && c <= '\u103E') || c == '\u1039' || c == '\u103A';
    }

    private static void flushUnknown(StringBuilder unknown, List<BurmeseSyllable> out) {
        if (!unknown.isEmpty()) {
            for (String m : Mlcts.syllables(unknown.toString())) {
                out.add(new BurmeseSyllable(Mlcts.customary(m), m));
            }
            unknown.setLength(0);
        }
    }
}
