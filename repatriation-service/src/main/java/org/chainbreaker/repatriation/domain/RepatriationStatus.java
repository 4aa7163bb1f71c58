package org.chainbreaker.repatriation.domain;

import java.util.EnumSet;
import java.util.Set;
import org.chainbreaker.platform.errors.FailedPreconditionException;

/**
 * The workflow of a repatriation: DRAFT -> REQUESTED -> APPROVED_BY_SENDING / APPROVED_BY_RECEIVING (either order)
 * -> CLEARED -> SCHEDULED -> IN_TRANSIT -> HANDED_OVER -> COMPLETED; REJECTED and CANCELLED end it.
 */
public enum RepatriationStatus {
    DRAFT,
    REQUESTED,
    APPROVED_BY_SENDING,
    APPROVED_BY_RECEIVING,
    CLEARED,
    SCHEDULED,
    IN_TRANSIT,
    HANDED_OVER,
    COMPLETED,
    REJECTED,
    CANCELLED;

    /** Statuses reachable in one step. Once in transit, a repatriation can no longer be cancelled. */
    public Set<RepatriationStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(REQUESTED, CANCELLED);
            case REQUESTED -> EnumSet.of(APPROVED_BY_SENDING, APPROVED_BY_RECEIVING, REJECTED, CANCELLED);
            case APPROVED_BY_SENDING, APPROVED_BY_RECEIVING -> EnumSet.of(CLEARED, REJECTED, CANCELLED);
            case CLEARED -> EnumSet.of(SCHEDULED, CANCELLED);
            case SCHEDULED -> EnumSet.of(IN_TRANSIT, CANCELLED);
            case IN_TRANSIT -> EnumSet.of(HANDED_OVER);
            case HANDED_OVER -> EnumSet.of(COMPLETED);
            case COMPLETED, REJECTED, CANCELLED -> EnumSet.noneOf(RepatriationStatus.class);
        };
    }

    public boolean canMoveTo(RepatriationStatus target) {
        return next().contains(target);
    }

    /** The status after moving to the target, or a refusal naming both. */
    public RepatriationStatus moveTo(RepatriationStatus target) {
        if (!canMoveTo(target)) {
            throw new FailedPreconditionException("a " + name() + " repatriation cannot become " + target.name());
        }
        return target;
    }

    /**
     * The status after one side approves: the first approval records that side, the second clears the
     * repatriation. A side approves once.
     */
    public RepatriationStatus approvedBy(Side side) {
        RepatriationStatus own = side == Side.SENDING ? APPROVED_BY_SENDING : APPROVED_BY_RECEIVING;
        RepatriationStatus other = side == Side.SENDING ? APPROVED_BY_RECEIVING : APPROVED_BY_SENDING;
        if (this == own) {
            throw new FailedPreconditionException("the " + side.name().toLowerCase() + " side has already approved");
        }
        if (this == REQUESTED) {
            return moveTo(own);
        }
        if (this == other) {
            return moveTo(CLEARED);
        }
        throw new FailedPreconditionException("a " + name() + " repatriation cannot be approved");
    }

    /** Logistics may be planned until the repatriation is scheduled. */
    public boolean logisticsOpen() {
        return EnumSet.of(DRAFT, REQUESTED, APPROVED_BY_SENDING, APPROVED_BY_RECEIVING, CLEARED).contains(this);
    }

    /** The event published when a repatriation enters this status. */
    public String event() {
        return switch (this) {
            case DRAFT -> "repatriation.created";
            case REQUESTED -> "repatriation.submitted";
            case APPROVED_BY_SENDING -> "repatriation.approved_by_sending";
            case APPROVED_BY_RECEIVING -> "repatriation.approved_by_receiving";
            case CLEARED -> "repatriation.cleared";
            case SCHEDULED -> "repatriation.scheduled";
            case IN_TRANSIT -> "repatriation.in_transit";
            case HANDED_OVER -> "repatriation.custody_handed_over";
            case COMPLETED -> "repatriation.completed";
            case REJECTED -> "repatriation.rejected";
            case CANCELLED -> "repatriation.cancelled";
        };
    }
}
