package org.chainbreaker.fugitives.domain.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The sealed half of the fifth evaluation set (names/eval5-sealed.tsv) scored by the Java matcher
 * (search score and {@code NameMatcher.check}): prints only its figures, never its pairs. Read on
 * request only ({@code -Dnames.eval5.sealed=true}), once, with the matcher as it was when eval5 was
 * drawn; docs/names.md says when. {@code Eval5SealedHalfOverGrpcTest} reads the same half through
 * the deployed service.
 */
@EnabledIfSystemProperty(named = "names.eval5.sealed", matches = "true")
class NameMatchingEval5SealedTest {

    @Test
    void eval5_sealed_half_figures_per_language_for_search_and_identity_check() {
        NameEvaluation.Half half =
                NameEvaluation.printed("eval5 sealed half", "/names/eval5-sealed.tsv", false);
        assertThat(half.scored()).hasSize(750);
        assertThat(half.report().search().get("overall").f1()).isGreaterThan(0.5);
    }
}
