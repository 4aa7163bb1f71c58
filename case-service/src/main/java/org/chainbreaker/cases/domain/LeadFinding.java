package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.UUID;

/** What the owner or the assigned country found about a lead. */
public record LeadFinding(
        UUID id,
        String country,
        String author,
        String text,
        Instant createTime,
        boolean textWithheld) {

    public LeadFinding(UUID id, String country, String author, String text, Instant createTime) {
        this(id, country, author, text, createTime, false);
    }
}
