package org.chainbreaker.fugitives.domain.names;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the store indexes of a read name ({@link NameNormalizer}): its search keys (trigram index of
 * spellings) and its syllables as written in its script (compared by the database's identity
 * check).
 */
final class SearchKeys {

    private SearchKeys() {}

    /**
     * The name's syllables (Han, Hangul) or words (Thai, Khmer) as written in its non-Latin script,
     * honorifics and titles left out, each prefixed by its script ("Hani:张", "Hani:伟"; Han folded
     * to simplified). Empty when the name is not wholly written in one such script. Two kinds of
     * Latin names get one too: a name with tone marks ("Latn:hùng", compared as marked) and a
     * patronymic name (own and father's parts told apart). Identity checks compare these inside the
     * database, where the characters decide between two names of one script as they do in {@link
     * NameMatcher}.
     */
    static List<String> writtenSyllables(NormalizedName name) {
        if (name.patronymicAt() > 0) {
            // Own name and father's name are told apart (Ahmad bin Ismail is not Ismail bin Ahmad):
            // "Patr:o:ahmad",
            // "Patr:f:ismail", in the canonical spelling the search keys use.
            List<String> out = new ArrayList<>();
            List<String> parts = name.parts();
            for (int i = 0; i < parts.size(); i++) {
                if (i != name.patronymicAt() && !name.optional().contains(parts.get(i))) {
                    out.add(
                            "Patr:"
                                    + (i < name.patronymicAt() ? "o:" : "f:")
                                    + NameVariants.canonical(
                                            Fold.phonetic(
                                                    name.readingsOf(parts.get(i)).getFirst())));
                }
            }
            return List.copyOf(out);
        }
        if (!name.markedForms().isEmpty()) {
            // Latin letters with tone marks (Vietnamese): Hùng and Hưng are two names when both
            // sides carry marks.
            List<String> out = new ArrayList<>();
            for (String part : name.parts()) {
                if (!name.optional().contains(part)) {
                    String marked = name.markedForms().get(part);
                    if (marked == null) {
                        return List.of();
                    }
                    out.add("Latn:" + marked.toLowerCase(Locale.ROOT));
                }
            }
            return List.copyOf(out);
        }
        List<String> finest =
                name.tokenizations().stream()
                        .max(java.util.Comparator.comparingInt(List::size))
                        .orElse(List.of());
        List<String> out = new ArrayList<>();
        for (String part : finest) {
            if (name.optional().contains(part)) {
                continue;
            }
            String w = name.writtenOf(part);
            if (w == null) {
                return List.of();
            }
            out.add(w);
        }
        return out.stream().map(w -> w.substring(0, 5)).distinct().count() == 1
                ? List.copyOf(out)
                : List.of();
    }

    /**
     * Search keys: for each way of splitting the name, its parts in canonical spelling, sorted,
     * space-separated; then the parts as written in each of their other readings, so that a search
     * written in any romanisation a document uses (Wade-Giles, Cantonese; McCune-Reischauer;
     * passport Thai; Burmese MLCTS, which each syllable lists last) meets a stored key.
     */
    static Set<String> of(NormalizedName name) {
        Set<String> keys = new LinkedHashSet<>();
        for (List<String> tokens : name.tokenizations()) {
            addKey(keys, name, tokens, 0);
        }
        for (int reading = 1; reading <= 2; reading++) {
            addKey(keys, name, name.parts(), reading);
        }
        // Readings are compared folded and canonical, so each part's distinct canonical spellings
        // are what a key can differ by. The k-th key takes each part's k-th of them (its last when
        // it has fewer): every reading of every part is in some key, and a name written wholly in
        // one system (every part's last reading, e.g. MLCTS) gets the key of that system.
        List<List<String>> spellings = new ArrayList<>();
        int most = 0;
        for (String token : name.parts()) {
            if (!name.optional().contains(token)) {
                List<String> distinct =
                        name.readingsOf(token).stream()
                                .map(r -> NameVariants.canonical(Fold.phonetic(r)))
                                .filter(r -> !r.isEmpty())
                                .distinct()
                                .toList();
                if (distinct.size() > MOST_READINGS_KEYED) {
                    // The last reading is kept: Burmese lists MLCTS last.
                    List<String> kept =
                            new ArrayList<>(distinct.subList(0, MOST_READINGS_KEYED - 1));
                    kept.add(distinct.getLast());
                    distinct = kept;
                }
                if (!distinct.isEmpty()) {
                    spellings.add(distinct);
                    most = Math.max(most, distinct.size());
                }
            }
        }
        for (int k = 1; k < most; k++) {
            TreeSet<String> canonical = new TreeSet<>();
            for (List<String> distinct : spellings) {
                canonical.add(distinct.get(Math.min(k, distinct.size() - 1)));
            }
            keys.add(String.join(" ", canonical));
        }
        return keys;
    }

    /**
     * Keys per name are bounded: a run of joined syllables has up to 24 readings (their product),
     * most of them mixtures of systems that the single-system keys already come close to.
     */
    static final int MOST_READINGS_KEYED = 8;

    private static void addKey(
            Set<String> keys, NormalizedName name, List<String> tokens, int reading) {
        TreeSet<String> canonical = new TreeSet<>();
        for (String token : tokens) {
            if (!name.optional().contains(token)) {
                List<String> readings = name.readingsOf(token);
                String r = readings.get(Math.min(reading, readings.size() - 1));
                canonical.add(NameVariants.canonical(Fold.phonetic(r)));
            }
        }
        String key = String.join(" ", canonical).strip();
        if (!key.isEmpty()) {
            keys.add(key);
        }
    }
}
