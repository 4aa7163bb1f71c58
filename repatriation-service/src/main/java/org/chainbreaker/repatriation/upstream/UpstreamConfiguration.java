package org.chainbreaker.repatriation.upstream;

import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.chainbreaker.platform.grpc.UpstreamCalls;
import org.chainbreaker.repatriation.app.RepatriationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The channel to the fugitive-service ({@code chainbreaker.upstreams.fugitives=host:port}, as for
 * the gateway).
 */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ManagedChannel fugitivesChannel(
            @Value("${chainbreaker.upstreams.fugitives}") String address,
            ObjectProvider<ObservationRegistry> observations) {
        // Traced: the caller's trace goes on into the fugitive-service.
        return UpstreamCalls.channel(
                "chainbreaker.upstreams.fugitives", address, observations.getIfAvailable());
    }

    @Bean
    GrpcFugitiveRecords fugitiveRecords(
            ManagedChannel fugitivesChannel,
            RepatriationProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        return new GrpcFugitiveRecords(
                fugitivesChannel, properties.fugitives(), meters.getIfAvailable());
    }
}
