package org.chainbreaker.gateway.transcoding;

import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;

/**
 * {@code GrpcTranscoding=<upstream>}: answers the request by calling the upstream's RPC over gRPC,
 * instead of forwarding it over HTTP. It ends the filter chain, so filters declared before it in a
 * route (circuit breakers, rate limiters) wrap the call. Without an upstream it matches the path
 * against every upstream's bindings.
 */
class GrpcTranscodingGatewayFilterFactory
        extends AbstractGatewayFilterFactory<GrpcTranscodingGatewayFilterFactory.Config> {

    private final RestTranscoder transcoder;

    GrpcTranscodingGatewayFilterFactory(RestTranscoder transcoder) {
        super(Config.class);
        this.transcoder = transcoder;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("upstream");
    }

    @Override
    public GatewayFilter apply(Config config) {
        String upstream = config.getUpstream();
        return (exchange, chain) -> transcoder.handle(exchange, upstream);
    }

    /** Configuration: the upstream whose bindings this route serves. */
    public static class Config {

        private String upstream;

        public String getUpstream() {
            return upstream;
        }

        public void setUpstream(String upstream) {
            this.upstream = upstream;
        }
    }
}
