package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The sealed half of the fourth evaluation set (eval4-sealed.tsv: Thai passport and RTGS spellings,
 * Burmese customary and MLCTS, names sharing only common parts), run through the service as
 * deployed, as {@link Eval3SealedHalfOverGrpcTest} runs eval3. Read by this test only, and only on
 * request ({@code -Dnames.eval4.sealed=true}): docs/names.md says when it was read. Nothing was
 * tuned on it.
 */
@EnabledIfSystemProperty(named = "names.eval4.sealed", matches = "true")
class Eval4SealedHalfOverGrpcTest extends RunningFugitiveService {

    @Test
    void the_sealed_half_through_the_deployed_check_and_search() throws Exception {
        List<DeployedEvaluation.Outcome> outcomes =
                DeployedEvaluation.printed("eval4 sealed half", "/names/eval4-sealed.tsv", false);
        assertThat(DeployedEvaluation.f1(outcomes, DeployedEvaluation.Outcome::deployedCheck))
                .isGreaterThan(0.5);
    }
}
