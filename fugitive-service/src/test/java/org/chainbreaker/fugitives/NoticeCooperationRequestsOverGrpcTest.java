package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.Date;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.chainbreaker.common.v1.AnswerCooperationRequestRequest;
import org.chainbreaker.common.v1.AnswerKind;
import org.chainbreaker.common.v1.CooperationAnswer;
import org.chainbreaker.common.v1.CooperationAsk;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.CreateCooperationRequestRequest;
import org.chainbreaker.common.v1.GetCooperationRequestRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.ListCooperationRequestsRequest;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.platform.requests.app.EscalationTimer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cooperation requests about notices, over gRPC against the real service and PostgreSQL: TH checks
 * an identity, hits a KR notice, asks KR; KR grants; TH sees the notice until the grant ends.
 * Requester, owner, unrelated country, coordinator before and after escalation.
 */
class NoticeCooperationRequestsOverGrpcTest extends RunningFugitiveService {

    @Autowired EscalationTimer escalation;

    private final FugitiveServiceBlockingStub kr = coordinator("KR");
    private final FugitiveServiceBlockingStub th = investigator("TH");
    private final FugitiveServiceBlockingStub vn = investigator("VN");
    private final FugitiveServiceBlockingStub interpol =
            fugitivesAs("INTERPOL", "interpol-coordinator", "coordinator");

    /** A published KR notice of a unique name, and TH's identity check that hits it. */
    private WantedPerson krNoticeHitByTh() {
        String name =
                "Kang Tae-" + UUID.randomUUID().toString().substring(0, 6).replaceAll("\\d", "x");
        WantedPerson wanted = published(kr, person(name, 1984, 3, 9));
        var answer =
                th.checkIdentity(
                        CheckIdentityRequest.newBuilder()
                                .setName(name)
                                .setDateOfBirth(Date.newBuilder().setYear(1984))
                                .setPurpose("arrival check BKK")
                                .build());
        assertThat(answer.getHitsList())
                .anySatisfy(h -> assertThat(h.getReference()).isEqualTo(wanted.getReference()));
        return wanted;
    }

    static CreateCooperationRequestRequest ask(String owner, String reference, Urgency urgency) {
        return CreateCooperationRequestRequest.newBuilder()
                .setRequest(
                        CooperationRequest.newBuilder()
                                .setOwnerCountry(owner)
                                .setReference(reference)
                                .setPurpose("identity check hit at Suvarnabhumi")
                                .setLegalBasis("INTERPOL Rules on the Processing of Data, art. 1")
                                .setUrgency(urgency)
                                .addAsks(CooperationAsk.INFORMATION))
                .build();
    }

    static AnswerCooperationRequestRequest grant(
            CooperationRequest r, HandlingCode code, Duration lasting) {
        Instant until = Instant.now().plus(lasting);
        return AnswerCooperationRequestRequest.newBuilder()
                .setId(r.getId())
                .setAnswer(
                        CooperationAnswer.newBuilder()
                                .setKind(AnswerKind.GRANT)
                                .setHandlingCode(code)
                                .setGrantUntil(timestamp(until)))
                .build();
    }

    static GetWantedPersonRequest read(WantedPerson w) {
        return GetWantedPersonRequest.newBuilder().setId(w.getId()).build();
    }

    static GetCooperationRequestRequest get(CooperationRequest r) {
        return GetCooperationRequestRequest.newBuilder().setId(r.getId()).build();
    }

    @Test
    void an_identity_hit_becomes_a_request_kr_grants_and_th_then_reads_the_notice() {
        WantedPerson wanted = krNoticeHitByTh();
        assertThat(statusOf(() -> th.getWantedPerson(read(wanted))).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        CooperationRequest asked =
                th.createNoticeCooperationRequest(ask("KR", wanted.getReference(), Urgency.URGENT));
        assertThat(asked.getStatus()).isEqualTo(CooperationRequestStatus.OPEN);

        assertThat(
                        kr.listNoticeCooperationRequests(
                                        ListCooperationRequestsRequest.getDefaultInstance())
                                .getRequestsList())
                .extracting(CooperationRequest::getId)
                .contains(asked.getId());
        StatusRuntimeException vnRead = failureOf(() -> vn.getNoticeCooperationRequest(get(asked)));
        StatusRuntimeException never =
                failureOf(
                        () ->
                                vn.getNoticeCooperationRequest(
                                        GetCooperationRequestRequest.newBuilder()
                                                .setId(UUID.randomUUID().toString())
                                                .build()));
        assertThat(vnRead.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(vnRead.getStatus().getDescription())
                .isEqualTo(never.getStatus().getDescription());
        assertThat(
                        vn.listNoticeCooperationRequests(
                                        ListCooperationRequestsRequest.getDefaultInstance())
                                .getRequestsList())
                .extracting(CooperationRequest::getId)
                .doesNotContain(asked.getId());
        assertThat(statusOf(() -> interpol.getNoticeCooperationRequest(get(asked))).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);

        assertThat(
                        kr.answerNoticeCooperationRequest(
                                        grant(asked, HandlingCode.H2, Duration.ofDays(30)))
                                .getStatus())
                .isEqualTo(CooperationRequestStatus.GRANTED);
        assertThat(th.getWantedPerson(read(wanted)).getReference())
                .isEqualTo(wanted.getReference());
        assertThat(statusOf(() -> vn.getWantedPerson(read(wanted))).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void a_short_grant_ends_and_th_loses_the_notice() throws InterruptedException {
        WantedPerson wanted = krNoticeHitByTh();
        CooperationRequest asked =
                th.createNoticeCooperationRequest(ask("KR", wanted.getReference(), Urgency.URGENT));
        kr.answerNoticeCooperationRequest(grant(asked, HandlingCode.H2, Duration.ofSeconds(3)));
        assertThat(th.getWantedPerson(read(wanted)).getId()).isEqualTo(wanted.getId());
        Instant until = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(until)) {
            try {
                th.getWantedPerson(read(wanted));
                Thread.sleep(250);
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                return;
            }
        }
        throw new AssertionError("TH still reads the notice after its grant expired");
    }

    @Test
    void
            a_notice_never_hit_answers_not_found_exactly_as_one_that_never_existed_and_bad_input_names_the_field() {
        WantedPerson unseen =
                published(
                        kr,
                        person(
                                "Unhit Person "
                                        + UUID.randomUUID()
                                                .toString()
                                                .substring(0, 4)
                                                .replaceAll("\\d", "z"),
                                1970,
                                0,
                                0));
        StatusRuntimeException existing =
                failureOf(
                        () ->
                                th.createNoticeCooperationRequest(
                                        ask("KR", unseen.getReference(), Urgency.ROUTINE)));
        StatusRuntimeException invented =
                failureOf(
                        () ->
                                th.createNoticeCooperationRequest(
                                        ask("KR", "KR-WP-2026-999999", Urgency.ROUTINE)));
        assertThat(existing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(existing.getStatus().getDescription())
                .isEqualTo(invented.getStatus().getDescription());
        assertThat(
                        statusOf(
                                        () ->
                                                th.createNoticeCooperationRequest(
                                                        ask(
                                                                "TH",
                                                                unseen.getReference(),
                                                                Urgency.ROUTINE)))
                                .getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(
                        statusOf(
                                        () ->
                                                th.createNoticeCooperationRequest(
                                                        ask(
                                                                "KR",
                                                                unseen.getReference(),
                                                                Urgency.URGENCY_UNSPECIFIED)))
                                .getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void an_unanswered_immediate_request_escalates_to_the_coordinators()
            throws InterruptedException {
        WantedPerson wanted = krNoticeHitByTh();
        var request = ask("KR", wanted.getReference(), Urgency.IMMEDIATE).toBuilder();
        request.getRequestBuilder().setDeadline(timestamp(Instant.now().plusSeconds(1)));
        CooperationRequest asked = th.createNoticeCooperationRequest(request.build());
        assertThat(statusOf(() -> interpol.getNoticeCooperationRequest(get(asked))).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        Thread.sleep(1_200);
        escalation.escalateDue();
        assertThat(interpol.getNoticeCooperationRequest(get(asked)).hasEscalateTime()).isTrue();
        assertThat(statusOf(() -> vn.getNoticeCooperationRequest(get(asked))).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }
}
