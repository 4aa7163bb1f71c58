package org.chainbreaker.fugitives.domain;

import java.time.Instant;
import java.util.UUID;

/** A report that a wanted person was seen in a country; that country gains visibility of the record. */
public record Sighting(UUID id, UUID wantedPersonId, String country, String place, Instant seenTime,
                       Confidence confidence, String source, String reporterCountry, Instant reportTime) {
}
