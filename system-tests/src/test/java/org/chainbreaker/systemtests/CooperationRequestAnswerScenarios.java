package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.CASES;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.OWNER;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.REQUESTER;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.STRANGER;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.asked;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.get;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.grant;
import static org.chainbreaker.systemtests.OnFace.investigator;

import io.grpc.Status;
import java.time.Duration;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.AnswerCooperationRequestRequest;
import org.chainbreaker.common.v1.AnswerKind;
import org.chainbreaker.common.v1.CooperationAnswer;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.ReplyCooperationRequestRequest;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.common.v1.WithdrawCooperationRequestRequest;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Hit;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Kind;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * Answering cooperation requests over both faces (Answer, Reply, Withdraw): only the owner answers
 * and only the requester replies or withdraws; a grant lets the requester read the record.
 */
final class CooperationRequestAnswerScenarios {

    private CooperationRequestAnswerScenarios() {}

    static void register(Scenarios scenarios, Kind k) {
        scenarios.add(
                k.service(),
                k.rpc("Answer"),
                on -> {
                    Hit hit = k.hit().apply(on);
                    CooperationRequest r = asked(on, k, hit, Urgency.URGENT);
                    assertThat(k.read().read(on, investigator(REQUESTER), hit.recordId()).code())
                            .isEqualTo(Status.Code.NOT_FOUND);
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(REQUESTER),
                            k.service(),
                            k.rpc("Answer"),
                            grant(r.getId(), HandlingCode.H2, Duration.ofDays(30)));
                    on.hidden(
                            investigator(STRANGER),
                            k.service(),
                            k.rpc("Answer"),
                            id -> grant(id, HandlingCode.H2, Duration.ofDays(30)),
                            r.getId());
                    on.invalid(
                            investigator(OWNER),
                            k.service(),
                            k.rpc("Answer"),
                            AnswerCooperationRequestRequest.newBuilder()
                                    .setId(r.getId())
                                    .setAnswer(
                                            CooperationAnswer.newBuilder()
                                                    .setKind(AnswerKind.GRANT))
                                    .build(),
                            () ->
                                    on.ok(
                                                    investigator(OWNER),
                                                    k.service(),
                                                    k.rpc("Get"),
                                                    get(r.getId()),
                                                    CooperationRequest.parser())
                                            .getStatus(),
                            "answer.handling_code",
                            "answer.grant_until");
                    CooperationRequest granted =
                            on.ok(
                                    investigator(OWNER),
                                    k.service(),
                                    k.rpc("Answer"),
                                    grant(r.getId(), HandlingCode.H2, Duration.ofDays(30)),
                                    CooperationRequest.parser());
                    assertThat(granted.getStatus()).isEqualTo(CooperationRequestStatus.GRANTED);
                    assertThat(k.read().read(on, investigator(REQUESTER), hit.recordId()).ok())
                            .isTrue();
                    assertThat(k.read().read(on, investigator(STRANGER), hit.recordId()).code())
                            .isEqualTo(Status.Code.NOT_FOUND);
                    if (k == CASES) {
                        // Granted under H2: TH reads the case but may not pass it on.
                        on.refused(
                                Status.Code.PERMISSION_DENIED,
                                investigator(REQUESTER),
                                Faces.CASES,
                                "ShareCase",
                                ShareCaseRequest.newBuilder()
                                        .setId(hit.recordId())
                                        .setCountry(STRANGER)
                                        .setHandlingCode(HandlingCode.H2)
                                        .build());
                    }
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            investigator(OWNER),
                            k.service(),
                            k.rpc("Answer"),
                            grant(r.getId(), HandlingCode.H0, Duration.ofDays(1)));
                });

        scenarios.add(
                k.service(),
                k.rpc("Reply"),
                on -> {
                    CooperationRequest r = asked(on, k, k.hit().apply(on), Urgency.ROUTINE);
                    on.ok(
                            investigator(OWNER),
                            k.service(),
                            k.rpc("Answer"),
                            AnswerCooperationRequestRequest.newBuilder()
                                    .setId(r.getId())
                                    .setAnswer(
                                            CooperationAnswer.newBuilder()
                                                    .setKind(AnswerKind.QUESTION)
                                                    .setText("Which victims, and since when?"))
                                    .build(),
                            CooperationRequest.parser());
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(OWNER),
                            k.service(),
                            k.rpc("Reply"),
                            ReplyCooperationRequestRequest.newBuilder()
                                    .setId(r.getId())
                                    .setText("not mine")
                                    .build());
                    on.hidden(
                            investigator(STRANGER),
                            k.service(),
                            k.rpc("Reply"),
                            id ->
                                    ReplyCooperationRequestRequest.newBuilder()
                                            .setId(id)
                                            .setText("probe")
                                            .build(),
                            r.getId());
                    CooperationRequest replied =
                            on.ok(
                                    investigator(REQUESTER),
                                    k.service(),
                                    k.rpc("Reply"),
                                    ReplyCooperationRequestRequest.newBuilder()
                                            .setId(r.getId())
                                            .setText("14 victims since March")
                                            .build(),
                                    CooperationRequest.parser());
                    assertThat(replied.getStatus()).isEqualTo(CooperationRequestStatus.OPEN);
                });

        scenarios.add(
                k.service(),
                k.rpc("Withdraw"),
                on -> {
                    CooperationRequest r = asked(on, k, k.hit().apply(on), Urgency.ROUTINE);
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(OWNER),
                            k.service(),
                            k.rpc("Withdraw"),
                            WithdrawCooperationRequestRequest.newBuilder()
                                    .setId(r.getId())
                                    .build());
                    on.hidden(
                            investigator(STRANGER),
                            k.service(),
                            k.rpc("Withdraw"),
                            id -> WithdrawCooperationRequestRequest.newBuilder().setId(id).build(),
                            r.getId());
                    assertThat(
                                    on.ok(
                                                    investigator(REQUESTER),
                                                    k.service(),
                                                    k.rpc("Withdraw"),
                                                    WithdrawCooperationRequestRequest.newBuilder()
                                                            .setId(r.getId())
                                                            .build(),
                                                    CooperationRequest.parser())
                                            .getStatus())
                            .isEqualTo(CooperationRequestStatus.WITHDRAWN);
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            investigator(REQUESTER),
                            k.service(),
                            k.rpc("Withdraw"),
                            WithdrawCooperationRequestRequest.newBuilder()
                                    .setId(r.getId())
                                    .build());
                });
    }
}
