package org.chainbreaker.fugitives.domain;

import java.util.List;

/** A wanted person found by a name search, with its score and the reasons for it. */
public record SearchHit(
        WantedPerson wantedPerson, double score, List<String> reasons, String matchedName) {

    public SearchHit {
        reasons = List.copyOf(reasons);
    }
}
