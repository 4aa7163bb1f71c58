package org.chainbreaker.cases.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * What a technical analysis records, checked field by field (names are the request's proto paths).
 */
public record AnalysisDetails(
        AnalysisKind kind,
        String title,
        String toolName,
        String description,
        List<String> hashes,
        List<String> urls) {

    public static final Set<String> PATHS =
            Set.of("kind", "title", "tool_name", "description", "hashes", "urls");
    private static final Map<String, String> JSON_NAMES = Map.of("toolName", "tool_name");
    private static final String PREFIX = "technical_analysis.";

    public AnalysisDetails {
        hashes = List.copyOf(hashes);
        urls = List.copyOf(urls);
    }

    /** The fields as a client sent them ({@code kind} null when unset or unknown). */
    public record Draft(
            AnalysisKind kind,
            String title,
            String toolName,
            String description,
            List<String> hashes,
            List<String> urls) {

        /**
         * Checks every field, adding violations; the result may be used only once {@code checks}
         * passed.
         */
        public AnalysisDetails check(FieldChecks checks) {
            checks.require(
                            kind != null,
                            PREFIX + "kind",
                            "is required: one of " + Arrays.toString(AnalysisKind.values()))
                    .text(title, PREFIX + "title", 1)
                    .optionalText(toolName, PREFIX + "tool_name")
                    .optionalText(description, PREFIX + "description");
            List<String> normalisedHashes = Indicators.hashes(hashes, PREFIX + "hashes", checks);
            List<String> normalisedUrls = Indicators.urls(urls, PREFIX + "urls", checks);
            return new AnalysisDetails(
                    kind,
                    title == null ? "" : title.strip(),
                    toolName == null ? "" : toolName.strip(),
                    description == null ? "" : description,
                    normalisedHashes,
                    normalisedUrls);
        }

        /** This draft's fields named by the mask over the current details. */
        public Draft over(AnalysisDetails current, Set<String> mask) {
            return new Draft(
                    mask.contains("kind") ? kind : current.kind(),
                    mask.contains("title") ? title : current.title(),
                    mask.contains("tool_name") ? toolName : current.toolName(),
                    mask.contains("description") ? description : current.description(),
                    mask.contains("hashes") ? hashes : current.hashes(),
                    mask.contains("urls") ? urls : current.urls());
        }
    }

    public static Set<String> mask(List<String> paths, FieldChecks checks) {
        return UpdateMasks.paths(paths, PATHS, JSON_NAMES, checks);
    }
}
