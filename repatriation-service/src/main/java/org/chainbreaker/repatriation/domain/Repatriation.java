package org.chainbreaker.repatriation.domain;

import org.chainbreaker.platform.records.Etags;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A repatriation as stored, with its plan and its history. */
public record Repatriation(UUID id, String ownerCountry, Kind kind, String sendingCountry, String receivingCountry,
                           List<String> transitCountries, Optional<UUID> wantedPersonId, String wantedPersonReference,
                           FugitiveCheck fugitiveCheck, List<String> caseIds, VictimGroup victimGroup,
                           Logistics logistics, RepatriationStatus status, boolean escortWaivedBySending,
                           boolean escortWaivedByReceiving, Optional<Handover> handover, String statusReason,
                           List<Transition> history, long version, Instant createTime, Instant updateTime,
                           Optional<CustodyDelivery> custodyDelivery, Optional<UUID> rescueRequestId) {

    public Repatriation {
        transitCountries = List.copyOf(transitCountries);
        caseIds = List.copyOf(caseIds);
        history = List.copyOf(history);
    }

    /** The side the tenant speaks for, if it is the sending or receiving country. */
    public Optional<Side> sideOf(String tenant) {
        if (sendingCountry.equals(tenant)) {
            return Optional.of(Side.SENDING);
        }
        if (receivingCountry.equals(tenant)) {
            return Optional.of(Side.RECEIVING);
        }
        return Optional.empty();
    }

    public boolean isParty(String tenant) {
        return sideOf(tenant).isPresent();
    }

    public boolean escortsWaived() {
        return escortWaivedBySending && escortWaivedByReceiving;
    }

    public String etag() {
        return Etags.of(id, version);
    }

    /** The repatriation as a transit country sees it: persons' names and support needs withheld. */
    public Repatriation withheldForTransit() {
        return new Repatriation(id, ownerCountry, kind, sendingCountry, receivingCountry, transitCountries,
                wantedPersonId, wantedPersonReference, fugitiveCheck, caseIds,
                new VictimGroup(victimGroup.count(), victimGroup.nationalities(), victimGroup.languages(), List.of()),
                logistics.withheld(), status, escortWaivedBySending, escortWaivedByReceiving, handover, statusReason,
                history, version, createTime, updateTime, custodyDelivery, rescueRequestId);
    }
}
