package org.chainbreaker.gateway;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings.
 *
 * @param upstreams where each service listens for gRPC ({@code host:port}), by the middle segment of its proto
 *                  package: {@code chainbreaker.cases.v1} is served by {@code upstreams.cases}
 * @param gateway   how the gateway serves
 */
@ConfigurationProperties("chainbreaker")
public record GatewayProperties(Map<String, String> upstreams, Gateway gateway) {

    public GatewayProperties {
        upstreams = upstreams == null ? Map.of() : Map.copyOf(upstreams);
        gateway = gateway == null ? new Gateway(null, null, null) : gateway;
    }

    /**
     * @param grpcPort    the port of the gateway's gRPC face (reserved; nothing is served on it yet)
     * @param deadline    how long an upstream call may take before the client gets 504 (default 10 s)
     * @param maxBodySize the largest request body accepted (default 1 MB)
     */
    public record Gateway(Integer grpcPort, Duration deadline, DataSize maxBodySize) {

        public Gateway {
            deadline = deadline == null ? Duration.ofSeconds(10) : deadline;
            maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        }
    }
}
