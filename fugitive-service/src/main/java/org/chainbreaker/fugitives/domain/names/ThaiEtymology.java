package org.chainbreaker.fugitives.domain.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The etymological reading of a Thai word: the spelling of a name of Pali or Sanskrit origin
 * transliterated letter by letter, as Thai passports write such names (Devakula, Chearavanont,
 * Pramoj), beside {@link ThaiRomanizer}'s reading of its sound.
 */
final class ThaiEtymology {

    private ThaiEtymology() {}

    /**
     * Letter values for the etymological reading: the Indic values the Royal Institute's
     * transliteration of Pali and Sanskrit gives Thai letters (ว v, ภ bh, ธ dh, ท d, ฑ d, ฒ dh), as
     * Thai passports use them for names of Pali-Sanskrit spelling (Devakula, Sundaravej, Dhanin);
     * aspirated stops kept where passports drop the h for the unaspirated letter (พ p:
     * Panitchpakdi, Pramoj).
     */
    private static final Map<Character, String> ETYMOLOGICAL =
            Map.ofEntries(
                    Map.entry('ว', "v"),
                    Map.entry('ภ', "bh"),
                    Map.entry('ธ', "dh"),
                    Map.entry('ท', "d"),
                    Map.entry('ฑ', "d"),
                    Map.entry('ฒ', "dh"),
                    Map.entry('พ', "p"),
                    Map.entry('ค', "k"),
                    Map.entry('ฆ', "gh"),
                    Map.entry('ช', "ch"),
                    Map.entry('ญ', "ny"),
                    Map.entry('ฤ', "ri"));

    /**
     * The Royal Institute's values of the Pali-Sanskrit voiced stops proper, which the table above
     * softens to what most passports write: พ b, ค g, ช j, as some passports keep them
     * (Bahiddhanukara for พหิทธานุกร, Salirathavibhaga for สาลีรัฐวิภาค).
     */
    private static final Map<Character, String> VOICED = Map.of('พ', "b", 'ค', "g", 'ช', "j");

    private static String letter(char c, boolean last, boolean voiced) {
        if (last && c == 'ช') {
            return "j"; // a final ช is j in these spellings (Pramoj, Sundaravej)
        }
        if (voiced && VOICED.containsKey(c)) {
            return VOICED.get(c);
        }
        return ETYMOLOGICAL.getOrDefault(c, ThaiRomanizer.THAI_INITIAL.get(c));
    }

    /** One consonant of the etymological reading: its letter, its vowel (null: none written). */
    private record Unit(String letter, String vowel, boolean silent, boolean shortVowel) {
        Unit(String letter, String vowel, boolean silent) {
            this(letter, vowel, silent, false);
        }
    }

    /**
     * The reading Thai passports give a name spelled after Pali or Sanskrit: the name
     * transliterated letter by letter from its spelling (the Royal Institute's Pali-Sanskrit values
     * above), the letters the thanthakhat silences kept (ท์, ดิ์), a consonant without a vowel sign
     * read with its inherent a, except a consonant closing a short vowel (ภักดิ์ bhak-di, สิทธิ
     * sit-dhi) and the last syllable, closed with o (เทวกุล devakul, เจียรวนนท์ chiaravanond,
     * ปราโมช pramoj, ธนะรัชต์ dhanarajt, กิตติขจร kittikhachor).
     */
    static String etymological(String word) {
        return etymological(word, false);
    }

    /**
     * With {@code silentAsFinal}, the letters the thanthakhat silences are written as the final
     * sound they spell, without their vowel (สฤษดิ์ Sarit, คึกฤทธิ์ Kukrit, พันธุ์ punt), as many
     * passports write them; without, as letters with their vowels (ภักดิ์ pakdi).
     */
    static String etymological(String word, boolean silentAsFinal) {
        return etymological(word, silentAsFinal, false);
    }

    /**
     * With {@code pali}, the Pali-Sanskrit transliteration proper: a consonant without a vowel sign
     * keeps its inherent a at the end of the word too (อุตตม Uttama, สาวนายน Savanayana, เทวกุล
     * Devakula, สาลีรัฐวิภาค Salirathavibhaga), as passports of such names often write it.
     */
    static String etymological(String word, boolean silentAsFinal, boolean pali) {
        return etymological(word, silentAsFinal, pali, false);
    }

    /**
     * With {@code voiced}, the Pali-Sanskrit transliteration with the voiced stops' own values (พ
     * b, ค g, ช j: {@link #VOICED}), each syllable with its inherent a as {@code pali} gives it.
     */
    static String voiced(String word) {
        return etymological(word, false, true, true);
    }

    private static String etymological(
            String word, boolean silentAsFinal, boolean pali, boolean voiced) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\u0E4C' && !letters.isEmpty()) {
                letters.append('!'); // the letter before is silent in speech, kept in spelling
            } else if (!ThaiRomanizer.thaiMark(c)) {
                letters.append(c);
            }
        }
        // รร is a with r in these spellings (สุวรรณ suvarn), unless the first ร closes a cluster
        // under a leading vowel (ไตรรงค์ trai-rong).
        String s = letters.toString().replaceAll("(?<![เแโใไ][ก-ฮ])รร", "\u0E31ร");
        List<Unit> units = new ArrayList<>();
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == 'ฤ') {
                units.add(new Unit("ri", "", false));
            } else if (ThaiRomanizer.thaiLeadingVowel(c)
                    && i + 1 < n
                    && ThaiRomanizer.thaiConsonant(s.charAt(i + 1))) {
                int j = i + 1;
                // เสถียร sa-thian: two consonants before the vowel that are no cluster; the
                // first has its inherent a.
                if (j + 2 < n
                        && ThaiRomanizer.thaiConsonant(s.charAt(j + 1))
                        && "รลวย".indexOf(s.charAt(j + 1)) < 0
                        && "\u0E35\u0E37\u0E32อ\u0E30".indexOf(s.charAt(j + 2)) >= 0) {
                    units.add(new Unit(letter(s.charAt(j), false, voiced), "a", false));
                    i = j;
                    j++;
                }
                // A cluster under the leading vowel (ไตร trai, เครือ khruea, เปลี่ยน plian).
                if (j + 2 < n
                        && "รล".indexOf(s.charAt(j + 1)) >= 0
                        && "กขคตปผพบดท".indexOf(s.charAt(j)) >= 0) {
                    units.add(new Unit(letter(s.charAt(j), false, voiced), "", false));
                    j++;
                }
                char carrier = s.charAt(j);
                String rest = s.substring(j + 1);
                String vowel;
                if (c == 'เ' && rest.startsWith("\u0E35ย")) {
                    vowel = "ia";
                    j += 2;
                } else if (c == 'เ' && rest.startsWith("\u0E37อ")) {
                    vowel = "uea";
                    j += 2;
                } else if (c == 'เ' && rest.startsWith("\u0E32")) {
                    vowel = "ao";
                    j += 1;
                } else {
                    vowel =
                            switch (c) {
                                case 'เ' -> "e";
                                case 'แ' -> "ae";
                                case 'โ' -> "o";
                                default -> "ai";
                            };
                }
                units.add(new Unit(letter(carrier, false, voiced), vowel, false));
                i = j;
            } else if (ThaiRomanizer.thaiConsonant(c)) {
                boolean silent = i + 1 < n && s.charAt(i + 1) == '!';
                String vowel = i + 1 < n ? ThaiRomanizer.thaiFollowingVowel(s.charAt(i + 1)) : null;
                if (vowel != null && i + 2 < n && s.charAt(i + 2) == '!') {
                    silent = true;
                }
                boolean last = true;
                for (int j = i + 1; j < n; j++) {
                    last &= !ThaiRomanizer.thaiConsonant(s.charAt(j));
                }
                boolean shortVowel =
                        i + 1 < n && "\u0E30\u0E31\u0E34\u0E36\u0E38".indexOf(s.charAt(i + 1)) >= 0;
                if (silent && silentAsFinal) {
                    units.add(new Unit(ThaiRomanizer.THAI_FINAL.get(c), null, true, false));
                } else {
                    units.add(
                            new Unit(
                                    c == 'อ' ? "" : letter(c, last, voiced),
                                    vowel,
                                    silent,
                                    shortVowel));
                }
            }
        }
        return spell(units, pali);
    }

    private static final java.util.Set<String> STOPS =
            java.util.Set.of("k", "kh", "p", "ph", "t", "th", "b", "d", "bh", "dh", "g");

    /** Writes the units, giving each run of consonants without a written vowel its vowels. */
    private static String spell(List<Unit> units, boolean pali) {
        StringBuilder out = new StringBuilder();
        Unit before = null;
        int i = 0;
        while (i < units.size()) {
            Unit u = units.get(i);
            if (u.vowel() != null || u.silent()) {
                out.append(u.letter()).append(u.vowel() == null ? "" : u.vowel());
                before = u;
                i++;
                continue;
            }
            int end = i;
            while (end < units.size()
                    && units.get(end).vowel() == null
                    && !units.get(end).silent()) {
                end++;
            }
            boolean atEnd =
                    end == units.size()
                            || units.subList(end, units.size()).stream().allMatch(Unit::silent);
            int k = end - i;
            int from = i;
            if (before != null
                    && before.shortVowel()
                    && (k <= 2 || List.of("n", "m", "ng").contains(units.get(from).letter()))) {
                out.append(units.get(from).letter()); // closes the short vowel before
                from++;
            }
            for (int j = from; j < end; j++) {
                out.append(units.get(j).letter());
                boolean cluster =
                        j + 1 < units.size()
                                && List.of("r", "l").contains(units.get(j + 1).letter())
                                && units.get(j + 1).vowel() != null
                                && (STOPS.contains(units.get(j).letter())
                                        || units.get(j).letter().equals("s")
                                                && units.get(j + 1).letter().equals("r"));
                if (cluster) {
                    continue; // ปรา pra, กรั kra
                }
                if (!atEnd || pali && !units.get(j).letter().isEmpty()) {
                    out.append('a');
                } else if (j == end - 2) {
                    out.append('o');
                } else if (j < end - 2) {
                    out.append('a');
                }
            }
            before = null;
            i = end;
        }
        return out.toString();
    }
}
