package org.chainbreaker.platform.observability;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsProperties;
import org.springframework.context.annotation.Bean;

/**
 * Puts {@link UntimedObservations} in place of Spring Boot's meter handler for observations (which
 * backs off when one exists, hence before Boot's metrics configuration).
 */
@AutoConfiguration(
        beforeName =
                "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnClass({DefaultMeterObservationHandler.class, MetricsProperties.class})
@ConditionalOnProperty("chainbreaker.observations.untimed")
public class ObservationMetersAutoConfiguration {

    @Bean
    UntimedObservations untimedObservations(
            ObjectProvider<MeterRegistry> registry,
            ObjectProvider<MetricsProperties> metrics,
            @Value("${chainbreaker.observations.untimed}") List<String> untimed) {
        MetricsProperties properties = metrics.getIfAvailable(MetricsProperties::new);
        return new UntimedObservations(
                registry.getIfAvailable(() -> new CompositeMeterRegistry(Clock.SYSTEM)),
                new LinkedHashSet<>(untimed),
                properties
                        .getObservations()
                        .getIgnoredMeters()
                        .toArray(DefaultMeterObservationHandler.IgnoredMeters[]::new));
    }
}
