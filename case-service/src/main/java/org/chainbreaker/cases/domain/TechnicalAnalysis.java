package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.records.Etags;

/** A technical analysis attached to a case, possibly assigned to one partner country. */
public record TechnicalAnalysis(UUID id, UUID caseId, String ownerCountry, String author, AnalysisDetails details,
                                Optional<String> assignedCountry, Optional<HandlingCode> assignHandling,
                                Instant createTime, Instant updateTime, long version) {

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
