package org.chainbreaker.cases.domain;

/**
 * Which rules a country's grant of a record to another country follows. A country that holds the
 * record through a grant of its own (a share partner of the case, the assignee of a lead or an
 * analysis) passes it on as that grant allows; any other country asks as the owner, and the owner's
 * rules refuse it unless it is the owner.
 */
public enum GrantRoute {
    /** The owner's grant or assignment. */
    OWNER,
    /** Passed on by a country that holds the record through a grant. */
    ONWARD;

    /** A share of the case by {@code tenant}. */
    public static GrantRoute ofShare(Case seen, String tenant) {
        return seen.sharedOnBy(tenant) ? ONWARD : OWNER;
    }

    /** A hand-over of the lead by {@code tenant}. */
    public static GrantRoute ofHandOver(Lead lead, String tenant) {
        return lead.heldAsAssigneeBy(tenant) ? ONWARD : OWNER;
    }

    /** A hand-over of the analysis by {@code tenant}. */
    public static GrantRoute ofHandOver(TechnicalAnalysis analysis, String tenant) {
        return analysis.heldAsAssigneeBy(tenant) ? ONWARD : OWNER;
    }
}
