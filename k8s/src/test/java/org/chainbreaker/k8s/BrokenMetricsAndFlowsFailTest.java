package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.k8s.BrokenManifestsFailTest.container;
import static org.chainbreaker.k8s.BrokenManifestsFailTest.find;
import static org.chainbreaker.k8s.BrokenManifestsFailTest.policyAfter;
import static org.chainbreaker.k8s.BrokenManifestsFailTest.production;
import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The checks of metrics, traces and service-to-service flows cannot pass vacuously: each test
 * breaks one thing in the rendered production overlay and asserts that the policy names the fault
 * (helpers in {@link BrokenManifestsFailTest}).
 */
class BrokenMetricsAndFlowsFailTest {

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
        assertThat(ServiceReach.violations(objects)).as("before the breakage").isEmpty();
        breakage.accept(objects);
        return ServiceReach.violations(objects);
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
        // The reverse of a declared flow (case-service to fugitive-service), and an upstream nobody
        // declared.
        assertThat(
                        reachAfter(
                                o ->
                                        egress(o, "fugitive-service")
                                                .add(
                                                        rule(
                                                                """
                to: [{podSelector: {matchLabels: {app.kubernetes.io/name: case-service}}}]
                ports: [{protocol: TCP, port: 9101}]
                """))))
                .singleElement()
                .asString()
                .contains("egress to [case-service] on ports [9101]");
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
}
