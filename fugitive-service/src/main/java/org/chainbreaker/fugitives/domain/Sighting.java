package org.chainbreaker.fugitives.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A report that a wanted person was seen in a country. {@code grantedCountry} is the country this
 * sighting lets see the record: only a sighting the owner reported grants (the owner may share its
 * own record), never one another country reported, and the owner may withdraw it ({@code
 * accessWithdrawTime}).
 */
public record Sighting(
        UUID id,
        UUID wantedPersonId,
        String country,
        String place,
        Instant seenTime,
        Confidence confidence,
        String source,
        String reporterCountry,
        Instant reportTime,
        Optional<String> grantedCountry,
        Optional<Instant> accessWithdrawTime) {}
