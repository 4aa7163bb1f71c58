package org.chainbreaker.platform.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.junit.jupiter.api.Test;

/** One test per rule of a cooperation request, without a database. */
class CooperationRequestRulesTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final TenantDirectory TENANTS = TenantDirectory.region();
    static final Set<Ask> CASE_ASKS = Set.of(Ask.INFORMATION, Ask.EVIDENCE_USE, Ask.PASS_ON);

    static NewCooperationRequest draft(
            String owner,
            String purpose,
            Urgency urgency,
            Set<Ask> asks,
            Optional<String> third,
            Optional<Instant> deadline) {
        return new NewCooperationRequest(
                owner,
                new Subject("case", "KR-2026-000042"),
                purpose,
                "MLA treaty KR-TH 2003",
                urgency,
                asks,
                third,
                deadline,
                "");
    }

    static NewCooperationRequest valid() {
        return draft(
                "KR",
                "identifier hit in our fraud case",
                Urgency.URGENT,
                Set.of(Ask.INFORMATION),
                Optional.empty(),
                Optional.empty());
    }

    static CooperationRequest open() {
        return CooperationRequest.ask(UUID.randomUUID(), "TH", valid(), NOW);
    }

    static String violatedField(Runnable r) {
        try {
            r.run();
        } catch (InvalidArgumentException e) {
            return e.violations().getFirst().field();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void a_valid_request_passes_and_waits_for_the_owner_until_its_urgencys_deadline() {
        valid().check("TH", TENANTS, CASE_ASKS, NOW);
        CooperationRequest r = open();
        assertThat(r.status()).isEqualTo(RequestStatus.OPEN);
        assertThat(r.deadline()).isEqualTo(NOW.plus(Duration.ofHours(48)));
    }

    @Test
    void urgency_sets_the_deadline() {
        assertThat(Urgency.ROUTINE.deadlineFrom(NOW)).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(Urgency.URGENT.deadlineFrom(NOW)).isEqualTo(NOW.plus(Duration.ofHours(48)));
        assertThat(Urgency.IMMEDIATE.deadlineFrom(NOW)).isEqualTo(NOW.plus(Duration.ofHours(2)));
    }

    @Test
    void purpose_has_three_to_five_hundred_characters() {
        assertThat(
                        violatedField(
                                () ->
                                        draft(
                                                        "KR",
                                                        "ab",
                                                        Urgency.URGENT,
                                                        Set.of(Ask.INFORMATION),
                                                        Optional.empty(),
                                                        Optional.empty())
                                                .check("TH", TENANTS, CASE_ASKS, NOW)))
                .isEqualTo("purpose");
        assertThat(
                        violatedField(
                                () ->
                                        draft(
                                                        "KR",
                                                        "x".repeat(10_000),
                                                        Urgency.URGENT,
                                                        Set.of(Ask.INFORMATION),
                                                        Optional.empty(),
                                                        Optional.empty())
                                                .check("TH", TENANTS, CASE_ASKS, NOW)))
                .isEqualTo("purpose");
        draft(
                        "KR",
                        "x".repeat(500),
                        Urgency.URGENT,
                        Set.of(Ask.INFORMATION),
                        Optional.empty(),
                        Optional.empty())
                .check("TH", TENANTS, CASE_ASKS, NOW);
    }

    @Test
    void a_legal_basis_is_stated() {
        var noBasis =
                new NewCooperationRequest(
                        "KR",
                        new Subject("case", "KR-1"),
                        "a purpose",
                        " ",
                        Urgency.URGENT,
                        Set.of(Ask.INFORMATION),
                        Optional.empty(),
                        Optional.empty(),
                        "");
        assertThat(violatedField(() -> noBasis.check("TH", TENANTS, CASE_ASKS, NOW)))
                .isEqualTo("legal_basis");
    }

    @Test
    void urgency_must_be_defined() {
        assertThat(
                        violatedField(
                                () ->
                                        draft(
                                                        "KR",
                                                        "a purpose",
                                                        null,
                                                        Set.of(Ask.INFORMATION),
                                                        Optional.empty(),
                                                        Optional.empty())
                                                .check("TH", TENANTS, CASE_ASKS, NOW)))
                .isEqualTo("urgency");
    }

    @Test
    void no_request_to_oneself() {
        assertThat(violatedField(() -> valid().check("KR", TENANTS, CASE_ASKS, NOW)))
                .isEqualTo("owner_country");
    }

    @Test
    void something_is_asked_and_only_what_the_record_allows() {
        assertThat(
                        violatedField(
                                () ->
                                        draft(
                                                        "KR",
                                                        "a purpose",
                                                        Urgency.URGENT,
                                                        Set.of(),
                                                        Optional.empty(),
                                                        Optional.empty())
                                                .check("TH", TENANTS, CASE_ASKS, NOW)))
                .isEqualTo("asks");
        assertThat(
                        violatedField(
                                () ->
                                        draft(
                                                        "KR",
                                                        "a purpose",
                                                        Urgency.URGENT,
                                                        Set.of(Ask.PROVISIONAL_ARREST),
                                                        Optional.empty(),
                                                        Optional.empty())
                                                .check("TH", TENANTS, CASE_ASKS, NOW)))
                .isEqualTo("asks");
    }

    @Test
    void passing_on_names_a_third_country_and_only_then() {
        assertThat(
                        violatedField(
                                () ->
                                        draft(
                                                        "KR",
                                                        "a purpose",
                                                        Urgency.URGENT,
                                                        Set.of(Ask.PASS_ON),
                                                        Optional.empty(),
                                                        Optional.empty())
                                                .check("TH", TENANTS, CASE_ASKS, NOW)))
                .isEqualTo("third_country");
        assertThat(
                        violatedField(
                                () ->
                                        draft(
                                                        "KR",
                                                        "a purpose",
                                                        Urgency.URGENT,
                                                        Set.of(Ask.PASS_ON),
                                                        Optional.of("KR"),
                                                        Optional.empty())
                                                .check("TH", TENANTS, CASE_ASKS, NOW)))
                .isEqualTo("third_country");
        assertThat(
                        violatedField(
                                () ->
                                        draft(
                                                        "KR",
                                                        "a purpose",
                                                        Urgency.URGENT,
                                                        Set.of(Ask.INFORMATION),
                                                        Optional.of("VN"),
                                                        Optional.empty())
                                                .check("TH", TENANTS, CASE_ASKS, NOW)))
                .isEqualTo("third_country");
        draft(
                        "KR",
                        "a purpose",
                        Urgency.URGENT,
                        Set.of(Ask.PASS_ON),
                        Optional.of("VN"),
                        Optional.empty())
                .check("TH", TENANTS, CASE_ASKS, NOW);
    }

    @Test
    void a_deadline_given_lies_in_the_future_and_only_brings_the_urgencys_forward() {
        assertThat(
                        violatedField(
                                () ->
                                        draft(
                                                        "KR",
                                                        "a purpose",
                                                        Urgency.URGENT,
                                                        Set.of(Ask.INFORMATION),
                                                        Optional.empty(),
                                                        Optional.of(NOW.minusSeconds(1)))
                                                .check("TH", TENANTS, CASE_ASKS, NOW)))
                .isEqualTo("deadline");
        assertThat(
                        violatedField(
                                () ->
                                        draft(
                                                        "KR",
                                                        "a purpose",
                                                        Urgency.IMMEDIATE,
                                                        Set.of(Ask.INFORMATION),
                                                        Optional.empty(),
                                                        Optional.of(NOW.plus(Duration.ofHours(3))))
                                                .check("TH", TENANTS, CASE_ASKS, NOW)))
                .isEqualTo("deadline");
        var sooner =
                draft(
                        "KR",
                        "a purpose",
                        Urgency.URGENT,
                        Set.of(Ask.INFORMATION),
                        Optional.empty(),
                        Optional.of(NOW.plus(Duration.ofHours(5))));
        sooner.check("TH", TENANTS, CASE_ASKS, NOW);
        assertThat(CooperationRequest.ask(UUID.randomUUID(), "TH", sooner, NOW).deadline())
                .isEqualTo(NOW.plus(Duration.ofHours(5)));
    }

    @Test
    void only_the_owner_answers() {
        assertThat(open().answer("TH", Answer.grant("H2", NOW.plus(Duration.ofDays(30))), NOW))
                .isInstanceOf(RequestStep.Denied.class);
        assertThat(open().answer("VN", Answer.decline("no"), NOW))
                .isInstanceOf(RequestStep.Denied.class);
    }

    @Test
    void a_grant_carries_a_handling_code_and_an_end_in_the_future() {
        var changed =
                (RequestStep.Changed)
                        open().answer("KR", Answer.grant("H2", NOW.plus(Duration.ofDays(30))), NOW);
        assertThat(changed.after().status()).isEqualTo(RequestStatus.GRANTED);
        assertThat(changed.after().answer().orElseThrow().granted())
                .containsExactly(Ask.INFORMATION);
        assertThat(changed.event()).isEqualTo("cooperation_request.granted");
        assertThat(
                        violatedField(
                                () ->
                                        open().answer(
                                                        "KR",
                                                        Answer.grant(
                                                                "H9", NOW.plus(Duration.ofDays(1))),
                                                        NOW)))
                .isEqualTo("answer.handling_code");
        assertThat(
                        violatedField(
                                () ->
                                        open().answer(
                                                        "KR",
                                                        Answer.grant("H2", NOW.minusSeconds(1)),
                                                        NOW)))
                .isEqualTo("answer.grant_until");
    }

    @Test
    void a_partial_grant_names_some_but_not_all_of_what_was_asked_and_why() {
        var draft =
                draft(
                        "KR",
                        "a purpose",
                        Urgency.URGENT,
                        Set.of(Ask.INFORMATION, Ask.EVIDENCE_USE),
                        Optional.empty(),
                        Optional.empty());
        CooperationRequest r = CooperationRequest.ask(UUID.randomUUID(), "TH", draft, NOW);
        var partial =
                new Answer(
                        AnswerKind.PARTIAL_GRANT,
                        "not as evidence yet",
                        Optional.of("H1"),
                        Optional.of(NOW.plus(Duration.ofDays(3))),
                        Set.of(Ask.INFORMATION));
        assertThat(((RequestStep.Changed) r.answer("KR", partial, NOW)).after().status())
                .isEqualTo(RequestStatus.PARTIALLY_GRANTED);
        var all =
                new Answer(
                        AnswerKind.PARTIAL_GRANT,
                        "everything",
                        Optional.of("H1"),
                        Optional.of(NOW.plus(Duration.ofDays(3))),
                        Set.of(Ask.INFORMATION, Ask.EVIDENCE_USE));
        assertThat(violatedField(() -> r.answer("KR", all, NOW))).isEqualTo("answer.granted");
    }

    @Test
    void a_decline_gives_its_reason() {
        assertThat(violatedField(() -> open().answer("KR", Answer.decline(""), NOW)))
                .isEqualTo("answer.text");
        var changed =
                (RequestStep.Changed)
                        open().answer("KR", Answer.decline("ongoing covert operation"), NOW);
        assertThat(changed.after().status()).isEqualTo(RequestStatus.DECLINED);
    }

    @Test
    void
            a_question_back_makes_the_request_wait_for_the_requester_whose_reply_reopens_it_with_a_fresh_deadline() {
        var asked =
                ((RequestStep.Changed)
                                open().answer("KR", Answer.question("which account number?"), NOW))
                        .after();
        assertThat(asked.status()).isEqualTo(RequestStatus.QUESTIONED);
        assertThat(asked.answer("KR", Answer.decline("too late"), NOW))
                .isInstanceOf(RequestStep.Refused.class);
        assertThat(asked.dueForEscalation(NOW.plus(Duration.ofDays(30)))).isFalse();
        assertThat(asked.reply("KR", "answer", NOW)).isInstanceOf(RequestStep.Denied.class);
        Instant later = NOW.plus(Duration.ofHours(10));
        var reopened = ((RequestStep.Changed) asked.reply("TH", "account 1234", later)).after();
        assertThat(reopened.status()).isEqualTo(RequestStatus.OPEN);
        assertThat(reopened.deadline()).isEqualTo(later.plus(Duration.ofHours(48)));
    }

    @Test
    void an_answered_request_is_not_answered_again() {
        var granted =
                ((RequestStep.Changed)
                                open().answer(
                                                "KR",
                                                Answer.grant("H2", NOW.plus(Duration.ofDays(30))),
                                                NOW))
                        .after();
        assertThat(granted.answer("KR", Answer.decline("changed my mind"), NOW))
                .isInstanceOf(RequestStep.Refused.class);
        assertThat(granted.withdraw("TH")).isInstanceOf(RequestStep.Refused.class);
    }

    @Test
    void only_the_requester_withdraws() {
        assertThat(open().withdraw("KR")).isInstanceOf(RequestStep.Denied.class);
        assertThat(((RequestStep.Changed) open().withdraw("TH")).after().status())
                .isEqualTo(RequestStatus.WITHDRAWN);
    }

    @Test
    void an_open_request_escalates_once_when_its_deadline_passes() {
        CooperationRequest r = open();
        assertThat(r.escalate(r.deadline().minusSeconds(1)))
                .isInstanceOf(RequestStep.Refused.class);
        var escalated = ((RequestStep.Changed) r.escalate(r.deadline())).after();
        assertThat(escalated.escalateTime()).contains(r.deadline());
        assertThat(escalated.escalate(r.deadline().plusSeconds(60)))
                .isInstanceOf(RequestStep.Refused.class);
        var answered =
                ((RequestStep.Changed) r.answer("KR", Answer.decline("no grounds"), NOW)).after();
        assertThat(answered.dueForEscalation(r.deadline().plusSeconds(60))).isFalse();
    }
}
