package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The sealed half of the third evaluation set (eval3-sealed.tsv), run through the service as
 * deployed: the identity check decided in the database (over gRPC, another country checking) and
 * the owner's name search (over gRPC), with precision, recall, F1 and ROC AUC per language. Read by
 * this test only, and only on request ({@code -Dnames.eval3.sealed=true}): docs/names.md says when
 * it was read. Nothing was tuned on it.
 */
@EnabledIfSystemProperty(named = "names.eval3.sealed", matches = "true")
class Eval3SealedHalfOverGrpcTest extends RunningFugitiveService {

    @Test
    void the_sealed_half_through_the_deployed_check_and_search() throws Exception {
        List<DeployedEvaluation.Outcome> outcomes =
                DeployedEvaluation.printed("eval3 sealed half", "/names/eval3-sealed.tsv", false);
        assertThat(DeployedEvaluation.f1(outcomes, DeployedEvaluation.Outcome::deployedCheck))
                .isGreaterThan(0.5);
    }
}
