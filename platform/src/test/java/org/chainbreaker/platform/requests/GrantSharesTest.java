package org.chainbreaker.platform.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.platform.requests.CooperationRequestRulesTest.NOW;
import static org.chainbreaker.platform.requests.CooperationRequestRulesTest.draft;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Whom a granted request shares the record with, without a database. */
class GrantSharesTest {

    private static final CooperationRequest ASKED_EVERYTHING =
            CooperationRequest.ask(
                    UUID.randomUUID(),
                    "TH",
                    draft(
                            "KR",
                            "identifier hit in our fraud case",
                            Urgency.URGENT,
                            Set.of(Ask.INFORMATION, Ask.EVIDENCE_USE, Ask.PASS_ON),
                            Optional.of("VN"),
                            Optional.empty()),
                    NOW);

    private static Answer granting(Ask... asks) {
        return new Answer(
                AnswerKind.PARTIAL_GRANT,
                "only this",
                Optional.of("H1"),
                Optional.of(NOW.plus(Duration.ofDays(30))),
                Set.of(asks));
    }

    @Test
    void
            information_or_evidence_use_is_shared_with_the_requester_and_pass_on_with_the_third_country() {
        assertThat(ASKED_EVERYTHING.sharedWithBy(granting(Ask.INFORMATION))).containsExactly("TH");
        assertThat(ASKED_EVERYTHING.sharedWithBy(granting(Ask.EVIDENCE_USE))).containsExactly("TH");
        assertThat(ASKED_EVERYTHING.sharedWithBy(granting(Ask.PASS_ON))).containsExactly("VN");
        assertThat(ASKED_EVERYTHING.sharedWithBy(granting(Ask.INFORMATION, Ask.PASS_ON)))
                .containsExactly("TH", "VN");
    }

    @Test
    void an_answer_that_grants_nothing_shares_with_nobody() {
        assertThat(ASKED_EVERYTHING.sharedWithBy(Answer.decline("not now"))).isEmpty();
        assertThat(ASKED_EVERYTHING.sharedWithBy(Answer.question("which victims?"))).isEmpty();
    }
}
