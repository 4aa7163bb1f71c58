package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.Handover;
import org.chainbreaker.repatriation.v1.ListRepatriationsRequest;
import org.chainbreaker.repatriation.v1.ReasonedTransitionRequest;
import org.chainbreaker.repatriation.v1.RecordHandoverRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.Transition;
import org.chainbreaker.repatriation.v1.TransitionRequest;
import org.chainbreaker.repatriation.v1.UpdateLogisticsRequest;
import org.junit.jupiter.api.Test;

/**
 * The two-country workflow and who may take each step, over gRPC against a real PostgreSQL (who
 * sees a repatriation: {@link RepatriationVisibilityOverGrpcTest}).
 */
class WorkflowOverGrpcTest extends RunningRepatriationService {

    static TransitionRequest on(Repatriation r) {
        return TransitionRequest.newBuilder().setId(r.getId()).build();
    }

    /** A suspect transfer KH -> KR (transit TH) linked to an arrested wanted person, submitted. */
    static Repatriation requested(Repatriation.Builder draft) {
        String wanted = FUGITIVES.wantedPerson("KR", true, "KH");
        Repatriation created = create(investigator("KR"), draft.setWantedPersonId(wanted));
        assertThat(created.getFugitiveCheck()).isEqualTo(Repatriation.FugitiveCheck.CONFIRMED);
        return investigator("KR").submitRepatriation(on(created));
    }

    static RecordHandoverRequest handover(Repatriation r, Instant at) {
        return RecordHandoverRequest.newBuilder()
                .setId(r.getId())
                .setHandover(
                        Handover.newBuilder()
                                .setPlace("Incheon airport, police post T1")
                                .setHandoverTime(timestamp(at))
                                .setHandingOfficer("Officer Sok")
                                .setReceivingOfficer("Officer Park"))
                .build();
    }

    @Test
    void the_service_serves_health_without_a_token() {
        HealthCheckResponse health =
                HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void a_suspect_transfer_goes_from_draft_to_completed_with_every_step_recorded_and_published()
            throws Exception {
        Repatriation r =
                requested(suspectTransfer("KH", "KR", "TH").setLogistics(soonPlan("KH", "KR")));
        assertThat(r.getStatus()).isEqualTo(Repatriation.Status.REQUESTED);
        assertThat(r.getWantedPersonReference()).startsWith("KR-WP-2026-");
        // The fugitive-service was asked with the caller's own token.
        assertThat(FUGITIVES.authorizations).isNotEmpty().allMatch(a -> a.startsWith("Bearer ey"));

        r = liaison("KR").approveRepatriation(on(r));
        assertThat(r.getStatus()).isEqualTo(Repatriation.Status.APPROVED_BY_RECEIVING);
        r = liaison("KH").approveRepatriation(on(r));
        assertThat(r.getStatus()).isEqualTo(Repatriation.Status.CLEARED);
        r = liaison("KR").scheduleRepatriation(on(r));
        assertThat(r.getStatus()).isEqualTo(Repatriation.Status.SCHEDULED);
        Repatriation scheduled = r;
        // The receiving side does not start the journey; the sending side does.
        assertThat(statusOf(() -> liaison("KR").startTransit(on(scheduled))).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        r = liaison("KH").startTransit(on(r));
        assertThat(r.getStatus()).isEqualTo(Repatriation.Status.IN_TRANSIT);
        Repatriation inTransit = r;
        assertThat(
                        statusOf(
                                        () ->
                                                liaison("KH")
                                                        .recordHandover(
                                                                WorkflowRulesOverGrpcTest
                                                                        .handoverAt(
                                                                                inTransit,
                                                                                afterLanding(
                                                                                        inTransit))))
                                .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        r = liaison("KR").recordHandover(WorkflowRulesOverGrpcTest.handoverAt(r, afterLanding(r)));
        assertThat(r.getStatus()).isEqualTo(Repatriation.Status.HANDED_OVER);
        assertThat(r.getHandover().getReceivingOfficer()).isEqualTo("Officer Park");
        Repatriation handedOver = r;
        // A second handover is refused: the fugitive record's event is written exactly once.
        assertThat(
                        statusOf(
                                        () ->
                                                liaison("KR")
                                                        .recordHandover(
                                                                WorkflowRulesOverGrpcTest
                                                                        .handoverAt(
                                                                                handedOver,
                                                                                afterLanding(
                                                                                        handedOver))))
                                .getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        // The handover reaches the fugitive-service, on behalf of the receiving country's officer;
        // completion
        // waits for it.
        Instant until = Instant.now().plusSeconds(20);
        Repatriation seen;
        do {
            Thread.sleep(100);
            seen =
                    liaison("KR")
                            .getRepatriation(
                                    GetRepatriationRequest.newBuilder().setId(r.getId()).build());
        } while (seen.getCustodyDelivery().getState()
                        == org.chainbreaker.repatriation.v1.CustodyDelivery.State.PENDING
                && Instant.now().isBefore(until));
        assertThat(
                        FUGITIVES
                                .records
                                .get(r.getWantedPersonId())
                                .getCustodyTransfer()
                                .getRepatriationReference())
                .isEqualTo(r.getId());
        assertThat(seen.getCustodyDelivery().getState())
                .isEqualTo(org.chainbreaker.repatriation.v1.CustodyDelivery.State.DELIVERED);
        r = liaison("KR").completeRepatriation(on(r));
        assertThat(r.getStatus()).isEqualTo(Repatriation.Status.COMPLETED);

        assertThat(r.getHistoryList())
                .extracting(Transition::getToStatus)
                .containsExactly(
                        Repatriation.Status.DRAFT,
                        Repatriation.Status.REQUESTED,
                        Repatriation.Status.APPROVED_BY_RECEIVING,
                        Repatriation.Status.CLEARED,
                        Repatriation.Status.SCHEDULED,
                        Repatriation.Status.IN_TRANSIT,
                        Repatriation.Status.HANDED_OVER,
                        Repatriation.Status.COMPLETED);
        assertThat(r.getHistory(3).getActorCountry()).isEqualTo("KH");
        assertThat(r.getHistory(3).getActorUser()).isEqualTo("kh-liaison");
        assertThat(eventsOf(r.getId()))
                .containsSubsequence(
                        "repatriation.created",
                        "repatriation.submitted",
                        "repatriation.approved_by_receiving",
                        "repatriation.cleared",
                        "repatriation.scheduled",
                        "repatriation.in_transit",
                        "repatriation.custody_handed_over",
                        "repatriation.completed");
        assertThat(eventsOf(r.getId()))
                .filteredOn("repatriation.custody_handed_over"::equals)
                .hasSize(1);
    }

    @Test
    void
            only_a_liaison_of_each_side_approves_that_side_and_others_are_refused_or_told_nothing_exists() {
        Repatriation r = requested(suspectTransfer("KH", "KR", "TH"));
        // A transit country sees the request but may not approve it.
        assertThat(statusOf(() -> liaison("TH").approveRepatriation(on(r))).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        // An unrelated country cannot see it at all.
        assertThat(statusOf(() -> liaison("VN").approveRepatriation(on(r))).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(
                        statusOf(
                                        () ->
                                                liaison("VN")
                                                        .getRepatriation(
                                                                GetRepatriationRequest.newBuilder()
                                                                        .setId(r.getId())
                                                                        .build()))
                                .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        // An investigator of the receiving country is not a liaison officer.
        assertThat(statusOf(() -> investigator("KR").approveRepatriation(on(r))).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        Repatriation approved = liaison("KH").approveRepatriation(on(r));
        assertThat(approved.getStatus()).isEqualTo(Repatriation.Status.APPROVED_BY_SENDING);
        // The same side approves once.
        assertThat(statusOf(() -> liaison("KH").approveRepatriation(on(r))).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        // A stale etag is refused.
        assertThat(
                        statusOf(
                                        () ->
                                                liaison("KR")
                                                        .approveRepatriation(
                                                                TransitionRequest.newBuilder()
                                                                        .setId(r.getId())
                                                                        .setEtag(r.getEtag())
                                                                        .build()))
                                .getCode())
                .isEqualTo(Status.Code.ABORTED);
    }

    @Test
    void steps_out_of_order_are_refused() {
        Repatriation draft = create(investigator("KR"), suspectTransfer("KH", "KR"));
        assertThat(statusOf(() -> liaison("KR").approveRepatriation(on(draft))).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(statusOf(() -> liaison("KR").scheduleRepatriation(on(draft))).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        Repatriation r = investigator("KR").submitRepatriation(on(draft));
        assertThat(statusOf(() -> liaison("KH").startTransit(on(r))).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(statusOf(() -> liaison("KR").completeRepatriation(on(r))).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        Repatriation rejected =
                liaison("KH")
                        .rejectRepatriation(
                                ReasonedTransitionRequest.newBuilder()
                                        .setId(r.getId())
                                        .setReason("the suspect has a pending trial in Cambodia")
                                        .build());
        assertThat(rejected.getStatus()).isEqualTo(Repatriation.Status.REJECTED);
        assertThat(rejected.getStatusReason())
                .isEqualTo("the suspect has a pending trial in Cambodia");
        assertThat(statusOf(() -> liaison("KR").approveRepatriation(on(r))).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(
                        statusOf(
                                        () ->
                                                liaison("KR")
                                                        .cancelRepatriation(
                                                                ReasonedTransitionRequest
                                                                        .newBuilder()
                                                                        .setId(r.getId())
                                                                        .setReason("x")
                                                                        .build()))
                                .getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void
            scheduling_needs_issued_documents_an_itinerary_and_two_escorts_for_a_suspect_unless_both_sides_waive() {
        var plan =
                plan("KH", "KR").toBuilder()
                        .clearEscorts()
                        .addEscorts(plan("KH", "KR").getEscorts(0))
                        .build();
        Repatriation r = requested(suspectTransfer("KH", "KR").setLogistics(plan));
        liaison("KR").approveRepatriation(on(r));
        liaison("KH").approveRepatriation(on(r));
        var refusal = failureOf(() -> liaison("KR").scheduleRepatriation(on(r)));
        assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(refusal.getStatus().getDescription()).contains("at least 2 escorts");
        Repatriation waived = liaison("KR").waiveEscortRequirement(on(r));
        assertThat(waived.getEscortWaivedByReceiving()).isTrue();
        assertThat(statusOf(() -> liaison("KR").scheduleRepatriation(on(r))).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        liaison("KH").waiveEscortRequirement(on(r));
        assertThat(liaison("KR").scheduleRepatriation(on(r)).getStatus())
                .isEqualTo(Repatriation.Status.SCHEDULED);
    }

    @Test
    void an_impossible_itinerary_is_refused_field_by_field() throws Exception {
        Repatriation draft = create(investigator("KR"), suspectTransfer("KH", "KR"));
        Instant t = Instant.now().plus(Duration.ofDays(2));
        var impossible =
                plan("KH", "KR").toBuilder()
                        .clearLegs()
                        .addLegs(leg("PNH", "BKK", t, t.plus(Duration.ofHours(1))))
                        // Departs from another airport than where the first leg arrived, before it
                        // arrived.
                        .addLegs(
                                leg(
                                        "DMK",
                                        "ICN",
                                        t.plus(Duration.ofMinutes(30)),
                                        t.plus(Duration.ofHours(7))))
                        // Arrives before it departs, lower-case airport.
                        .addLegs(
                                leg(
                                        "icn",
                                        "PUS",
                                        t.plus(Duration.ofHours(9)),
                                        t.plus(Duration.ofHours(8))))
                        .build();
        var refusal =
                failureOf(
                        () ->
                                liaison("KR")
                                        .updateLogistics(
                                                UpdateLogisticsRequest.newBuilder()
                                                        .setId(draft.getId())
                                                        .setLogistics(impossible)
                                                        .build()));
        assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        List<String> fields = new ArrayList<>();
        for (var detail : StatusProto.fromThrowable(refusal).getDetailsList()) {
            if (detail.is(BadRequest.class)) {
                detail.unpack(BadRequest.class)
                        .getFieldViolationsList()
                        .forEach(v -> fields.add(v.getField()));
            }
        }
        assertThat(fields)
                .contains(
                        "logistics.legs[1].departure_airport",
                        "logistics.legs[1].departure_time",
                        "logistics.legs[2].departure_airport",
                        "logistics.legs[2].arrival_time");
        // Escorts come from the two countries only; the creation is refused as a whole.
        var wrongEscort =
                suspectTransfer("KH", "KR")
                        .setLogistics(
                                plan("KH", "KR").toBuilder()
                                        .setEscorts(
                                                0,
                                                plan("KH", "KR").getEscorts(0).toBuilder()
                                                        .setCountry("VN")));
        assertThat(
                        failureOf(() -> create(investigator("KR"), wrongEscort))
                                .getStatus()
                                .getDescription())
                .contains("repatriation.logistics.escorts[0].country");
    }

    @Test
    void a_repeated_request_id_returns_the_first_repatriation() {
        var request =
                CreateRepatriationRequest.newBuilder()
                        .setRepatriation(victimReturn("KH", "ID", 12))
                        .setRequestId("rescue-2026-batam-07")
                        .build();
        Repatriation first = investigator("ID").createRepatriation(request);
        Repatriation again = investigator("ID").createRepatriation(request);
        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(
                        liaison("ID")
                                .listRepatriations(
                                        ListRepatriationsRequest.newBuilder()
                                                .setPageSize(200)
                                                .build())
                                .getRepatriationsList())
                .filteredOn(r -> r.getId().equals(first.getId()))
                .hasSize(1);
    }

    @Test
    void both_sides_approving_at_once_clear_the_repatriation_exactly_once() throws Exception {
        for (int round = 0; round < 5; round++) {
            Repatriation r = requested(suspectTransfer("KH", "KR"));
            CyclicBarrier together = new CyclicBarrier(2);
            Callable<Repatriation> sending =
                    () -> {
                        together.await();
                        return liaison("KH").approveRepatriation(on(r));
                    };
            Callable<Repatriation> receiving =
                    () -> {
                        together.await();
                        return liaison("KR").approveRepatriation(on(r));
                    };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Repatriation> a = pool.submit(sending);
                Future<Repatriation> b = pool.submit(receiving);
                a.get();
                b.get();
            } finally {
                pool.shutdownNow();
            }
            Repatriation after =
                    liaison("KR")
                            .getRepatriation(
                                    GetRepatriationRequest.newBuilder().setId(r.getId()).build());
            assertThat(after.getStatus()).isEqualTo(Repatriation.Status.CLEARED);
            assertThat(after.getHistoryList())
                    .extracting(Transition::getToStatus)
                    .filteredOn(s -> s == Repatriation.Status.CLEARED)
                    .hasSize(1);
            assertThat(eventsOf(r.getId())).filteredOn("repatriation.cleared"::equals).hasSize(1);
            assertThat(eventsOf(r.getId()))
                    .contains(
                            "repatriation.approved_by_sending",
                            "repatriation.approved_by_receiving");
        }
    }
}
