package org.chainbreaker.fugitives.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.tenancy.TenantDirectory;

/** A sighting as a country reports it, checked before anything is stored. */
public record NewSighting(
        String country, String place, Instant seenTime, Confidence confidence, String source) {

    /** Clocks differ: a report a few minutes "in the future" is accepted. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** A sighting as the request states it, not yet checked. */
    public record Report(
            String country, String place, Instant seenTime, Confidence confidence, String source) {}

    public static NewSighting of(Report report, TenantDirectory tenants, Instant now) {
        String country = report.country();
        String place = report.place();
        Instant seenTime = report.seenTime();
        Confidence confidence = report.confidence();
        String source = report.source();
        new FieldChecks()
                .require(
                        tenants.knows(country),
                        "sighting.country",
                        "must be the code of a tenant served here, e.g. TH")
                .text(place, "sighting.place", 1)
                .require(
                        seenTime != null && !seenTime.isAfter(now.plus(CLOCK_SKEW)),
                        "sighting.seen_time",
                        "is required and must not be in the future")
                .require(
                        confidence != null,
                        "sighting.confidence",
                        "is required: one of " + Arrays.toString(Confidence.values()))
                .text(source, "sighting.source", 1)
                .throwIfAny();
        return new NewSighting(country, place.strip(), seenTime, confidence, source.strip());
    }
}
