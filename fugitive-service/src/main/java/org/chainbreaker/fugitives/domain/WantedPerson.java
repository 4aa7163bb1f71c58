package org.chainbreaker.fugitives.domain;

import org.chainbreaker.platform.records.Etags;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A wanted person as seen by one viewer. The owner sees the operations it was published to; others do not (the
 * list is empty for them), and the last known location is the newest confirmed sighting the viewer may see.
 */
public record WantedPerson(UUID id, String reference, String ownerCountry, WantedPersonDetails details,
                           NoticeStatus status, Custody custody, Optional<Arrest> arrest,
                           Optional<CustodyTransfer> custodyTransfer,
                           Optional<Sighting> lastKnownLocation, List<UUID> operationIds,
                           Optional<String> cancellationReason, Instant createTime, Instant updateTime, long version) {

    public WantedPerson {
        operationIds = List.copyOf(operationIds);
    }

    public boolean ownedBy(String tenant) {
        return ownerCountry.equals(tenant);
    }

    public String etag() {
        return Etags.of(id, version);
    }

    public WantedPerson withLastKnownLocation(Optional<Sighting> sighting) {
        return new WantedPerson(id, reference, ownerCountry, details, status, custody, arrest, custodyTransfer, sighting, operationIds,
                cancellationReason, createTime, updateTime, version);
    }
}
