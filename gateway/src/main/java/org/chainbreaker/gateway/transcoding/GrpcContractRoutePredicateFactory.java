package org.chainbreaker.gateway.transcoding;

import java.util.List;
import java.util.function.Predicate;
import org.springframework.cloud.gateway.handler.predicate.AbstractRoutePredicateFactory;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code GrpcContract=<upstream>}: matches a request whose path is one of the upstream's HTTP
 * bindings in the contract (whatever its method, so that a wrong method gets 405 from the route,
 * not 404). The routes come from the descriptors, so a new annotated RPC needs no change to the
 * gateway's configuration. The resolution is left on the exchange for {@code GrpcTranscoding}, so
 * the path is matched once.
 */
class GrpcContractRoutePredicateFactory
        extends AbstractRoutePredicateFactory<GrpcContractRoutePredicateFactory.Config> {

    private final RouteTable routes;

    GrpcContractRoutePredicateFactory(RouteTable routes) {
        super(Config.class);
        this.routes = routes;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("upstream");
    }

    @Override
    public Predicate<ServerWebExchange> apply(Config config) {
        String upstream = config.getUpstream();
        return exchange -> {
            RouteTable.Resolution resolution =
                    routes.resolve(
                            upstream,
                            exchange.getRequest().getMethod().name(),
                            exchange.getRequest().getURI().getRawPath());
            if (resolution instanceof RouteTable.NotFound) {
                return false;
            }
            exchange.getAttributes().put(RestTranscoder.RESOLUTION, resolution);
            return true;
        };
    }

    /** Configuration: which upstream's bindings to match. */
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
