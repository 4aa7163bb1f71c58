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

    static List<Map<String, Object>> production() {
        return Overlays.renderCopy(Overlays.named("production"));
    }

    static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(meta(o).get("name")))
                .findFirst()
                .orElseThrow();
    }

    static Map<String, Object> container(List<Map<String, Object>> objects, String deployment) {
        return map(
                list(map(map(map(find(objects, "Deployment", deployment).get("spec"))
                                                .get("template"))
                                        .get("spec"))
                                .get("containers"))
                        .getFirst());
    }

    static Map<String, Object> podSpec(List<Map<String, Object>> objects, String deployment) {
        return map(
                map(map(find(objects, "Deployment", deployment).get("spec")).get("template"))
                        .get("spec"));
    }

    static List<String> policyAfter(Consumer<List<Map<String, Object>>> breakage) {
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
}
