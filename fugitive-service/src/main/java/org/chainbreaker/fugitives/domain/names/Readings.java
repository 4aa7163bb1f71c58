package org.chainbreaker.fugitives.domain.names;

import com.ibm.icu.text.Transliterator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The other readings documents give a name syllable besides the primary one of {@link Romanizers}:
 * for a Han character Wade-Giles (from its Pinyin, by the Wade-Giles correspondence table) and the
 * Hong Kong government Cantonese spelling (from Unihan's kCantonese Jyutping, shipped as
 * names/unihan-cantonese.tsv); for a Hangul syllable McCune-Reischauer's unvoiced initials and the
 * customary passport vowels; for a Latin word its modern Indonesian spelling when written in the
 * pre-1972 one (oe, dj, tj, nj, sj, j for y, ch for kh).
 */
final class Readings {

    private static final Transliterator TO_SIMPLIFIED =
            Transliterator.getInstance("Traditional-Simplified");
    private static final Map<Integer, String> JYUTPING = load();

    private Readings() {}

    /**
     * A Han text with traditional characters folded to simplified ones (ICU's
     * Traditional-Simplified).
     */
    static String foldHan(String text) {
        return TO_SIMPLIFIED.transliterate(text);
    }

    /** Pinyin first, then Wade-Giles and Cantonese, as ASCII letters. */
    static List<String> han(int cp, String pinyin) {
        Set<String> out = new LinkedHashSet<>();
        out.add(pinyin);
        out.add(wadeGiles(pinyin));
        String jp = JYUTPING.get(cp);
        if (jp != null) {
            out.add(hongKong(jp));
            out.add(minnan(jp));
        }
        return List.copyOf(out);
    }

    /**
     * Jyutping initials and finals to the Hokkien literary reading's, in the spelling Singapore and
     * Malaysian registries use: Cantonese and Hokkien keep Middle Chinese's stop and nasal finals
     * (-p -t -k -m), and their initials and vowels correspond regularly (Min's denasalised m- as
     * b-, ng- as g-, f- as h-; Cantonese -ing -uk -oeng -eoi as Hokkien -eng -ok -iong -ui: 明 ming
     * Beng, 莫 mok Bok, 福 fuk Hock, 強 koeng Kiong, 瑞 seoi Swee). The correspondences are those of
     * the comparative tables of Middle Chinese reflexes in the Southern dialects; no character list
     * is involved.
     */
    private static final String[][] MINNAN_INITIALS = {
        {"gw", "k"}, {"kw", "kh"}, {"ng", "g"}, {"b", "p"}, {"p", "ph"}, {"m", "b"}, {"f", "h"},
        {"d", "t"}, {"t", "th"}, {"n", "l"}, {"l", "l"}, {"g", "k"}, {"k", "kh"}, {"h", "h"},
        {"w", ""}, {"z", "ch"}, {"c", "ch"}, {"s", "s"}, {"j", "j"}
    };

    private static final Map<String, String> MINNAN_FINALS =
            Map.ofEntries(
                    Map.entry("aa", "a"),
                    Map.entry("am", "im"),
                    Map.entry("an", "in"),
                    Map.entry("ang", "eng"),
                    Map.entry("ap", "ip"),
                    Map.entry("at", "it"),
                    Map.entry("ak", "ek"),
                    Map.entry("ei", "i"),
                    Map.entry("iu", "iau"),
                    Map.entry("im", "iam"),
                    Map.entry("in", "ian"),
                    Map.entry("ing", "eng"),
                    Map.entry("ip", "iap"),
                    Map.entry("it", "iat"),
                    Map.entry("ik", "ek"),
                    Map.entry("oi", "ai"),
                    Map.entry("ou", "oo"),
                    Map.entry("on", "an"),
                    Map.entry("ung", "ong"),
                    Map.entry("uk", "ok"),
                    Map.entry("eoi", "ui"),
                    Map.entry("eon", "un"),
                    Map.entry("eot", "ut"),
                    Map.entry("oe", "o"),
                    Map.entry("oeng", "iong"),
                    Map.entry("oek", "iok"),
                    Map.entry("yu", "u"),
                    Map.entry("yun", "uan"),
                    Map.entry("yut", "uat"));

    static String minnan(String jp) {
        if (jp.equals("m") || jp.equals("ng")) {
            return "ng";
        }
        String initial = "";
        String rest = jp;
        for (String[] i : MINNAN_INITIALS) {
            if (jp.startsWith(i[0]) && jp.length() > i[0].length()) {
                initial = i[1];
                rest = jp.substring(i[0].length());
                break;
            }
        }
        String fin = MINNAN_FINALS.getOrDefault(rest, rest.replace("aa", "a"));
        if (initial.equals("j") && fin.startsWith("y")) {
            fin = fin.substring(1);
        }
        return initial + fin;
    }

    static List<String> hangul(String rr) {
        Set<String> out = new LinkedHashSet<>();
        out.add(rr);
        String unvoiced = rr;
        if (rr.startsWith("g")) unvoiced = "k" + rr.substring(1);
        else if (rr.startsWith("d")) unvoiced = "t" + rr.substring(1);
        else if (rr.startsWith("b")) unvoiced = "p" + rr.substring(1);
        else if (rr.startsWith("j")) unvoiced = "ch" + rr.substring(1);
        for (String s : List.of(rr, unvoiced)) {
            out.add(s);
            out.add(s.replace("eo", "o"));
            out.add(s.replace("eo", "u"));
            out.add(s.replace("eu", "u"));
            out.add(s.replace("ui", "i"));
            if (s.startsWith("yeong")) out.add("young" + s.substring(5));
            if (s.startsWith("s")
                    && (s.startsWith("si") || s.startsWith("sy") || s.startsWith("swi")))
                out.add("sh" + s.substring(1));
        }
        return List.copyOf(out);
    }

    /** Thai: RTGS writes final ล and ร as n, passports often l (Natthaphon / Natthapol, Kul). */
    static List<String> thai(String rtgs, String word) {
        Set<String> out = new LinkedHashSet<>();
        out.add(rtgs);
        if ((word.endsWith("ล") || word.endsWith("ร")) && rtgs.endsWith("n")) {
            out.add(rtgs.substring(0, rtgs.length() - 1) + "l");
        }
        // Final ว is o in RTGS, w in passports (Kaeo / Kaew); RTGS oe is er in passports (Prasoet /
        // Prasert).
        String passport =
                rtgs.replace("aeo", "aew")
                        .replace("eo", "ew")
                        .replace("io", "iw")
                        .replace("oe", "er");
        out.add(passport);
        // RTGS reads the ร of an initial ศร/สร as silent (ศรี Si, ศรีแก้ว Sikaeo) where passports
        // write Sri.
        if (rtgs.contains("sr") && SILENT_R_CLUSTER.matcher(word).find()) {
            out.add(rtgs.replace("sr", "s"));
        }
        // A sibilant closing one syllable and opening the next is t-s in RTGS (Watsana), a double
        // s in passports (Wassana).
        if (rtgs.contains("ts")) {
            out.add(rtgs.replace("ts", "s"));
        }
        // A short i or u written on the last consonant of a Pali-Sanskrit word is silent (ภูมิ
        // phum, ชาติ chat, วุฒิ wut); RTGS and passports write it only when a word follows.
        int n = word.length();
        if (n >= 3
                && (word.charAt(n - 1) == '\u0E34' || word.charAt(n - 1) == '\u0E38')
                && word.charAt(n - 3) != word.charAt(n - 2)
                && (rtgs.endsWith("i") || rtgs.endsWith("u"))
                && rtgs.length() > 3) {
            out.add(rtgs.substring(0, rtgs.length() - 1));
        }
        return List.copyOf(out);
    }

    private static final java.util.regex.Pattern SILENT_R_CLUSTER =
            java.util.regex.Pattern.compile("[ศส]ร[\u0E30-\u0E39\u0E40-\u0E44]");

    /**
     * Burmese: the customary spellings of one syllable vary in an aspirating h (Htun / Tun, Hla),
     * in how a final vowel is closed (Soe / Soh, Zaw / Zau, Lar / La, Nwe / Nwae, Htay / Htai) and
     * in a final t after n (Nyunt / Nyun).
     */
    static List<String> burmese(String reading, String mlcts) {
        List<String> out = new ArrayList<>(burmese(reading));
        if (mlcts != null && !mlcts.isEmpty() && !out.contains(mlcts)) {
            out.add(mlcts);
        }
        return List.copyOf(out);
    }

    static List<String> burmese(String reading) {
        Set<String> out = new LinkedHashSet<>();
        out.add(reading);
        List<String> base = new ArrayList<>(List.of(reading));
        if (reading.startsWith("h")
                && reading.length() > 2
                && "aeiou".indexOf(reading.charAt(1)) < 0) {
            base.add(reading.substring(1));
        } else if (reading.startsWith("t")
                || reading.startsWith("s")
                || reading.startsWith("l")
                || reading.startsWith("m")
                || reading.startsWith("n")) {
            base.add("h" + reading);
        }
        for (String b : base) {
            out.add(b);
            if (b.endsWith("oe")) {
                out.add(b.substring(0, b.length() - 1) + "h");
                out.add(b.substring(0, b.length() - 1));
            }
            if (b.endsWith("aw")) out.add(b.substring(0, b.length() - 1) + "u");
            if (b.endsWith("ar")) out.add(b.substring(0, b.length() - 1));
            if (b.endsWith("a") && !b.endsWith("ya")) out.add(b + "r");
            if (b.endsWith("we")) out.add(b.substring(0, b.length() - 1) + "ae");
            if (b.endsWith("ay")) {
                out.add(b.substring(0, b.length() - 1) + "i");
                out.add(b.substring(0, b.length() - 1) + "e"); // Myae for မြေ
            }
            if (b.startsWith("ky")) out.add("g" + b.substring(1)); // Gyi: voiced after a syllable
            if (b.endsWith("on")) {
                // ုန် and ုံ (MLCTS un, um) are spelled -one or -ohn (Phone, Pyone; Ohn)
                out.add(b + "e");
                out.add(b.substring(0, b.length() - 1) + "hn");
            }
            if (b.startsWith("b")) out.add("ph" + b.substring(1)); // ဘ spelled Ph (Phone, Bhone)
            if (b.endsWith("nt")) out.add(b.substring(0, b.length() - 1));
            if (b.endsWith("e") && !b.endsWith("oe") && !b.endsWith("we")) {
                out.add(b + "h");
                out.add(b.substring(0, b.length() - 1) + "i");
            }
        }
        return List.copyOf(out);
    }

    /**
     * Khmer: customary spellings drop a final r (Vichet for វិចិត្រ) and write -ao/-au as -ov, -eo
     * as -iev/-eu.
     */
    static List<String> khmer(String reading) {
        Set<String> out = new LinkedHashSet<>();
        out.add(reading);
        String s = reading;
        if (s.endsWith("r") && s.length() > 3) s = s.substring(0, s.length() - 1);
        out.add(s);
        out.add(s.replaceAll("(ao|au)$", "ov"));
        out.add(s.replace("eo", "ieu").replace("ieo", "ieu"));
        out.add(s.replace("ea", "a"));
        out.add(s.replace("o", "u"));
        out.add(s.replace("i", "e"));
        out.add(s.replace("i", "eu"));
        if (s.endsWith("ieo")) {
            out.add(s.substring(0, s.length() - 1) + "v");
            out.add(s.substring(0, s.length() - 1) + "u");
        }
        if (s.length() > 2 && s.indexOf('a', 1) > 0) {
            out.add(
                    s.replaceFirst(
                            "(?<=^[^aeiou]{1,3})a", "u")); // the o-series inherent vowel (Kunthea)
        }
        if (s.endsWith("a")) {
            out.add(s + "h"); // Dara / Darah
            out.add(s + "r"); // Sar (ស), Dar
        }
        // Customary spellings (the UNGEGN romanisation's letters written as names are): chh as ch
        // (Chhuon / Chuon), ie as ea (Tea), ae as e (Pen), ao as o (Ngo), ei as ey or y (Srey,
        // Chanthy), nh as n (Banh / Ban), the last inherent a of an o-series syllable as o
        // (Chanthon, Chhon).
        List<String> more = new ArrayList<>();
        for (String o : out) {
            more.add(o.replace("chh", "ch"));
            more.add(o.replace("ie", "ea"));
            more.add(o.replace("ae", "e"));
            more.add(o.replace("ao", "o"));
            more.add(o.replace("ei", "ey"));
            more.add(o.replaceAll("ei$", "y"));
            more.add(o.replaceAll("nh$", "n"));
            more.add(o.replaceAll("a(?=[^aeiou]+$)", "o"));
        }
        out.addAll(more);
        return List.copyOf(out);
    }

    /**
     * The modern Indonesian spelling of a word written in the spelling before 1972, if it differs.
     */
    static String modernIndonesian(String word) {
        if (!(word.contains("oe")
                || word.contains("dj")
                || word.contains("tj")
                || word.contains("j"))) {
            return word;
        }
        String s =
                word.replace("dj", "\u0001")
                        .replace("tj", "\u0002")
                        .replace("nj", "ny")
                        .replace("sj", "sy")
                        .replace("j", "y")
                        .replace("\u0001", "j")
                        .replace("\u0002", "c")
                        .replace("oe", "u")
                        .replace("ch", "kh");
        return s;
    }

    // ---------------------------------------------------------------- Wade-Giles (apostrophes and
    // umlauts dropped)
    private static final String[][] WG_INITIALS = {
        {"zh", "ch"},
        {"ch", "ch"},
        {"sh", "sh"},
        {"b", "p"},
        {"d", "t"},
        {"g", "k"},
        {"z", "ts"},
        {"c", "ts"},
        {"j", "ch"},
        {"q", "ch"},
        {"x", "hs"},
        {"r", "j"}
    };
    private static final Map<String, String> WG_WHOLE =
            Map.ofEntries(
                    Map.entry("zi", "tzu"),
                    Map.entry("ci", "tzu"),
                    Map.entry("si", "ssu"),
                    Map.entry("zhi", "chih"),
                    Map.entry("chi", "chih"),
                    Map.entry("shi", "shih"),
                    Map.entry("ri", "jih"),
                    Map.entry("er", "erh"),
                    Map.entry("ye", "yeh"),
                    Map.entry("yan", "yen"),
                    Map.entry("you", "yu"),
                    Map.entry("ge", "ko"),
                    Map.entry("ke", "ko"),
                    Map.entry("he", "ho"),
                    Map.entry("e", "o"),
                    Map.entry("yong", "yung"),
                    Map.entry("yue", "yueh"));

    static String wadeGiles(String py) {
        String whole = WG_WHOLE.get(py);
        if (whole != null) {
            return whole;
        }
        String initial = "";
        String rest = py;
        for (String[] i : WG_INITIALS) {
            if (py.startsWith(i[0])) {
                initial = i[1];
                rest = py.substring(i[0].length());
                break;
            }
        }
        if (initial.isEmpty() && !py.isEmpty() && "ptkhmnlfswy".indexOf(py.charAt(0)) >= 0) {
            initial = py.substring(0, 1);
            rest = py.substring(1);
        }
        rest =
                switch (rest) {
                    case "ong" -> "ung";
                    case "iong" -> "iung";
                    case "ian" -> "ien";
                    case "ie" -> "ieh";
                    case "ue" -> "ueh";
                    case "uo" ->
                            initial.equals("k")
                                            || initial.equals("h")
                                            || initial.equals("sh")
                                            || initial.equals("ch")
                                    ? "uo"
                                    : "o";
                    case "e" -> initial.equals("k") || initial.equals("h") ? "o" : "e";
                    default -> rest;
                };
        return initial + rest;
    }

    // ---------------------------------------------------------------- Hong Kong government
    // spelling of Jyutping
    private static final String[][] HK_INITIALS = {
        {"gw", "kw"},
        {"kw", "kw"},
        {"ng", "ng"},
        {"b", "p"},
        {"d", "t"},
        {"g", "k"},
        {"z", "ch"},
        {"c", "ch"},
        {"j", "y"}
    };
    private static final Map<String, String> HK_FINALS =
            Map.ofEntries(
                    Map.entry("aa", "a"),
                    Map.entry("aai", "ai"),
                    Map.entry("aau", "au"),
                    Map.entry("aam", "am"),
                    Map.entry("aan", "an"),
                    Map.entry("aang", "ang"),
                    Map.entry("aap", "ap"),
                    Map.entry("aat", "at"),
                    Map.entry("aak", "ak"),
                    Map.entry("am", "um"),
                    Map.entry("ou", "o"),
                    Map.entry("un", "oon"),
                    Map.entry("oe", "euk"),
                    Map.entry("oeng", "eung"),
                    Map.entry("oek", "euk"),
                    Map.entry("eoi", "ui"),
                    Map.entry("eon", "un"),
                    Map.entry("eot", "ut"),
                    Map.entry("yu", "u"),
                    Map.entry("yun", "uen"),
                    Map.entry("yut", "uet"),
                    Map.entry("i", "i"));

    static String hongKong(String jp) {
        if (jp.equals("m") || jp.equals("ng")) {
            return jp;
        }
        String initial = "";
        String rest = jp;
        for (String[] i : HK_INITIALS) {
            if (jp.startsWith(i[0])) {
                initial = i[1];
                rest = jp.substring(i[0].length());
                break;
            }
        }
        if (initial.isEmpty() && !jp.isEmpty() && "ptkhfmnlsw".indexOf(jp.charAt(0)) >= 0) {
            initial = jp.substring(0, 1);
            rest = jp.substring(1);
        }
        if (initial.equals("ch") && rest.startsWith("eo")) {
            initial = "ts";
        }
        String fin = HK_FINALS.getOrDefault(rest, rest);
        if (initial.equals("y") && fin.startsWith("y")) {
            fin = fin.substring(1);
        }
        if ((initial.isEmpty() || initial.equals("y")) && rest.equals("i")) {
            return "yee";
        }
        if (initial.equals("l") && rest.equals("ei")) {
            return "lee";
        }
        return initial + fin;
    }

    /** Unihan's Cantonese reading (Jyutping, toneless) of every character that has one. */
    static Map<Integer, String> jyutpingTable() {
        return JYUTPING;
    }

    private static Map<Integer, String> load() {
        Map<Integer, String> out = new HashMap<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                Objects.requireNonNull(
                                        Readings.class.getResourceAsStream(
                                                "/names/unihan-cantonese.tsv")),
                                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                int tab = line.indexOf('\t');
                out.put(line.codePointAt(0), line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<String> product(List<List<String>> alternatives, int cap) {
        List<String> out = new ArrayList<>(List.of(""));
        for (List<String> alts : alternatives) {
            List<String> next = new ArrayList<>();
            for (String prefix : out) {
                for (String a : alts) {
                    if (next.size() < cap) next.add(prefix + a);
                }
            }
            out = next;
        }
        return out;
    }
}
