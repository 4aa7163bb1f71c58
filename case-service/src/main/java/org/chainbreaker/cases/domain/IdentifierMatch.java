package org.chainbreaker.cases.domain;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The answer to a cross-match: the visible cases holding the identifier, and for the others only
 * who to ask.
 */
public record IdentifierMatch(String normalizedValue, List<Case> visibleCases, List<Hit> hits) {

    /** A case of another country the caller cannot see holds the identifier: ask that country. */
    public record Hit(String ownerCountry, String reference) {}

    public IdentifierMatch {
        visibleCases = List.copyOf(visibleCases);
        hits = List.copyOf(hits);
    }

    /**
     * The match from every case holding the identifier ({@code allHits}) and those the caller sees:
     * a case it sees is answered in full (or as a header), never again as a hit.
     */
    public static IdentifierMatch of(
            String normalizedValue, List<Case> visible, List<Hit> allHits) {
        Set<Hit> seen =
                visible.stream()
                        .map(c -> new Hit(c.ownerCountry(), c.reference()))
                        .collect(Collectors.toSet());
        return new IdentifierMatch(
                normalizedValue, visible, allHits.stream().filter(h -> !seen.contains(h)).toList());
    }

    /** Nothing holds the identifier: the check is still audited, as a no-hit. */
    public boolean noHit() {
        return visibleCases.isEmpty() && hits.isEmpty();
    }
}
