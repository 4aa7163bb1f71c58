package org.chainbreaker.gateway.transcoding;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plaintext gRPC channel per upstream service ({@code
 * chainbreaker.upstreams.<name>=host:port}), shut down when the gateway closes. Responses are
 * handled on the channel's own event loop (direct executor): the work after a response (printing
 * JSON, writing it out) is short and never blocks.
 */
public final class Upstreams implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Upstreams.class);

    private final Map<String, RoundRobin> channels;
    private final List<ManagedChannel> all = new ArrayList<>();

    /**
     * @param traceHeaders carries the trace of the request being served into each call (see {@link
     *     org.chainbreaker.gateway.observability.TraceHeaders})
     */
    public Upstreams(Map<String, String> addresses, ClientInterceptor traceHeaders) {
        // Several connections per service: with a direct executor, each connection's answers are
        // handled on its
        // own event-loop thread, so one connection would hold a service's whole REST traffic on one
        // core.
        int connections = Math.max(2, Runtime.getRuntime().availableProcessors());
        Map<String, RoundRobin> open = new LinkedHashMap<>();
        addresses.forEach(
                (name, address) -> {
                    ManagedChannel[] pool = new ManagedChannel[connections];
                    for (int i = 0; i < connections; i++) {
                        pool[i] =
                                NettyChannelBuilder.forTarget(address)
                                        .usePlaintext()
                                        .directExecutor()
                                        // Carries the trace of the caller's request into the
                                        // service (W3C traceparent).
                                        .intercept(traceHeaders)
                                        .maxInboundMessageSize(16 * 1024 * 1024)
                                        .build();
                        all.add(pool[i]);
                    }
                    open.put(name, new RoundRobin(pool));
                });
        this.channels = Map.copyOf(open);
    }

    /** The channel to an upstream, or null when none is configured. */
    public Channel channel(String upstream) {
        return channels.get(upstream);
    }

    /**
     * Tries the connections to an upstream again now, cutting short the client's reconnect backoff.
     */
    public void reconnect(String upstream) {
        RoundRobin connections = channels.get(upstream);
        if (connections != null) {
            for (ManagedChannel channel : connections.pool) {
                channel.resetConnectBackoff();
            }
        }
    }

    /** Spreads calls over the connections of one service. */
    private static final class RoundRobin extends Channel {
        private final ManagedChannel[] pool;
        private final AtomicInteger next = new AtomicInteger();

        RoundRobin(ManagedChannel[] pool) {
            this.pool = pool;
        }

        @Override
        public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
            return pool[Math.floorMod(next.getAndIncrement(), pool.length)].newCall(
                    method, options);
        }

        @Override
        public String authority() {
            return pool[0].authority();
        }
    }

    @Override
    public void close() {
        all.forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : all) {
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.shutdownNow();
            }
        }
        log.debug("Closed channels to {}", channels.keySet());
    }
}
