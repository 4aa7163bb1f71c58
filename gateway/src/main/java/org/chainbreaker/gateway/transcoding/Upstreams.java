package org.chainbreaker.gateway.transcoding;

import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor;
import io.micrometer.observation.ObservationRegistry;
import io.grpc.netty.NettyChannelBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plaintext gRPC channel per upstream service ({@code chainbreaker.upstreams.<name>=host:port}), shut down
 * when the gateway closes. Responses are handled on the channel's own event loop (direct executor): the work
 * after a response (printing JSON, writing it out) is short and never blocks.
 */
public final class Upstreams implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Upstreams.class);

    private final Map<String, ManagedChannel> channels;

    Upstreams(Map<String, String> addresses, ObservationRegistry observations) {
        Map<String, ManagedChannel> open = new LinkedHashMap<>();
        addresses.forEach((name, address) -> open.put(name, NettyChannelBuilder.forTarget(address)
                .usePlaintext()
                .directExecutor()
                // Carries the trace of the caller's request into the service (W3C traceparent).
                .intercept(new ObservationGrpcClientInterceptor(observations))
                .maxInboundMessageSize(16 * 1024 * 1024)
                .build()));
        this.channels = Map.copyOf(open);
    }

    /** The channel to an upstream, or null when none is configured. */
    public ManagedChannel channel(String upstream) {
        return channels.get(upstream);
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdown);
        for (Map.Entry<String, ManagedChannel> entry : channels.entrySet()) {
            try {
                if (!entry.getValue().awaitTermination(5, TimeUnit.SECONDS)) {
                    entry.getValue().shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                entry.getValue().shutdownNow();
            }
        }
        log.debug("Closed channels to {}", channels.keySet());
    }
}
