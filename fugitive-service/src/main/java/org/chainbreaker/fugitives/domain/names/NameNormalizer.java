package org.chainbreaker.fugitives.domain.names;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a name in any script into romanised parts (see {@link Romanizers}) and derives the search keys stored
 * for it: canonical spellings of its parts, sorted (order-insensitive), for several ways of splitting it.
 */
public final class NameNormalizer {

    private static final Transliterator LATIN_ASCII = Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower");
    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();

    /** Honorifics and titles: Burmese (U, Daw, Ko, Ma, Maung, Saw), Malay and general. */
    private static final Set<String> HONORIFICS = Set.of("u", "daw", "ko", "ma", "maung", "mg", "saw", "dr", "mr", "mrs",
            "ms", "haji", "hj", "hajjah", "datuk", "dato", "datin", "pehin", "awang", "dayang");
    /** Honorifics only when they open a name of more parts (Tan and Ma are family names too). */
    private static final Set<String> LEADING_ONLY = Set.of("u", "ko", "ma", "maung", "saw", "awang", "dayang");
    private static final Set<String> PATRONYMIC = Set.of("bin", "binti", "binte", "bte", "bt", "b", "al", "ap", "so", "do",
            "anak", "ak");
    private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");
    /** Filipino and Spanish particles joined to the family name that follows (de la Cruz = Dela Cruz = Delacruz). */
    private static final Set<String> PARTICLES = Set.of("de", "del", "dela", "la", "delos", "los", "sta");

    private NameNormalizer() {
    }

    public static NormalizedName normalize(String name) {
        return normalize(name, Scripts.detect(name));
    }

    public static NormalizedName normalize(String name, String script) {
        String text = NFC.normalize(name.strip());
        List<List<String>> chunks = new ArrayList<>();   // groups of parts; each group may join into one part
        List<String> marked = new ArrayList<>();
        List<List<String>> hyphenated = new ArrayList<>();   // Latin words split at hyphens (Woo-sung)
        String[] words = text.split("[\\s,]+");
        boolean firstWord = true;
        boolean singleWord = words.length == 1;
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            String wordScript = Scripts.detect(word);
            switch (wordScript) {
                case "Hang" -> chunks.addAll(Romanizers.hangulName(word, singleWord && firstWord));
                case "Hani" -> {
                    if (singleWord && word.codePointCount(0, word.length()) >= 2) {
                        int surname = word.length() >= 3 && Romanizers.HAN_DOUBLE_SURNAMES.contains(word.substring(0, 2)) ? 2 : 1;
                        chunks.add(List.of(String.join("", Romanizers.hanSyllables(word.substring(0, surname)))));
                        chunks.add(Romanizers.hanSyllables(word.substring(surname)));
                    } else {
                        chunks.add(Romanizers.hanSyllables(word));
                    }
                }
                case "Thai" -> chunks.add(List.of(Romanizers.thaiWord(word)));
                case "Khmr" -> chunks.add(List.of(Romanizers.khmerWord(word)));
                case "Mymr" -> Romanizers.burmeseSyllables(word).forEach(s -> chunks.add(List.of(s)));
                default -> {
                    // Latin and everything else: hyphens and apostrophes join syllables (Min-su, Chan-o-cha).
                    String joined = word.replaceAll("[\\-'’.]", "");
                    String latin = LATIN_ASCII.transliterate(joined).replaceAll("[^a-z/]", "");
                    if (!latin.isEmpty()) {
                        chunks.add(List.of(latin.replace("/", "")));
                        String[] syllables = word.split("[\\-'’]");
                        if (syllables.length > 1) {
                            hyphenated.add(List.of(syllables).stream()
                                    .map(x -> LATIN_ASCII.transliterate(x).replaceAll("[^a-z]", ""))
                                    .filter(x -> !x.isEmpty()).toList());
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
        // Parts as written: each chunk's syllables joined (given names written together).
        List<String> parts = new ArrayList<>();
        for (List<String> chunk : chunks) {
            String part = String.join("", chunk);
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        parts = joinParticles(parts);
        Set<String> optional = new LinkedHashSet<>();
        int patronymicAt = -1;
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            boolean more = parts.size() - i >= 3 || (parts.size() - i >= 2 && !LEADING_ONLY.contains(p));
            if (HONORIFICS.contains(p) && i == 0 && more) {
                optional.add(p);
            } else if (PATRONYMIC.contains(p) && i > 0 && i < parts.size() - 1 && patronymicAt < 0) {
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
        chunks.forEach(c -> c.stream().filter(s -> !s.isEmpty()).forEach(syllables::add));
        addIfNew(tokenizations, syllables);
        if (!hyphenated.isEmpty() && hyphenated.size() == chunks.size()) {
            List<String> split = new ArrayList<>();
            hyphenated.forEach(split::addAll);
            addIfNew(tokenizations, split);
        }
        if (parts.size() >= 3) {
            addIfNew(tokenizations, join(parts, 1, parts.size()));       // family name first, given joined
            addIfNew(tokenizations, join(parts, 0, parts.size() - 1));   // given joined, family name last
        }
        if (parts.size() >= 2 && parts.size() <= 4) {
            addIfNew(tokenizations, List.of(String.join("", parts)));    // written as one word (Kyawkyaw)
        }
        // Tone-marked forms of parts and of runs of parts, for the tokenizations that join them.
        Map<String, String> markedForms = new HashMap<>();
        if (marked.stream().anyMatch(m -> !m.isEmpty()) && marked.size() == chunks.size()) {
            for (int i = 0; i < marked.size(); i++) {
                StringBuilder plain = new StringBuilder();
                StringBuilder withMarks = new StringBuilder();
                for (int j = i; j < marked.size(); j++) {
                    plain.append(String.join("", chunks.get(j)));
                    withMarks.append(marked.get(j).isEmpty() ? String.join("", chunks.get(j)) : marked.get(j));
                    markedForms.put(plain.toString(), withMarks.toString());
                }
            }
        }
        return new NormalizedName(name, script, tokenizations, optional, patronymicAt, Map.copyOf(markedForms));
    }

    /** Search keys: for each way of splitting the name, its parts in canonical spelling, sorted, space-separated. */
    public static Set<String> keys(NormalizedName name) {
        Set<String> keys = new LinkedHashSet<>();
        for (List<String> tokens : name.tokenizations()) {
            TreeSet<String> canonical = new TreeSet<>();
            for (String token : tokens) {
                if (!name.optional().contains(token)) {
                    canonical.add(NameVariants.canonical(Fold.phonetic(token)));
                }
            }
            String key = String.join(" ", canonical).strip();
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static List<String> joinParticles(List<String> parts) {
        List<String> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (PARTICLES.contains(p) && i < parts.size() - 1 && i > 0) {
                pending.append(p);
                continue;
            }
            out.add(pending + p);
            pending.setLength(0);
        }
        return out;
    }

    private static List<String> join(List<String> parts, int from, int to) {
        List<String> out = new ArrayList<>(parts.subList(0, from));
        out.add(String.join("", parts.subList(from, to)));
        out.addAll(parts.subList(to, parts.size()));
        return out;
    }

    private static void addIfNew(List<List<String>> tokenizations, List<String> candidate) {
        if (!candidate.isEmpty() && !tokenizations.contains(candidate)) {
            tokenizations.add(List.copyOf(candidate));
        }
    }
}
