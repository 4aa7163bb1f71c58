package org.chainbreaker.cases.domain;

/**
 * The human reference of a case, unique per owner: country, year, sequence (KR-2026-000123). It
 * contains only the owner's own counter, so it reveals nothing about other countries' cases.
 */
public record CaseReference(String ownerCountry, int year, long sequence) {

    public CaseReference {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
    }

    @Override
    public String toString() {
        return "%s-%d-%06d".formatted(ownerCountry, year, sequence);
    }
}
