package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The checks cannot pass vacuously: each test breaks one thing in the rendered production overlay
 * (or feeds a deliberately broken manifest) and asserts that the model check or the policy names
 * the fault.
 */
class BrokenManifestsFailTest {

    private static List<Map<String, Object>> production() {
        return Overlays.renderCopy(Overlays.named("production"));
    }

    private static Map<String, Object> find(
            List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(meta(o).get("name")))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Object> container(
            List<Map<String, Object>> objects, String deployment) {
        return map(
                list(map(map(map(find(objects, "Deployment", deployment).get("spec"))
                                                .get("template"))
                                        .get("spec"))
                                .get("containers"))
                        .getFirst());
    }

    private static Map<String, Object> podSpec(
            List<Map<String, Object>> objects, String deployment) {
        return map(
                map(map(find(objects, "Deployment", deployment).get("spec")).get("template"))
                        .get("spec"));
    }

    private static List<String> policyAfter(Consumer<List<Map<String, Object>>> breakage) {
        List<Map<String, Object>> objects = production();
        assertThat(DeploymentPolicy.check(objects, false)).as("before the breakage").isEmpty();
        breakage.accept(objects);
        return DeploymentPolicy.check(objects, false);
    }

    // ---------------------------------------------------------------- the Kubernetes model

    @Test
    void unknown_field_in_a_container_is_rejected() {
        List<Map<String, Object>> objects = production();
        container(objects, "case-service").put("resourcez", Map.of("limits", Map.of("cpu", "1")));
        assertThat(ModelValidator.validate(find(objects, "Deployment", "case-service")))
                .singleElement()
                .asString()
                .contains("unknown field(s) [resourcez]", "containers[0]");
    }

    @Test
    void unknown_field_deep_in_a_policy_is_rejected() {
        List<Map<String, Object>> objects = production();
        Map<String, Object> np = find(objects, "NetworkPolicy", "gateway");
        map(map(list(map(np.get("spec")).get("ingress")).getFirst())).put("fromm", List.of());
        assertThat(ModelValidator.validate(np)).singleElement().asString().contains("[fromm]");
    }

    @Test
    void wrongly_typed_field_is_rejected() {
        List<Map<String, Object>> objects = production();
        Map<String, Object> hpa = find(objects, "HorizontalPodAutoscaler", "gateway");
        map(hpa.get("spec")).put("minReplicas", "three");
        assertThat(ModelValidator.validate(hpa))
                .singleElement()
                .asString()
                .contains("does not read");
    }

    @Test
    void unknown_field_in_a_gateway_api_route_is_rejected() {
        List<Map<String, Object>> objects = production();
        Map<String, Object> route = find(objects, "HTTPRoute", "chainbreaker-rest");
        map(route.get("spec")).put("hostname", "typo.example.org");
        assertThat(ModelValidator.validate(route))
                .singleElement()
                .asString()
                .contains("[hostname]");
    }

    @Test
    void unknown_field_in_a_cloud_native_pg_cluster_is_rejected() {
        List<Map<String, Object>> objects = production();
        Map<String, Object> cluster = find(objects, "Cluster", "cases-db");
        map(map(cluster.get("spec")).get("storage")).put("sise", "10Gi");
        map(map(cluster.get("spec")).get("resources")).put("limitz", Map.of());
        assertThat(ModelValidator.validate(cluster))
                .hasSize(2)
                .anySatisfy(e -> assertThat(e).contains("[sise]"))
                .anySatisfy(e -> assertThat(e).contains("limitz"));
    }

    @Test
    void unknown_field_in_a_service_monitor_is_rejected() {
        List<Map<String, Object>> objects = production();
        Map<String, Object> sm = find(objects, "ServiceMonitor", "gateway");
        map(list(map(sm.get("spec")).get("endpoints")).getFirst()).put("intervall", "5s");
        assertThat(ModelValidator.validate(sm)).singleElement().asString().contains("[intervall]");
    }

    @Test
    void kind_without_model_or_schema_is_rejected() {
        List<Map<String, Object>> docs =
                Yaml.parseDocuments(
                        """
                apiVersion: example.org/v1
                kind: Widget
                metadata: {name: w}
                spec: {size: 1}
                """);
        assertThat(ModelValidator.validate(docs.getFirst()))
                .singleElement()
                .asString()
                .contains("no Kubernetes model");
    }

    // ---------------------------------------------------------------- the deployment policy

    @Test
    void missing_limits_are_a_violation() {
        assertThat(policyAfter(o -> map(container(o, "gateway").get("resources")).remove("limits")))
                .contains(
                        "Deployment gateway, container gateway: no cpu limit",
                        "Deployment gateway, container gateway: no memory limit");
    }

    @Test
    void latest_or_missing_tag_is_a_violation() {
        assertThat(
                        policyAfter(
                                o ->
                                        container(o, "case-service")
                                                .put(
                                                        "image",
                                                        "ghcr.io/chainbreaker/case-service:latest")))
                .hasSize(2)
                .anySatisfy(v -> assertThat(v).contains("latest tag"))
                .anySatisfy(v -> assertThat(v).contains("not pinned by digest"));
        assertThat(
                        policyAfter(
                                o ->
                                        container(o, "case-service")
                                                .put("image", "ghcr.io/chainbreaker/case-service")))
                .hasSize(2)
                .anySatisfy(v -> assertThat(v).contains("has no tag"));
    }

    @Test
    void missing_probe_or_probe_on_an_undeclared_port_is_a_violation() {
        assertThat(policyAfter(o -> container(o, "fugitive-service").remove("readinessProbe")))
                .containsExactly(
                        "Deployment fugitive-service, container fugitive-service: no readinessProbe");
        assertThat(
                        policyAfter(
                                o ->
                                        map(map(container(o, "fugitive-service")
                                                                .get("livenessProbe"))
                                                        .get("grpc"))
                                                .put("port", 9999)))
                .singleElement()
                .asString()
                .contains("port 9999 is not a port of the container");
    }

    @Test
    void root_user_writable_root_or_kept_capabilities_are_violations() {
        assertThat(
                        policyAfter(
                                o ->
                                        map(container(o, "gateway").get("securityContext"))
                                                .put("runAsUser", 0)))
                .singleElement()
                .asString()
                .contains("runAsUser");
        assertThat(
                        policyAfter(
                                o ->
                                        map(container(o, "gateway").get("securityContext"))
                                                .put("readOnlyRootFilesystem", false)))
                .singleElement()
                .asString()
                .contains("readOnlyRootFilesystem");
        assertThat(
                        policyAfter(
                                o ->
                                        map(container(o, "gateway").get("securityContext"))
                                                .put(
                                                        "capabilities",
                                                        Map.of("drop", List.of("NET_RAW")))))
                .singleElement()
                .asString()
                .contains("drop ALL");
        assertThat(
                        policyAfter(
                                o -> {
                                    map(container(o, "gateway").get("securityContext"))
                                            .remove("seccompProfile");
                                    map(podSpec(o, "gateway").get("securityContext"))
                                            .remove("seccompProfile");
                                }))
                .singleElement()
                .asString()
                .contains("seccompProfile");
    }

    @Test
    void plaintext_secrets_are_violations() {
        assertThat(
                        policyAfter(
                                o ->
                                        o.add(
                                                Yaml.parseDocuments(
                                                                """
                apiVersion: v1
                kind: Secret
                metadata: {name: cases-db-app}
                stringData: {password: hunter2}
                """)
                                                        .getFirst())))
                .containsExactly("Secret cases-db-app: carries values in the manifests");
        assertThat(
                        policyAfter(
                                o -> {
                                    List<Object> env =
                                            list(container(o, "case-service").get("env"));
                                    env.set(
                                            1,
                                            Map.of(
                                                    "name",
                                                    "SPRING_DATASOURCE_PASSWORD",
                                                    "value",
                                                    "hunter2"));
                                }))
                .singleElement()
                .asString()
                .contains("SPRING_DATASOURCE_PASSWORD carries a literal value");
        assertThat(
                        policyAfter(
                                o ->
                                        map(o.stream()
                                                        .filter(
                                                                c ->
                                                                        "ConfigMap"
                                                                                .equals(
                                                                                        c.get(
                                                                                                "kind")))
                                                        .filter(
                                                                c ->
                                                                        String.valueOf(
                                                                                        meta(c).get(
                                                                                                        "name"))
                                                                                .startsWith(
                                                                                        "gateway-"))
                                                        .findFirst()
                                                        .orElseThrow()
                                                        .get("data"))
                                                .put("PARTNER_CLIENT_SECRET", "s3cr3t")))
                .singleElement()
                .asString()
                .contains("PARTNER_CLIENT_SECRET looks like a secret");
    }

    @Test
    void missing_network_policy_disruption_budget_or_autoscaler_is_a_violation() {
        assertThat(policyAfter(o -> o.remove(find(o, "NetworkPolicy", "repatriation-service"))))
                .contains(
                        "Deployment repatriation-service: no NetworkPolicy of its own allows its ingress");
        assertThat(policyAfter(o -> o.remove(find(o, "NetworkPolicy", "default-deny-all"))))
                .singleElement()
                .asString()
                .contains("no default-deny NetworkPolicy");
        assertThat(policyAfter(o -> o.remove(find(o, "PodDisruptionBudget", "gateway"))))
                .containsExactly("Deployment gateway: no PodDisruptionBudget selects its pods");
        assertThat(policyAfter(o -> o.remove(find(o, "HorizontalPodAutoscaler", "keycloak"))))
                .containsExactly("Deployment keycloak: no HorizontalPodAutoscaler scales it");
    }

    @Test
    void service_targeting_an_undeclared_port_is_a_violation() {
        assertThat(
                        policyAfter(
                                o ->
                                        map(list(map(find(o, "Service", "case-service").get("spec"))
                                                                .get("ports"))
                                                        .getFirst())
                                                .put("targetPort", "http")))
                .singleElement()
                .asString()
                .contains("Service case-service: port grpc targets http");
    }

    @Test
    void shutdown_shorter_than_the_drain_is_a_violation() {
        assertThat(policyAfter(o -> podSpec(o, "gateway").put("terminationGracePeriodSeconds", 30)))
                .hasSize(2)
                .allSatisfy(v -> assertThat(v).contains("terminationGracePeriodSeconds"));
    }

    // ---------------------------------------------------------------- metrics and traces

    private static Map<String, Object> rule(String yaml) {
        return Yaml.parseDocuments(yaml).getFirst();
    }

    private static List<Object> ingress(List<Map<String, Object>> objects, String policy) {
        return list(map(find(objects, "NetworkPolicy", policy).get("spec")).get("ingress"));
    }

    @Test
    void component_without_a_metrics_port_or_scrape_is_a_violation() {
        assertThat(
                        policyAfter(
                                o ->
                                        list(container(o, "case-service").get("ports"))
                                                .removeIf(
                                                        p -> "metrics".equals(map(p).get("name")))))
                .contains("Deployment case-service: no container port named metrics")
                .anySatisfy(
                        v ->
                                assertThat(v)
                                        .contains(
                                                "Service case-service: port metrics targets metrics"));
        assertThat(
                        policyAfter(
                                o ->
                                        map(list(container(o, "gateway").get("ports")).getLast())
                                                .put("containerPort", 9465)))
                .containsExactly(
                        "Deployment gateway: container port metrics is 9465, but CHAINBREAKER_METRICS_PORT is 9464");
        assertThat(policyAfter(o -> o.remove(find(o, "ServiceMonitor", "fugitive-service"))))
                .containsExactly(
                        "Deployment fugitive-service: no ServiceMonitor scrapes /metrics on its metrics port");
        assertThat(
                        policyAfter(
                                o ->
                                        map(map(map(find(o, "Deployment", "repatriation-service")
                                                                        .get("spec"))
                                                                .get("template"))
                                                        .get("metadata"))
                                                .remove("annotations")))
                .hasSize(3)
                .allSatisfy(
                        v ->
                                assertThat(v)
                                        .startsWith(
                                                "Deployment repatriation-service: pod annotation prometheus.io/"));
        assertThat(
                        policyAfter(
                                o ->
                                        o.stream()
                                                .filter(c -> "ConfigMap".equals(c.get("kind")))
                                                .filter(
                                                        c ->
                                                                String.valueOf(meta(c).get("name"))
                                                                        .startsWith(
                                                                                "chainbreaker-common-"))
                                                .forEach(
                                                        c ->
                                                                map(c.get("data"))
                                                                        .remove(
                                                                                "CHAINBREAKER_METRICS_PORT"))))
                .hasSize(4)
                .allSatisfy(
                        v ->
                                assertThat(v)
                                        .endsWith(
                                                "CHAINBREAKER_METRICS_PORT is not set, so it serves no metrics"));
        assertThat(
                        policyAfter(
                                o ->
                                        o.stream()
                                                .filter(c -> "ConfigMap".equals(c.get("kind")))
                                                .filter(
                                                        c ->
                                                                String.valueOf(meta(c).get("name"))
                                                                        .startsWith(
                                                                                "chainbreaker-common-"))
                                                .forEach(
                                                        c ->
                                                                map(c.get("data"))
                                                                        .remove(
                                                                                "CHAINBREAKER_METRICS_BIND_ADDRESS"))))
                .hasSize(4)
                .allSatisfy(
                        v ->
                                assertThat(v)
                                        .endsWith(
                                                "so its metrics listen on loopback only and Prometheus cannot scrape them"));
    }

    @Test
    void gateway_metrics_on_the_actuator_or_the_public_port_are_violations() {
        assertThat(
                        policyAfter(
                                o -> {
                                    Map<String, Object> endpoint =
                                            map(
                                                    list(map(find(o, "ServiceMonitor", "gateway")
                                                                            .get("spec"))
                                                                    .get("endpoints"))
                                                            .getFirst());
                                    endpoint.put("port", "http");
                                    endpoint.put("path", "/actuator/prometheus");
                                }))
                .containsExactlyInAnyOrder(
                        "Deployment gateway: no ServiceMonitor scrapes /metrics on its metrics port",
                        "ServiceMonitor gateway: scrapes /actuator/prometheus on a public port (metrics are served on the metrics port only)");
        assertThat(
                        policyAfter(
                                o ->
                                        map(o.stream()
                                                        .filter(
                                                                c ->
                                                                        "ConfigMap"
                                                                                .equals(
                                                                                        c.get(
                                                                                                "kind")))
                                                        .filter(
                                                                c ->
                                                                        String.valueOf(
                                                                                        meta(c).get(
                                                                                                        "name"))
                                                                                .startsWith(
                                                                                        "gateway-"))
                                                        .findFirst()
                                                        .orElseThrow()
                                                        .get("data"))
                                                .put(
                                                        "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE",
                                                        "health,prometheus")))
                .singleElement()
                .asString()
                .contains(
                        "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE=health,prometheus exposes more than health");
        assertThat(
                        policyAfter(
                                o ->
                                        map(list(map(list(map(find(
                                                                                                o,
                                                                                                "HTTPRoute",
                                                                                                "chainbreaker-rest")
                                                                                        .get(
                                                                                                "spec"))
                                                                                .get("rules"))
                                                                        .getFirst())
                                                                .get("backendRefs"))
                                                        .getFirst())
                                                .put("port", 9464)))
                .singleElement()
                .asString()
                .contains(
                        "HTTPRoute chainbreaker-rest: routes to the metrics port of Service gateway");
    }

    @Test
    void metrics_port_open_to_anyone_but_prometheus_is_a_violation() {
        // The gateway may call the services' gRPC port, not scrape them.
        assertThat(
                        policyAfter(
                                o ->
                                        list(map(ingress(o, "case-service").getFirst())
                                                        .get("ports"))
                                                .add(Map.of("protocol", "TCP", "port", 9464))))
                .singleElement()
                .asString()
                .startsWith(
                        "Deployment case-service: its metrics port 9464 is open to {podSelector=");
        // The ingress controller's rule must not grow to the metrics port, by number or by name.
        assertThat(
                        policyAfter(
                                o ->
                                        list(map(ingress(o, "gateway").getFirst()).get("ports"))
                                                .add(Map.of("protocol", "TCP", "port", "metrics"))))
                .singleElement()
                .asString()
                .startsWith(
                        "Deployment gateway: its metrics port 9464 is open to {namespaceSelector=");
        // A rule without ports opens every port, the metrics port included.
        assertThat(
                        policyAfter(
                                o ->
                                        ingress(o, "repatriation-service")
                                                .add(
                                                        rule(
                                                                """
                from:
                  - podSelector: {matchLabels: {app.kubernetes.io/name: case-service}}
                """))))
                .singleElement()
                .asString()
                .startsWith(
                        "Deployment repatriation-service: its metrics port 9464 is open to {podSelector=");
        assertThat(
                        policyAfter(
                                o ->
                                        ingress(o, "fugitive-service")
                                                .add(
                                                        rule(
                                                                """
                ports: [{protocol: TCP, port: 9000, endPort: 9999}]
                """))))
                .singleElement()
                .asString()
                .isEqualTo(
                        "Deployment fugitive-service: an ingress rule opens its metrics port 9464 to every peer");
        // Prometheus reaches the metrics port and nothing else.
        assertThat(
                        policyAfter(
                                o ->
                                        list(map(ingress(o, "metrics-scrape").getFirst())
                                                        .get("ports"))
                                                .add(Map.of("protocol", "TCP", "port", 8080))))
                .hasSize(4)
                .allSatisfy(
                        v ->
                                assertThat(v)
                                        .endsWith(
                                                "the monitoring namespace may reach port 8080, not only metrics"));
        // Without the scrape policy, default deny keeps Prometheus out.
        assertThat(policyAfter(o -> o.remove(find(o, "NetworkPolicy", "metrics-scrape"))))
                .hasSize(4)
                .allSatisfy(
                        v ->
                                assertThat(v)
                                        .endsWith(
                                                "no NetworkPolicy lets Prometheus reach its metrics port 9464"));
    }

    private static List<String> reachAfter(Consumer<List<Map<String, Object>>> breakage) {
        List<Map<String, Object>> objects = production();
        assertThat(DeploymentPolicyTest.reachViolations(objects))
                .as("before the breakage")
                .isEmpty();
        breakage.accept(objects);
        return DeploymentPolicyTest.reachViolations(objects);
    }

    private static List<Object> egress(List<Map<String, Object>> objects, String policy) {
        return list(map(find(objects, "NetworkPolicy", policy).get("spec")).get("egress"));
    }

    @Test
    void service_to_service_flow_that_is_not_declared_is_a_violation() {
        // case-service admitted into repatriation-service's gRPC port, next to the gateway.
        assertThat(
                        reachAfter(
                                o ->
                                        list(map(ingress(o, "repatriation-service").getFirst())
                                                        .get("from"))
                                                .add(
                                                        rule(
                                                                """
                podSelector: {matchLabels: {app.kubernetes.io/name: case-service}}
                """))))
                .singleElement()
                .asString()
                .isEqualTo(
                        "repatriation-service (NetworkPolicy repatriation-service):"
                                + " ingress from {podSelector={matchLabels={app.kubernetes.io/name=case-service}}} on ports [9103] is"
                                + " neither the gateway, nor Prometheus, nor a declared service flow");
        // The same flow as a policy of its own.
        assertThat(
                        reachAfter(
                                o ->
                                        o.add(
                                                rule(
                                                        """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: case-to-repatriation, namespace: chainbreaker}
                spec:
                  podSelector: {matchLabels: {app.kubernetes.io/name: repatriation-service}}
                  policyTypes: [Ingress]
                  ingress:
                    - from: [{podSelector: {matchLabels: {app.kubernetes.io/name: case-service}}}]
                      ports: [{protocol: TCP, port: 9103}]
                """))))
                .singleElement()
                .asString()
                .startsWith(
                        "repatriation-service (NetworkPolicy case-to-repatriation): ingress from {podSelector=");
        // case-service allowed out to repatriation-service.
        assertThat(
                        reachAfter(
                                o ->
                                        egress(o, "case-service")
                                                .add(
                                                        rule(
                                                                """
                to: [{podSelector: {matchLabels: {app.kubernetes.io/name: repatriation-service}}}]
                ports: [{protocol: TCP, port: 9103}]
                """))))
                .containsExactly(
                        "case-service (NetworkPolicy case-service): egress to [repatriation-service] on"
                                + " ports [9103] is not a declared service flow");
        // The reverse of the declared flow, and an upstream nobody declared.
        assertThat(
                        reachAfter(
                                o ->
                                        egress(o, "fugitive-service")
                                                .add(
                                                        rule(
                                                                """
                to: [{podSelector: {matchLabels: {app.kubernetes.io/name: repatriation-service}}}]
                ports: [{protocol: TCP, port: 9103}]
                """))))
                .singleElement()
                .asString()
                .contains("egress to [repatriation-service] on ports [9103]");
        assertThat(
                        reachAfter(
                                o ->
                                        configMapData(o, "case-service")
                                                .put(
                                                        "CHAINBREAKER_UPSTREAMS_REPATRIATION",
                                                        "repatriation-service:9103")))
                .containsExactly(
                        "case-service: configures CHAINBREAKER_UPSTREAMS_REPATRIATION,"
                                + " which is not a declared service flow");
        // The declared flow on more than its port.
        assertThat(
                        reachAfter(
                                o ->
                                        egress(o, "repatriation-service")
                                                .add(
                                                        rule(
                                                                """
                to: [{podSelector: {matchLabels: {app.kubernetes.io/name: fugitive-service}}}]
                """))))
                .singleElement()
                .asString()
                .contains("egress to [fugitive-service] on ports []");
    }

    @Test
    void declared_service_flow_that_the_manifests_do_not_allow_is_a_violation() {
        assertThat(
                        reachAfter(
                                o ->
                                        list(map(ingress(o, "fugitive-service").getFirst())
                                                        .get("from"))
                                                .removeLast()))
                .containsExactly(
                        "declared flow repatriation-service -> fugitive-service:9102: no ingress rule of"
                                + " fugitive-service admits repatriation-service on port 9102");
        assertThat(reachAfter(o -> egress(o, "repatriation-service").removeLast()))
                .containsExactly(
                        "declared flow repatriation-service -> fugitive-service:9102: no egress rule of"
                                + " repatriation-service reaches fugitive-service on port 9102");
        assertThat(
                        reachAfter(
                                o ->
                                        configMapData(o, "repatriation-service")
                                                .remove("CHAINBREAKER_UPSTREAMS_FUGITIVES")))
                .containsExactly(
                        "declared flow repatriation-service -> fugitive-service:9102: repatriation-service has"
                                + " CHAINBREAKER_UPSTREAMS_FUGITIVES=null, not fugitive-service:9102");
    }

    private static Map<String, Object> configMapData(
            List<Map<String, Object>> objects, String name) {
        return map(
                objects.stream()
                        .filter(c -> "ConfigMap".equals(c.get("kind")))
                        .filter(
                                c ->
                                        String.valueOf(meta(c).get("name"))
                                                .matches(name + "-[a-z0-9]{10}"))
                        .findFirst()
                        .orElseThrow()
                        .get("data"));
    }

    @Test
    void traces_without_egress_to_the_collector_or_a_bad_sampling_rate_are_violations() {
        assertThat(policyAfter(o -> o.remove(find(o, "NetworkPolicy", "otlp-egress"))))
                .hasSize(4)
                .allSatisfy(
                        v ->
                                assertThat(v)
                                        .endsWith(
                                                "exports traces to http://otel-collector.observability:4318/v1/traces, but no NetworkPolicy allows egress to port 4318"));
        assertThat(
                        policyAfter(
                                o ->
                                        o.stream()
                                                .filter(c -> "ConfigMap".equals(c.get("kind")))
                                                .filter(
                                                        c ->
                                                                String.valueOf(meta(c).get("name"))
                                                                        .startsWith(
                                                                                "chainbreaker-common-"))
                                                .forEach(
                                                        c ->
                                                                map(c.get("data"))
                                                                        .put(
                                                                                "MANAGEMENT_TRACING_SAMPLING_PROBABILITY",
                                                                                "10"))))
                .hasSize(4)
                .allSatisfy(
                        v ->
                                assertThat(v)
                                        .endsWith(
                                                "MANAGEMENT_TRACING_SAMPLING_PROBABILITY=10 is not between 0 and 1"));
    }

    // ---------------------------------------------------------------- the PKCS#11 token (issue 18)

    @Test
    void service_holding_keys_without_the_pkcs11_wiring_is_a_violation() {
        // Without the PIN the service does not start.
        assertThat(
                        policyAfter(
                                o ->
                                        list(container(o, "case-service").get("env"))
                                                .removeIf(
                                                        e ->
                                                                KeyStorePolicy.PIN_ENV.equals(
                                                                        map(e).get("name")))))
                .singleElement()
                .asString()
                .startsWith(
                        "Deployment case-service, container case-service: no "
                                + KeyStorePolicy.PIN_ENV
                                + " from a Secret");
        // A PIN typed into the manifest is not from a Secret.
        assertThat(
                        policyAfter(
                                o ->
                                        list(container(o, "repatriation-service").get("env"))
                                                .stream()
                                                .map(Yaml::map)
                                                .filter(
                                                        e ->
                                                                KeyStorePolicy.PIN_ENV.equals(
                                                                        e.get("name")))
                                                .forEach(
                                                        e -> {
                                                            e.remove("valueFrom");
                                                            e.put("value", "1234");
                                                        })))
                .singleElement()
                .asString()
                .startsWith(
                        "Deployment repatriation-service, container"
                                + " repatriation-service: no "
                                + KeyStorePolicy.PIN_ENV
                                + " from a Secret");
        // No configuration at all.
        assertThat(
                        policyAfter(
                                o ->
                                        list(container(o, "case-service").get("env"))
                                                .removeIf(
                                                        e ->
                                                                KeyStorePolicy.CONFIG_ENV.equals(
                                                                        map(e).get("name")))))
                .singleElement()
                .asString()
                .contains("no " + KeyStorePolicy.CONFIG_ENV + " naming a file");
        // The configuration from a ConfigMap instead of the Secret.
        assertThat(
                        policyAfter(
                                o ->
                                        list(podSpec(o, "repatriation-service").get("volumes"))
                                                .stream()
                                                .map(Yaml::map)
                                                .filter(v -> "pkcs11-config".equals(v.get("name")))
                                                .forEach(
                                                        v -> {
                                                            v.remove("secret");
                                                            v.put(
                                                                    "configMap",
                                                                    Map.of(
                                                                            "name",
                                                                            "repatriation-service"));
                                                        })))
                .singleElement()
                .asString()
                .contains("is read from volume pkcs11-config, which is not a Secret");
        // No library mounted.
        assertThat(
                        policyAfter(
                                o ->
                                        list(container(o, "case-service").get("volumeMounts"))
                                                .removeIf(
                                                        m ->
                                                                "pkcs11-library"
                                                                        .equals(
                                                                                map(m).get(
                                                                                                "name")))))
                .singleElement()
                .asString()
                .contains("no read-only volume provides the PKCS#11 library");
        // A PIN in a ConfigMap.
        assertThat(
                        policyAfter(
                                o ->
                                        map(o.stream()
                                                        .filter(
                                                                c ->
                                                                        "ConfigMap"
                                                                                .equals(
                                                                                        c.get(
                                                                                                "kind")))
                                                        .filter(
                                                                c ->
                                                                        String.valueOf(
                                                                                        meta(c).get(
                                                                                                        "name"))
                                                                                .startsWith(
                                                                                        "case-service-"))
                                                        .findFirst()
                                                        .orElseThrow()
                                                        .get("data"))
                                                .put(KeyStorePolicy.PIN_ENV, "1234")))
                .singleElement()
                .asString()
                .contains("key " + KeyStorePolicy.PIN_ENV + " carries PKCS#11 settings");
    }

    @Test
    void another_deployment_of_a_service_holding_keys_needs_the_wiring_too() {
        assertThat(
                        policyAfter(
                                o -> {
                                    Map<String, Object> gateway = container(o, "gateway");
                                    gateway.put(
                                            "image",
                                            "ghcr.io/chainbreaker/case-service@sha256:"
                                                    + "0".repeat(64));
                                }))
                .anySatisfy(
                        v ->
                                assertThat(v)
                                        .startsWith(
                                                "Deployment gateway, container gateway: no "
                                                        + KeyStorePolicy.PIN_ENV));
    }
}
