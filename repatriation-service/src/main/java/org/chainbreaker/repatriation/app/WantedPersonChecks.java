package org.chainbreaker.repatriation.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.UnavailableException;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.repatriation.domain.FugitiveCheck;
import org.chainbreaker.repatriation.domain.FugitiveRecords;
import org.chainbreaker.repatriation.domain.Repatriation;
import org.chainbreaker.repatriation.domain.WantedPersonCheck;
import org.chainbreaker.repatriation.store.Asker;
import org.chainbreaker.repatriation.store.FugitiveCheckStore;
import org.chainbreaker.repatriation.store.RepatriationStore;
import org.springframework.stereotype.Component;

/**
 * The check of a linked wanted person in the fugitive-service, always with the caller's own token:
 * made when a transfer is opened, settled later if the fugitive-service could not answer, and made
 * again before scheduling, transit and handover (the person may have been released, transferred
 * under another repatriation or its notice cancelled meanwhile). The answer is asked before the row
 * lock is taken (no remote call under a lock); the step then decides under the lock.
 */
@Component
class WantedPersonChecks {

    private final FugitiveRecords fugitives;
    private final RepatriationStore store;
    private final FugitiveCheckStore checks;
    private final Outbox outbox;
    private final RepatriationProperties properties;
    private final Clock clock;

    WantedPersonChecks(
            FugitiveRecords fugitives,
            RepatriationStore store,
            FugitiveCheckStore checks,
            Outbox outbox,
            RepatriationProperties properties,
            Clock clock) {
        this.fugitives = fugitives;
        this.store = store;
        this.checks = checks;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The verdict for a repatriation from {@code sending} to {@code receiving}, asked with the
     * caller's token.
     */
    WantedPersonCheck ask(Caller caller, UUID wantedPersonId, String sending, String receiving) {
        return WantedPersonCheck.of(fugitives.lookup(caller, wantedPersonId), sending, receiving);
    }

    /**
     * The check repeated before a step (schedule, transit, handover) of a repatriation with a
     * wanted person: refuses a step the fugitive-service no longer supports. If it cannot answer,
     * {@code proceedIfUnknown} says whether the step goes ahead (a handover that happened is
     * recorded) or is refused as UNAVAILABLE.
     */
    void before(Caller caller, Repatriation seen, String step, boolean proceedIfUnknown) {
        if (seen.wantedPersonId().isEmpty()) {
            return;
        }
        switch (ask(
                caller,
                seen.wantedPersonId().get(),
                seen.sendingCountry(),
                seen.receivingCountry())) {
            case WantedPersonCheck.Holds ignored -> {}
            case WantedPersonCheck.Fails fails ->
                    throw new FailedPreconditionException(
                            "the repatriation cannot " + step + ": " + fails.reason());
            case WantedPersonCheck.NotVisible ignored ->
                    throw new FailedPreconditionException(
                            "the repatriation cannot "
                                    + step
                                    + ": the wanted person is no longer visible to your country in"
                                    + " the fugitive-service (was the notice cancelled?)");
            case WantedPersonCheck.Unknown unknown -> {
                if (!proceedIfUnknown) {
                    throw new UnavailableException(
                            "the fugitive-service cannot confirm the wanted person now ("
                                    + unknown.reason()
                                    + "); try again");
                }
            }
        }
    }

    /**
     * Settles a PENDING check with the fugitive-service's answer, inside the caller's transaction.
     * Effects (the status of the check, its event) happen only for the settlement that found it
     * still PENDING. A check that would make a second live repatriation of the person is refused.
     */
    void settle(Caller actor, Repatriation seen, WantedPersonCheck verdict) {
        UUID id = seen.id();
        switch (verdict) {
            case WantedPersonCheck.Holds holds -> {
                boolean confirmed;
                try {
                    confirmed =
                            store.settleFugitiveCheck(
                                    id, FugitiveCheck.CONFIRMED, holds.reference(), now());
                } catch (RepatriationStore.AnotherLiveRepatriation another) {
                    refuse(actor, seen);
                    return;
                }
                if (confirmed) {
                    outbox.append(
                            actor,
                            seen.ownerCountry(),
                            RepatriationRegistry.RECORD_TYPE,
                            id.toString(),
                            "repatriation.fugitive_check_confirmed");
                }
                checks.remove(id);
            }
            case WantedPersonCheck.Fails ignored -> refuse(actor, seen);
            case WantedPersonCheck.NotVisible ignored -> refuse(actor, seen);
            case WantedPersonCheck.Unknown ignored ->
                    throw new IllegalStateException("an unknown answer settles nothing");
        }
    }

    private void refuse(Caller actor, Repatriation seen) {
        if (store.settleFugitiveCheck(seen.id(), FugitiveCheck.REFUSED, "", now())) {
            outbox.append(
                    actor,
                    seen.ownerCountry(),
                    RepatriationRegistry.RECORD_TYPE,
                    seen.id().toString(),
                    "repatriation.fugitive_check_refused");
        }
        checks.remove(seen.id());
    }

    /**
     * Keeps the check pending, to be made again later on behalf of this caller (who is stored, not
     * the caller's token).
     */
    void keepPending(Caller caller, UUID id, UUID wantedPersonId, String reason) {
        Instant now = now();
        checks.savePending(
                id,
                wantedPersonId,
                Asker.of(caller),
                now.plus(properties.reconcileInterval()),
                reason);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
