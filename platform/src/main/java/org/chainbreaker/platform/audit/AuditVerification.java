package org.chainbreaker.platform.audit;

import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.Caller;

/** VerifyAuditTrail as every service answers it. */
public final class AuditVerification {

    private AuditVerification() {}

    /**
     * Recomputes the service's audit chain for an admin or coordinator and records the verification
     * itself (record id {@code trail}, the service's name), so that who looked at the chain is on
     * the chain.
     */
    public static ChainVerification verifyAndRecord(
            Caller caller, TenantTransactions transactions, AuditTrail audit, String trail) {
        if (!caller.hasRole("admin") && !caller.hasRole("coordinator")) {
            throw new PermissionDeniedException(
                    "verifying the audit trail needs the admin or coordinator role");
        }
        ChainVerification result = transactions.read(caller.tenant(), audit::verify);
        transactions.run(
                caller.tenant(),
                () ->
                        audit.record(
                                caller,
                                AuditAction.VERIFY_CHAIN,
                                "audit_trail",
                                trail,
                                caller.tenant(),
                                result.summary()));
        return result;
    }
}
