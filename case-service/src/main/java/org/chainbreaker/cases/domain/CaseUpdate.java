package org.chainbreaker.cases.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * A change to a case's editable fields, checked field by field: only the fields named by the update
 * mask are present. Status is not among them: it moves only through the lifecycle ({@link
 * CaseStatus}).
 */
public record CaseUpdate(
        Optional<String> title, Optional<String> summary, Optional<List<String>> operationTags) {

    public static final Set<String> PATHS = Set.of("title", "summary", "operation_tags");
    public static final int MAX_TAGS = 20;
    private static final Pattern TAG = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,49}");

    /**
     * @param paths the update mask's paths; empty means every editable field
     */
    public static CaseUpdate of(
            List<String> paths, String title, String summary, List<String> tags) {
        FieldChecks checks = new FieldChecks();
        Set<String> mask = new LinkedHashSet<>();
        for (String path : paths) {
            String p = path.strip();
            // The JSON mapping spells field names in lowerCamelCase.
            String canonical = p.equals("operationTags") ? "operation_tags" : p;
            checks.require(
                    PATHS.contains(canonical),
                    "update_mask",
                    "unknown or read-only path '"
                            + p
                            + "': allowed are title, summary, operation_tags");
            mask.add(canonical);
        }
        if (mask.isEmpty()) {
            mask.addAll(PATHS);
        }
        List<String> normalisedTags = new ArrayList<>();
        if (mask.contains("title")) {
            checks.text(title, "case.title", 1);
        }
        if (mask.contains("summary")) {
            checks.optionalText(summary, "case.summary");
        }
        if (mask.contains("operation_tags")) {
            normalisedTags = operationTags(tags, checks);
        }
        checks.throwIfAny();
        return new CaseUpdate(
                mask.contains("title") ? Optional.of(title.strip()) : Optional.empty(),
                mask.contains("summary")
                        ? Optional.of(summary == null ? "" : summary)
                        : Optional.empty(),
                mask.contains("operation_tags")
                        ? Optional.of(List.copyOf(normalisedTags))
                        : Optional.empty());
    }

    /**
     * Tags upper-cased, stripped, de-duplicated in order; each must be a plain tag such as
     * BREAKING-THE-CHAINS.
     */
    public static List<String> operationTags(List<String> tags, FieldChecks checks) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        boolean wellFormed = true;
        for (String tag : tags) {
            String t = tag == null ? "" : tag.strip().toUpperCase(java.util.Locale.ROOT);
            wellFormed &= TAG.matcher(t).matches();
            seen.add(t);
        }
        checks.require(
                        wellFormed,
                        "case.operation_tags",
                        "each tag must be 1 to 50 letters, digits or hyphens, e.g. BREAKING-THE-CHAINS")
                .require(
                        seen.size() <= MAX_TAGS,
                        "case.operation_tags",
                        "at most " + MAX_TAGS + " tags");
        return List.copyOf(seen);
    }

    public boolean changesNothing() {
        return title.isEmpty() && summary.isEmpty() && operationTags.isEmpty();
    }
}
