package org.chainbreaker.repatriation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/** The transition rules of a repatriation, decided by the record alone: one small test per rule. */
class RepatriationTransitionsTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    static Logistics plan(Instant departs) {
        Person suspect =
                new Person(
                        Person.Role.SUSPECT,
                        "Kim Min-su",
                        "KR",
                        List.of("ko"),
                        List.of(),
                        new TravelDocument(
                                TravelDocument.Type.EMERGENCY_TRAVEL_DOCUMENT,
                                TravelDocument.Status.ISSUED,
                                "ETD-1"));
        return new Logistics(
                List.of(suspect),
                List.of(
                        new Leg(
                                "Korean Air",
                                "KE 690",
                                "PNH",
                                "ICN",
                                departs,
                                departs.plus(Duration.ofHours(6)))),
                List.of(new Escort("Officer One", "KR"), new Escort("Officer Two", "KR")));
    }

    static Repatriation transfer(RepatriationStatus status) {
        return transfer(status, plan(NOW.plus(Duration.ofDays(1))), Optional.empty(), List.of());
    }

    static Repatriation transfer(
            RepatriationStatus status,
            Logistics plan,
            Optional<CustodyDelivery> delivery,
            List<Transition> history) {
        return new Repatriation(
                UUID.randomUUID(),
                "KR",
                Kind.SUSPECT_TRANSFER,
                "KH",
                "KR",
                List.of(),
                Optional.of(UUID.randomUUID()),
                "KR-WP-2026-000001",
                FugitiveCheck.CONFIRMED,
                List.of(),
                VictimGroup.NONE,
                plan,
                status,
                true,
                true,
                Optional.empty(),
                "",
                history,
                1,
                NOW,
                NOW,
                delivery,
                Optional.empty(),
                Optional.empty());
    }

    static Repatriation withCheck(FugitiveCheck check) {
        Repatriation r = transfer(RepatriationStatus.DRAFT);
        return r.withFugitiveCheck(check).withEscortWaivers(false, false);
    }

    static Repatriation victimReturn(RepatriationStatus status, int count, int persons) {
        Person victim =
                new Person(
                        Person.Role.VICTIM,
                        "Siti",
                        "ID",
                        List.of(),
                        List.of(),
                        new TravelDocument(
                                TravelDocument.Type.PASSPORT, TravelDocument.Status.ISSUED, "P1"));
        Logistics plan =
                new Logistics(
                        java.util.Collections.nCopies(persons, victim),
                        plan(NOW.plusSeconds(3600)).legs(),
                        List.of());
        return new Repatriation(
                UUID.randomUUID(),
                "KH",
                Kind.VICTIM_RETURN,
                "KH",
                "ID",
                List.of(),
                Optional.empty(),
                "",
                FugitiveCheck.NOT_APPLICABLE,
                List.of(),
                new VictimGroup(count, List.of("ID"), List.of(), List.of()),
                plan,
                status,
                false,
                false,
                Optional.empty(),
                "",
                List.of(),
                1,
                NOW,
                NOW,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    static CustodyDelivery delivery(CustodyDelivery.State state, String error) {
        return new CustodyDelivery(
                state, 1, error, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static RepatriationStatus target(Step step) {
        assertThat(step).isInstanceOf(Step.Move.class);
        return ((Step.Move) step).to();
    }

    @Test
    void a_draft_is_submitted() {
        assertThat(target(transfer(RepatriationStatus.DRAFT).submit()))
                .isEqualTo(RepatriationStatus.REQUESTED);
    }

    @Test
    void a_draft_whose_wanted_person_check_is_pending_or_refused_is_not_submitted() {
        assertThat(withCheck(FugitiveCheck.PENDING).submit()).isInstanceOf(Step.Refuse.class);
        assertThat(withCheck(FugitiveCheck.REFUSED).submit()).isInstanceOf(Step.Refuse.class);
    }

    @Test
    void the_first_approval_records_its_side_and_the_second_clears_announcing_both() {
        assertThat(target(transfer(RepatriationStatus.REQUESTED).approve(Side.SENDING)))
                .isEqualTo(RepatriationStatus.APPROVED_BY_SENDING);
        Step.Move cleared =
                (Step.Move)
                        transfer(RepatriationStatus.APPROVED_BY_SENDING).approve(Side.RECEIVING);
        assertThat(cleared.to()).isEqualTo(RepatriationStatus.CLEARED);
        assertThat(cleared.events())
                .containsExactly("repatriation.approved_by_receiving", "repatriation.cleared");
    }

    @Test
    void a_side_approves_once() {
        assertThat(transfer(RepatriationStatus.APPROVED_BY_SENDING).approve(Side.SENDING))
                .isInstanceOf(Step.Refuse.class);
        assertThat(transfer(RepatriationStatus.CLEARED).approve(Side.SENDING))
                .isInstanceOf(Step.Refuse.class);
    }

    @Test
    void a_rejection_comes_before_clearance() {
        assertThat(target(transfer(RepatriationStatus.APPROVED_BY_RECEIVING).reject("no")))
                .isEqualTo(RepatriationStatus.REJECTED);
        assertThat(transfer(RepatriationStatus.CLEARED).reject("no"))
                .isInstanceOf(Step.Refuse.class);
    }

    @Test
    void a_cancellation_comes_before_transit() {
        assertThat(target(transfer(RepatriationStatus.SCHEDULED).cancel("no")))
                .isEqualTo(RepatriationStatus.CANCELLED);
        assertThat(transfer(RepatriationStatus.IN_TRANSIT).cancel("no"))
                .isInstanceOf(Step.Refuse.class);
    }

    @Test
    void a_plan_is_scheduled_only_before_it_departs() {
        assertThat(target(transfer(RepatriationStatus.CLEARED).schedule(NOW)))
                .isEqualTo(RepatriationStatus.SCHEDULED);
        Step late =
                transfer(
                                RepatriationStatus.CLEARED,
                                plan(NOW.minusSeconds(1)),
                                Optional.empty(),
                                List.of())
                        .schedule(NOW);
        assertThat(((Step.Refuse) late).reason()).contains("logistics.legs[0].departure_time");
    }

    @Test
    void a_victim_return_is_scheduled_only_with_as_many_persons_as_its_group_counts() {
        assertThat(
                        ((Step.Refuse) victimReturn(RepatriationStatus.CLEARED, 3, 2).schedule(NOW))
                                .reason())
                .contains("counts 3 but 2 persons");
        assertThat(target(victimReturn(RepatriationStatus.CLEARED, 2, 2).schedule(NOW)))
                .isEqualTo(RepatriationStatus.SCHEDULED);
    }

    @Test
    void the_journey_starts_once_scheduled() {
        assertThat(target(transfer(RepatriationStatus.SCHEDULED).startTransit()))
                .isEqualTo(RepatriationStatus.IN_TRANSIT);
        assertThat(transfer(RepatriationStatus.CLEARED).startTransit())
                .isInstanceOf(Step.Refuse.class);
    }

    @Test
    void a_handover_is_after_the_last_arrival_and_after_the_journey_started() {
        Instant departs = NOW.minus(Duration.ofHours(8));
        Instant started = NOW.minus(Duration.ofHours(7));
        Repatriation r =
                transfer(
                        RepatriationStatus.IN_TRANSIT,
                        plan(departs),
                        Optional.empty(),
                        List.of(
                                new Transition(
                                        "SCHEDULED",
                                        RepatriationStatus.IN_TRANSIT,
                                        "KH",
                                        "kh-liaison",
                                        started,
                                        "")));
        for (Instant wrong :
                List.of(
                        departs.plus(Duration.ofHours(5)),
                        started.minusSeconds(1),
                        NOW.plusSeconds(600))) {
            FieldChecks checks = new FieldChecks();
            RepatriationRules.handover(
                    new Handover("Incheon", wrong, "Sok", "Park"), r, NOW, checks);
            org.assertj.core.api.Assertions.assertThatThrownBy(checks::throwIfAny)
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("handover.handover_time");
        }
        FieldChecks fine = new FieldChecks();
        RepatriationRules.handover(
                new Handover("Incheon", NOW.minusSeconds(60), "Sok", "Park"), r, NOW, fine);
        fine.throwIfAny();
        assertThat(target(r.handOver())).isEqualTo(RepatriationStatus.HANDED_OVER);
    }

    @Test
    void completion_waits_for_a_pending_custody_transfer() {
        Repatriation r =
                transfer(
                        RepatriationStatus.HANDED_OVER,
                        plan(NOW),
                        Optional.of(delivery(CustodyDelivery.State.PENDING, "")),
                        List.of());
        assertThat(((Step.Refuse) r.complete()).reason()).contains("still pending");
    }

    @Test
    void completion_after_a_delivered_transfer_needs_no_word() {
        Step.Move done =
                (Step.Move)
                        transfer(
                                        RepatriationStatus.HANDED_OVER,
                                        plan(NOW),
                                        Optional.of(delivery(CustodyDelivery.State.DELIVERED, "")),
                                        List.of())
                                .complete();
        assertThat(done.to()).isEqualTo(RepatriationStatus.COMPLETED);
        assertThat(done.reason()).isEmpty();
    }

    @Test
    void completion_after_a_refused_transfer_says_plainly_that_custody_was_not_transferred() {
        Step.Move done =
                (Step.Move)
                        transfer(
                                        RepatriationStatus.HANDED_OVER,
                                        plan(NOW),
                                        Optional.of(
                                                delivery(
                                                        CustodyDelivery.State.REFUSED,
                                                        "held by another country")),
                                        List.of())
                                .complete();
        assertThat(done.reason())
                .isEqualTo(
                        "custody was not transferred in the fugitive-service: held by another country");
    }

    @Test
    void a_change_of_plan_after_an_approval_withdraws_the_approvals_and_the_waivers() {
        Repatriation r = transfer(RepatriationStatus.CLEARED);
        Step.Replan replan = (Step.Replan) r.replan(plan(NOW.plus(Duration.ofDays(2))), 0, "KR");
        assertThat(replan.planChanged()).isTrue();
        assertThat(replan.waiversWithdrawn()).isTrue();
        assertThat(replan.approvalsWithdrawn())
                .get()
                .satisfies(
                        back -> {
                            assertThat(back.from()).isEqualTo(RepatriationStatus.CLEARED);
                            assertThat(back.to()).isEqualTo(RepatriationStatus.REQUESTED);
                            assertThat(back.events())
                                    .containsExactly("repatriation.approvals_withdrawn");
                            assertThat(back.reason()).contains("KR");
                        });
    }

    @Test
    void a_change_of_plan_before_any_approval_withdraws_only_the_waivers() {
        Step.Replan replan =
                (Step.Replan)
                        transfer(RepatriationStatus.REQUESTED)
                                .replan(plan(NOW.plusSeconds(7)), 0, "KR");
        assertThat(replan.waiversWithdrawn()).isTrue();
        assertThat(replan.approvalsWithdrawn()).isEmpty();
    }

    @Test
    void the_same_plan_or_a_document_issued_with_its_first_number_is_no_change() {
        Repatriation r = transfer(RepatriationStatus.CLEARED);
        assertThat(((Step.Replan) r.replan(r.logistics(), 0, "KR")).planChanged()).isFalse();
        Person requested =
                new Person(
                        Person.Role.SUSPECT,
                        "Kim Min-su",
                        "KR",
                        List.of("ko"),
                        List.of(),
                        new TravelDocument(
                                TravelDocument.Type.EMERGENCY_TRAVEL_DOCUMENT,
                                TravelDocument.Status.REQUESTED,
                                ""));
        Logistics before =
                new Logistics(List.of(requested), r.logistics().legs(), r.logistics().escorts());
        assertThat(before.samePlanAs(r.logistics())).isTrue();
        // Another number once one was issued is another document.
        Person reissued =
                new Person(
                        Person.Role.SUSPECT,
                        "Kim Min-su",
                        "KR",
                        List.of("ko"),
                        List.of(),
                        new TravelDocument(
                                TravelDocument.Type.EMERGENCY_TRAVEL_DOCUMENT,
                                TravelDocument.Status.ISSUED,
                                "ETD-2"));
        assertThat(
                        r.logistics()
                                .samePlanAs(
                                        new Logistics(
                                                List.of(reissued),
                                                r.logistics().legs(),
                                                r.logistics().escorts())))
                .isFalse();
    }

    @Test
    void a_new_victim_count_is_a_change_of_plan_and_a_suspect_has_none() {
        Repatriation r = victimReturn(RepatriationStatus.APPROVED_BY_SENDING, 3, 2);
        assertThat(((Step.Replan) r.replan(r.logistics(), 2, "ID")).approvalsWithdrawn())
                .isPresent();
        assertThat(((Step.Replan) r.replan(r.logistics(), 3, "ID")).planChanged()).isFalse();
        assertThat(transfer(RepatriationStatus.DRAFT).replan(plan(NOW), 2, "KR"))
                .isInstanceOf(Step.Refuse.class);
    }

    @Test
    void a_scheduled_plan_is_fixed() {
        assertThat(transfer(RepatriationStatus.SCHEDULED).replan(plan(NOW), 0, "KR"))
                .isInstanceOf(Step.Refuse.class);
        assertThat(transfer(RepatriationStatus.SCHEDULED).waiveEscorts(Side.SENDING))
                .isInstanceOf(Step.Refuse.class);
    }
}
