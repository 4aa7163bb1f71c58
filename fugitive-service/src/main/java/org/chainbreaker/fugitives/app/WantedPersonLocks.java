package org.chainbreaker.fugitives.app;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.chainbreaker.fugitives.domain.Decision;
import org.chainbreaker.fugitives.domain.FugitivePermissions;
import org.chainbreaker.fugitives.domain.WantedPerson;
import org.chainbreaker.fugitives.store.WantedPersonStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.records.LockedRow;
import org.chainbreaker.platform.tenancy.Caller;
import org.springframework.stereotype.Component;

/**
 * The row lock of a wanted person and the reads around a change: lock and read what the caller may
 * see (or owns, with its etag), the record as the change left it, and the refusal when a
 * conditional update found it moved.
 */
@Component
class WantedPersonLocks {

    private final WantedPersonStore store;
    private final AuditTrail audit;

    WantedPersonLocks(WantedPersonStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    /**
     * Locks a record the caller's country may see, then reads it: every decision is taken on what
     * no concurrent change can move until this transaction ends. NOT_FOUND, as for an id that never
     * existed, if it may not see it.
     */
    WantedPerson lockVisible(Caller caller, UUID id) {
        return row(caller, id).forChange(seen -> {}, "");
    }

    /** Locks and reads a record the caller owns, checking the etag if one was sent. */
    WantedPerson lockOwned(Caller caller, UUID id, String etag) {
        return row(caller, id)
                .forChange(
                        seen ->
                                FugitivePermissions.mayChange(
                                        seen, caller.tenant(), caller.roles()),
                        etag);
    }

    private LockedRow<WantedPerson> row(Caller caller, UUID id) {
        return new LockedRow<>(
                id,
                () -> store.lock(id),
                () -> store.find(caller.tenant(), id),
                WantedPerson::version,
                FugitivePermissions::wantedPersonNotFound);
    }

    /**
     * The record as this change left it, read in the change's own transaction: a later change by
     * someone else (a cancellation that hides it, say) cannot turn the answer to a change that
     * happened into NOT_FOUND. A read of another country's record is audited, as in {@link
     * FugitiveRegistry#get}.
     */
    WantedPerson changed(Caller caller, UUID id) {
        WantedPerson after =
                store.find(caller.tenant(), id)
                        .orElseThrow(FugitivePermissions::wantedPersonNotFound);
        if (!after.ownedBy(caller.tenant())) {
            audit.record(
                    caller,
                    AuditAction.READ,
                    FugitiveRegistry.RECORD_TYPE,
                    id.toString(),
                    after.ownerCountry(),
                    "");
        }
        return after;
    }

    /**
     * A conditional update found the record no longer in the state it was decided from (which the
     * lock should make impossible): the rules' refusal on the record as it is now, or a plain
     * FAILED_PRECONDITION.
     */
    RuntimeException changedMeanwhile(
            Caller caller, UUID id, Function<WantedPerson, Decision<?>> rule) {
        Optional<WantedPerson> now = store.find(caller.tenant(), id);
        if (now.isEmpty()) {
            return FugitivePermissions.wantedPersonNotFound();
        }
        if (rule.apply(now.get()) instanceof Decision.Refused<?> refused) {
            return refused.reason();
        }
        return new FailedPreconditionException("the record changed meanwhile; read it again");
    }
}
