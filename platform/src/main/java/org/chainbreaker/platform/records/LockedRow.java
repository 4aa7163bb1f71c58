package org.chainbreaker.platform.records;

import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.chainbreaker.platform.errors.EtagMismatchException;

/**
 * The first and last steps of a change to a versioned row: lock it, read it, let the rule decide,
 * check the entity tag; then the conditional write that bumps the version must have happened.
 *
 * <p>Lock before the read, so that what is decided on is the row as it stands under the lock and
 * never a read a concurrent change may have overtaken. Only the owner passes the update policy FOR
 * UPDATE needs: for anyone else nothing is locked and the read only tells NOT_FOUND (the row is
 * invisible) from the rule's refusal.
 *
 * @param id the row's id (the entity tag is bound to it)
 * @param lock locks the row; false if the caller's country cannot lock it
 * @param read the row as the caller's country sees it
 * @param version the row's version, for the entity tag
 * @param notFound the refusal for a row the caller may not see, as for one that never existed
 */
public record LockedRow<R>(
        UUID id,
        BooleanSupplier lock,
        Supplier<Optional<R>> read,
        ToLongFunction<R> version,
        Supplier<? extends RuntimeException> notFound) {

    /**
     * Locks and reads the row, passes it through {@code rule}, checks {@code etag}; the row as seen
     * before the change.
     */
    public R forChange(Consumer<R> rule, String etag) {
        boolean locked = lock.getAsBoolean();
        R seen = read.get().orElseThrow(notFound);
        rule.accept(seen);
        if (!locked) {
            throw notFound.get();
        }
        Etags.requireCurrent(etag, id, version.applyAsLong(seen));
        return seen;
    }

    /**
     * A write conditional on the state it was decided on found the row changed (it cannot while the
     * lock is held; the condition is the backstop): the transaction rolls back, nothing changes,
     * the caller may retry.
     */
    public static void requireWritten(boolean written) {
        if (!written) {
            throw new EtagMismatchException();
        }
    }
}
