package org.chainbreaker.fugitives.domain.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The development half of the eighth evaluation set (names/eval8-dev.tsv, drawn 2026-12-07 from
 * lists8.py: all eight languages, names absent from the earlier lists, Chinese Latin against Latin
 * across romanisation systems) scored by the Java matcher. Prints its figures and, with {@code
 * -Dnames.errors=true}, every pair it gets wrong; floors just under what was measured
 * (docs/names.md, "Eighth set").
 */
class NameMatchingEval8DevelopmentTest {

    @Test
    void eval8_development_half_is_matched_at_the_measured_quality() {
        NameEvaluation.Half half =
                NameEvaluation.printed("eval8 development half", "/names/eval8-dev.tsv", true);
        assertThat(half.scored()).hasSize(805);
        assertThat(half.report().search().get("overall").auc()).isGreaterThanOrEqualTo(FLOOR_AUC);
        assertThat(half.report().search().get("overall").f1()).isGreaterThanOrEqualTo(FLOOR_F1);
        assertThat(half.report().check().get("overall").f1()).isGreaterThanOrEqualTo(FLOOR_F1);
    }

    // Measured on eval8-dev.tsv: when drawn (matcher of 050b81f) search AUC 0.921, F1 0.919; after
    // the eighth session search AUC 0.947, F1 0.944, check AUC 0.958, F1 0.944. Floors under those:
    // regression catchers, not targets.
    static final double FLOOR_AUC = 0.93;
    static final double FLOOR_F1 = 0.93;
}
