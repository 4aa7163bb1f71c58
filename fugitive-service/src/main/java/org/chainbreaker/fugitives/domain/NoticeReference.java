package org.chainbreaker.fugitives.domain;

/**
 * The reference of a notice, unique per owner: country, "WP", year, sequence (KR-WP-2026-000123).
 * It carries only the owner's own counter, so it reveals nothing about other countries' records.
 */
public record NoticeReference(String ownerCountry, int year, long sequence) {

    public NoticeReference {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
    }

    @Override
    public String toString() {
        return "%s-WP-%d-%06d".formatted(ownerCountry, year, sequence);
    }
}
