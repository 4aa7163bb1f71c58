package org.chainbreaker.fugitives.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.FugitivePermissions;
import org.chainbreaker.fugitives.domain.NewOperation;
import org.chainbreaker.fugitives.domain.Operation;
import org.chainbreaker.fugitives.store.OperationStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.stereotype.Service;

/**
 * The use cases of operations: open, read, list, add and remove participants; each one tenant
 * transaction.
 */
@Service
public class OperationRegistry {

    static final String RECORD_TYPE = "operation";

    private final OperationStore store;
    private final TenantTransactions transactions;
    private final TenantDirectory tenants;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    OperationRegistry(
            OperationStore store,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit,
            Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.tenants = tenants;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public Operation open(Caller caller, NewOperation.Request request) {
        FugitivePermissions.mayCoordinate(caller.roles());
        String coordinator = caller.tenant();
        NewOperation draft = NewOperation.of(coordinator, request, tenants);
        Optional<RequestKey> key = RequestKey.of(draft.requestId(), draft);
        UUID id =
                transactions.write(
                        coordinator,
                        () ->
                                RequestKey.once(
                                        key,
                                        k -> store.findByRequestId(coordinator, k),
                                        () -> {
                                            UUID fresh = UUID.randomUUID();
                                            if (store.insert(
                                                    fresh, coordinator, draft, key, now())) {
                                                outbox.append(
                                                        caller,
                                                        coordinator,
                                                        RECORD_TYPE,
                                                        fresh.toString(),
                                                        "operation.opened");
                                                return Optional.of(fresh);
                                            }
                                            // A concurrent request with the same request id won the
                                            // race: its operation, if it was the same request.
                                            return Optional.empty();
                                        }));
        return get(caller, id);
    }

    public Operation get(Caller caller, UUID id) {
        return transactions
                .read(caller.tenant(), () -> store.find(caller.tenant(), id))
                .orElseThrow(FugitivePermissions::operationNotFound);
    }

    public Page<Operation> list(Caller caller, int pageSize, String pageToken) {
        return transactions.readPage(
                caller.tenant(),
                pageSize,
                pageToken,
                (after, limit) -> store.list(caller.tenant(), after, limit),
                last -> new PageCursor(last.createTime(), last.id()));
    }

    public Operation addParticipant(Caller caller, UUID id, String country) {
        transactions.run(
                caller.tenant(),
                () -> {
                    Operation operation =
                            store.find(caller.tenant(), id)
                                    .orElseThrow(FugitivePermissions::operationNotFound);
                    FugitivePermissions.mayManage(operation, caller.tenant(), caller.roles());
                    new FieldChecks()
                            .require(
                                    tenants.knows(country),
                                    "country",
                                    "must be the code of a tenant served here, e.g. TH")
                            .throwIfAny();
                    if (store.addParticipant(id, caller.tenant(), country, now())) {
                        audit.record(
                                caller,
                                AuditAction.SHARE,
                                RECORD_TYPE,
                                id.toString(),
                                caller.tenant(),
                                "participant " + country);
                        outbox.append(
                                caller,
                                caller.tenant(),
                                RECORD_TYPE,
                                id.toString(),
                                "operation.participant_added");
                    }
                });
        return get(caller, id);
    }

    public Operation removeParticipant(Caller caller, UUID id, String country) {
        transactions.run(
                caller.tenant(),
                () -> {
                    Operation operation =
                            store.find(caller.tenant(), id)
                                    .orElseThrow(FugitivePermissions::operationNotFound);
                    FugitivePermissions.mayManage(operation, caller.tenant(), caller.roles());
                    new FieldChecks()
                            .require(
                                    tenants.knows(country),
                                    "country",
                                    "must be the code of a tenant served here, e.g. TH")
                            .require(
                                    !operation.coordinatedBy(country),
                                    "country",
                                    "the coordinating country cannot be removed")
                            .throwIfAny();
                    if (store.removeParticipant(id, country)) {
                        audit.record(
                                caller,
                                AuditAction.REVOKE,
                                RECORD_TYPE,
                                id.toString(),
                                caller.tenant(),
                                "participant " + country);
                        outbox.append(
                                caller,
                                caller.tenant(),
                                RECORD_TYPE,
                                id.toString(),
                                "operation.participant_removed");
                        store.tellParticipantLeft(id, country);
                    }
                });
        return get(caller, id);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
