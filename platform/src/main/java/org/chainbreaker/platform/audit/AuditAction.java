package org.chainbreaker.platform.audit;

/** What an audit entry records. */
public enum AuditAction {
    /** A record of another country was read. */
    READ,
    SHARE,
    REVOKE,
    ASSIGN,
    /** A hit/no-hit identity check. */
    CHECK,
    APPROVE,
    REJECT,
    /** Approvals given were withdrawn (a repatriation's plan changed after them). */
    WITHDRAW_APPROVAL,
    /** Custody of a person passed from one country to another. */
    TRANSFER_CUSTODY,
    /** A request was acknowledged by the country it was addressed to. */
    ACKNOWLEDGE,
    /** A request was escalated to the coordinators. */
    ESCALATE,
    VERIFY_CHAIN,
    /**
     * A cooperation request was sent, replied to or withdrawn (its answers are APPROVE or REJECT).
     */
    REQUEST
}
