package org.chainbreaker.repatriation.domain;

import java.util.List;
import java.util.Optional;

/**
 * What a step of the workflow does to a repatriation, decided by the record from its own state
 * alone (the application layer decides on a record read under the row lock, then stores the outcome
 * with an update conditional on the status it moves from).
 */
public sealed interface Step {

    /**
     * The repatriation moves from one status to another, with a reason for the history and events
     * in order.
     */
    record Move(RepatriationStatus from, RepatriationStatus to, String reason, List<String> events)
            implements Step {

        public Move {
            events = List.copyOf(events);
        }
    }

    /** The step is not possible in this state; the reason says why (FAILED_PRECONDITION). */
    record Refuse(String reason) implements Step {}

    /**
     * A new plan: whether it differs from the current one, whether that withdraws escort waivers,
     * and the move back to REQUESTED if it withdraws approvals.
     */
    record Replan(boolean planChanged, boolean waiversWithdrawn, Optional<Move> approvalsWithdrawn)
            implements Step {}

    /** One side waives the two-escort requirement. */
    record Waive(Side side) implements Step {}
}
