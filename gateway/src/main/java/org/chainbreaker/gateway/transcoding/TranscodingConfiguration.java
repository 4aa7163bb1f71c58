package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.List;
import org.chainbreaker.gateway.GatewayProperties;
import org.chainbreaker.gateway.observability.TraceHeaders;
import org.chainbreaker.gateway.resilience.UpstreamGuards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the route table from the contract once, at start-up, and the pieces that serve it. */
@Configuration(proxyBeanMethods = false)
class TranscodingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TranscodingConfiguration.class);

    @Bean
    ContractFiles contractFiles() {
        return new ContractFiles(Contract.load(TranscodingConfiguration.class.getClassLoader()));
    }

    @Bean
    RouteTable routeTable(ContractFiles contract, GatewayProperties properties) {
        RouteTable table = RouteTable.from(contract.files());
        for (String upstream : table.upstreams()) {
            log.info(
                    "Transcoding for '{}' ({}): {}",
                    upstream,
                    properties.upstreams().getOrDefault(upstream, "no address configured"),
                    table.routes(upstream));
        }
        return table;
    }

    @Bean(destroyMethod = "close")
    Upstreams upstreams(
            GatewayProperties properties,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        Tracer current = tracer.getIfAvailable();
        Propagator headers = propagator.getIfAvailable();
        return new Upstreams(
                properties.upstreams(),
                current == null || headers == null
                        ? TraceHeaders.none()
                        : new TraceHeaders(current, headers));
    }

    @Bean
    UpstreamGuards upstreamGuards(
            GatewayProperties properties, MeterRegistry meters, Upstreams upstreams) {
        return new UpstreamGuards(properties.gateway().resilience(), meters, upstreams::reconnect);
    }

    @Bean
    RestTranscoder restTranscoder(
            ContractFiles contract,
            RouteTable routes,
            Upstreams upstreams,
            GatewayProperties properties,
            UpstreamGuards guards) {
        TypeRegistry types = typeRegistry(contract.files());
        JsonFormat.Parser parser = JsonFormat.parser().usingTypeRegistry(types);
        JsonFormat.Printer printer =
                JsonFormat.printer()
                        .usingTypeRegistry(types)
                        .alwaysPrintFieldsWithNoPresence()
                        .omittingInsignificantWhitespace();
        return new RestTranscoder(
                routes,
                upstreams,
                new RequestBinder(new JsonBodies(parser), properties.gateway().maxStreamMessages()),
                printer,
                guards,
                new RestTranscoder.Limits(
                        properties.gateway().deadline().toNanos(),
                        (int) properties.gateway().maxBodySize().toBytes(),
                        properties.gateway().resilience().idempotentRetries()));
    }

    @Bean
    GrpcContractRoutePredicateFactory grpcContractRoutePredicateFactory(RouteTable routes) {
        return new GrpcContractRoutePredicateFactory(routes);
    }

    @Bean
    GrpcTranscodingGatewayFilterFactory grpcTranscodingGatewayFilterFactory(
            RestTranscoder transcoder) {
        return new GrpcTranscodingGatewayFilterFactory(transcoder);
    }

    /**
     * Every message type of the contract, so google.protobuf.Any values print and parse; and the
     * standard error details, which services put in the google.rpc.Status of a per-message result
     * (a bulk load's refused record).
     */
    static TypeRegistry typeRegistry(List<FileDescriptor> files) {
        TypeRegistry.Builder registry = TypeRegistry.newBuilder();
        registry.add(com.google.rpc.ErrorDetailsProto.getDescriptor().getMessageTypes());
        for (FileDescriptor file : files) {
            if (!file.getMessageTypes().isEmpty()) {
                // Adds every type of the file and of the files it imports.
                registry.add(file.getMessageTypes().getFirst());
            }
        }
        return registry.build();
    }
}
