package org.chainbreaker.repatriation.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;
import org.chainbreaker.platform.errors.EtagMismatchException;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.LockedRow;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.repatriation.domain.Repatriation;
import org.chainbreaker.repatriation.domain.RepatriationPermissions;
import org.chainbreaker.repatriation.domain.RepatriationStatus;
import org.chainbreaker.repatriation.domain.Step;
import org.chainbreaker.repatriation.domain.Transition;
import org.chainbreaker.repatriation.store.RepatriationStore;
import org.springframework.stereotype.Component;

/**
 * The frame of every change to a repatriation (visibility, permission, row lock, etag, the change)
 * and the storing of what the record decided.
 */
@Component
class RepatriationChanges {

    private final RepatriationStore store;
    private final WantedPersonChecks wanted;
    private final TenantTransactions transactions;
    private final Outbox outbox;
    private final Clock clock;
    private final RepatriationReads reads;

    RepatriationChanges(
            RepatriationStore store,
            WantedPersonChecks wanted,
            TenantTransactions transactions,
            Outbox outbox,
            Clock clock,
            RepatriationReads reads) {
        this.store = store;
        this.wanted = wanted;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
        this.reads = reads;
    }

    /**
     * The frame of every change: NOT_FOUND for what the caller cannot see, PERMISSION_DENIED for
     * what it sees but may not change, then the row lock, a fresh read under it, the etag, and the
     * change itself.
     */
    Repatriation change(
            Caller caller,
            UUID id,
            String etag,
            Consumer<Repatriation> permitted,
            Consumer<Repatriation> work) {
        permitted.accept(reads.visible(caller, id));
        transactions.run(
                caller.tenant(),
                () -> {
                    Repatriation seen =
                            new LockedRow<>(
                                            id,
                                            () -> store.lockVersion(id).isPresent(),
                                            () -> store.find(caller.tenant(), id),
                                            Repatriation::version,
                                            RepatriationPermissions::notFound)
                                    .forChange(permitted, etag);
                    work.accept(seen);
                });
        return reads.get(caller, id);
    }

    /**
     * The step a {@link #checkedChange} takes from status {@code from}, named for the refusal ("the
     * repatriation cannot {@code step}"), and whether it goes ahead when the fugitive-service
     * cannot answer.
     */
    record CheckedStep(RepatriationStatus from, String step, boolean proceedIfUnknown) {}

    /**
     * A change whose step (taken from status {@code from}) first asks the fugitive-service again
     * about the linked wanted person (with the caller's token, before the lock: no remote call is
     * made while the row is locked); then as {@link #change}, which decides on the record read
     * under the lock. A record not in {@code from} is left to the state machine's refusal; one that
     * reached {@code from} meanwhile was not checked, and the caller is asked to try again
     * (ABORTED), so no step goes ahead unchecked.
     */
    Repatriation checkedChange(
            Caller caller,
            UUID id,
            String etag,
            CheckedStep step,
            Consumer<Repatriation> permitted,
            Consumer<Repatriation> work) {
        Repatriation before = reads.visible(caller, id);
        permitted.accept(before);
        RepatriationStatus from = step.from();
        boolean checked = before.status() == from;
        if (checked) {
            wanted.before(caller, before, step.step(), step.proceedIfUnknown());
        }
        return change(
                caller,
                id,
                etag,
                permitted,
                seen -> {
                    if (!checked && seen.status() == from && seen.wantedPersonId().isPresent()) {
                        throw new EtagMismatchException();
                    }
                    work.accept(seen);
                });
    }

    /**
     * Stores what the record decided: a move of status (conditional on the status it moves from,
     * with its history entry and events), or the refusal.
     */
    void apply(Caller caller, Repatriation seen, Step step) {
        switch (step) {
            case Step.Move move -> {
                LockedRow.requireWritten(
                        store.setStatus(
                                seen.id(),
                                new Transition(
                                        move.from().name(),
                                        move.to(),
                                        caller.tenant(),
                                        caller.username(),
                                        now(),
                                        move.reason())));
                move.events()
                        .forEach(
                                event ->
                                        outbox.append(
                                                caller,
                                                seen.ownerCountry(),
                                                RepatriationRegistry.RECORD_TYPE,
                                                seen.id().toString(),
                                                event));
            }
            case Step.Refuse refuse -> throw new FailedPreconditionException(refuse.reason());
            default -> throw new IllegalStateException("not a move: " + step);
        }
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
