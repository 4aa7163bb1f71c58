package org.chainbreaker.fugitives.domain.names;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A name read into romanised parts, in the order written. {@code optional} parts (honorifics,
 * patronymic markers, generational suffixes) may be absent on the other side without counting
 * against a match. A patronymic name (Ahmad bin Ismail) has {@code patronymicAt} pointing at its
 * marker; otherwise it is -1. {@code markedForms} maps parts (and runs of parts written together)
 * to their form with tone marks, to tell Hùng from Hưng when both sides carry them. {@code
 * readings} gives each part every romanisation documents use for it; {@code written} its form in
 * its own script (Han folded to simplified), which decides when both sides are written in that
 * script.
 */
public record NormalizedName(
        String original,
        String script,
        List<List<String>> tokenizations,
        Set<String> optional,
        int patronymicAt,
        Map<String, String> markedForms,
        Map<String, List<String>> readings,
        Map<String, String> written) {

    /** Every reading of a part, its primary one first. */
    public List<String> readingsOf(String part) {
        return readings.getOrDefault(part, List.of(part));
    }

    /** The part as written in a non-Latin script, prefixed by the script ("Hani:张"), or null. */
    public String writtenOf(String part) {
        return written.get(part);
    }

    /** The first tokenization: the parts as written. */
    public List<String> parts() {
        return tokenizations.getFirst();
    }
}
