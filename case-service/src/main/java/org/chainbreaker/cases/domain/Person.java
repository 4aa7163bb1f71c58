package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A person linked to a case, as one viewer may see it: {@code contact} is empty where it is
 * withheld from the viewer, and {@code contactWithheld} then says that one exists. {@code
 * withheldFields} names the protected fields whose stored value could not be opened (they read as
 * empty).
 */
public record Person(
        UUID id,
        UUID caseId,
        PersonRole role,
        String fullName,
        String nationality,
        OptionalInt birthYear,
        String description,
        Optional<String> contact,
        boolean contactWithheld,
        Instant createTime,
        List<String> withheldFields) {

    public Person {
        withheldFields = List.copyOf(withheldFields);
    }

    /** The same person with its contact withheld from the viewer. */
    public Person withoutContact() {
        return new Person(
                id,
                caseId,
                role,
                fullName,
                nationality,
                birthYear,
                description,
                Optional.empty(),
                true,
                createTime,
                withheldFields.stream().filter(f -> !f.equals("contact")).toList());
    }
}
