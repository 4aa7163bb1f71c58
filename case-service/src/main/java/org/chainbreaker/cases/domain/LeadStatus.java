package org.chainbreaker.cases.domain;

import java.util.EnumSet;
import java.util.Set;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.records.StatusTable;

/**
 * Where work on a lead stands. ASSIGNED is reached only by assigning the lead to a partner country.
 */
public enum LeadStatus implements StatusTable<LeadStatus> {
    NEW,
    ASSIGNED,
    IN_PROGRESS,
    CONFIRMED,
    DISMISSED;

    /** Statuses a status change (not an assignment) may reach from this one. */
    @Override
    public Set<LeadStatus> next() {
        return switch (this) {
            case NEW, ASSIGNED -> EnumSet.of(IN_PROGRESS, DISMISSED);
            case IN_PROGRESS -> EnumSet.of(CONFIRMED, DISMISSED);
            case CONFIRMED, DISMISSED -> EnumSet.of(IN_PROGRESS);
        };
    }

    /**
     * Confirmed or dismissed: the work is done; it may be reopened (IN_PROGRESS), not reassigned
     * nor passed on.
     */
    public boolean closed() {
        return this == CONFIRMED || this == DISMISSED;
    }

    /**
     * A status change names its target, and never ASSIGNED (reached by assigning the lead only).
     */
    public static void checkRequested(LeadStatus target) {
        new FieldChecks()
                .require(
                        target != null,
                        "status",
                        "is required: IN_PROGRESS, CONFIRMED or DISMISSED")
                .require(target != ASSIGNED, "status", "ASSIGNED is reached by assigning the lead")
                .throwIfAny();
    }
}
