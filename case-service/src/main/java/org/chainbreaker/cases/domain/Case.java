package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An investigation owned by one country, as seen by one viewer: the owner sees every share, a partner only
 * its own (the store returns only the shares the viewing tenant may see).
 */
public record Case(UUID id, String reference, String ownerCountry, String title, CaseCategory category,
                   CaseStatus status, String summary, Instant createTime, Instant updateTime, long version,
                   List<Share> shares) {

    public Case {
        shares = List.copyOf(shares);
    }

    public boolean ownedBy(String tenant) {
        return ownerCountry.equals(tenant);
    }

    /** The grant through which a partner country sees this case; empty for the owner. */
    public Optional<Share> shareWith(String tenant) {
        return shares.stream().filter(s -> s.country().equals(tenant)).findFirst();
    }

    /** Opaque version tag for optimistic concurrency: changes whenever the case changes. */
    public String etag() {
        return etagOf(id, version);
    }

    public static String etagOf(UUID id, long version) {
        return Etags.of(id, version);
    }
}
