package org.chainbreaker.fugitives.domain.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The sealed half of the seventh evaluation set (names/eval7-sealed.tsv, drawn 2026-12-07 from
 * lists7.py after eval6's sealed half had been read) scored by the Java matcher (search score and
 * {@code NameMatcher.check}): prints only its figures, never its pairs. Read on request only
 * ({@code -Dnames.eval7.sealed=true}), once, after the last matcher change of the session that drew
 * it; docs/names.md says when. {@code Eval7SealedHalfOverGrpcTest} reads the same half through the
 * deployed service.
 */
@EnabledIfSystemProperty(named = "names.eval7.sealed", matches = "true")
class NameMatchingEval7SealedTest {

    @Test
    void eval7_sealed_half_figures_per_language_for_search_and_identity_check() {
        NameEvaluation.Half half =
                NameEvaluation.printed("eval7 sealed half", "/names/eval7-sealed.tsv", false);
        assertThat(half.scored()).hasSize(750);
        assertThat(half.report().search().get("overall").f1()).isGreaterThan(0.5);
    }
}
