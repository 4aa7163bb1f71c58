package org.chainbreaker.k8s;

import static org.chainbreaker.k8s.Manifests.configMap;
import static org.chainbreaker.k8s.Manifests.find;
import static org.chainbreaker.k8s.Manifests.ofKind;
import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may reach whom in the cluster: the gateway, Prometheus and the declared service-to-service
 * flows, read from the NetworkPolicies and the services' upstream configuration.
 */
final class ServiceReach {

    static final int METRICS_PORT = 9464;
    private static final Map<String, Object> GATEWAY_PEER =
            Map.of(
                    "podSelector",
                    Map.of("matchLabels", Map.of("app.kubernetes.io/name", "gateway")));
    private static final Map<String, Object> PROMETHEUS_PEER =
            Map.of(
                    "namespaceSelector",
                            Map.of("matchLabels", Map.of("chainbreaker.org/monitoring", "true")),
                    "podSelector",
                            Map.of("matchLabels", Map.of("app.kubernetes.io/name", "prometheus")));
    private static final List<String> SERVICES =
            List.of("case-service", "fugitive-service", "repatriation-service");
    private static final String UPSTREAM_PREFIX = "CHAINBREAKER_UPSTREAMS_";

    /**
     * A gRPC call of one service into another: the callee's Service and port, at the address in the
     * caller's variable.
     */
    record ServiceFlow(String from, String to, int port, String upstreamVariable) {
        String address() {
            return to + ":" + port;
        }

        @Override
        public String toString() {
            return from + " -> " + to + ":" + port;
        }
    }

    /**
     * The service-to-service flows the cluster allows besides the gateway's calls into the
     * services. The one place they are declared: {@link #violations} requires each to be configured
     * and allowed, and every other service-to-service flow to be absent.
     */
    static final List<ServiceFlow> SERVICE_FLOWS =
            List.of(
                    // Fugitive lookups of the repatriation-service (the caller's token forwarded).
                    new ServiceFlow(
                            "repatriation-service",
                            "fugitive-service",
                            9102,
                            "CHAINBREAKER_UPSTREAMS_FUGITIVES"),
                    // Operations read by the case-service when a case is shared with an operation's
                    // members.
                    new ServiceFlow(
                            "case-service",
                            "fugitive-service",
                            9102,
                            "CHAINBREAKER_UPSTREAMS_FUGITIVES"),
                    // The arrest relay: an arrest opens a draft transfer, as the arresting officer.
                    new ServiceFlow(
                            "fugitive-service",
                            "repatriation-service",
                            9103,
                            "CHAINBREAKER_UPSTREAMS_REPATRIATION"));

    private ServiceReach() {}

    /**
     * Who reaches the services: the gateway (on their gRPC ports, never on metrics), Prometheus (on
     * metrics only, by one rule) and the callers of {@link #SERVICE_FLOWS} (on the declared port
     * only), and no one else. A service egresses to another Chainbreaker application only along a
     * declared flow. Each declared flow is configured in its caller ({@code
     * CHAINBREAKER_UPSTREAMS_*}), admitted by the callee and allowed out of the caller; a service
     * configures no upstream that is not declared. Answers with readable violations, none if all
     * holds.
     */
    static List<String> violations(List<Map<String, Object>> objects) {
        List<String> violations = new ArrayList<>();
        Set<ServiceFlow> admitted = new HashSet<>();
        Set<ServiceFlow> allowedOut = new HashSet<>();
        for (String service : SERVICES) {
            int prometheusRules = 0;
            for (Map<String, Object> np : applying(objects, service)) {
                String where = service + " (NetworkPolicy " + meta(np).get("name") + ")";
                for (Object rule : list(map(np.get("spec")).get("ingress"))) {
                    List<Object> ports = ports(rule);
                    List<Object> peers = list(map(rule).get("from"));
                    if (peers.isEmpty()) {
                        violations.add(
                                where + ": an ingress rule admits every peer on ports " + ports);
                    }
                    for (Object peer : peers) {
                        Optional<ServiceFlow> flow =
                                SERVICE_FLOWS.stream()
                                        .filter(
                                                f ->
                                                        f.to().equals(service)
                                                                && namePeer(f.from()).equals(peer))
                                        .findFirst();
                        if (GATEWAY_PEER.equals(peer)) {
                            if (ports.isEmpty() || ports.contains(METRICS_PORT)) {
                                violations.add(
                                        where
                                                + ": the gateway reaches ports "
                                                + (ports.isEmpty() ? "(all)" : ports)
                                                + ", not only gRPC");
                            }
                        } else if (PROMETHEUS_PEER.equals(peer)) {
                            prometheusRules++;
                            if (!ports.equals(List.of(METRICS_PORT))) {
                                violations.add(
                                        where
                                                + ": Prometheus reaches ports "
                                                + ports
                                                + ", not only metrics");
                            }
                        } else if (flow.isPresent()) {
                            if (ports.equals(List.of(flow.get().port()))) {
                                admitted.add(flow.get());
                            } else {
                                violations.add(
                                        where
                                                + ": "
                                                + flow.get().from()
                                                + " is admitted on ports "
                                                + ports
                                                + ", but the declared flow is "
                                                + flow.get());
                            }
                        } else {
                            violations.add(
                                    where
                                            + ": ingress from "
                                            + peer
                                            + " on ports "
                                            + ports
                                            + " is neither the gateway, nor Prometheus, nor a declared service flow");
                        }
                    }
                }
                for (Object rule : list(map(np.get("spec")).get("egress"))) {
                    List<Object> ports = ports(rule);
                    List<Object> peers = list(map(rule).get("to"));
                    if (peers.isEmpty()) {
                        violations.add(
                                where + ": an egress rule reaches every peer on ports " + ports);
                    }
                    for (Object peer : peers) {
                        List<Object> targets = applicationsSelectedBy(objects, map(peer));
                        if (targets.isEmpty()) {
                            continue;
                        }
                        Optional<ServiceFlow> flow =
                                SERVICE_FLOWS.stream()
                                        .filter(
                                                f ->
                                                        f.from().equals(service)
                                                                && namePeer(f.to()).equals(peer))
                                        .findFirst();
                        if (flow.isPresent() && ports.equals(List.of(flow.get().port()))) {
                            allowedOut.add(flow.get());
                        } else {
                            violations.add(
                                    where
                                            + ": egress to "
                                            + targets
                                            + " on ports "
                                            + ports
                                            + " is not a declared service flow");
                        }
                    }
                }
            }
            if (prometheusRules != 1) {
                violations.add(
                        service
                                + ": "
                                + prometheusRules
                                + " rules let Prometheus scrape it, not one");
            }
            for (String key : configMap(objects, service).keySet()) {
                if (key.startsWith(UPSTREAM_PREFIX)
                        && SERVICE_FLOWS.stream()
                                .noneMatch(
                                        f ->
                                                f.from().equals(service)
                                                        && f.upstreamVariable().equals(key))) {
                    violations.add(
                            service
                                    + ": configures "
                                    + key
                                    + ", which is not a declared service flow");
                }
            }
        }
        for (ServiceFlow flow : SERVICE_FLOWS) {
            if (!admitted.contains(flow)) {
                violations.add(
                        "declared flow "
                                + flow
                                + ": no ingress rule of "
                                + flow.to()
                                + " admits "
                                + flow.from()
                                + " on port "
                                + flow.port());
            }
            if (!allowedOut.contains(flow)) {
                violations.add(
                        "declared flow "
                                + flow
                                + ": no egress rule of "
                                + flow.from()
                                + " reaches "
                                + flow.to()
                                + " on port "
                                + flow.port());
            }
            Object address = configMap(objects, flow.from()).get(flow.upstreamVariable());
            if (!flow.address().equals(address)) {
                violations.add(
                        "declared flow "
                                + flow
                                + ": "
                                + flow.from()
                                + " has "
                                + flow.upstreamVariable()
                                + "="
                                + address
                                + ", not "
                                + flow.address());
            }
            if (list(map(find(objects, "Service", flow.to()).get("spec")).get("ports")).stream()
                    .noneMatch(p -> Integer.valueOf(flow.port()).equals(map(p).get("port")))) {
                violations.add(
                        "declared flow "
                                + flow
                                + ": Service "
                                + flow.to()
                                + " has no port "
                                + flow.port());
            }
        }
        return violations;
    }

    private static List<Object> ports(Object rule) {
        return list(map(rule).get("ports")).stream().map(p -> map(p).get("port")).toList();
    }

    private static Map<String, Object> namePeer(String app) {
        return Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", app)));
    }

    /** The gateway and services whose pods a NetworkPolicy peer in their own namespace selects. */
    private static List<Object> applicationsSelectedBy(
            List<Map<String, Object>> objects, Map<String, Object> peer) {
        if (peer.containsKey("namespaceSelector") || peer.containsKey("ipBlock")) {
            return List.of();
        }
        return ManifestRules.applications(objects).stream()
                .filter(d -> ManifestRules.selects(map(peer.get("podSelector")), podLabels(d)))
                .map(d -> meta(d).get("name"))
                .toList();
    }

    /**
     * Every NetworkPolicy whose podSelector selects the pods of a Deployment (an empty selector
     * included).
     */
    private static List<Map<String, Object>> applying(
            List<Map<String, Object>> objects, String deployment) {
        Map<String, Object> labels = podLabels(find(objects, "Deployment", deployment));
        return ofKind(objects, "NetworkPolicy").stream()
                .filter(
                        np ->
                                ManifestRules.selects(
                                        map(map(np.get("spec")).get("podSelector")), labels))
                .toList();
    }

    private static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return map(
                map(map(map(deployment.get("spec")).get("template")).get("metadata"))
                        .get("labels"));
    }
}
