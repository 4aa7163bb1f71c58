package org.chainbreaker.fugitives.domain.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The sealed half of the eighth evaluation set (names/eval8-sealed.tsv, drawn 2026-12-07 from
 * lists8.py after eval7's sealed half had been read) scored by the Java matcher (search score and
 * {@code NameMatcher.check}): prints only its figures, never its pairs. Read on request only
 * ({@code -Dnames.eval8.sealed=true}), once, after the last matcher change of the session that drew
 * it; docs/names.md says when. {@code Eval8SealedHalfOverGrpcTest} reads the same half through the
 * deployed service.
 */
@EnabledIfSystemProperty(named = "names.eval8.sealed", matches = "true")
class NameMatchingEval8SealedTest {

    @Test
    void eval8_sealed_half_figures_per_language_for_search_and_identity_check() {
        NameEvaluation.Half half =
                NameEvaluation.printed("eval8 sealed half", "/names/eval8-sealed.tsv", false);
        assertThat(half.scored()).hasSize(805);
        assertThat(half.report().search().get("overall").f1()).isGreaterThan(0.5);
    }
}
