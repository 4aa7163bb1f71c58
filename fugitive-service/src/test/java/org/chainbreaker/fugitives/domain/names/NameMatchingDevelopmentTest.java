package org.chainbreaker.fugitives.domain.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The development half of the generated evaluation set (names/eval2-dev.tsv; the second set, drawn
 * on 2026-12-06): the only pairs the matcher was tuned on. Prints its figures and every pair it
 * gets wrong; floors just under what was measured.
 */
class NameMatchingDevelopmentTest {

    @Test
    void development_half_is_matched_at_the_measured_quality() {
        NameEvaluation.Half half =
                NameEvaluation.printed("Development half", "/names/eval2-dev.tsv", true);
        List<NameEvaluation.Scored> scored = half.scored();
        NameEvaluation.Report report = half.report();
        assertThat(scored).hasSizeGreaterThanOrEqualTo(750);
        assertThat(report.search().get("overall").auc()).isGreaterThanOrEqualTo(FLOOR_AUC);
        assertThat(report.search().get("overall").f1()).isGreaterThanOrEqualTo(FLOOR_F1);
        assertThat(report.check().get("overall").f1()).isGreaterThanOrEqualTo(FLOOR_F1);
    }

    // Measured on the second set (eval2-dev.tsv): search AUC 0.962, F1 0.960 (precision 0.980);
    // NameMatcher.check
    // AUC 0.971, F1 0.960; the check as deployed AUC 0.983, F1 0.938.
    static final double FLOOR_AUC = 0.96;
    static final double FLOOR_F1 = 0.95;
}
