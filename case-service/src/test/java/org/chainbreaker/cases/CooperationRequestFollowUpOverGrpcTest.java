package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.code;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.fieldsIn;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.common.v1.AnswerCooperationRequestRequest;
import org.chainbreaker.common.v1.AnswerKind;
import org.chainbreaker.common.v1.CooperationAnswer;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.ReplyCooperationRequestRequest;
import org.chainbreaker.common.v1.Urgency;
import org.junit.jupiter.api.Test;

/**
 * Cooperation requests about cases after the first answer, over gRPC against the real service and
 * PostgreSQL: a question back waits for the requester's reply, an unanswered request escalates to
 * the coordinators at its deadline, and requests about one case are rate-limited per requesting
 * country.
 */
class CooperationRequestFollowUpOverGrpcTest extends CooperationRequestFixture {

    @Test
    void a_question_back_waits_for_the_requesters_reply_and_a_decline_gives_its_reason() {
        Case c = krCaseHitByTh();
        CooperationRequest asked =
                th.createCaseCooperationRequest(
                        create(ask("KR", c.getReference(), Urgency.ROUTINE)));
        CooperationRequest questioned =
                kr.answerCaseCooperationRequest(
                        AnswerCooperationRequestRequest.newBuilder()
                                .setId(asked.getId())
                                .setAnswer(
                                        CooperationAnswer.newBuilder()
                                                .setKind(AnswerKind.QUESTION)
                                                .setText("Which victims, and when?"))
                                .build());
        assertThat(questioned.getStatus()).isEqualTo(CooperationRequestStatus.QUESTIONED);
        assertThat(
                        code(
                                () ->
                                        kr.answerCaseCooperationRequest(
                                                grant(asked, HandlingCode.H1, Duration.ofDays(1)))))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(
                        code(
                                () ->
                                        kr.replyCaseCooperationRequest(
                                                ReplyCooperationRequestRequest.newBuilder()
                                                        .setId(asked.getId())
                                                        .setText("mine")
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        CooperationRequest replied =
                th.replyCaseCooperationRequest(
                        ReplyCooperationRequestRequest.newBuilder()
                                .setId(asked.getId())
                                .setText("14 victims, March to May 2026")
                                .build());
        assertThat(replied.getStatus()).isEqualTo(CooperationRequestStatus.OPEN);
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                kr.answerCaseCooperationRequest(
                                                        AnswerCooperationRequestRequest.newBuilder()
                                                                .setId(asked.getId())
                                                                .setAnswer(
                                                                        CooperationAnswer
                                                                                .newBuilder()
                                                                                .setKind(
                                                                                        AnswerKind
                                                                                                .DECLINE))
                                                                .build()))))
                .containsExactly("answer.text");
        CooperationRequest declined =
                kr.answerCaseCooperationRequest(
                        AnswerCooperationRequestRequest.newBuilder()
                                .setId(asked.getId())
                                .setAnswer(
                                        CooperationAnswer.newBuilder()
                                                .setKind(AnswerKind.DECLINE)
                                                .setText("covert phase of the operation"))
                                .build());
        assertThat(declined.getStatus()).isEqualTo(CooperationRequestStatus.DECLINED);
        assertThat(code(() -> th.getCase(GetCaseRequest.newBuilder().setId(c.getId()).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void an_unanswered_request_escalates_to_the_coordinators_once_its_deadline_passes()
            throws InterruptedException {
        Case c = krCaseHitByTh();
        CooperationRequest asked =
                th.createCaseCooperationRequest(
                        create(
                                ask("KR", c.getReference(), Urgency.IMMEDIATE)
                                        .setDeadline(in(Duration.ofSeconds(1)))));
        assertThat(code(() -> interpol.getCaseCooperationRequest(get(asked))))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(idsListed(interpol)).doesNotContain(asked.getId());
        Instant deadline =
                Instant.ofEpochSecond(
                        asked.getDeadline().getSeconds(), asked.getDeadline().getNanos());
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis() + 100));
        escalation.escalateDue();
        CooperationRequest seen = interpol.getCaseCooperationRequest(get(asked));
        assertThat(seen.hasEscalateTime()).isTrue();
        assertThat(idsListed(interpol)).contains(asked.getId());
        assertThat(code(() -> vn.getCaseCooperationRequest(get(asked))))
                .isEqualTo(Status.Code.NOT_FOUND);
        // The coordinator sees, but takes no step of the two countries.
        assertThat(
                        code(
                                () ->
                                        interpol.answerCaseCooperationRequest(
                                                grant(asked, HandlingCode.H0, Duration.ofDays(1)))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        // Escalated once: another round changes nothing; the owner may still answer.
        escalation.escalateDue();
        assertThat(kr.getCaseCooperationRequest(get(asked)).getEscalateTime())
                .isEqualTo(seen.getEscalateTime());
        assertThat(
                        kr.answerCaseCooperationRequest(
                                        grant(asked, HandlingCode.H1, Duration.ofDays(7)))
                                .getStatus())
                .isEqualTo(CooperationRequestStatus.GRANTED);
    }

    @Test
    void requests_about_one_case_are_rate_limited_per_requesting_country() {
        Case c = krCaseHitByTh();
        for (int i = 0; i < 5; i++) {
            th.createCaseCooperationRequest(create(ask("KR", c.getReference(), Urgency.ROUTINE)));
        }
        assertThat(
                        code(
                                () ->
                                        th.createCaseCooperationRequest(
                                                create(
                                                        ask(
                                                                "KR",
                                                                c.getReference(),
                                                                Urgency.ROUTINE)))))
                .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }
}
