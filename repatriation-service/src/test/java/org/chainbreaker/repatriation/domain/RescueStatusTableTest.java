package org.chainbreaker.repatriation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.repatriation.domain.RescueTransitionsTest.THIRTY;
import static org.chainbreaker.repatriation.domain.RescueTransitionsTest.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A rescue request's transition table ({@link RescueRequest.Status#next()}), one small test per
 * rule, and that the record's own steps take only the moves it lists.
 */
class RescueStatusTableTest {

    @Test
    void a_resolved_rescue_request_is_final() {
        assertThat(RescueRequest.Status.RESOLVED.next()).isEmpty();
    }

    @Test
    void the_outcome_is_recorded_only_after_the_acknowledgement() {
        assertThat(RescueRequest.Status.OPEN.next())
                .containsExactly(RescueRequest.Status.ACKNOWLEDGED);
        assertThat(RescueRequest.Status.ACKNOWLEDGED.next())
                .containsExactly(RescueRequest.Status.RESOLVED);
    }

    @Test
    void the_records_steps_take_only_moves_the_table_lists() {
        List<String> moves = new ArrayList<>();
        for (RescueRequest.Status status : RescueRequest.Status.values()) {
            RescueRequest r = request(status, Optional.empty());
            for (RescueRequest.Step step : List.of(r.acknowledge(), r.recordOutcome(THIRTY))) {
                if (step instanceof RescueRequest.Step.Move move) {
                    assertThat(move.from()).isEqualTo(status);
                    assertThat(status.next()).as(status + " -> " + move.to()).contains(move.to());
                    moves.add(status + "->" + move.to());
                }
            }
        }
        assertThat(moves).containsExactly("OPEN->ACKNOWLEDGED", "ACKNOWLEDGED->RESOLVED");
    }
}
