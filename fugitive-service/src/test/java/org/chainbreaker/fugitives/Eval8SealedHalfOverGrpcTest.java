package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The sealed half of the eighth evaluation set (eval8-sealed.tsv: all eight languages, names absent
 * from the lists of eval1 to eval7) through the service as deployed: the owner's search and the
 * identity check decided in the database, over gRPC, per language. Read by this test and {@code
 * NameMatchingEval8SealedTest} only, and only on request ({@code -Dnames.eval8.sealed=true}): it
 * prints figures, never pairs; docs/names.md says when it was read. Nothing was tuned on it.
 */
@EnabledIfSystemProperty(named = "names.eval8.sealed", matches = "true")
class Eval8SealedHalfOverGrpcTest extends RunningFugitiveService {

    @Test
    void the_sealed_half_through_the_deployed_check_and_search() throws Exception {
        List<DeployedEvaluation.Outcome> outcomes =
                DeployedEvaluation.printed("eval8 sealed half", "/names/eval8-sealed.tsv", false);
        assertThat(outcomes).hasSize(805);
        assertThat(DeployedEvaluation.f1(outcomes, DeployedEvaluation.Outcome::deployedCheck))
                .isGreaterThan(0.5);
    }
}
