package org.chainbreaker.repatriation.app;

import java.time.Duration;
import java.util.Set;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.jobs.PeriodicJob;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.chainbreaker.repatriation.store.FugitiveCheckStore;
import org.chainbreaker.repatriation.store.RescueStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates rescue requests the host did not acknowledge in time to the coordinators: each round
 * marks overdue OPEN requests escalated with FOR UPDATE SKIP LOCKED (so replicas running it at once
 * escalate each request once, and never one a host is acknowledging at that moment), and writes the
 * escalation's event and audit entry in the same transaction. The event is what the coordinators
 * follow; from then on they see the request.
 */
@Component
public class RescueEscalationTimer extends PeriodicJob {

    private final RescueStore store;
    private final FugitiveCheckStore tenants;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final RescueProperties properties;
    private final TenantDirectory directory;

    RescueEscalationTimer(
            RescueStore store,
            FugitiveCheckStore tenants,
            Outbox outbox,
            AuditTrail audit,
            PlatformTransactionManager transactionManager,
            RescueProperties properties,
            TenantDirectory directory) {
        super("rescue-escalation-timer");
        this.store = store;
        this.tenants = tenants;
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.directory = directory;
    }

    /**
     * One round, country by country (the database escalates only the session's country's requests);
     * returns how many requests it escalated.
     */
    public int escalateDue() {
        int escalated = 0;
        for (String tenant : directory.codes()) {
            escalated += escalateDue(tenant);
        }
        return escalated;
    }

    private int escalateDue(String tenant) {
        Integer escalated =
                transactions.execute(
                        status -> {
                            // The service acts on the requesting country's request: its events and
                            // audit belong to that country.
                            tenants.enterTenant(tenant);
                            var due = store.escalateDue(properties.escalationBatch());
                            for (RescueStore.Escalated e : due) {
                                Caller timer =
                                        new Caller(
                                                "repatriation-service",
                                                "rescue-escalation-timer",
                                                e.requestingCountry(),
                                                Set.of(),
                                                "repatriation-service",
                                                "");
                                audit.record(
                                        timer,
                                        AuditAction.ESCALATE,
                                        RescueRegistry.RECORD_TYPE,
                                        e.id().toString(),
                                        e.requestingCountry(),
                                        "not acknowledged by "
                                                + e.hostCountry()
                                                + " in time; to the coordinators");
                                outbox.append(
                                        timer,
                                        e.requestingCountry(),
                                        RescueRegistry.RECORD_TYPE,
                                        e.id().toString(),
                                        "rescue_request.escalated");
                            }
                            return due.size();
                        });
        return escalated == null ? 0 : escalated;
    }

    @Override
    protected Duration interval() {
        return properties.escalationInterval();
    }

    @Override
    protected void round() {
        escalateDue();
    }
}
