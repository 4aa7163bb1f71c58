package org.chainbreaker.cases.domain;

import java.util.List;

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
}
