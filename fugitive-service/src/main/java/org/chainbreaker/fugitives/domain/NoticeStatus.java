package org.chainbreaker.fugitives.domain;

import java.util.EnumSet;
import java.util.Set;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.records.StatusTable;

/** The notice lifecycle, after INTERPOL's: draft, under review, published, cancelled. */
public enum NoticeStatus implements StatusTable<NoticeStatus> {
    DRAFT,
    UNDER_REVIEW,
    PUBLISHED,
    CANCELLED;

    /**
     * Statuses reachable in one step: review may send a notice back to draft; cancelled is final.
     */
    @Override
    public Set<NoticeStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(UNDER_REVIEW, CANCELLED);
            case UNDER_REVIEW -> EnumSet.of(DRAFT, PUBLISHED, CANCELLED);
            case PUBLISHED -> EnumSet.of(CANCELLED);
            case CANCELLED -> EnumSet.noneOf(NoticeStatus.class);
        };
    }

    /** The status after moving to the target, or a refusal naming both. */
    public NoticeStatus moveTo(NoticeStatus target) {
        if (!canMoveTo(target)) {
            throw new FailedPreconditionException(
                    "a " + name() + " notice cannot become " + target.name());
        }
        return target;
    }

    /**
     * A cancellation says why (the reason is kept on the notice); checked with the request's
     * fields, before the notice is read.
     */
    public static void checkReason(NoticeStatus target, String reason, FieldChecks checks) {
        if (target == CANCELLED) {
            checks.text(reason, "reason", 1);
        }
    }

    /** Other countries may see only published notices (and then only through a grant). */
    public boolean visibleToOthers() {
        return this == PUBLISHED;
    }
}
