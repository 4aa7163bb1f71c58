package org.chainbreaker.repatriation.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a country asks for when it opens a repatriation. {@code kind} is null when the request left
 * it unspecified.
 */
public record NewRepatriation(
        Kind kind,
        String sendingCountry,
        String receivingCountry,
        List<String> transitCountries,
        Optional<UUID> wantedPersonId,
        List<String> caseIds,
        VictimGroup victimGroup,
        Logistics logistics) {

    public NewRepatriation {
        sendingCountry = sendingCountry == null ? "" : sendingCountry;
        receivingCountry = receivingCountry == null ? "" : receivingCountry;
        transitCountries = List.copyOf(transitCountries);
        caseIds = List.copyOf(caseIds);
    }
}
