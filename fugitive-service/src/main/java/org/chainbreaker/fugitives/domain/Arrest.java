package org.chainbreaker.fugitives.domain;

import java.time.Duration;
import java.time.Instant;
import org.chainbreaker.platform.errors.FieldChecks;

/** An arrest by the arresting country: where, when, and who holds the person. */
public record Arrest(String arrestingCountry, String place, Instant arrestTime, String custody) {

    public static Arrest of(
            String arrestingCountry,
            String place,
            Instant arrestTime,
            String custody,
            Instant now) {
        new FieldChecks()
                .text(place, "arrest.place", 1)
                .require(
                        arrestTime != null && !arrestTime.isAfter(now.plus(Duration.ofMinutes(5))),
                        "arrest.arrest_time",
                        "is required and must not be in the future")
                .text(custody, "arrest.custody", 1)
                .throwIfAny();
        return new Arrest(arrestingCountry, place.strip(), arrestTime, custody.strip());
    }
}
