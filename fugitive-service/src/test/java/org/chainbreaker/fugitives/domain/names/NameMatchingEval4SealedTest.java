package org.chainbreaker.fugitives.domain.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The sealed half of the fourth evaluation set (names/eval4-sealed.tsv) scored by the Java matcher
 * (search score and {@code NameMatcher.check}): prints only its figures, never its pairs. Read on
 * request only ({@code -Dnames.eval4.sealed=true}), once, after all tuning on eval4-dev.tsv;
 * docs/names.md says when. {@code Eval4SealedHalfOverGrpcTest} reads the same half through the
 * deployed service.
 */
@EnabledIfSystemProperty(named = "names.eval4.sealed", matches = "true")
class NameMatchingEval4SealedTest {

    @Test
    void eval4_sealed_half_figures_per_language_for_search_and_identity_check() {
        NameEvaluation.Half half =
                NameEvaluation.printed("eval4 sealed half", "/names/eval4-sealed.tsv", false);
        List<NameEvaluation.Scored> scored = half.scored();
        NameEvaluation.Report report = half.report();
        assertThat(scored).hasSizeGreaterThanOrEqualTo(500);
        assertThat(report.search().get("overall").f1()).isGreaterThan(0.5);
    }
}
