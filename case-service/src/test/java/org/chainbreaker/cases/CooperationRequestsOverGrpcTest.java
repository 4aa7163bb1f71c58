package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.code;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.fieldsIn;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.CooperationAsk;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.GetCooperationRequestRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.devstack.AppRoleSession;
import org.junit.jupiter.api.Test;

/**
 * Cooperation requests about cases, over gRPC against the real service and PostgreSQL: a country
 * asks the owner of a case it hit by an identifier; the owner answers; a grant is a share under the
 * owner's handling code and time. Requester, owner, an unrelated country and a coordinator before
 * and after escalation (questions back, escalation and the rate limit: {@link
 * CooperationRequestFollowUpOverGrpcTest}).
 */
class CooperationRequestsOverGrpcTest extends CooperationRequestFixture {

    @Test
    void
            a_hit_becomes_a_request_the_owner_grants_under_h2_for_30_days_and_the_requester_reads_but_cannot_pass_on() {
        Case c = krCaseHitByTh();
        CooperationRequest asked =
                th.createCaseCooperationRequest(
                        create(ask("KR", c.getReference(), Urgency.URGENT)));
        assertThat(asked.getStatus()).isEqualTo(CooperationRequestStatus.OPEN);
        assertThat(asked.getRequesterCountry()).isEqualTo("TH");
        assertThat(
                        Duration.between(
                                Instant.ofEpochSecond(asked.getAskTime().getSeconds()),
                                Instant.ofEpochSecond(asked.getDeadline().getSeconds())))
                .isEqualTo(Duration.ofHours(48));
        assertThat(code(() -> th.getCase(GetCaseRequest.newBuilder().setId(c.getId()).build())))
                .isEqualTo(Status.Code.NOT_FOUND);

        // The two countries see it; an unrelated country and a coordinator (not escalated) do not,
        // not even listed.
        assertThat(kr.getCaseCooperationRequest(get(asked)).getReference())
                .isEqualTo(c.getReference());
        assertThat(idsListed(kr)).contains(asked.getId());
        assertThat(idsListed(th)).contains(asked.getId());
        StatusRuntimeException vnRead = failure(() -> vn.getCaseCooperationRequest(get(asked)));
        StatusRuntimeException never =
                failure(
                        () ->
                                vn.getCaseCooperationRequest(
                                        GetCooperationRequestRequest.newBuilder()
                                                .setId(UUID.randomUUID().toString())
                                                .build()));
        assertThat(vnRead.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(vnRead.getStatus().getDescription())
                .isEqualTo(never.getStatus().getDescription());
        assertThat(idsListed(vn)).doesNotContain(asked.getId());
        assertThat(code(() -> interpol.getCaseCooperationRequest(get(asked))))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(
                        code(
                                () ->
                                        vn.answerCaseCooperationRequest(
                                                grant(asked, HandlingCode.H0, Duration.ofDays(1)))))
                .isEqualTo(Status.Code.NOT_FOUND);
        // The requester does not answer its own request.
        assertThat(
                        code(
                                () ->
                                        th.answerCaseCooperationRequest(
                                                grant(asked, HandlingCode.H0, Duration.ofDays(1)))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);

        CooperationRequest granted =
                kr.answerCaseCooperationRequest(grant(asked, HandlingCode.H2, Duration.ofDays(30)));
        assertThat(granted.getStatus()).isEqualTo(CooperationRequestStatus.GRANTED);
        assertThat(th.getCaseCooperationRequest(get(asked)).getAnswer().getHandlingCode())
                .isEqualTo(HandlingCode.H2);

        Case read = th.getCase(GetCaseRequest.newBuilder().setId(c.getId()).build());
        assertThat(read.getHandlingCode()).isEqualTo(HandlingCode.H2);
        assertThat(
                        code(
                                () ->
                                        th.shareCase(
                                                ShareCaseRequest.newBuilder()
                                                        .setId(c.getId())
                                                        .setCountry("VN")
                                                        .setHandlingCode(HandlingCode.H2)
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(code(() -> vn.getCase(GetCaseRequest.newBuilder().setId(c.getId()).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        // Answered once.
        assertThat(
                        code(
                                () ->
                                        kr.answerCaseCooperationRequest(
                                                grant(asked, HandlingCode.H0, Duration.ofDays(1)))))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        // Every step is an event both countries read, and no other (as the application role, under
        // each country).
        for (String country : List.of("TH", "KR")) {
            assertThat(eventsOf(country, asked.getId()))
                    .containsExactly("cooperation_request.asked", "cooperation_request.granted");
        }
        assertThat(eventsOf("VN", asked.getId())).isEmpty();
        assertThat(eventsOf("INTERPOL", asked.getId())).isEmpty();
    }

    static List<String> eventsOf(String country, String requestId) {
        try (Connection app = AppRoleSession.open(DATABASE, country)) {
            List<String> events =
                    AppRoleSession.column(
                            app,
                            "select event_type from outbox_events where record_type = 'cooperation_request' and record_id = '"
                                    + requestId
                                    + "' order by id");
            app.rollback();
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_short_grant_ends_and_the_requester_loses_the_case_when_it_expires()
            throws InterruptedException {
        Case c = krCaseHitByTh();
        CooperationRequest asked =
                th.createCaseCooperationRequest(
                        create(ask("KR", c.getReference(), Urgency.URGENT)));
        kr.answerCaseCooperationRequest(grant(asked, HandlingCode.H2, Duration.ofSeconds(3)));
        assertThat(th.getCase(GetCaseRequest.newBuilder().setId(c.getId()).build()).getId())
                .isEqualTo(c.getId());
        Instant until = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(until)) {
            try {
                th.getCase(GetCaseRequest.newBuilder().setId(c.getId()).build());
                Thread.sleep(250);
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                return;
            }
        }
        throw new AssertionError("TH still reads the case after its grant expired");
    }

    @Test
    void a_reference_the_requester_never_hit_answers_not_found_exactly_as_one_that_never_existed() {
        Case unseen =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Not hit by anyone")
                                                .setCategory(Case.Category.INVESTMENT_FRAUD))
                                .build());
        StatusRuntimeException existing =
                failure(
                        () ->
                                th.createCaseCooperationRequest(
                                        create(ask("KR", unseen.getReference(), Urgency.ROUTINE))));
        StatusRuntimeException invented =
                failure(
                        () ->
                                th.createCaseCooperationRequest(
                                        create(ask("KR", "KR-2026-999999", Urgency.ROUTINE))));
        assertThat(existing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(existing.getStatus().getDescription())
                .isEqualTo(invented.getStatus().getDescription());
        // VN never hit TH's hit either.
        Case hit = krCaseHitByTh();
        assertThat(
                        code(
                                () ->
                                        vn.createCaseCooperationRequest(
                                                create(
                                                        ask(
                                                                "KR",
                                                                hit.getReference(),
                                                                Urgency.ROUTINE)))))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void bad_input_names_the_field_and_changes_nothing() {
        Case c = krCaseHitByTh();
        var before = idsListed(th);
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                th.createCaseCooperationRequest(
                                                        create(
                                                                ask(
                                                                                "KR",
                                                                                c.getReference(),
                                                                                Urgency.URGENT)
                                                                        .setPurpose(
                                                                                "x"
                                                                                        .repeat(
                                                                                                10_000)))))))
                .containsExactly("request.purpose");
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                th.createCaseCooperationRequest(
                                                        create(
                                                                ask(
                                                                        "KR",
                                                                        c.getReference(),
                                                                        Urgency
                                                                                .URGENCY_UNSPECIFIED))))))
                .containsExactly("request.urgency");
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                th.createCaseCooperationRequest(
                                                        create(
                                                                ask(
                                                                        "TH",
                                                                        c.getReference(),
                                                                        Urgency.URGENT))))))
                .containsExactly("request.owner_country");
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                th.createCaseCooperationRequest(
                                                        create(
                                                                ask(
                                                                                "KR",
                                                                                c.getReference(),
                                                                                Urgency.URGENT)
                                                                        .setDeadline(
                                                                                in(
                                                                                        Duration
                                                                                                .ofMinutes(
                                                                                                        -5))))))))
                .containsExactly("request.deadline");
        assertThat(
                        fieldsIn(
                                failure(
                                        () ->
                                                th.createCaseCooperationRequest(
                                                        create(
                                                                ask(
                                                                                "KR",
                                                                                c.getReference(),
                                                                                Urgency.URGENT)
                                                                        .addAsks(
                                                                                CooperationAsk
                                                                                        .PROVISIONAL_ARREST))))))
                .containsExactly("request.asks");
        assertThat(
                        code(
                                () ->
                                        th.createCaseCooperationRequest(
                                                create(
                                                        ask("KR", c.getReference(), Urgency.URGENT)
                                                                .setPurpose("x".repeat(10_000))))))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(idsListed(th)).isEqualTo(before);
    }
}
