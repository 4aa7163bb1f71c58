package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.records.Etags;

/** A technical analysis attached to a case, possibly assigned to one partner country. */
public record TechnicalAnalysis(
        UUID id,
        UUID caseId,
        String ownerCountry,
        String author,
        AnalysisDetails details,
        Optional<String> assignedCountry,
        Optional<HandlingCode> assignHandling,
        Instant createTime,
        Instant updateTime,
        long version,
        List<String> withheldFields) {

    /**
     * {@code withheldFields}: protected fields whose stored value could not be opened (they read as
     * empty).
     */
    public TechnicalAnalysis {
        withheldFields = List.copyOf(withheldFields);
    }

    public TechnicalAnalysis(
            UUID id,
            UUID caseId,
            String ownerCountry,
            String author,
            AnalysisDetails details,
            Optional<String> assignedCountry,
            Optional<HandlingCode> assignHandling,
            Instant createTime,
            Instant updateTime,
            long version) {
        this(
                id,
                caseId,
                ownerCountry,
                author,
                details,
                assignedCountry,
                assignHandling,
                createTime,
                updateTime,
                version,
                List.of());
    }

    public boolean ownedBy(String tenant) {
        return ownerCountry.equals(tenant);
    }

    public String etag() {
        return Etags.of(id, version);
    }

    public static String etagOf(UUID id, long version) {
        return Etags.of(id, version);
    }
}
