package org.chainbreaker.fugitives.upstream;

import io.grpc.ManagedChannel;
import io.micrometer.observation.ObservationRegistry;
import org.chainbreaker.fugitives.app.ArrestRelayProperties;
import org.chainbreaker.platform.grpc.UpstreamCalls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The channel to the repatriation-service ({@code chainbreaker.upstreams.repatriation=host:port},
 * as for the gateway), used by the arrest relay only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArrestRelayProperties.class)
class UpstreamConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ManagedChannel repatriationChannel(
            @Value("${chainbreaker.upstreams.repatriation}") String address,
            ObjectProvider<ObservationRegistry> observations) {
        return UpstreamCalls.channel(
                "chainbreaker.upstreams.repatriation", address, observations.getIfAvailable());
    }

    @Bean
    GrpcTransferDrafts transferDrafts(
            ManagedChannel repatriationChannel, ArrestRelayProperties properties) {
        return new GrpcTransferDrafts(repatriationChannel, properties);
    }
}
