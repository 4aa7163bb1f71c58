package org.chainbreaker.fugitives.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * Custody of an arrested person handed over from the arresting country to another at the end of a
 * repatriation. The repatriation reference is the idempotency key: one person is transferred under
 * one repatriation.
 */
public record CustodyTransfer(
        String repatriationReference,
        Instant handoverTime,
        String fromCountry,
        String toCountry,
        String recordedByCountry,
        Instant recordTime) {

    /** A transfer as the request states it, not yet checked. */
    public record Request(
            String repatriationReference,
            Instant handoverTime,
            String fromCountry,
            String toCountry) {}

    /**
     * Checks a requested transfer field by field; {@code knownTenant} tells tenant codes apart from
     * anything else.
     */
    public static CustodyTransfer of(
            Request request, Predicate<String> knownTenant, String recordedBy, Instant now) {
        String reference = request.repatriationReference();
        Instant handoverTime = request.handoverTime();
        String from = request.fromCountry();
        String to = request.toCountry();
        new FieldChecks()
                .text(reference, "transfer.repatriation_reference", 1)
                .require(
                        handoverTime != null
                                && !handoverTime.isAfter(now.plus(Duration.ofMinutes(5))),
                        "transfer.handover_time",
                        "is required and must not be in the future")
                .require(
                        from != null && knownTenant.test(from),
                        "transfer.from_country",
                        "must be a tenant code")
                .require(
                        to != null && knownTenant.test(to),
                        "transfer.to_country",
                        "must be a tenant code")
                .require(
                        to == null || !to.equals(from),
                        "transfer.to_country",
                        "must differ from from_country")
                .throwIfAny();
        return new CustodyTransfer(reference.strip(), handoverTime, from, to, recordedBy, now);
    }

    /**
     * Whether this transfer may be recorded for a person in this custody: the person must be
     * arrested by the country that hands over, not before the handover.
     */
    public void checkAgainst(Arrest arrest) {
        new FieldChecks()
                .require(
                        arrest.arrestingCountry().equals(fromCountry),
                        "transfer.from_country",
                        "must be the arresting country, " + arrest.arrestingCountry())
                .require(
                        !handoverTime.isBefore(arrest.arrestTime()),
                        "transfer.handover_time",
                        "must not be before the arrest")
                .throwIfAny();
    }
}
