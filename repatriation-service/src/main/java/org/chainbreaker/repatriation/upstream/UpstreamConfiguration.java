package org.chainbreaker.repatriation.upstream;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.chainbreaker.repatriation.app.RepatriationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The channel to the fugitive-service ({@code chainbreaker.upstreams.fugitives=host:port}, as for the gateway). */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ManagedChannel fugitivesChannel(@Value("${chainbreaker.upstreams.fugitives}") String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalStateException("chainbreaker.upstreams.fugitives must be host:port, not " + address);
        }
        // Plain text inside the cluster, as between the gateway and the services (mTLS is the mesh's concern).
        return ManagedChannelBuilder.forAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
                .usePlaintext()
                .build();
    }

    @Bean
    GrpcFugitiveRecords fugitiveRecords(ManagedChannel fugitivesChannel, RepatriationProperties properties) {
        return new GrpcFugitiveRecords(fugitivesChannel, properties.fugitives());
    }
}
