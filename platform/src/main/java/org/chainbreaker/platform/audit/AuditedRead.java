package org.chainbreaker.platform.audit;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.Caller;

/**
 * A read of one record, audited when the record is another country's: the owner's own reads are not
 * audited, any other is recorded in a write transaction that reads the record again, so what is
 * answered is exactly what was recorded as read.
 *
 * @param recordType the audit trail's name for the kind of record
 * @param recordId the record's id as the audit trail keeps it
 * @param find the record as the caller's country sees it
 * @param owner the country that owns the record
 * @param notFound the refusal for a record the caller may not see, as for one that never existed
 */
public record AuditedRead<R>(
        String recordType,
        String recordId,
        Supplier<Optional<R>> find,
        Function<R, String> owner,
        Supplier<? extends RuntimeException> notFound) {

    public R by(Caller caller, TenantTransactions transactions, AuditTrail audit) {
        R found = transactions.read(caller.tenant(), find).orElseThrow(notFound);
        if (owner.apply(found).equals(caller.tenant())) {
            return found;
        }
        return transactions.write(
                caller.tenant(),
                () -> {
                    R seen = find.get().orElseThrow(notFound);
                    audit.record(
                            caller, AuditAction.READ, recordType, recordId, owner.apply(seen), "");
                    return seen;
                });
    }
}
