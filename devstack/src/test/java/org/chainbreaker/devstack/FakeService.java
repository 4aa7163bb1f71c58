package org.chainbreaker.devstack;

import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for a service in {@link ServiceProcessTest}: gRPC health on {@code --grpc=<port>}
 * (NOT_SERVING for a moment, then SERVING), {@code /actuator/health} on {@code --http=<port>};
 * {@code --fail} exits at once. As a stand-in in a {@link Suite} it reads the ports the suite gives
 * a backend or the gateway.
 */
public final class FakeService {

    private static final String BACKEND_GRPC = "--spring.grpc.server.port=";
    private static final String GATEWAY_GRPC = "--chainbreaker.gateway.grpc-port=";
    private static final String GATEWAY_HTTP = "--server.port=";

    public static void main(String[] args) throws Exception {
        int grpcPort = 0;
        int httpPort = 0;
        for (String arg : args) {
            if (arg.equals("--fail")) {
                System.out.println("fake service refuses to start: no database");
                System.exit(3);
            } else if (arg.startsWith("--grpc=")) {
                grpcPort = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("--http=")) {
                httpPort = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith(BACKEND_GRPC) || arg.startsWith(GATEWAY_GRPC)) {
                grpcPort = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith(GATEWAY_HTTP)) {
                httpPort = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
            }
        }
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
        Server server =
                NettyServerBuilder.forPort(grpcPort)
                        .addService(health.getHealthService())
                        .build()
                        .start();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        http.createContext(
                "/actuator/health",
                exchange -> {
                    byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        http.start();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    System.out.println("fake service stopping");
                                    http.stop(0);
                                    server.shutdownNow();
                                }));
        System.out.println("fake service listening");
        Thread.sleep(1500);
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        server.awaitTermination();
    }
}
