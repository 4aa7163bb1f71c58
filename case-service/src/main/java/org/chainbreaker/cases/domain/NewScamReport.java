package org.chainbreaker.cases.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.chainbreaker.cases.domain.identifiers.IdentifierKind;
import org.chainbreaker.cases.domain.identifiers.Identifiers;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * A scam report as a country asks to register it: every identifier normalised, every field checked
 * at once.
 */
public record NewScamReport(
        ScamChannel channel,
        ScamMethod method,
        Optional<Amount> amountLost,
        String narrative,
        List<ReportedIdentifier> identifiers,
        Optional<String> requestId) {

    public static final int MAX_IDENTIFIERS = 50;
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._~:-]{1,100}");

    /** A reported identifier before normalisation; {@code kind} null when unset or unknown. */
    public record RawIdentifier(IdentifierKind kind, String value) {}

    /** The identifiers' normalised values, in the order reported. */
    public List<String> normalizedValues() {
        return identifiers.stream().map(ReportedIdentifier::normalizedValue).toList();
    }

    /**
     * The countries a report concerns: those of its identifiers, and the owners and partners of
     * cases holding them ({@code caseAudience}); only countries served here, never the reporter.
     */
    public Set<String> concernedCountries(
            Collection<String> caseAudience, Collection<String> served, String reporter) {
        Set<String> concerned = new TreeSet<>();
        normalizedValues().forEach(k -> Identifiers.countryOf(k).ifPresent(concerned::add));
        concerned.addAll(caseAudience);
        concerned.retainAll(served);
        concerned.remove(reporter);
        return concerned;
    }

    public static NewScamReport of(
            ScamChannel channel,
            ScamMethod method,
            Optional<Amount> amount,
            String narrative,
            List<RawIdentifier> identifiers,
            String requestId) {
        FieldChecks checks =
                new FieldChecks()
                        .require(channel != null, "scam_report.channel", "is required")
                        .require(method != null, "scam_report.method", "is required");
        amount.ifPresent(
                a ->
                        checks.require(
                                        isCurrency(a.currency()),
                                        "scam_report.amount_lost.currency_code",
                                        "must be an ISO 4217 code, e.g. THB")
                                .require(
                                        a.units() >= 0
                                                && a.nanos() >= 0
                                                && a.nanos() < 1_000_000_000,
                                        "scam_report.amount_lost",
                                        "must not be negative"));
        checks.optionalText(narrative, "scam_report.narrative")
                .require(
                        !identifiers.isEmpty() && identifiers.size() <= MAX_IDENTIFIERS,
                        "scam_report.identifiers",
                        "1 to " + MAX_IDENTIFIERS + " identifiers are required")
                .require(
                        requestId == null
                                || requestId.isEmpty()
                                || REQUEST_ID.matcher(requestId).matches(),
                        "request_id",
                        "must be 1 to 100 letters, digits or ._~:-");
        List<ReportedIdentifier> normalized = new ArrayList<>();
        for (int i = 0; i < Math.min(identifiers.size(), MAX_IDENTIFIERS); i++) {
            RawIdentifier raw = identifiers.get(i);
            String field = "scam_report.identifiers[" + i + "]";
            checks.require(raw.kind() != null, field + ".kind", "is required");
            if (raw.kind() != null) {
                Identifiers.normalize(raw.kind(), raw.value(), field + ".value", checks)
                        .ifPresent(
                                n ->
                                        normalized.add(
                                                new ReportedIdentifier(
                                                        raw.kind(), raw.value().strip(), n)));
            }
        }
        checks.throwIfAny();
        return new NewScamReport(
                channel,
                method,
                amount,
                narrative == null ? "" : narrative,
                normalized,
                requestId == null || requestId.isEmpty()
                        ? Optional.empty()
                        : Optional.of(requestId));
    }

    private static boolean isCurrency(String code) {
        try {
            return code != null && code.length() == 3 && Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
