package org.chainbreaker.cases.domain;

/**
 * Handling code of a grant (after Europol's SIENA codes): what the receiving country may do with
 * the record. Declared from the least to the most strict.
 */
public enum HandlingCode {
    /** For police purposes, no further restriction. */
    H0,
    /** Not to be used as evidence in judicial proceedings without the owner's permission. */
    H1,
    /** Not to be passed on without the owner's permission. */
    H2,
    /** Further restrictions stated by the owner. */
    H3;

    /**
     * Whether a country that received a record under this code may pass it on (H2 and H3 forbid
     * it).
     */
    public boolean permitsPassingOn() {
        return this == H0 || this == H1;
    }

    /** Whether this code restricts at least as much as the other. */
    public boolean atLeastAsStrictAs(HandlingCode other) {
        return compareTo(other) >= 0;
    }
}
