package org.chainbreaker.repatriation.app;

import java.time.Clock;
import java.time.Duration;
import org.chainbreaker.platform.jobs.PeriodicJob;
import org.chainbreaker.platform.security.TokenExchange;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.chainbreaker.repatriation.domain.FugitiveLookup;
import org.chainbreaker.repatriation.domain.FugitiveRecords;
import org.chainbreaker.repatriation.domain.Repatriation;
import org.chainbreaker.repatriation.domain.WantedPersonCheck;
import org.chainbreaker.repatriation.store.FugitiveCheckStore;
import org.chainbreaker.repatriation.store.RepatriationStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The background job that makes pending fugitive checks again once the fugitive-service answers.
 * Each round claims due checks with FOR UPDATE SKIP LOCKED (so replicas running it at once never
 * take the same check), asks the fugitive-service on behalf of the user who asked last (with a
 * token obtained for that call by token exchange, see {@link OnBehalfOf}; nothing replayable is
 * stored, never a service token), and settles the check in the same transaction: an answer is
 * applied once, a failure postpones the check with a growing delay.
 */
@Component
public class FugitiveCheckReconciler extends PeriodicJob {

    private final FugitiveCheckStore checks;
    private final RepatriationStore store;
    private final WantedPersonChecks wanted;
    private final FugitiveRecords fugitives;
    private final TransactionTemplate transactions;
    private final RepatriationProperties properties;
    private final Clock clock;
    private final TenantDirectory tenants;
    private final OnBehalfOf onBehalfOf;

    FugitiveCheckReconciler(
            FugitiveCheckStore checks,
            RepatriationStore store,
            WantedPersonChecks wanted,
            FugitiveRecords fugitives,
            PlatformTransactionManager transactionManager,
            RepatriationProperties properties,
            Clock clock,
            TenantDirectory tenants,
            OnBehalfOf onBehalfOf) {
        super("fugitive-check-reconciler");
        this.onBehalfOf = onBehalfOf;
        this.checks = checks;
        this.store = store;
        this.wanted = wanted;
        this.fugitives = fugitives;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
        this.tenants = tenants;
    }

    /**
     * One round: settles or postpones up to a batch of due checks of each country; returns how many
     * it settled. Each country's checks are claimed in a transaction acting for that country: the
     * database hands the application role only the session's country's checks.
     */
    public int reconcileDue() {
        int settled = 0;
        for (String tenant : tenants.codes()) {
            settled += reconcileDue(tenant);
        }
        return settled;
    }

    private int reconcileDue(String tenant) {
        Integer settled =
                transactions.execute(
                        status -> {
                            int count = 0;
                            checks.enterTenant(tenant);
                            for (FugitiveCheckStore.DueCheck due :
                                    checks.claimDue(properties.reconcileBatch())) {
                                Repatriation seen =
                                        store.find(due.asker().tenant(), due.repatriationId())
                                                .orElse(null);
                                if (seen == null) {
                                    checks.remove(due.repatriationId());
                                    continue;
                                }
                                Caller actor;
                                FugitiveLookup lookup;
                                try {
                                    actor = onBehalfOf.toFugitiveService(due.asker());
                                    lookup = fugitives.lookup(actor, due.wantedPersonId());
                                } catch (TokenExchange.ExchangeFailedException e) {
                                    checks.postpone(
                                            due.repatriationId(),
                                            backoff(
                                                    clock.instant(),
                                                    properties.reconcileInterval(),
                                                    due.attempts()),
                                            e.getMessage());
                                    continue;
                                }
                                if (lookup instanceof FugitiveLookup.Unavailable unavailable) {
                                    checks.postpone(
                                            due.repatriationId(),
                                            PeriodicJob.backoff(
                                                    clock.instant(),
                                                    properties.reconcileInterval(),
                                                    due.attempts()),
                                            unavailable.reason());
                                } else {
                                    wanted.settle(
                                            actor,
                                            seen,
                                            WantedPersonCheck.of(
                                                    lookup,
                                                    seen.sendingCountry(),
                                                    seen.receivingCountry()));
                                    count++;
                                }
                            }
                            return count;
                        });
        return settled == null ? 0 : settled;
    }

    @Override
    protected Duration interval() {
        return properties.reconcileInterval();
    }

    @Override
    protected void round() {
        reconcileDue();
    }
}
