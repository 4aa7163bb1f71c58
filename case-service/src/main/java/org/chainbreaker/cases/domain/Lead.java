package org.chainbreaker.cases.domain;

import org.chainbreaker.platform.records.Etags;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An investigative lead inside a case, possibly assigned to one partner country. */
public record Lead(UUID id, UUID caseId, String ownerCountry, LeadKind kind, String value,
                   Optional<String> normalizedValue, String description, LeadStatus status,
                   Optional<String> assignedCountry, Optional<HandlingCode> assignHandling, Instant createTime,
                   Instant updateTime, long version, List<LeadFinding> findings) {

    public Lead {
        findings = List.copyOf(findings);
    }

    public boolean ownedBy(String tenant) {
        return ownerCountry.equals(tenant);
    }

    public boolean assignedTo(String tenant) {
        return assignedCountry.filter(tenant::equals).isPresent();
    }

    public String etag() {
        return Etags.of(id, version);
    }

    public static String etagOf(UUID id, long version) {
        return Etags.of(id, version);
    }
}
