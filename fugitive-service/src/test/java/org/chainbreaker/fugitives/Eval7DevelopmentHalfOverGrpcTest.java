package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The development half of the seventh evaluation set (eval7-dev.tsv) through the service as
 * deployed, like {@link Eval7SealedHalfOverGrpcTest}: the half that may be looked at. On request
 * only ({@code -Dnames.eval7.dev=true}; it stores 750 notices); {@code -Dnames.errors=true} lists
 * the pairs the search or the deployed check gets wrong.
 */
@EnabledIfSystemProperty(named = "names.eval7.dev", matches = "true")
class Eval7DevelopmentHalfOverGrpcTest extends RunningFugitiveService {

    @Test
    void the_development_half_through_the_deployed_check_and_search() throws Exception {
        List<DeployedEvaluation.Outcome> outcomes =
                DeployedEvaluation.printed("eval7 development half", "/names/eval7-dev.tsv", true);
        assertThat(outcomes).hasSize(750);
        assertThat(DeployedEvaluation.f1(outcomes, DeployedEvaluation.Outcome::deployedCheck))
                .isGreaterThan(0.5);
    }
}
