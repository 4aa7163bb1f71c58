package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A person linked to a case, as one viewer may see it: {@code contact} is empty where it is withheld from the
 * viewer, and {@code contactWithheld} then says that one exists.
 */
public record Person(UUID id, UUID caseId, PersonRole role, String fullName, String nationality,
                     OptionalInt birthYear, String description, Optional<String> contact, boolean contactWithheld,
                     Instant createTime) {
}
