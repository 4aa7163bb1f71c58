package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.records.Etags;

/**
 * A scam centre as one viewer sees it: the owner sees every grant, a partner only its own; {@code
 * caseIds} holds only the linked cases the viewer itself may see.
 */
public record ScamCentre(
        UUID id,
        String ownerCountry,
        ScamCentreDetails details,
        List<UUID> caseIds,
        List<Share> shares,
        Instant createTime,
        Instant updateTime,
        long version) {

    public ScamCentre {
        caseIds = List.copyOf(caseIds);
        shares = List.copyOf(shares);
    }

    public boolean ownedBy(String tenant) {
        return ownerCountry.equals(tenant);
    }

    /** The grant through which a partner sees the centre; empty for the owner. */
    public Optional<Share> shareWith(String tenant) {
        return shares.stream().filter(s -> s.country().equals(tenant)).findFirst();
    }

    public String etag() {
        return Etags.of(id, version);
    }

    public static String etagOf(UUID id, long version) {
        return Etags.of(id, version);
    }
}
