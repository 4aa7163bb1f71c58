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
                DeployedEvaluation.run(
                        DeployedEvaluation.read("/names/eval3-sealed.tsv"),
                        coordinator("LA"),
                        investigator("VN"),
                        true,
                        DATABASE);
        System.out.println("eval3 sealed half (" + outcomes.size() + " pairs)");
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
