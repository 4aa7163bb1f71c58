package org.chainbreaker.fugitives.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.FugitivePermissions;
import org.chainbreaker.fugitives.domain.IngestOutcome;
import org.chainbreaker.fugitives.domain.NoticeReference;
import org.chainbreaker.fugitives.domain.WantedPerson;
import org.chainbreaker.fugitives.domain.WantedPersonDetails;
import org.chainbreaker.fugitives.store.NewWantedPersonStore;
import org.chainbreaker.fugitives.store.WantedPersonIndexStore;
import org.chainbreaker.fugitives.store.WantedPersonStore;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.RequestIds;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.tenancy.Caller;
import org.springframework.stereotype.Service;

/**
 * Bulk loads of wanted persons: batches recorded with JDBC batches in one transaction each, a batch
 * the database refuses as a whole retried record by record so that only the bad records are
 * refused.
 */
@Service
public class FugitiveBulkLoad {

    private static final org.slf4j.Logger log =
            org.slf4j.LoggerFactory.getLogger(FugitiveBulkLoad.class);

    private final FugitiveRegistry registry;
    private final WantedPersonStore store;
    private final NewWantedPersonStore inserts;
    private final WantedPersonIndexStore index;
    private final TenantTransactions transactions;
    private final Outbox outbox;

    FugitiveBulkLoad(
            FugitiveRegistry registry,
            WantedPersonStore store,
            NewWantedPersonStore inserts,
            WantedPersonIndexStore index,
            TenantTransactions transactions,
            Outbox outbox) {
        this.registry = registry;
        this.store = store;
        this.inserts = inserts;
        this.index = index;
        this.transactions = transactions;
        this.outbox = outbox;
    }

    /** One record of a bulk load, already checked; {@code requestId} may be empty. */
    public record IngestItem(int index, WantedPersonDetails details, String requestId) {}

    /**
     * Records a batch of a bulk load in one transaction. If the batch fails as a whole (a record
     * the checks let through but the database refuses), each record is retried alone so that only
     * the bad ones are refused.
     */
    public List<IngestOutcome> ingest(Caller caller, List<IngestItem> items) {
        FugitivePermissions.mayRecord(caller.roles());
        List<IngestOutcome> outcomes = new ArrayList<>(items.size());
        List<IngestItem> valid = new ArrayList<>();
        for (IngestItem item : items) {
            FieldChecks checks = new FieldChecks();
            RequestIds.check(item.requestId(), checks);
            try {
                checks.throwIfAny();
                valid.add(item);
            } catch (RuntimeException e) {
                outcomes.add(IngestOutcome.refused(item.index(), e));
            }
        }
        Optional<List<IngestOutcome>> batched =
                transactions.writeOrRollBack(caller.tenant(), () -> recordBatch(caller, valid));
        if (batched.isPresent()) {
            outcomes.addAll(batched.get());
        } else {
            log.info(
                    "A bulk-load batch of {} records for {} failed as a whole; recording them one by one",
                    valid.size(),
                    caller.tenant());
            for (IngestItem item : valid) {
                try {
                    outcomes.add(
                            transactions
                                    .writeOrRollBack(caller.tenant(), () -> recordOne(caller, item))
                                    .orElseGet(
                                            () ->
                                                    IngestOutcome.refused(
                                                            item.index(),
                                                            new FailedPreconditionException(
                                                                    "the record could not be stored"))));
                } catch (org.chainbreaker.platform.errors.AlreadyExistsException e) {
                    outcomes.add(IngestOutcome.refused(item.index(), e));
                }
            }
        }
        outcomes.sort(Comparator.comparingInt(IngestOutcome::index));
        return outcomes;
    }

    /**
     * Records a batch with JDBC batches: one reference reservation, batched inserts of records,
     * keys and documents. Empty (and so rolled back) if a concurrent load took one of the request
     * ids meanwhile or the database refused one of the records.
     */
    private Optional<List<IngestOutcome>> recordBatch(Caller caller, List<IngestItem> items) {
        String owner = caller.tenant();
        Set<String> requestIds = new LinkedHashSet<>();
        items.forEach(i -> RequestIds.of(i.requestId()).ifPresent(requestIds::add));
        java.util.Map<String, RequestKey.Stored<UUID>> earlier =
                new java.util.HashMap<>(inserts.findByRequestIds(owner, requestIds));
        java.util.Map<UUID, String> earlierReferences = new java.util.HashMap<>();
        store.findAll(owner, earlier.values().stream().map(RequestKey.Stored::record).toList())
                .forEach(w -> earlierReferences.put(w.id(), w.reference()));
        java.util.Map<Integer, RequestKey> keys = new java.util.HashMap<>();
        items.forEach(
                i ->
                        RequestKey.of(i.requestId(), i.details())
                                .ifPresent(k -> keys.put(i.index(), k)));
        List<IngestItem> fresh = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (IngestItem item : items) {
            RequestKey key = keys.get(item.index());
            if (key == null || (!earlier.containsKey(key.id()) && seen.add(key.id()))) {
                fresh.add(item);
            }
        }
        int year = registry.currentYear();
        long first = fresh.isEmpty() ? 0 : inserts.reserveReferences(owner, year, fresh.size());
        List<NewWantedPersonStore.NewRecord> records = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            IngestItem item = fresh.get(i);
            UUID id = UUID.randomUUID();
            NoticeReference reference = new NoticeReference(owner, year, first + i);
            Set<String> numbers = new LinkedHashSet<>();
            item.details().documents().forEach(d -> numbers.add(d.normalizedNumber()));
            Optional<RequestKey> key = Optional.ofNullable(keys.get(item.index()));
            records.add(
                    new NewWantedPersonStore.NewRecord(
                            id,
                            reference,
                            item.details(),
                            key,
                            FugitiveRegistry.keysOf(item.details()),
                            numbers));
            key.ifPresent(
                    k -> {
                        earlier.put(k.id(), new RequestKey.Stored<>(id, k.digest()));
                        earlierReferences.put(id, reference.toString());
                    });
        }
        if (inserts.insertAll(owner, records, registry.now())
                != NewWantedPersonStore.Insert.STORED) {
            return Optional.empty();
        }
        java.util.Map<UUID, List<List<String>>> written = new java.util.HashMap<>();
        records.forEach(r -> written.put(r.id(), FugitiveRegistry.writtenOf(r.details())));
        index.insertWrittenNames(owner, written);
        java.util.Map<UUID, List<String>> forms = new java.util.HashMap<>();
        records.forEach(r -> forms.put(r.id(), FugitiveRegistry.formsOf(r.details())));
        index.insertNameForms(owner, forms);
        outbox.appendAll(
                caller,
                owner,
                FugitiveRegistry.RECORD_TYPE,
                records.stream().map(r -> r.id().toString()).toList(),
                "wanted_person.recorded");
        List<IngestOutcome> outcomes = new ArrayList<>(items.size());
        int next = 0;
        for (IngestItem item : items) {
            RequestKey key = keys.get(item.index());
            if (key != null) {
                // A key already used (earlier, or by a record before it in this load) for a
                // different record is
                // refused for this record alone.
                RequestKey.Stored<UUID> stored = earlier.get(key.id());
                UUID id = stored.record();
                try {
                    key.requireSameRequest(stored.digest());
                    outcomes.add(
                            IngestOutcome.recorded(item.index(), id, earlierReferences.get(id)));
                } catch (org.chainbreaker.platform.errors.AlreadyExistsException e) {
                    outcomes.add(IngestOutcome.refused(item.index(), e));
                }
                if (next < records.size() && records.get(next).id().equals(id)) {
                    next++;
                }
            } else {
                NewWantedPersonStore.NewRecord r = records.get(next++);
                outcomes.add(
                        IngestOutcome.recorded(item.index(), r.id(), r.reference().toString()));
            }
        }
        return Optional.of(outcomes);
    }

    /** One record of a load alone; empty (and so rolled back) if the database refused it. */
    private Optional<IngestOutcome> recordOne(Caller caller, IngestItem item) {
        String owner = caller.tenant();
        Optional<RequestKey> key = RequestKey.of(item.requestId(), item.details());
        Optional<UUID> earlier = key.flatMap(k -> k.replay(inserts.findByRequestId(owner, k.id())));
        if (earlier.isEmpty()) {
            UUID id = UUID.randomUUID();
            NoticeReference next = inserts.nextReference(owner, registry.currentYear());
            NewWantedPersonStore.Insert inserted =
                    inserts.tryInsert(id, next, item.details(), key, registry.now());
            if (inserted == NewWantedPersonStore.Insert.REFUSED) {
                return Optional.empty();
            }
            if (inserted == NewWantedPersonStore.Insert.STORED) {
                registry.index(id, owner, item.details());
                outbox.append(
                        caller,
                        owner,
                        FugitiveRegistry.RECORD_TYPE,
                        id.toString(),
                        "wanted_person.recorded");
                return Optional.of(IngestOutcome.recorded(item.index(), id, next.toString()));
            }
            // A concurrent load took the request id: its record, if it was the same request.
            RequestKey k = key.orElseThrow();
            earlier = k.replay(inserts.findByRequestId(owner, k.id()));
        }
        UUID id = earlier.orElseThrow();
        return Optional.of(
                IngestOutcome.recorded(
                        item.index(),
                        id,
                        store.find(owner, id).map(WantedPerson::reference).orElseThrow()));
    }
}
