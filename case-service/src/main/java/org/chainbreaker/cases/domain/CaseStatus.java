package org.chainbreaker.cases.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.records.StatusTable;

/** Where an investigation stands, and which steps its lifecycle allows. */
public enum CaseStatus implements StatusTable<CaseStatus> {
    OPEN,
    UNDER_INVESTIGATION,
    EVIDENCE_SUFFICIENT,
    CLOSED;

    /**
     * Statuses reachable from this one in a single step; a closed case may be reopened for
     * investigation.
     */
    @Override
    public Set<CaseStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(UNDER_INVESTIGATION, CLOSED);
            case UNDER_INVESTIGATION -> EnumSet.of(EVIDENCE_SUFFICIENT, CLOSED);
            case EVIDENCE_SUFFICIENT -> EnumSet.of(UNDER_INVESTIGATION, CLOSED);
            case CLOSED -> EnumSet.of(UNDER_INVESTIGATION);
        };
    }

    /** A transition names the status it moves to. */
    public static CaseStatus requireTarget(CaseStatus target) {
        if (target == null) {
            throw InvalidArgumentException.of(
                    "status", "is required: one of " + Arrays.toString(values()));
        }
        return target;
    }
}
