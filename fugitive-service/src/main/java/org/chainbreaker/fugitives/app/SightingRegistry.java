package org.chainbreaker.fugitives.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.FugitivePermissions;
import org.chainbreaker.fugitives.domain.NewSighting;
import org.chainbreaker.fugitives.domain.NoticeSteps;
import org.chainbreaker.fugitives.domain.Sighting;
import org.chainbreaker.fugitives.domain.WantedPerson;
import org.chainbreaker.fugitives.store.SightingStore;
import org.chainbreaker.fugitives.store.WantedPersonStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.stereotype.Service;

/**
 * Sightings of wanted persons: report one (decided by the record's rules under its lock), the
 * owner's withdrawal of the access one gave, and the list; each one transaction on behalf of the
 * caller's country.
 */
@Service
public class SightingRegistry {

    private final WantedPersonStore store;
    private final SightingStore sightingStore;
    private final TenantTransactions transactions;
    private final TenantDirectory tenants;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final WantedPersonLocks locks;

    SightingRegistry(
            WantedPersonStore store,
            SightingStore sightingStore,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit,
            Clock clock,
            WantedPersonLocks locks) {
        this.store = store;
        this.sightingStore = sightingStore;
        this.transactions = transactions;
        this.tenants = tenants;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.locks = locks;
    }

    /**
     * A sighting by the caller's country, decided by the record's rules under its lock (see {@link
     * WantedPerson#sight}): in the reporter's own country unless the owner reports it, of a person
     * at large.
     */
    public Sighting reportSighting(Caller caller, UUID id, NewSighting.Report report) {
        FugitivePermissions.mayReport(caller.roles());
        NewSighting sighting = NewSighting.of(report, tenants, now());
        UUID sightingId = UUID.randomUUID();
        return transactions.write(
                caller.tenant(),
                () -> {
                    WantedPerson seen = locks.lockVisible(caller, id);
                    NoticeSteps.SightingStep step = seen.sight(sighting, caller.tenant()).orThrow();
                    Instant now = now();
                    sightingStore.insertSighting(sightingId, seen, caller.tenant(), step, now);
                    step.grantedCountry()
                            .ifPresent(
                                    granted ->
                                            audit.record(
                                                    caller,
                                                    AuditAction.SHARE,
                                                    FugitiveRegistry.RECORD_TYPE,
                                                    id.toString(),
                                                    seen.ownerCountry(),
                                                    "sighting in " + granted));
                    outbox.append(
                            caller,
                            seen.ownerCountry(),
                            FugitiveRegistry.RECORD_TYPE,
                            id.toString(),
                            "wanted_person.sighted");
                    return new Sighting(
                            sightingId,
                            id,
                            sighting.country(),
                            sighting.place(),
                            sighting.seenTime(),
                            sighting.confidence(),
                            sighting.source(),
                            caller.tenant(),
                            now,
                            step.grantedCountry(),
                            Optional.empty());
                });
    }

    /**
     * The owner takes back the access one of its sightings gave the country where the person was
     * seen; a repeat answers the sighting as it is.
     */
    public Sighting withdrawSightingAccess(Caller caller, UUID id, UUID sightingId) {
        return transactions.write(
                caller.tenant(),
                () -> {
                    // Owner first: a country that sees the record but not the sighting is refused,
                    // not told it is missing.
                    WantedPerson seen = locks.lockOwned(caller, id, "");
                    Sighting sighting =
                            sightingStore
                                    .sighting(caller.tenant(), id, sightingId)
                                    .orElseThrow(() -> new NotFoundException("sighting"));
                    NoticeSteps.Withdrawal withdrawal =
                            seen.withdrawAccess(sighting, caller.tenant()).orThrow();
                    if (!withdrawal.repeat()
                            && sightingStore.withdrawSightingAccess(sightingId, now())) {
                        audit.record(
                                caller,
                                AuditAction.REVOKE,
                                FugitiveRegistry.RECORD_TYPE,
                                id.toString(),
                                seen.ownerCountry(),
                                "sighting in " + withdrawal.fromCountry());
                        outbox.append(
                                caller,
                                seen.ownerCountry(),
                                FugitiveRegistry.RECORD_TYPE,
                                id.toString(),
                                "wanted_person.sighting_access_withdrawn");
                    }
                    return sightingStore
                            .sighting(caller.tenant(), id, sightingId)
                            .orElseThrow(() -> new NotFoundException("sighting"));
                });
    }

    public List<Sighting> sightings(Caller caller, UUID id) {
        return transactions.read(
                caller.tenant(),
                () -> {
                    if (store.find(caller.tenant(), id).isEmpty()) {
                        throw FugitivePermissions.wantedPersonNotFound();
                    }
                    return sightingStore.sightings(caller.tenant(), id);
                });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
