package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay meets the deployment policy, and each overlay is what it says it is. */
class DeploymentPolicyTest {

    private static final List<String> OURS =
            List.of(
                    "gateway",
                    "case-service",
                    "fugitive-service",
                    "repatriation-service",
                    "keycloak");
    private static final List<String> APPLICATIONS =
            List.of("gateway", "case-service", "fugitive-service", "repatriation-service");
    private static final int METRICS_PORT = 9464;
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
     * services. The one place they are declared: {@link #reachViolations} requires each to be
     * configured and allowed, and every other service-to-service flow to be absent.
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

    private static final Map<String, String> DATABASE =
            Map.of(
                    "case-service",
                    "cases-db",
                    "fugitive-service",
                    "fugitives-db",
                    "repatriation-service",
                    "repatriation-db",
                    "keycloak",
                    "keycloak-db");

    static Stream<Overlays.Overlay> overlays() {
        return Overlays.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void overlay_meets_every_deployment_rule(Overlays.Overlay overlay) {
        assertThat(DeploymentPolicy.check(Overlays.render(overlay), overlay.isDev())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_component_is_deployed(Overlays.Overlay overlay) {
        List<Map<String, Object>> objects = Overlays.render(overlay);
        for (String kind :
                List.of(
                        "Deployment",
                        "Service",
                        "ServiceAccount",
                        "PodDisruptionBudget",
                        "HorizontalPodAutoscaler",
                        "NetworkPolicy")) {
            assertThat(names(objects, kind)).as(kind).containsAll(OURS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void
            only_the_gateway_and_the_declared_service_flows_reach_the_services_and_only_prometheus_their_metrics(
                    Overlays.Overlay overlay) {
        assertThat(reachViolations(Overlays.render(overlay))).isEmpty();
    }

    /**
     * Who reaches the services: the gateway (on their gRPC ports, never on metrics), Prometheus (on
     * metrics only, by one rule) and the callers of {@link #SERVICE_FLOWS} (on the declared port
     * only), and no one else. A service egresses to another Chainbreaker application only along a
     * declared flow. Each declared flow is configured in its caller ({@code
     * CHAINBREAKER_UPSTREAMS_*}), admitted by the callee and allowed out of the caller; a service
     * configures no upstream that is not declared. Answers with readable violations, none if all
     * holds.
     */
    static List<String> reachViolations(List<Map<String, Object>> objects) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_application_serves_metrics_on_its_own_port(Overlays.Overlay overlay) {
        List<Map<String, Object>> objects = Overlays.render(overlay);
        // The policy finds the applications by label: make sure it finds all four, so that its
        // metrics rules bite.
        assertThat(ManifestRules.applications(objects))
                .extracting(d -> meta(d).get("name"))
                .containsExactlyInAnyOrderElementsOf(APPLICATIONS);
        Map<String, Object> common = configMap(objects, "chainbreaker-common");
        assertThat(common).containsEntry("CHAINBREAKER_METRICS_PORT", String.valueOf(METRICS_PORT));
        // The applications' default is loopback: in a pod the scrape must listen on every
        // interface, and the
        // NetworkPolicy rules checked by the policy are what let Prometheus alone in.
        assertThat(common).containsEntry("CHAINBREAKER_METRICS_BIND_ADDRESS", "0.0.0.0");
        for (String app : APPLICATIONS) {
            Map<String, Object> deployment = find(objects, "Deployment", app);
            Map<String, Object> template = map(map(deployment.get("spec")).get("template"));
            assertThat(map(map(template.get("metadata")).get("annotations")))
                    .as(app)
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", "9464")
                    .containsEntry("prometheus.io/path", "/metrics");
            assertThat(
                            list(
                                    map(list(map(template.get("spec")).get("containers"))
                                                    .getFirst())
                                            .get("ports")))
                    .as(app)
                    .contains(
                            Map.of(
                                    "name",
                                    "metrics",
                                    "containerPort",
                                    METRICS_PORT,
                                    "protocol",
                                    "TCP"));
            assertThat(list(map(find(objects, "Service", app).get("spec")).get("ports")))
                    .as(app)
                    .anySatisfy(
                            p ->
                                    assertThat(map(p))
                                            .containsEntry("name", "metrics")
                                            .containsEntry("port", METRICS_PORT)
                                            .containsEntry("targetPort", "metrics"));
        }
        // The gateway's public port exposes health, never the scrape.
        assertThat(configMap(objects, "gateway"))
                .containsEntry("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void each_component_reaches_only_its_own_database(Overlays.Overlay overlay) {
        List<Map<String, Object>> objects = Overlays.render(overlay);
        boolean cnpg = !names(objects, "Cluster").isEmpty();
        for (Map.Entry<String, String> e : DATABASE.entrySet()) {
            List<Object> peers =
                    selecting(objects, e.getKey()).stream()
                            .flatMap(np -> list(map(np.get("spec")).get("egress")).stream())
                            .filter(
                                    rule ->
                                            list(map(rule).get("ports")).stream()
                                                    .anyMatch(
                                                            p ->
                                                                    Integer.valueOf(5432)
                                                                            .equals(
                                                                                    map(p).get(
                                                                                                    "port"))))
                            .flatMap(rule -> list(map(rule).get("to")).stream())
                            .toList();
            assertThat(peers).as("database egress of %s", e.getKey()).isNotEmpty();
            for (Object peer : peers) {
                if (cnpg) {
                    assertThat(map(peer))
                            .isEqualTo(
                                    Map.of(
                                            "podSelector",
                                            Map.of(
                                                    "matchLabels",
                                                    Map.of("cnpg.io/cluster", e.getValue()))));
                } else {
                    assertThat(map(peer)).containsOnlyKeys("ipBlock");
                }
            }
        }
    }

    @Test
    void dev_runs_one_replica_of_everything() {
        List<Map<String, Object>> objects = Overlays.render(Overlays.named("dev"));
        assertThat(ofKind(objects, "HorizontalPodAutoscaler"))
                .allSatisfy(h -> assertThat(map(h.get("spec")).get("minReplicas")).isEqualTo(1));
        assertThat(ofKind(objects, "Cluster"))
                .allSatisfy(c -> assertThat(map(c.get("spec")).get("instances")).isEqualTo(1));
    }

    @Test
    void production_runs_several_replicas_and_highly_available_postgres() {
        List<Map<String, Object>> objects = Overlays.render(Overlays.named("production"));
        assertThat(ofKind(objects, "HorizontalPodAutoscaler"))
                .allSatisfy(
                        h ->
                                assertThat((Integer) map(h.get("spec")).get("minReplicas"))
                                        .isGreaterThanOrEqualTo(2));
        assertThat(names(objects, "Cluster"))
                .containsExactlyInAnyOrder(
                        "cases-db", "fugitives-db", "repatriation-db", "keycloak-db");
        assertThat(ofKind(objects, "Cluster"))
                .allSatisfy(c -> assertThat(map(c.get("spec")).get("instances")).isEqualTo(3));
        assertThat(names(objects, "ServiceMonitor"))
                .containsExactlyInAnyOrder(
                        "gateway",
                        "case-service",
                        "fugitive-service",
                        "repatriation-service",
                        "keycloak");
        for (String app : APPLICATIONS) {
            Map<String, Object> spec = map(find(objects, "ServiceMonitor", app).get("spec"));
            assertThat(spec.get("selector"))
                    .as(app)
                    .isEqualTo(Map.of("matchLabels", Map.of("app.kubernetes.io/name", app)));
            assertThat(list(spec.get("endpoints")))
                    .as(app)
                    .singleElement()
                    .satisfies(
                            e ->
                                    assertThat(map(e))
                                            .containsEntry("port", "metrics")
                                            .containsEntry("path", "/metrics"));
        }
    }

    @Test
    void production_exports_sampled_traces_to_the_collector_and_dev_exports_none() {
        List<Map<String, Object>> production = Overlays.render(Overlays.named("production"));
        assertThat(configMap(production, "chainbreaker-common"))
                .containsEntry(
                        MetricsRules.OTLP_ENDPOINT_ENV,
                        "http://otel-collector.observability:4318/v1/traces")
                .containsEntry(MetricsRules.SAMPLING_ENV, "0.1");
        Map<String, Object> egress =
                map(find(production, "NetworkPolicy", "otlp-egress").get("spec"));
        assertThat(list(egress.get("policyTypes"))).containsExactly("Egress");
        assertThat(list(egress.get("egress")))
                .singleElement()
                .isEqualTo(
                        Map.of(
                                "to",
                                        List.of(
                                                Map.of(
                                                        "namespaceSelector",
                                                        Map.of(
                                                                "matchLabels",
                                                                Map.of(
                                                                        "chainbreaker.org/tracing",
                                                                        "true")))),
                                "ports", List.of(Map.of("protocol", "TCP", "port", 4318))));
        for (String app : APPLICATIONS) {
            assertThat(selecting(production, app))
                    .extracting(np -> meta(np).get("name"))
                    .as(app)
                    .contains("otlp-egress");
        }
        List<Map<String, Object>> dev = Overlays.render(Overlays.named("dev"));
        assertThat(configMap(dev, "chainbreaker-common"))
                .doesNotContainKeys(MetricsRules.OTLP_ENDPOINT_ENV, MetricsRules.SAMPLING_ENV);
        assertThat(names(dev, "NetworkPolicy")).doesNotContain("otlp-egress");
        assertThat(names(dev, "ServiceMonitor")).isEmpty();
    }

    @Test
    void production_with_external_postgres_has_no_in_cluster_database() {
        List<Map<String, Object>> objects =
                Overlays.render(Overlays.named(Overlays.PRODUCTION_EXTERNAL));
        assertThat(names(objects, "Cluster")).isEmpty();
        assertThat(objects.toString()).doesNotContain("-db-rw");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void production_commits_no_secret_and_the_app_role_cannot_bypass_row_level_security(
            Overlays.Overlay overlay) {
        List<Map<String, Object>> objects = Overlays.render(overlay);
        if (!overlay.isDev()) {
            assertThat(names(objects, "Secret")).isEmpty();
        }
        for (Map<String, Object> cluster : ofKind(objects, "Cluster")) {
            for (Object role : list(map(map(cluster.get("spec")).get("managed")).get("roles"))) {
                assertThat(map(role))
                        .containsEntry("bypassrls", false)
                        .containsEntry("superuser", false);
            }
        }
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return ofKind(objects, kind).stream()
                .filter(o -> name.equals(meta(o).get("name")))
                .findFirst()
                .orElseThrow();
    }

    /** The data of a generated ConfigMap, found by its name without the hash suffix. */
    static Map<String, Object> configMap(List<Map<String, Object>> objects, String name) {
        return map(
                ofKind(objects, "ConfigMap").stream()
                        .filter(
                                c ->
                                        String.valueOf(meta(c).get("name"))
                                                .matches(
                                                        java.util.regex.Pattern.quote(name)
                                                                + "-[a-z0-9]{10}"))
                        .findFirst()
                        .orElseThrow()
                        .get("data"));
    }

    static List<Object> names(List<Map<String, Object>> objects, String kind) {
        return ofKind(objects, kind).stream().map(o -> meta(o).get("name")).toList();
    }

    private static List<Map<String, Object>> selecting(
            List<Map<String, Object>> objects, String app) {
        return ofKind(objects, "NetworkPolicy").stream()
                .filter(
                        np -> {
                            Map<String, Object> selector =
                                    map(map(np.get("spec")).get("podSelector"));
                            return !selector.isEmpty()
                                    && ManifestRules.selects(
                                            selector,
                                            Map.of(
                                                    "app.kubernetes.io/name",
                                                    app,
                                                    "app.kubernetes.io/part-of",
                                                    "chainbreaker"));
                        })
                .toList();
    }
}
