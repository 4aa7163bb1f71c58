package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A victim's report of a scam, as registered by one country. */
public record ScamReport(
        UUID id,
        String reportingCountry,
        ScamChannel channel,
        ScamMethod method,
        Optional<Amount> amountLost,
        String narrative,
        List<ReportedIdentifier> identifiers,
        Instant reportTime) {

    public ScamReport {
        identifiers = List.copyOf(identifiers);
    }
}
