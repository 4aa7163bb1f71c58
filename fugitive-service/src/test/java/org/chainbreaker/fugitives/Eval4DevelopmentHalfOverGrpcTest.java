package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The development half of the fourth evaluation set (eval4-dev.tsv) through the service as
 * deployed, like {@link Eval4SealedHalfOverGrpcTest}: the half that may be looked at and tuned on.
 * On request only ({@code -Dnames.eval4.dev=true}; it stores some 550 notices).
 */
@EnabledIfSystemProperty(named = "names.eval4.dev", matches = "true")
class Eval4DevelopmentHalfOverGrpcTest extends RunningFugitiveService {

    @Test
    void the_development_half_through_the_deployed_check_and_search() throws Exception {
        List<DeployedEvaluation.Outcome> outcomes =
                DeployedEvaluation.printed("eval4 development half", "/names/eval4-dev.tsv", true);
        assertThat(DeployedEvaluation.f1(outcomes, DeployedEvaluation.Outcome::deployedCheck))
                .isGreaterThan(0.5);
    }
}
