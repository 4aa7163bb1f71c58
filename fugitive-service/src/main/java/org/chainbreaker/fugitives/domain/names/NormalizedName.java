package org.chainbreaker.fugitives.domain.names;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A name read into romanised parts, in the order written. {@code optional} parts (honorifics, patronymic markers,
 * generational suffixes) may be absent on the other side without counting against a match. A patronymic name
 * (Ahmad bin Ismail) has {@code patronymicAt} pointing at its marker; otherwise it is -1. {@code markedForms} maps
 * parts (and runs of parts written together) to their form with tone marks, to tell Hùng from Hưng when both sides carry them.
 */
public record NormalizedName(String original, String script, List<List<String>> tokenizations, Set<String> optional,
                             int patronymicAt, Map<String, String> markedForms) {

    /** The first tokenization: the parts as written. */
    public List<String> parts() {
        return tokenizations.getFirst();
    }
}
