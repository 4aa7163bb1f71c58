package org.chainbreaker.gateway.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A service replica that appears behind a Kubernetes ClusterIP receives the gateway's calls only
 * once the gateway opens new connections: kube-proxy balances connections, not calls. With a
 * maximum connection age on the service's gRPC server
 * (spring.grpc.server.keepalive.connection.max-age in the services' application.yaml), the
 * gateway's upstream channels ({@link Upstreams}, exactly as the gateway builds them) reconnect and
 * reach the new replica; without it they never do. The ClusterIP is played by a TCP proxy that
 * picks a backend per connection, as kube-proxy does.
 */
class NewReplicaReceivesCallsTest {

    @Test
    void with_a_maximum_connection_age_a_new_replica_receives_calls() throws Exception {
        assertThat(callsReachingASecondReplica(Duration.ofMillis(500), Duration.ofSeconds(5)))
                .isPositive();
    }

    @Test
    void without_a_maximum_connection_age_a_new_replica_receives_none() throws Exception {
        // The control: the same calls for a while longer than the other test needs, and the new
        // replica stays idle.
        assertThat(callsReachingASecondReplica(null, Duration.ofMillis(1500))).isZero();
    }

    /**
     * Calls through the gateway's channels for {@code window} after a second replica appears; how
     * many reached it.
     */
    private static int callsReachingASecondReplica(Duration maxAge, Duration window)
            throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        Server a = replica(maxAge, first);
        Server b = replica(maxAge, second);
        try (ClusterIp clusterIp = new ClusterIp(a.getPort());
                Upstreams upstreams =
                        new Upstreams(
                                Map.of("svc", "127.0.0.1:" + clusterIp.port()),
                                org.chainbreaker.gateway.observability.TraceHeaders.none())) {
            HealthGrpc.HealthBlockingStub stub =
                    HealthGrpc.newBlockingStub(upstreams.channel("svc"));
            for (int i = 0; i < 20; i++) {
                stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance());
            }
            assertThat(first.get()).isEqualTo(20);
            clusterIp.add(b.getPort());
            long end = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < end && second.get() == 0) {
                stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance());
                Thread.sleep(20);
            }
            return second.get();
        } finally {
            a.shutdownNow();
            b.shutdownNow();
        }
    }

    private static Server replica(Duration maxAge, AtomicInteger calls) throws IOException {
        NettyServerBuilder builder =
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        if (maxAge != null) {
            builder.maxConnectionAge(maxAge.toMillis(), TimeUnit.MILLISECONDS)
                    .maxConnectionAgeGrace(1, TimeUnit.HOURS);
        }
        ServerInterceptor counting =
                new ServerInterceptor() {
                    @Override
                    public <Q, R> ServerCall.Listener<Q> interceptCall(
                            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                        calls.incrementAndGet();
                        return next.startCall(call, headers);
                    }
                };
        return builder.addService(
                        ServerInterceptors.intercept(
                                new HealthStatusManager().getHealthService(), counting))
                .build()
                .start();
    }

    /** A ClusterIP: each new connection goes to the next backend, round robin, and stays there. */
    private static final class ClusterIp implements AutoCloseable {
        private final ServerSocket socket =
                new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final List<Integer> backends = new CopyOnWriteArrayList<>();
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final AtomicInteger next = new AtomicInteger();

        ClusterIp(int backend) throws IOException {
            backends.add(backend);
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        void add(int backend) {
            backends.add(backend);
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket server =
                            new Socket(
                                    "127.0.0.1",
                                    backends.get(
                                            Math.floorMod(
                                                    next.getAndIncrement(), backends.size())));
                    open.add(client);
                    open.add(server);
                    Thread.ofVirtual().start(() -> pump(client, server));
                    Thread.ofVirtual().start(() -> pump(server, client));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException ignored) {
                // the other side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
