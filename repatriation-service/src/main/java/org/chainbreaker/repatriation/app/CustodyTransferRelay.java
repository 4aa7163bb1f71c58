package org.chainbreaker.repatriation.app;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.jobs.PeriodicJob;
import org.chainbreaker.platform.security.TokenExchange;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.chainbreaker.repatriation.domain.CustodyDelivery;
import org.chainbreaker.repatriation.domain.CustodyTransferOutcome;
import org.chainbreaker.repatriation.domain.FugitiveRecords;
import org.chainbreaker.repatriation.store.CustodyDeliveryStore;
import org.chainbreaker.repatriation.store.FugitiveCheckStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers custody handovers to the fugitive-service: the relay of the deliveries the handover
 * committed. Each round claims due deliveries with FOR UPDATE SKIP LOCKED and keeps the lock while
 * it calls, so at most one replica sends a delivery at a time; the call acts for the officer who
 * recorded the handover, with a token obtained for that call alone by token exchange (see {@link
 * OnBehalfOf}; nothing replayable is stored, never a service token) and goes through the circuit
 * breaker and retries (it is idempotent by repatriation id on the other side, so a retry after a
 * lost answer, or after this process died before noting the answer, changes nothing there). The
 * answer settles the delivery in the same transaction; no answer (from the realm or the
 * fugitive-service) postpones it with a growing delay.
 */
@Component
public class CustodyTransferRelay extends PeriodicJob {

    static final String DELIVERED = "repatriation.custody_transfer_delivered";
    static final String REFUSED = "repatriation.custody_transfer_refused";

    private final CustodyDeliveryStore deliveries;
    private final FugitiveCheckStore tenants;
    private final FugitiveRecords fugitives;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final RepatriationProperties properties;
    private final java.time.Clock clock;
    private final TenantDirectory directory;
    private final OnBehalfOf onBehalfOf;

    CustodyTransferRelay(
            CustodyDeliveryStore deliveries,
            FugitiveCheckStore tenants,
            FugitiveRecords fugitives,
            Outbox outbox,
            PlatformTransactionManager transactionManager,
            RepatriationProperties properties,
            java.time.Clock clock,
            TenantDirectory directory,
            OnBehalfOf onBehalfOf) {
        super("custody-transfer-relay");
        this.onBehalfOf = onBehalfOf;
        this.deliveries = deliveries;
        this.tenants = tenants;
        this.fugitives = fugitives;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
        this.directory = directory;
    }

    /**
     * One round over due deliveries, country by country (the database hands the application role
     * only the session's country's deliveries); returns how many it settled.
     */
    public int deliverDue() {
        int settled = 0;
        for (String tenant : directory.codes()) {
            settled += deliver(tenant, Optional.empty());
        }
        return settled;
    }

    /**
     * Delivers this repatriation's pending transfer, recorded by {@code tenant}, now, unless
     * another replica is sending it at this moment.
     */
    int deliverNow(String tenant, UUID repatriationId) {
        return deliver(tenant, Optional.of(repatriationId));
    }

    private int deliver(String tenant, Optional<UUID> only) {
        Integer settled =
                transactions.execute(
                        status -> {
                            int count = 0;
                            tenants.enterTenant(tenant);
                            for (CustodyDeliveryStore.DueDelivery due :
                                    deliveries.claim(properties.relayBatch(), only)) {
                                Caller actor;
                                try {
                                    actor = onBehalfOf.toFugitiveService(due.asker());
                                } catch (TokenExchange.ExchangeFailedException e) {
                                    deliveries.postpone(
                                            due.repatriationId(),
                                            backoff(
                                                    now(),
                                                    properties.relayInterval(),
                                                    due.attempts()),
                                            e.getMessage());
                                    continue;
                                }
                                CustodyTransferOutcome outcome =
                                        fugitives.transferCustody(actor, due.transfer());
                                switch (outcome) {
                                    case CustodyTransferOutcome.Recorded ignored -> {
                                        settle(
                                                actor,
                                                due,
                                                CustodyDelivery.State.DELIVERED,
                                                "",
                                                DELIVERED);
                                        count++;
                                    }
                                    case CustodyTransferOutcome.Refused refused -> {
                                        settle(
                                                actor,
                                                due,
                                                CustodyDelivery.State.REFUSED,
                                                refused.reason(),
                                                REFUSED);
                                        count++;
                                    }
                                    case CustodyTransferOutcome.Unavailable unavailable ->
                                            deliveries.postpone(
                                                    due.repatriationId(),
                                                    PeriodicJob.backoff(
                                                            now(),
                                                            properties.relayInterval(),
                                                            due.attempts()),
                                                    unavailable.reason());
                                }
                            }
                            return count;
                        });
        return settled == null ? 0 : settled;
    }

    private void settle(
            Caller actor,
            CustodyDeliveryStore.DueDelivery due,
            CustodyDelivery.State state,
            String error,
            String event) {
        deliveries
                .settle(due.repatriationId(), state.name(), error, now())
                .ifPresent(
                        owner ->
                                outbox.append(
                                        actor,
                                        owner,
                                        RepatriationRegistry.RECORD_TYPE,
                                        due.repatriationId().toString(),
                                        event));
    }

    @Override
    protected Duration interval() {
        return properties.relayInterval();
    }

    @Override
    protected void round() {
        deliverDue();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
