package org.chainbreaker.repatriation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.repatriation.domain.RepatriationTransitionsTest.NOW;
import static org.chainbreaker.repatriation.domain.RepatriationTransitionsTest.transfer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The workflow's transition table ({@link RepatriationStatus#next()}), one small test per rule, and
 * that the record's own steps never take a move the table does not list.
 */
class RepatriationStatusTableTest {

    @Test
    void completed_rejected_and_cancelled_end_the_workflow() {
        for (RepatriationStatus end :
                EnumSet.of(
                        RepatriationStatus.COMPLETED,
                        RepatriationStatus.REJECTED,
                        RepatriationStatus.CANCELLED)) {
            assertThat(end.next()).as(end.name()).isEmpty();
            assertThat(end.isLive()).as(end.name()).isFalse();
        }
    }

    @Test
    void once_in_transit_a_repatriation_can_no_longer_be_cancelled_or_rejected() {
        for (RepatriationStatus moving :
                EnumSet.of(
                        RepatriationStatus.IN_TRANSIT,
                        RepatriationStatus.HANDED_OVER,
                        RepatriationStatus.COMPLETED)) {
            assertThat(moving.canMoveTo(RepatriationStatus.CANCELLED)).isFalse();
            assertThat(moving.canMoveTo(RepatriationStatus.REJECTED)).isFalse();
        }
    }

    @Test
    void only_a_change_of_plan_sends_an_approved_or_cleared_repatriation_back_to_requested() {
        assertThat(EnumSet.allOf(RepatriationStatus.class))
                .filteredOn(s -> s.canMoveTo(RepatriationStatus.REQUESTED))
                .containsExactlyInAnyOrder(
                        RepatriationStatus.DRAFT,
                        RepatriationStatus.APPROVED_BY_SENDING,
                        RepatriationStatus.APPROVED_BY_RECEIVING,
                        RepatriationStatus.CLEARED);
        assertThat(EnumSet.allOf(RepatriationStatus.class))
                .filteredOn(RepatriationStatus::approvalGiven)
                .allMatch(s -> s.canMoveTo(RepatriationStatus.REQUESTED));
    }

    @Test
    void the_plan_stays_open_until_the_repatriation_is_scheduled() {
        assertThat(EnumSet.allOf(RepatriationStatus.class))
                .filteredOn(RepatriationStatus::logisticsOpen)
                .containsExactlyInAnyOrder(
                        RepatriationStatus.DRAFT,
                        RepatriationStatus.REQUESTED,
                        RepatriationStatus.APPROVED_BY_SENDING,
                        RepatriationStatus.APPROVED_BY_RECEIVING,
                        RepatriationStatus.CLEARED);
    }

    @Test
    void every_status_announces_itself_with_an_event_of_its_own() {
        assertThat(EnumSet.allOf(RepatriationStatus.class).stream().map(RepatriationStatus::event))
                .doesNotHaveDuplicates()
                .allMatch(e -> e.startsWith("repatriation."));
    }

    @Test
    void the_records_steps_take_only_moves_the_table_lists() {
        List<Function<Repatriation, Step>> steps =
                List.of(
                        Repatriation::submit,
                        r -> r.approve(Side.SENDING),
                        r -> r.approve(Side.RECEIVING),
                        r -> r.reject("no"),
                        r -> r.cancel("no"),
                        r -> r.schedule(NOW),
                        Repatriation::startTransit,
                        Repatriation::handOver,
                        Repatriation::complete);
        List<String> moves = new ArrayList<>();
        for (RepatriationStatus status : RepatriationStatus.values()) {
            Repatriation r = transfer(status);
            for (Function<Repatriation, Step> step : steps) {
                if (step.apply(r) instanceof Step.Move move) {
                    assertThat(move.from()).isEqualTo(status);
                    assertThat(status.canMoveTo(move.to()))
                            .as(status + " -> " + move.to())
                            .isTrue();
                    moves.add(status + "->" + move.to());
                }
            }
        }
        // The check above is not vacuous: the steps move a record through the whole workflow.
        assertThat(moves)
                .contains(
                        "DRAFT->REQUESTED",
                        "REQUESTED->APPROVED_BY_SENDING",
                        "APPROVED_BY_SENDING->CLEARED",
                        "CLEARED->SCHEDULED",
                        "SCHEDULED->IN_TRANSIT",
                        "IN_TRANSIT->HANDED_OVER",
                        "REQUESTED->REJECTED",
                        "DRAFT->CANCELLED");
    }
}
