package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The development half of the eighth evaluation set (eval8-dev.tsv) through the service as
 * deployed, like {@link Eval8SealedHalfOverGrpcTest}: the half that may be looked at. On request
 * only ({@code -Dnames.eval8.dev=true}; it stores 805 notices); {@code -Dnames.errors=true} lists
 * the pairs the search or the deployed check gets wrong.
 */
@EnabledIfSystemProperty(named = "names.eval8.dev", matches = "true")
class Eval8DevelopmentHalfOverGrpcTest extends RunningFugitiveService {

    @Test
    void the_development_half_through_the_deployed_check_and_search() throws Exception {
        List<DeployedEvaluation.Outcome> outcomes =
                DeployedEvaluation.printed("eval8 development half", "/names/eval8-dev.tsv", true);
        assertThat(outcomes).hasSize(805);
        assertThat(DeployedEvaluation.f1(outcomes, DeployedEvaluation.Outcome::deployedCheck))
                .isGreaterThan(0.5);
    }
}
