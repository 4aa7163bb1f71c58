package org.chainbreaker.gateway.grpcface;

import io.micrometer.observation.ObservationRegistry;
import org.chainbreaker.gateway.GatewayProperties;
import org.chainbreaker.gateway.limits.RequestLimits;
import org.chainbreaker.gateway.limits.TenantLimits;
import org.chainbreaker.gateway.resilience.UpstreamGuards;
import org.chainbreaker.gateway.transcoding.ContractFiles;
import org.chainbreaker.gateway.transcoding.Upstreams;
import org.chainbreaker.platform.grpc.CallerAuthentication;
import org.chainbreaker.platform.security.TokenVerifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serves the gRPC face when {@code chainbreaker.gateway.grpc-port} is set (0 picks a free port).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${chainbreaker.gateway.grpc-port:}' != ''")
class GrpcFaceConfiguration {

    @Bean
    GrpcFace grpcFace(
            GatewayProperties properties,
            ContractFiles contract,
            Upstreams upstreams,
            TokenVerifier verifier,
            ObjectProvider<ObservationRegistry> observations,
            UpstreamGuards guards,
            TenantLimits limits) {
        return new GrpcFace(
                properties.gateway().grpcPort(),
                contract.files(),
                upstreams,
                new CallerAuthentication(verifier),
                properties.gateway().deadline(),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                guards,
                RequestLimits.grpcLimits(limits));
    }
}
