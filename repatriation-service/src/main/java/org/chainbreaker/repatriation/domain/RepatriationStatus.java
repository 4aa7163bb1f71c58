package org.chainbreaker.repatriation.domain;

import java.util.EnumSet;
import java.util.Set;
import org.chainbreaker.platform.records.StatusTable;

/**
 * The workflow of a repatriation: DRAFT -> REQUESTED -> APPROVED_BY_SENDING / APPROVED_BY_RECEIVING
 * (either order) -> CLEARED -> SCHEDULED -> IN_TRANSIT -> HANDED_OVER -> COMPLETED; REJECTED and
 * CANCELLED end it.
 */
public enum RepatriationStatus implements StatusTable<RepatriationStatus> {
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

    /**
     * Statuses reachable in one step. Once in transit, a repatriation can no longer be cancelled.
     */
    @Override
    public Set<RepatriationStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(REQUESTED, CANCELLED);
            case REQUESTED ->
                    EnumSet.of(APPROVED_BY_SENDING, APPROVED_BY_RECEIVING, REJECTED, CANCELLED);
            // Back to REQUESTED when a change of plan withdraws the approvals.
            case APPROVED_BY_SENDING, APPROVED_BY_RECEIVING ->
                    EnumSet.of(CLEARED, REJECTED, CANCELLED, REQUESTED);
            case CLEARED -> EnumSet.of(SCHEDULED, CANCELLED, REQUESTED);
            case SCHEDULED -> EnumSet.of(IN_TRANSIT, CANCELLED);
            case IN_TRANSIT -> EnumSet.of(HANDED_OVER);
            case HANDED_OVER -> EnumSet.of(COMPLETED);
            case COMPLETED, REJECTED, CANCELLED -> EnumSet.noneOf(RepatriationStatus.class);
        };
    }

    /** Whether at least one side's approval stands (a change of plan withdraws it). */
    public boolean approvalGiven() {
        return EnumSet.of(APPROVED_BY_SENDING, APPROVED_BY_RECEIVING, CLEARED).contains(this);
    }

    /** Not yet ended: at most one such repatriation per wanted person. */
    public boolean isLive() {
        return !EnumSet.of(COMPLETED, REJECTED, CANCELLED).contains(this);
    }

    /** Logistics may be planned until the repatriation is scheduled. */
    public boolean logisticsOpen() {
        return EnumSet.of(DRAFT, REQUESTED, APPROVED_BY_SENDING, APPROVED_BY_RECEIVING, CLEARED)
                .contains(this);
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
