package org.chainbreaker.fugitives.domain.names;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a name in any script into romanised parts (see {@link Romanizers}) and derives the search
 * keys stored for it: canonical spellings of its parts, sorted (order-insensitive), for several
 * ways of splitting it.
 */
public final class NameNormalizer {

    private static final Transliterator LATIN_ASCII =
            Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower");
    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();

    /** Honorifics and titles: Burmese (U, Daw, Ko, Ma, Maung, Saw), Malay and general. */
    private static final Set<String> HONORIFICS =
            Set.of(
                    "u", "daw", "ko", "ma", "maung", "mg", "saw", "dr", "mr", "mrs", "ms", "miss",
                    "mdm", "haji", "hj", "hajjah", "datuk", "dato", "datin", "pehin", "awang",
                    "dayang");

    /** Honorifics only when they open a name of more parts (Tan and Ma are family names too). */
    private static final Set<String> LEADING_ONLY =
            Set.of("u", "ko", "ma", "maung", "saw", "awang", "dayang");

    private static final Set<String> PATRONYMIC =
            Set.of("bin", "binti", "binte", "bte", "bt", "b", "al", "ap", "so", "do", "anak", "ak");
    private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");

    /**
     * Filipino and Spanish particles joined to the family name that follows (de la Cruz = Dela Cruz
     * = Delacruz).
     */
    private static final Set<String> PARTICLES =
            Set.of("de", "del", "dela", "la", "delos", "los", "sta");

    private NameNormalizer() {}

    public static NormalizedName normalize(String name) {
        return normalize(name, Scripts.detect(name));
    }

    /**
     * One syllable or word: its primary reading, every reading, and its form in a non-Latin script
     * (else null).
     */
    private record Syl(String primary, List<String> readings, String written) {
        static Syl latin(String s) {
            String modern = Readings.modernIndonesian(s);
            return new Syl(s, modern.equals(s) ? List.of(s) : List.of(s, modern), null);
        }
    }

    /**
     * Thai titles written before the name, joined to it (นางสาวสุภาพร) or apart: Miss (and its
     * abbreviation น.ส. as ID cards print it), Mrs, Mr, Master, Miss (children).
     */
    private static final List<String> THAI_TITLES =
            List.of("นางสาว", "น.ส.", "น.ส", "นาง", "นาย", "ด.ช.", "ด.ญ.");

    public static NormalizedName normalize(String name, String script) {
        String text = NFC.normalize(name.strip());
        List<List<Syl>> chunks =
                new ArrayList<>(); // groups of parts; each group may join into one part
        List<String> marked = new ArrayList<>();
        List<List<String>> hyphenated =
                new ArrayList<>(); // Latin words split at hyphens (Woo-sung)
        Set<String> titles = new LinkedHashSet<>();
        String[] words = text.split("[\\s,]+");
        boolean firstWord = true;
        boolean singleWord = words.length == 1;
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            String wordScript = Scripts.detect(word);
            switch (wordScript) {
                case "Hang" -> {
                    List<Syl> syls = new ArrayList<>();
                    word.codePoints()
                            .filter(Romanizers::isHangulSyllable)
                            .forEach(
                                    cp -> {
                                        String rr = Romanizers.hangulSyllable(cp);
                                        syls.add(
                                                new Syl(
                                                        rr,
                                                        Readings.hangul(rr),
                                                        "Hang:"
                                                                + new String(
                                                                        Character.toChars(cp))));
                                    });
                    int surname =
                            singleWord && firstWord && syls.size() >= 2
                                    ? (syls.size() >= 3 && Romanizers.isDoubleHangulSurname(word)
                                            ? 2
                                            : 1)
                                    : 0;
                    if (surname > 0) {
                        List<Syl> sur = syls.subList(0, surname);
                        chunks.add(
                                List.of(
                                        new Syl(
                                                String.join(
                                                        "",
                                                        sur.stream().map(Syl::primary).toList()),
                                                Readings.product(
                                                        sur.stream().map(Syl::readings).toList(),
                                                        8),
                                                "Hang:"
                                                        + String.join(
                                                                "",
                                                                sur.stream()
                                                                        .map(
                                                                                x ->
                                                                                        x.written()
                                                                                                .substring(
                                                                                                        5))
                                                                        .toList()))));
                        chunks.add(List.copyOf(syls.subList(surname, syls.size())));
                    } else if (!syls.isEmpty()) {
                        chunks.add(syls);
                    }
                }
                case "Hani" -> {
                    String folded = Readings.foldHan(word);
                    if (singleWord && word.codePointCount(0, word.length()) >= 2) {
                        int surname =
                                word.length() >= 3
                                                && Romanizers.HAN_DOUBLE_SURNAMES.contains(
                                                        word.substring(0, 2))
                                        ? 2
                                        : 1;
                        List<Syl> sur =
                                hanSyls(word.substring(0, surname), folded.substring(0, surname));
                        chunks.add(
                                List.of(
                                        new Syl(
                                                String.join(
                                                        "",
                                                        sur.stream().map(Syl::primary).toList()),
                                                Readings.product(
                                                        sur.stream().map(Syl::readings).toList(),
                                                        8),
                                                "Hani:" + folded.substring(0, surname))));
                        chunks.add(hanSyls(word.substring(surname), folded.substring(surname)));
                    } else {
                        chunks.add(hanSyls(word, folded));
                    }
                }
                case "Thai" -> {
                    String w = word;
                    if (firstWord && !singleWord && THAI_TITLES.contains(w)) {
                        break;
                    }
                    if (firstWord) {
                        for (String t : THAI_TITLES) {
                            if (w.startsWith(t) && w.length() > t.length() + 1) {
                                w = w.substring(t.length());
                                break;
                            }
                        }
                    }
                    String reading = Romanizers.thaiWord(w);
                    List<String> readings = new ArrayList<>(Readings.thai(reading, w));
                    for (String other :
                            List.of(
                                    Romanizers.thaiWord(w, true),
                                    Romanizers.thaiWord(w, false, true),
                                    ThaiEtymology.etymological(w),
                                    ThaiEtymology.etymological(w, true),
                                    ThaiEtymology.etymological(w, false, true),
                                    ThaiEtymology.voiced(w))) {
                        for (String r : Readings.thai(other, w)) {
                            if (!readings.contains(r)) {
                                readings.add(r);
                            }
                        }
                    }
                    chunks.add(List.of(new Syl(reading, List.copyOf(readings), "Thai:" + w)));
                }
                case "Khmr" -> {
                    String reading = Romanizers.khmerWord(word);
                    chunks.add(List.of(new Syl(reading, Readings.khmer(reading), "Khmr:" + word)));
                }
                case "Mymr" -> {
                    for (Romanizers.BurmeseSyllable syl : Romanizers.burmeseSyllableForms(word)) {
                        chunks.add(
                                List.of(
                                        new Syl(
                                                syl.reading(),
                                                Readings.burmese(syl.reading(), syl.mlcts()),
                                                syl.written() == null
                                                        ? null
                                                        : "Mymr:" + syl.written())));
                    }
                }
                default -> {
                    // Latin and everything else: hyphens and apostrophes join syllables (Min-su,
                    // Chan-o-cha).
                    String joined = word.replaceAll("[\\-'’.]", "");
                    String latin = LATIN_ASCII.transliterate(joined).replaceAll("[^a-z/]", "");
                    if (!latin.isEmpty()) {
                        chunks.add(List.of(Syl.latin(latin.replace("/", ""))));
                        String[] syllables = word.split("[\\-'’]");
                        if (syllables.length > 1) {
                            hyphenated.add(
                                    List.of(syllables).stream()
                                            .map(
                                                    x ->
                                                            LATIN_ASCII
                                                                    .transliterate(x)
                                                                    .replaceAll("[^a-z]", ""))
                                            .filter(x -> !x.isEmpty())
                                            .toList());
                        } else {
                            hyphenated.add(List.of(latin));
                        }
                        String lower = joined.toLowerCase(Locale.ROOT);
                        if (!lower.equals(latin) && "Latn".equals(wordScript)) {
                            marked.add(lower);
                        } else {
                            marked.add("");
                        }
                    }
                }
            }
            firstWord = false;
        }
        Map<String, List<String>> readings = new HashMap<>();
        Map<String, String> written = new HashMap<>();
        // Parts as written: each chunk's syllables joined (given names written together).
        List<String> parts = new ArrayList<>();
        for (List<Syl> chunk : chunks) {
            String part = register(chunk, readings, written);
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        parts = joinParticles(parts, readings);
        Set<String> optional = new LinkedHashSet<>(titles);
        int patronymicAt = -1;
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            boolean more =
                    parts.size() - i >= 3 || (parts.size() - i >= 2 && !LEADING_ONLY.contains(p));
            if (HONORIFICS.contains(p) && i == 0 && (more || parts.size() >= 2)) {
                optional.add(p);
            } else if (PATRONYMIC.contains(p)
                    && i > 0
                    && i < parts.size() - 1
                    && patronymicAt < 0) {
                optional.add(p);
                patronymicAt = i;
            } else if (SUFFIXES.contains(p) && i == parts.size() - 1 && i > 0) {
                optional.add(p);
            }
        }
        List<List<String>> tokenizations = new ArrayList<>();
        tokenizations.add(parts);
        // Syllable by syllable (Chinese and Korean given names split: Zhi Ming, Min Su).
        List<String> syllables = new ArrayList<>();
        chunks.forEach(
                c ->
                        c.stream()
                                .filter(x -> !x.primary().isEmpty())
                                .forEach(
                                        x ->
                                                syllables.add(
                                                        register(List.of(x), readings, written))));
        addIfNew(tokenizations, syllables);
        if (!hyphenated.isEmpty() && hyphenated.size() == chunks.size()) {
            List<String> split = new ArrayList<>();
            hyphenated.forEach(
                    h ->
                            h.forEach(
                                    x ->
                                            split.add(
                                                    register(
                                                            List.of(Syl.latin(x)),
                                                            readings,
                                                            written))));
            addIfNew(tokenizations, split);
        }
        if (parts.size() >= 3) {
            addIfNew(
                    tokenizations,
                    join(
                            parts,
                            1,
                            parts.size(),
                            readings,
                            written)); // family name first, given joined
            addIfNew(
                    tokenizations,
                    join(
                            parts,
                            0,
                            parts.size() - 1,
                            readings,
                            written)); // given joined, family name last
        }
        if (syllables.size() >= 2 && syllables.size() <= 6 && patronymicAt < 0) {
            // Neighbouring syllables written as one word (Nilar for Ni Lar, Sreymom for Srey Mom).
            for (int i = 0; i + 1 < syllables.size(); i++) {
                if (!optional.contains(syllables.get(i))
                        && !optional.contains(syllables.get(i + 1))) {
                    addIfNew(tokenizations, join(syllables, i, i + 2, readings, written));
                }
            }
        }
        if (parts.size() >= 2 && parts.size() <= 4) {
            addIfNew(
                    tokenizations,
                    List.of(
                            join(parts, 0, parts.size(), readings, written)
                                    .getFirst())); // written as one word (Kyawkyaw)
        }
        // Tone-marked forms of parts and of runs of parts, for the tokenizations that join them.
        Map<String, String> markedForms = new HashMap<>();
        if (marked.stream().anyMatch(m -> !m.isEmpty()) && marked.size() == chunks.size()) {
            for (int i = 0; i < marked.size(); i++) {
                StringBuilder plain = new StringBuilder();
                StringBuilder withMarks = new StringBuilder();
                for (int j = i; j < marked.size(); j++) {
                    String chunk =
                            String.join("", chunks.get(j).stream().map(Syl::primary).toList());
                    plain.append(chunk);
                    withMarks.append(marked.get(j).isEmpty() ? chunk : marked.get(j));
                    markedForms.put(plain.toString(), withMarks.toString());
                }
            }
        }
        return new NormalizedName(
                name,
                script,
                tokenizations,
                optional,
                patronymicAt,
                Map.copyOf(markedForms),
                Map.copyOf(readings),
                Map.copyOf(written));
    }

    private static List<Syl> hanSyls(String original, String folded) {
        List<Syl> out = new ArrayList<>();
        int[] cps = original.codePoints().toArray();
        int[] fcps = folded.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            List<String> py = Romanizers.hanSyllables(new String(Character.toChars(cps[i])));
            if (py.isEmpty()) {
                continue;
            }
            String f =
                    i < fcps.length
                            ? new String(Character.toChars(fcps[i]))
                            : new String(Character.toChars(cps[i]));
            out.add(new Syl(py.getFirst(), Readings.han(cps[i], py.getFirst()), "Hani:" + f));
        }
        return out;
    }

    /**
     * The part a run of syllables makes (joined primaries), with its readings and written form
     * recorded.
     */
    private static String register(
            List<Syl> run, Map<String, List<String>> readings, Map<String, String> written) {
        String part = String.join("", run.stream().map(Syl::primary).toList());
        if (part.isEmpty()) {
            return part;
        }
        List<String> r =
                run.size() == 1
                        ? run.getFirst().readings()
                        : Readings.product(run.stream().map(Syl::readings).toList(), 24);
        readings.merge(
                part,
                r,
                (x, y) -> {
                    Set<String> all = new LinkedHashSet<>(x);
                    all.addAll(y);
                    return List.copyOf(all);
                });
        if (run.stream().allMatch(x -> x.written() != null)) {
            String scriptOf = run.getFirst().written().substring(0, 5);
            StringBuilder w = new StringBuilder(scriptOf);
            run.forEach(x -> w.append(x.written().substring(5)));
            written.putIfAbsent(part, w.toString());
        }
        return part;
    }

    /** The name's written syllables ({@link SearchKeys#writtenSyllables}). */
    public static List<String> writtenSyllables(NormalizedName name) {
        return SearchKeys.writtenSyllables(name);
    }

    /** The name's search keys ({@link SearchKeys#of}). */
    public static Set<String> keys(NormalizedName name) {
        return SearchKeys.of(name);
    }

    private static List<String> joinParticles(
            List<String> parts, Map<String, List<String>> readings) {
        List<String> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (PARTICLES.contains(p) && i < parts.size() - 1 && i > 0) {
                pending.append(p);
                continue;
            }
            String part = pending + p;
            readings.putIfAbsent(part, List.of(part));
            out.add(part);
            pending.setLength(0);
        }
        return out;
    }

    private static List<String> join(
            List<String> parts,
            int from,
            int to,
            Map<String, List<String>> readings,
            Map<String, String> written) {
        List<String> out = new ArrayList<>(parts.subList(0, from));
        List<String> run = parts.subList(from, to);
        String part = String.join("", run);
        readings.putIfAbsent(
                part,
                Readings.product(
                        run.stream().map(x -> readings.getOrDefault(x, List.of(x))).toList(), 24));
        if (run.stream().allMatch(written::containsKey)) {
            String scriptOf = written.get(run.getFirst()).substring(0, 5);
            StringBuilder w = new StringBuilder(scriptOf);
            run.forEach(x -> w.append(written.get(x).substring(5)));
            written.putIfAbsent(part, w.toString());
        }
        out.add(part);
        out.addAll(parts.subList(to, parts.size()));
        return out;
    }

    private static void addIfNew(List<List<String>> tokenizations, List<String> candidate) {
        if (!candidate.isEmpty() && !tokenizations.contains(candidate)) {
            tokenizations.add(List.copyOf(candidate));
        }
    }
}
