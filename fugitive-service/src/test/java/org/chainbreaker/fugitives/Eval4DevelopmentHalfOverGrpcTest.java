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
                DeployedEvaluation.run(
                        DeployedEvaluation.read("/names/eval4-dev.tsv"),
                        coordinator("LA"),
                        investigator("VN"),
                        true,
                        DATABASE);
        System.out.println("eval4 development half (" + outcomes.size() + " pairs)");
        System.out.print(
                DeployedEvaluation.table(
                        "search over gRPC (score >= 0.70)",
                        outcomes,
                        o -> o.searchScore() >= 0.7,
                        DeployedEvaluation.Outcome::searchScore));
        System.out.print(
                DeployedEvaluation.table(
                        "identity check as deployed over gRPC (hit from 0.70; AUC of the database's score)",
                        outcomes,
                        DeployedEvaluation.Outcome::deployedCheck,
                        DeployedEvaluation.Outcome::deployedScore));
        System.out.print(
                DeployedEvaluation.table(
                        "NameMatcher.check (Java, for comparison)",
                        outcomes,
                        DeployedEvaluation.Outcome::matcherCheck,
                        DeployedEvaluation.Outcome::matcherScore));
        assertThat(DeployedEvaluation.f1(outcomes, DeployedEvaluation.Outcome::deployedCheck))
                .isGreaterThan(0.5);
    }
}
