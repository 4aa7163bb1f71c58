package org.chainbreaker.cases.domain;

import java.util.Optional;
import org.chainbreaker.cases.domain.identifiers.Identifiers;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.records.RequestIds;

/**
 * A lead as the owner asks to add it; identifier kinds are normalised (and refused if malformed).
 */
public record NewLead(
        LeadKind kind,
        String value,
        Optional<String> normalizedValue,
        String description,
        Optional<String> requestId) {

    public static NewLead of(LeadKind kind, String value, String description) {
        return of(kind, value, description, "");
    }

    /** A lead with the client's key for an idempotent create (empty: none). */
    public static NewLead of(LeadKind kind, String value, String description, String requestId) {
        FieldChecks checks =
                RequestIds.check(requestId, new FieldChecks())
                        .require(
                                kind != null,
                                "lead.kind",
                                "is required: one of "
                                        + java.util.Arrays.toString(LeadKind.values()))
                        .text(value, "lead.value", 1)
                        .optionalText(description, "lead.description");
        Optional<String> normalized = Optional.empty();
        if (kind != null && value != null && !value.isBlank()) {
            normalized =
                    kind.identifierKind()
                            .flatMap(k -> Identifiers.normalize(k, value, "lead.value", checks));
        }
        checks.throwIfAny();
        return new NewLead(
                kind,
                value.strip(),
                normalized,
                description == null ? "" : description,
                RequestIds.of(requestId));
    }
}
