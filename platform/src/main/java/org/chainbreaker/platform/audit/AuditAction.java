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
    VERIFY_CHAIN
}
