package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.k8s.Manifests.configMap;
import static org.chainbreaker.k8s.Manifests.find;
import static org.chainbreaker.k8s.Manifests.names;
import static org.chainbreaker.k8s.Manifests.ofKind;
import static org.chainbreaker.k8s.ServiceReach.METRICS_PORT;
import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.util.List;
import java.util.Map;
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
        assertThat(ServiceReach.violations(Overlays.render(overlay))).isEmpty();
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
