package org.chainbreaker.fugitives.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.persistence.MaintenanceDatabase;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.requests.Ask;
import org.chainbreaker.platform.requests.app.CooperationDesk;
import org.chainbreaker.platform.requests.app.EscalationTimer;
import org.chainbreaker.platform.requests.app.OverdueRequests;
import org.chainbreaker.platform.requests.store.CooperationRequestTable;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cooperation requests about notices: the platform's desk over this service's table. The grant of
 * INFORMATION is the granted request itself (migration V12: the visibility rule reads it, until
 * grant_until and while the notice is PUBLISHED), so the grant step has nothing more to store;
 * notices have no onward sharing, so PASS_ON is not asked.
 */
@Configuration(proxyBeanMethods = false)
class NoticeCooperation {

    static final Set<Ask> NOTICE_ASKS =
            Set.of(Ask.INFORMATION, Ask.EVIDENCE_USE, Ask.PROVISIONAL_ARREST, Ask.TRANSFER);

    @Bean
    CooperationDesk noticeCooperationDesk(
            CooperationRequestTable table,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit,
            Clock clock,
            @Value("${chainbreaker.requests.per-target-per-day:5}") int perTargetPerDay) {
        return new CooperationDesk(
                table,
                transactions,
                tenants,
                outbox,
                audit,
                clock,
                new CooperationDesk.Settings(NOTICE_ASKS, perTargetPerDay),
                (owner, noticeId, request, answer) -> {},
                "notice");
    }

    @Bean
    EscalationTimer noticeCooperationEscalation(
            CooperationDesk desk,
            @Value("${chainbreaker.requests.escalation-interval:30s}") Duration interval,
            @Value("${chainbreaker.requests.escalation-batch:50}") int batch) {
        return new EscalationTimer(desk, interval, batch);
    }

    /**
     * The overdue requests the operators alert on, asked through the maintenance connection at most
     * once per 15 s (the wall clock: tests move the application's to reach deadlines).
     */
    @Bean
    OverdueRequests noticeOverdueRequests(
            MaintenanceDatabase maintenance, ObjectProvider<MeterRegistry> meters) {
        var overdue =
                new OverdueRequests(
                        maintenance.jdbc(),
                        "fugitives_requests_overdue",
                        Clock.systemUTC(),
                        Duration.ofSeconds(15));
        meters.ifAvailable(overdue::register);
        return overdue;
    }
}
