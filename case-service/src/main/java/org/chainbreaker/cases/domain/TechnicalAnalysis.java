package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.records.Etags;

/** A technical analysis attached to a case, possibly assigned to one partner country. */
public record TechnicalAnalysis(
        UUID id,
        UUID caseId,
        String ownerCountry,
        String author,
        AnalysisDetails details,
        Optional<String> assignedCountry,
        Optional<HandlingCode> assignHandling,
        Instant createTime,
        Instant updateTime,
        long version,
        List<String> withheldFields) {

    /**
     * {@code withheldFields}: protected fields whose stored value could not be opened (they read as
     * empty).
     */
    public TechnicalAnalysis {
        withheldFields = List.copyOf(withheldFields);
    }

    public TechnicalAnalysis(
            UUID id,
            UUID caseId,
            String ownerCountry,
            String author,
            AnalysisDetails details,
            Optional<String> assignedCountry,
            Optional<HandlingCode> assignHandling,
            Instant createTime,
            Instant updateTime,
            long version) {
        this(
                id,
                caseId,
                ownerCountry,
                author,
                details,
                assignedCountry,
                assignHandling,
                createTime,
                updateTime,
                version,
                List.of());
    }

    /**
     * An analysis with a field that cannot be opened is not changed: merging over a value that
     * cannot be read would overwrite it with nothing. The refusal, if so.
     */
    public Optional<FailedPreconditionException> refusesEditing() {
        if (withheldFields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new FailedPreconditionException(
                        "the analysis's "
                                + String.join(", ", withheldFields)
                                + " cannot be opened (its country's key is gone or the stored value was altered)"));
    }

    /** The caller holds the analysis only as its assignee: an assignment passes it on. */
    public boolean heldAsAssigneeBy(String tenant) {
        return !ownedBy(tenant) && assignedCountry.filter(tenant::equals).isPresent();
    }

    /** The analysis as passing it on left it, one version on. */
    public TechnicalAnalysis passedOn(String country, HandlingCode code, Instant now) {
        return new TechnicalAnalysis(
                id,
                caseId,
                ownerCountry,
                author,
                details,
                Optional.of(country),
                Optional.of(code),
                createTime,
                now,
                version + 1,
                withheldFields);
    }

    public boolean ownedBy(String tenant) {
        return ownerCountry.equals(tenant);
    }

    public String etag() {
        return Etags.of(id, version);
    }

    public static String etagOf(UUID id, long version) {
        return Etags.of(id, version);
    }
}
