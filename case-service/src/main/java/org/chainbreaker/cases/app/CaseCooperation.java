package org.chainbreaker.cases.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.chainbreaker.cases.domain.HandlingCode;
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
 * Cooperation requests about cases: the platform's desk over this service's table, with the case's
 * own grant. A grant shares the case with the requester (and for PASS_ON with the third country) at
 * the owner's handling code and until the owner's time, through the same rules as a direct share
 * ({@link CaseRegistry#grantOnRequest}).
 */
@Configuration(proxyBeanMethods = false)
class CaseCooperation {

    static final Set<Ask> CASE_ASKS = Set.of(Ask.INFORMATION, Ask.EVIDENCE_USE, Ask.PASS_ON);

    @Bean
    CooperationDesk caseCooperationDesk(
            CooperationRequestTable table,
            TenantTransactions transactions,
            TenantDirectory tenants,
            Outbox outbox,
            AuditTrail audit,
            Clock clock,
            CaseRegistry cases,
            @Value("${chainbreaker.requests.per-target-per-day:5}") int perTargetPerDay) {
        return new CooperationDesk(
                table,
                transactions,
                tenants,
                outbox,
                audit,
                clock,
                new CooperationDesk.Settings(CASE_ASKS, perTargetPerDay),
                (owner, caseId, request, answer) -> {
                    HandlingCode code = HandlingCode.valueOf(answer.handlingCode().orElseThrow());
                    Optional<java.time.Instant> until = answer.grantUntil();
                    String why = "granting cooperation request " + request.id();
                    if (answer.granted().contains(Ask.INFORMATION)
                            || answer.granted().contains(Ask.EVIDENCE_USE)) {
                        cases.grantOnRequest(owner, caseId, request.requester(), code, until, why);
                    }
                    if (answer.granted().contains(Ask.PASS_ON)) {
                        cases.grantOnRequest(
                                owner,
                                caseId,
                                request.thirdCountry().orElseThrow(),
                                code,
                                until,
                                why);
                    }
                },
                "case");
    }

    @Bean
    EscalationTimer caseCooperationEscalation(
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
    OverdueRequests caseOverdueRequests(
            MaintenanceDatabase maintenance, ObjectProvider<MeterRegistry> meters) {
        var overdue =
                new OverdueRequests(
                        maintenance.jdbc(),
                        "cases_requests_overdue",
                        Clock.systemUTC(),
                        Duration.ofSeconds(15));
        meters.ifAvailable(overdue::register);
        return overdue;
    }
}
