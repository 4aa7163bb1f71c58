package org.chainbreaker.repatriation.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.chainbreaker.platform.persistence.MaintenanceDatabase;
import org.chainbreaker.repatriation.store.Backlogs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The gauges of the operators' backlog alerts (docs/operations.md, section 14). */
@Configuration(proxyBeanMethods = false)
class BacklogGauges {

    @Bean
    Backlogs backlogs(
            MaintenanceDatabase maintenance,
            Environment environment,
            ObjectProvider<MeterRegistry> meters) {
        // The wall clock, not the application's (tests move that one to reach deadlines).
        Backlogs backlogs =
                new Backlogs(
                        maintenance.jdbc(),
                        Clock.systemUTC(),
                        environment.getProperty(
                                "chainbreaker.repatriation.backlog-max-age",
                                Duration.class,
                                Duration.ofSeconds(15)));
        meters.ifAvailable(
                registry -> {
                    Gauge.builder(
                                    "chainbreaker.custody.deliveries.pending",
                                    backlogs,
                                    b -> b.figures().custodyPending())
                            .description(
                                    "Custody handovers not yet delivered to the fugitive-service")
                            .register(registry);
                    Gauge.builder(
                                    "chainbreaker.custody.deliveries.due",
                                    backlogs,
                                    b -> b.figures().custodyDue())
                            .description("Custody deliveries whose next attempt is due now")
                            .register(registry);
                    Gauge.builder(
                                    "chainbreaker.rescue.requests.overdue",
                                    backlogs,
                                    b -> b.figures().rescueOverdue())
                            .description(
                                    "Rescue requests past their acknowledgement deadline, not yet escalated")
                            .register(registry);
                });
        return backlogs;
    }
}
