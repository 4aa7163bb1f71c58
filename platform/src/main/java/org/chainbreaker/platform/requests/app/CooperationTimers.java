package org.chainbreaker.platform.requests.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.MaintenanceDatabase;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.requests.store.CooperationRequestTable;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * What a service's cooperation desk is built from and the timers beside it: the escalation of
 * unanswered requests and the overdue gauge the operators alert on. A service's cooperation
 * configuration extends this and names its own count function.
 */
public abstract class CooperationTimers {

    /** The service's SECURITY DEFINER count of overdue requests (see {@link OverdueRequests}). */
    protected abstract String overdueCountFunction();

    @Bean
    public CooperationDesk.Machinery cooperationMachinery(
            CooperationRequestTable table,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit,
            Clock clock) {
        return new CooperationDesk.Machinery(table, transactions, tenants, outbox, audit, clock);
    }

    @Bean
    public EscalationTimer cooperationEscalation(
            CooperationDesk desk,
            @Value("${chainbreaker.requests.escalation-interval:30s}") Duration interval,
            @Value("${chainbreaker.requests.escalation-batch:50}") int batch) {
        return new EscalationTimer(desk, interval, batch);
    }

    /**
     * Asked through the maintenance connection at most once per 15 s (the wall clock: tests move
     * the application's to reach deadlines).
     */
    @Bean
    public OverdueRequests overdueRequests(
            MaintenanceDatabase maintenance, ObjectProvider<MeterRegistry> meters) {
        var overdue =
                new OverdueRequests(
                        maintenance.jdbc(),
                        overdueCountFunction(),
                        Clock.systemUTC(),
                        Duration.ofSeconds(15));
        meters.ifAvailable(overdue::register);
        return overdue;
    }
}
