package org.chainbreaker.gateway;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings.
 *
 * @param upstreams where each service listens for gRPC ({@code host:port}), by the middle segment
 *     of its proto package: {@code chainbreaker.cases.v1} is served by {@code upstreams.cases}
 * @param gateway how the gateway serves
 */
@ConfigurationProperties("chainbreaker")
public record GatewayProperties(Map<String, String> upstreams, Gateway gateway) {

    public GatewayProperties {
        upstreams = upstreams == null ? Map.of() : Map.copyOf(upstreams);
        gateway = gateway == null ? new Gateway(null, null, null, null, null) : gateway;
    }

    /**
     * @param grpcPort the port of the gateway's gRPC face (reserved; nothing is served on it yet)
     * @param deadline how long an upstream call may take before the client gets 504 (default 10 s)
     * @param maxBodySize the largest request body accepted (default 1 MB)
     * @param resilience circuit breakers and bulkheads per service
     * @param maxStreamMessages the most messages one REST call of a client-streaming RPC may send
     *     (the elements of its JSON array body; default 10,000; the body size limit applies too)
     */
    public record Gateway(
            Integer grpcPort,
            Duration deadline,
            DataSize maxBodySize,
            Resilience resilience,
            Integer maxStreamMessages) {

        public Gateway {
            deadline = deadline == null ? Duration.ofSeconds(10) : deadline;
            maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
            resilience = resilience == null ? new Resilience(0, 0, 0, null, 0, 0, 0) : resilience;
            maxStreamMessages =
                    maxStreamMessages == null || maxStreamMessages <= 0
                            ? 10_000
                            : maxStreamMessages;
        }
    }

    /**
     * @param failureRateThreshold percentage of faulty calls (of the last {@code slidingWindow})
     *     that opens a breaker
     * @param slidingWindow how many recent calls the failure rate is computed over
     * @param minimumCalls calls needed before the failure rate counts
     * @param openWait how long an open breaker refuses calls before letting a few through
     * @param halfOpenCalls trial calls let through after the wait; they decide between closing and
     *     opening
     * @param maxConcurrentCalls bulkhead: unary calls in flight per service; more are refused at
     *     once
     * @param idempotentRetries extra attempts for idempotent (GET) calls that found the service
     *     unreachable
     */
    public record Resilience(
            float failureRateThreshold,
            int slidingWindow,
            int minimumCalls,
            Duration openWait,
            int halfOpenCalls,
            int maxConcurrentCalls,
            Integer idempotentRetries) {

        public Resilience {
            failureRateThreshold = failureRateThreshold <= 0 ? 50 : failureRateThreshold;
            slidingWindow = slidingWindow <= 0 ? 20 : slidingWindow;
            minimumCalls = minimumCalls <= 0 ? 10 : minimumCalls;
            openWait = openWait == null ? Duration.ofSeconds(10) : openWait;
            halfOpenCalls = halfOpenCalls <= 0 ? 3 : halfOpenCalls;
            maxConcurrentCalls = maxConcurrentCalls <= 0 ? 256 : maxConcurrentCalls;
            idempotentRetries = idempotentRetries == null ? 2 : Math.max(0, idempotentRetries);
        }
    }
}
