package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The sealed half of the seventh evaluation set (eval7-sealed.tsv: all eight languages, names
 * absent from the lists of eval1 to eval6) through the service as deployed: the owner's search and
 * the identity check decided in the database, over gRPC, per language. Read by this test and {@code
 * NameMatchingEval7SealedTest} only, and only on request ({@code -Dnames.eval7.sealed=true}): it
 * prints figures, never pairs; docs/names.md says when it was read. Nothing was tuned on it.
 */
@EnabledIfSystemProperty(named = "names.eval7.sealed", matches = "true")
class Eval7SealedHalfOverGrpcTest extends RunningFugitiveService {

    @Test
    void the_sealed_half_through_the_deployed_check_and_search() throws Exception {
        List<DeployedEvaluation.Outcome> outcomes =
                DeployedEvaluation.printed("eval7 sealed half", "/names/eval7-sealed.tsv", false);
        assertThat(outcomes).hasSize(750);
        assertThat(DeployedEvaluation.f1(outcomes, DeployedEvaluation.Outcome::deployedCheck))
                .isGreaterThan(0.5);
    }
}
