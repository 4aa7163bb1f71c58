package org.chainbreaker.benchmarks;

import io.grpc.ManagedChannel;
import java.util.List;
import java.util.function.Consumer;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.devstack.Suite;

/**
 * The three GetCase paths of {@link GatewayBenchmark} (gRPC straight to the case-service, REST and
 * gRPC through the gateway) against another build's processes ({@code --before}), named with the
 * build's label. The case is the same: both builds share the database.
 */
final class BuildPaths {

    private BuildPaths() {}

    static List<GatewayBenchmark.Path> of(
            ServiceReads.Build build,
            Tokens tokens,
            GetCaseRequest get,
            String restPath,
            int concurrency,
            List<AutoCloseable> resources) {
        Suite suite = build.suite();
        String label = " " + build.label();
        ManagedChannel direct = GatewayBenchmark.channel(suite.backendTarget("case-service"));
        ManagedChannel viaGateway = GatewayBenchmark.channel(suite.grpcTarget());
        resources.add(direct::shutdownNow);
        resources.add(viaGateway::shutdownNow);
        return List.of(
                GatewayBenchmark.grpcPath(
                        "gRPC straight to case-service" + label, direct, tokens, get),
                named(
                        GatewayBenchmark.nettyRestPath(
                                suite.restUrl(), restPath, tokens, concurrency, resources),
                        label),
                GatewayBenchmark.grpcPath(
                        "gRPC through the gateway" + label, viaGateway, tokens, get));
    }

    private static GatewayBenchmark.Path named(GatewayBenchmark.Path path, String label) {
        return new GatewayBenchmark.Path() {
            @Override
            public String name() {
                return path.name() + label;
            }

            @Override
            public void call(Consumer<String> done) {
                path.call(done);
            }
        };
    }
}
