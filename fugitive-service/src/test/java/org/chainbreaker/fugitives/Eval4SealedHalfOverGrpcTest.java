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
                DeployedEvaluation.run(
                        DeployedEvaluation.read("/names/eval4-sealed.tsv"),
                        coordinator("LA"),
                        investigator("VN"),
                        true,
                        DATABASE);
        System.out.println("eval4 sealed half (" + outcomes.size() + " pairs)");
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
