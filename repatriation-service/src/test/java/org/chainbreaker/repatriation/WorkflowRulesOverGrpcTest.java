package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.repatriation.v1.CustodyDelivery;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.Logistics;
import org.chainbreaker.repatriation.v1.Person;
import org.chainbreaker.repatriation.v1.RecordHandoverRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.Transition;
import org.chainbreaker.repatriation.v1.TransitionRequest;
import org.chainbreaker.repatriation.v1.TravelDocument;
import org.chainbreaker.repatriation.v1.UpdateLogisticsRequest;
import org.junit.jupiter.api.Test;

/**
 * The rules for repatriations, one regression test each: approvals are of the plan they saw; the
 * fugitive check holds the sending country to the arresting one and the receiving country to the
 * owner, is made again before each move of the person, allows one live repatriation per person, and
 * completion waits for the custody transfer; impossible times are refused; a victim return's count
 * can be corrected.
 */
class WorkflowRulesOverGrpcTest extends RunningRepatriationService {

    static TransitionRequest on(Repatriation r) {
        return TransitionRequest.newBuilder().setId(r.getId()).build();
    }

    static Repatriation read(String tenant, Repatriation r) {
        return liaison(tenant)
                .getRepatriation(GetRepatriationRequest.newBuilder().setId(r.getId()).build());
    }

    static UpdateLogisticsRequest replan(Repatriation r, Logistics plan) {
        return UpdateLogisticsRequest.newBuilder().setId(r.getId()).setLogistics(plan).build();
    }

    static RecordHandoverRequest handoverAt(Repatriation r, com.google.protobuf.Timestamp at) {
        return WorkflowOverGrpcTest.handover(r, Instant.now()).toBuilder()
                .setHandover(
                        WorkflowOverGrpcTest.handover(r, Instant.now()).getHandover().toBuilder()
                                .setHandoverTime(at))
                .build();
    }

    /**
     * A transfer KH -> KR of a person KR wants and KH arrested, with a plan flying soon, submitted.
     */
    static Repatriation requestedTransfer(String wanted) {
        Repatriation created =
                create(
                        investigator("KR"),
                        suspectTransfer("KH", "KR")
                                .setLogistics(soonPlan("KH", "KR"))
                                .setWantedPersonId(wanted));
        assertThat(created.getFugitiveCheck()).isEqualTo(Repatriation.FugitiveCheck.CONFIRMED);
        return investigator("KR").submitRepatriation(on(created));
    }

    static Repatriation cleared(Repatriation r) {
        liaison("KH").approveRepatriation(on(r));
        return liaison("KR").approveRepatriation(on(r));
    }

    static List<String> fields(StatusRuntimeException e) throws Exception {
        List<String> fields = new ArrayList<>();
        for (var detail : StatusProto.fromThrowable(e).getDetailsList()) {
            if (detail.is(BadRequest.class)) {
                detail.unpack(BadRequest.class)
                        .getFieldViolationsList()
                        .forEach(v -> fields.add(v.getField()));
            }
        }
        return fields;
    }

    // ---- 1. approvals are of the plan they saw ----

    @Test
    void a_change_of_plan_after_one_side_approved_withdraws_the_approval_and_tells_both_sides()
            throws Exception {
        Repatriation r = requestedTransfer(FUGITIVES.wantedPerson("KR", true, "KH"));
        liaison("KH").approveRepatriation(on(r));
        liaison("KH").waiveEscortRequirement(on(r));
        liaison("KR").waiveEscortRequirement(on(r));
        // The receiving side changes the person's document and the flights, then approves: the
        // sending side never
        // saw that plan.
        Logistics seen = r.getLogistics();
        Logistics other =
                seen.toBuilder()
                        .setLegs(1, seen.getLegs(1).toBuilder().setFlightNumber("TG 658"))
                        .setPersons(0, seen.getPersons(0).toBuilder().setFullName("Kim Min-jun"))
                        .build();
        Repatriation changed = liaison("KR").updateLogistics(replan(r, other));
        assertThat(changed.getStatus()).isEqualTo(Repatriation.Status.REQUESTED);
        assertThat(changed.getEscortWaivedBySending()).isFalse();
        assertThat(changed.getEscortWaivedByReceiving()).isFalse();
        Transition back = changed.getHistoryList().getLast();
        assertThat(back.getFromStatus()).isEqualTo(Repatriation.Status.APPROVED_BY_SENDING);
        assertThat(back.getToStatus()).isEqualTo(Repatriation.Status.REQUESTED);
        assertThat(back.getActorCountry()).isEqualTo("KR");
        assertThat(back.getReason()).contains("approvals withdrawn");
        assertThat(eventsOf(r.getId()))
                .filteredOn("repatriation.approvals_withdrawn"::equals)
                .hasSize(1);
        assertThat(
                        column(
                                DATABASE,
                                "select action from audit_log where record_id = ? order by seq",
                                r.getId()))
                .contains("WITHDRAW_APPROVAL");
        // The receiving side's approval no longer clears it: the sending side must approve the new
        // plan.
        assertThat(liaison("KR").approveRepatriation(on(r)).getStatus())
                .isEqualTo(Repatriation.Status.APPROVED_BY_RECEIVING);
        assertThat(statusOf(() -> liaison("KR").scheduleRepatriation(on(r))).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(liaison("KH").approveRepatriation(on(r)).getStatus())
                .isEqualTo(Repatriation.Status.CLEARED);
    }

    @Test
    void
            a_cleared_repatriation_whose_plan_changes_goes_back_to_requested_but_the_same_plan_or_an_issued_document_does_not()
                    throws Exception {
        Repatriation r = cleared(requestedTransfer(FUGITIVES.wantedPerson("KR", true, "KH")));
        // Another document (requested, not issued yet) is another plan.
        Logistics needed =
                r.getLogistics().toBuilder()
                        .setPersons(
                                0,
                                r.getLogistics().getPersons(0).toBuilder()
                                        .setTravelDocument(
                                                TravelDocument.newBuilder()
                                                        .setType(TravelDocument.Type.PASSPORT)
                                                        .setStatus(
                                                                TravelDocument.Status.REQUESTED)))
                        .build();
        r = liaison("KR").updateLogistics(replan(r, needed));
        assertThat(r.getStatus()).isEqualTo(Repatriation.Status.REQUESTED);
        r = cleared(r);
        // The same plan again, and the document issued with its number: progress, not another plan.
        assertThat(liaison("KH").updateLogistics(replan(r, needed)).getStatus())
                .isEqualTo(Repatriation.Status.CLEARED);
        Logistics issued =
                needed.toBuilder()
                        .setPersons(
                                0,
                                needed.getPersons(0).toBuilder()
                                        .setTravelDocument(
                                                needed.getPersons(0).getTravelDocument().toBuilder()
                                                        .setStatus(TravelDocument.Status.ISSUED)
                                                        .setNumber("ETD-2026-0099")))
                        .build();
        assertThat(liaison("KH").updateLogistics(replan(r, issued)).getStatus())
                .isEqualTo(Repatriation.Status.CLEARED);
        // Another escort is another plan.
        Logistics escorted =
                issued.toBuilder()
                        .setEscorts(1, issued.getEscorts(1).toBuilder().setName("Officer Three"))
                        .build();
        assertThat(liaison("KH").updateLogistics(replan(r, escorted)).getStatus())
                .isEqualTo(Repatriation.Status.REQUESTED);
        assertThat(eventsOf(r.getId()))
                .filteredOn("repatriation.approvals_withdrawn"::equals)
                .hasSize(2);
    }

    // ---- 4. a victim return's count follows reality ----

    @Test
    void
            a_victim_returns_count_opened_from_a_rescue_outcome_can_be_corrected_so_that_it_can_be_scheduled() {
        // Three Indonesians rescued in Cambodia: the return opened from the outcome counts 3; two
        // travel.
        var rescue =
                RescueRequestsOverGrpcTest.raise(
                        liaison("PH"), RescueRequestsOverGrpcTest.heldInCambodia());
        liaison("KH").acknowledgeRescueRequest(RescueRequestsOverGrpcTest.on(rescue));
        var resolved =
                liaison("KH")
                        .recordRescueOutcome(
                                RescueRequestsOverGrpcTest.outcome(
                                        rescue,
                                        java.time.LocalDate.now(java.time.ZoneOffset.UTC),
                                        RescueRequestsOverGrpcTest.rescued("ID", 3)));
        Repatriation r =
                liaison("KH")
                        .getRepatriation(
                                GetRepatriationRequest.newBuilder()
                                        .setId(resolved.getVictimReturnIds(0))
                                        .build());
        assertThat(r.getVictimGroup().getCount()).isEqualTo(3);
        Person victim =
                soonPlan("KH", "ID").getPersons(0).toBuilder()
                        .setRole(Person.Role.VICTIM)
                        .setNationality("ID")
                        .build();
        Logistics two =
                soonPlan("KH", "ID").toBuilder()
                        .clearPersons()
                        .addPersons(victim)
                        .addPersons(victim.toBuilder().setFullName("Siti Rahma"))
                        .clearEscorts()
                        .build();
        liaison("KH").submitRepatriation(on(r));
        liaison("KH").approveRepatriation(on(r));
        // Two people travel, not three: the count is corrected with the plan, which withdraws the
        // approval.
        Repatriation corrected =
                liaison("ID").updateLogistics(replan(r, two.toBuilder().setVictimCount(2).build()));
        assertThat(corrected.getVictimGroup().getCount()).isEqualTo(2);
        assertThat(corrected.getStatus()).isEqualTo(Repatriation.Status.REQUESTED);
        liaison("KH").approveRepatriation(on(r));
        liaison("ID").approveRepatriation(on(r));
        assertThat(liaison("ID").scheduleRepatriation(on(r)).getStatus())
                .isEqualTo(Repatriation.Status.SCHEDULED);
        // A suspect has no group to count.
        Repatriation transfer = create(investigator("KR"), suspectTransfer("KH", "KR"));
        assertThat(
                        statusOf(
                                        () ->
                                                liaison("KR")
                                                        .updateLogistics(
                                                                replan(transfer, plan("KH", "KR"))
                                                                        .toBuilder()
                                                                        .setLogistics(
                                                                                plan("KH", "KR")
                                                                                        .toBuilder()
                                                                                        .setVictimCount(
                                                                                                2))
                                                                        .build()))
                                .getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    // ---- 3. impossible times ----

    @Test
    void a_plan_that_departed_already_is_not_scheduled() {
        Instant departed = Instant.now().minus(Duration.ofDays(400));
        Repatriation r =
                create(
                        investigator("KR"),
                        suspectTransfer("KH", "KR").setLogistics(plan("KH", "KR", departed)));
        investigator("KR").submitRepatriation(on(r));
        cleared(r);
        StatusRuntimeException refused = failureOf(() -> liaison("KR").scheduleRepatriation(on(r)));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(refused.getStatus().getDescription())
                .contains("logistics.legs[0].departure_time");
        assertThat(read("KR", r).getStatus()).isEqualTo(Repatriation.Status.CLEARED);
    }

    @Test
    void a_handover_before_the_last_arrival_or_before_the_journey_started_is_refused()
            throws Exception {
        Repatriation r = cleared(requestedTransfer(FUGITIVES.wantedPerson("KR", true, "KH")));
        liaison("KR").scheduleRepatriation(on(r));
        Repatriation inTransit = liaison("KH").startTransit(on(r));
        Instant started =
                Instant.ofEpochSecond(inTransit.getHistoryList().getLast().getTime().getSeconds());
        // Before the flight lands (and before the journey started): refused, naming the field;
        // nothing changes.
        Instant lands = Instant.ofEpochSecond(afterLanding(inTransit).getSeconds() - 1);
        for (Instant tooEarly :
                List.of(started.minus(Duration.ofHours(5)), lands.minusSeconds(1))) {
            StatusRuntimeException refused =
                    failureOf(
                            () -> liaison("KR").recordHandover(handoverAt(r, timestamp(tooEarly))));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(fields(refused)).contains("handover.handover_time");
        }
        assertThat(read("KR", r).getStatus()).isEqualTo(Repatriation.Status.IN_TRANSIT);
        assertThat(liaison("KR").recordHandover(handoverAt(r, afterLanding(inTransit))).getStatus())
                .isEqualTo(Repatriation.Status.HANDED_OVER);
    }

    // ---- 2. the fugitive check ----

    @Test
    void
            a_transfer_from_a_country_that_did_not_arrest_the_person_or_to_one_that_does_not_want_them_is_refused() {
        // KR wants the person, TH arrested them: Cambodia does not hold them.
        String heldInThailand = FUGITIVES.wantedPerson("KR", "TH", "KH");
        StatusRuntimeException fromElsewhere =
                failureOf(
                        () ->
                                create(
                                        investigator("KR"),
                                        suspectTransfer("KH", "KR")
                                                .setWantedPersonId(heldInThailand)));
        assertThat(fromElsewhere.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(fromElsewhere.getStatus().getDescription())
                .contains("arrested by another country");
        // Neither side owns the notice (VN wants the person, KH holds them): a transfer to KR is
        // refused.
        String wantedByVietnam = FUGITIVES.wantedPerson("VN", "KH", "KH");
        StatusRuntimeException toElsewhere =
                failureOf(
                        () ->
                                create(
                                        investigator("KH"),
                                        suspectTransfer("KH", "KR")
                                                .setWantedPersonId(wantedByVietnam)));
        assertThat(toElsewhere.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(toElsewhere.getStatus().getDescription()).contains("does not own");
    }

    @Test
    void one_live_repatriation_per_person_and_the_index_enforces_it_too() throws Exception {
        String wanted = FUGITIVES.wantedPerson("KR", true, "KH");
        Repatriation first = requestedTransfer(wanted);
        // The other side opening its own transfer of the same person is refused while the first is
        // live.
        StatusRuntimeException second =
                failureOf(
                        () ->
                                create(
                                        investigator("KH"),
                                        suspectTransfer("KH", "KR").setWantedPersonId(wanted)));
        assertThat(second.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(second.getStatus().getDescription())
                .contains("another repatriation of this wanted person");
        // Directly in the database, past the service: the unique partial index refuses a second
        // live one.
        try (Connection owner =
                        DriverManager.getConnection(
                                DATABASE.jdbcUrl(),
                                DATABASE.ownerUser(),
                                DATABASE.ownerPassword());
                var copy =
                        owner.prepareStatement(
                                """
                     insert into repatriations (id, owner_country, kind, sending_country, receiving_country,
                            transit_countries, status, wanted_person_id, fugitive_check, case_ids, create_time, update_time)
                     select ?, owner_country, kind, sending_country, receiving_country, transit_countries, 'DRAFT',
                            wanted_person_id, 'CONFIRMED', case_ids, now(), now() from repatriations where id = ?""")) {
            copy.setObject(1, UUID.randomUUID());
            copy.setObject(2, UUID.fromString(first.getId()));
            assertThat(
                            org.assertj.core.api.Assertions.catchThrowableOfType(
                                            SQLException.class, copy::executeUpdate)
                                    .getMessage())
                    .contains("repatriations_one_live_per_person");
        }
        // Once the first has ended, another may be opened.
        liaison("KR")
                .cancelRepatriation(
                        org.chainbreaker.repatriation.v1.ReasonedTransitionRequest.newBuilder()
                                .setId(first.getId())
                                .setReason("wrong flight booked")
                                .build());
        assertThat(
                        create(
                                        investigator("KH"),
                                        suspectTransfer("KH", "KR").setWantedPersonId(wanted))
                                .getFugitiveCheck())
                .isEqualTo(Repatriation.FugitiveCheck.CONFIRMED);
    }

    @Test
    void the_check_is_made_again_before_scheduling_transit_and_handover() {
        // Released before scheduling: refused.
        String released = FUGITIVES.wantedPerson("KR", true, "KH");
        Repatriation a = cleared(requestedTransfer(released));
        FUGITIVES.release(released);
        StatusRuntimeException scheduling =
                failureOf(() -> liaison("KR").scheduleRepatriation(on(a)));
        assertThat(scheduling.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(scheduling.getStatus().getDescription()).contains("not recorded as arrested");
        // Released after scheduling: the journey does not start.
        String later = FUGITIVES.wantedPerson("KR", true, "KH");
        Repatriation b = cleared(requestedTransfer(later));
        liaison("KR").scheduleRepatriation(on(b));
        FUGITIVES.release(later);
        assertThat(statusOf(() -> liaison("KH").startTransit(on(b))).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        // Released during the journey: no handover of a person the sending country no longer holds.
        String onTheWay = FUGITIVES.wantedPerson("KR", true, "KH");
        Repatriation c = cleared(requestedTransfer(onTheWay));
        liaison("KR").scheduleRepatriation(on(c));
        Repatriation moving = liaison("KH").startTransit(on(c));
        FUGITIVES.release(onTheWay);
        assertThat(
                        statusOf(
                                        () ->
                                                liaison("KR")
                                                        .recordHandover(
                                                                handoverAt(
                                                                        c, afterLanding(moving))))
                                .getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(read("KR", c).getStatus()).isEqualTo(Repatriation.Status.IN_TRANSIT);
    }

    @Test
    void completion_waits_for_the_custody_transfer_and_says_plainly_when_it_was_refused()
            throws Exception {
        String wanted = FUGITIVES.wantedPerson("KR", true, "KH");
        Repatriation r = cleared(requestedTransfer(wanted));
        liaison("KR").scheduleRepatriation(on(r));
        Repatriation moving = liaison("KH").startTransit(on(r));
        FUGITIVES.refuseTransfers.add(wanted);
        FUGITIVES.stop();
        try {
            // The fugitive-service is down: the handover is recorded, the transfer waits, and so
            // does completion.
            Repatriation handedOver =
                    liaison("KR").recordHandover(handoverAt(r, afterLanding(moving)));
            assertThat(handedOver.getCustodyDelivery().getState())
                    .isEqualTo(CustodyDelivery.State.PENDING);
            StatusRuntimeException waiting =
                    failureOf(() -> liaison("KR").completeRepatriation(on(r)));
            assertThat(waiting.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(waiting.getStatus().getDescription())
                    .contains("custody transfer")
                    .contains("pending");
        } finally {
            FUGITIVES.start();
        }
        Instant until = Instant.now().plusSeconds(30);
        while (read("KR", r).getCustodyDelivery().getState() == CustodyDelivery.State.PENDING
                && Instant.now().isBefore(until)) {
            Thread.sleep(200);
        }
        assertThat(read("KR", r).getCustodyDelivery().getState())
                .isEqualTo(CustodyDelivery.State.REFUSED);
        Repatriation completed = liaison("KR").completeRepatriation(on(r));
        assertThat(completed.getStatus()).isEqualTo(Repatriation.Status.COMPLETED);
        assertThat(completed.getStatusReason())
                .startsWith("custody was not transferred in the fugitive-service");
        assertThat(completed.getHistoryList().getLast().getReason())
                .startsWith("custody was not transferred");
    }
}
