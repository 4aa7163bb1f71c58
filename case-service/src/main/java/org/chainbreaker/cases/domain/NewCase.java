package org.chainbreaker.cases.domain;

import java.util.Optional;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.records.RequestIds;

/** A case as a client asks to open it, checked field by field before anything is stored. */
public record NewCase(
        String title,
        CaseCategory category,
        String summary,
        java.util.List<String> operationTags,
        Optional<String> requestId) {

    /**
     * Field names are the request's proto paths, so the client learns exactly which field is wrong.
     */
    public static NewCase of(
            String title, CaseCategory category, String summary, String requestId) {
        return of(title, category, summary, java.util.List.of(), requestId);
    }

    public static NewCase of(
            String title,
            CaseCategory category,
            String summary,
            java.util.List<String> tags,
            String requestId) {
        FieldChecks checks = new FieldChecks();
        checks.text(title, "case.title", 1)
                .require(
                        category != null,
                        "case.category",
                        "is required: one of " + java.util.Arrays.toString(CaseCategory.values()))
                .optionalText(summary, "case.summary")
                .require(
                        requestId == null
                                || requestId.isEmpty()
                                || RequestIds.FORM.matcher(requestId).matches(),
                        "request_id",
                        "must be 1 to 100 letters, digits or ._~:-");
        var normalisedTags = CaseUpdate.operationTags(tags, checks);
        checks.throwIfAny();
        return new NewCase(
                title.strip(),
                category,
                summary == null ? "" : summary,
                normalisedTags,
                requestId == null || requestId.isEmpty()
                        ? Optional.empty()
                        : Optional.of(requestId));
    }
}
