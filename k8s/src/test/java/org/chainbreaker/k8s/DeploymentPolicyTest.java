package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.k8s.Kustomize.list;
import static org.chainbreaker.k8s.Kustomize.map;
import static org.chainbreaker.k8s.Kustomize.meta;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay meets the deployment policy, and each overlay is what it says it is. */
class DeploymentPolicyTest {

    private static final List<String> OURS = List.of("gateway", "case-service", "fugitive-service",
            "repatriation-service", "keycloak");
    private static final Map<String, String> DATABASE = Map.of("case-service", "cases-db",
            "fugitive-service", "fugitives-db", "repatriation-service", "repatriation-db", "keycloak", "keycloak-db");

    static Stream<Overlays.Overlay> overlays() {
        return Overlays.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void overlayMeetsEveryDeploymentRule(Overlays.Overlay overlay) {
        assertThat(DeploymentPolicy.check(Overlays.render(overlay), overlay.isDev())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyComponentIsDeployed(Overlays.Overlay overlay) {
        List<Map<String, Object>> objects = Overlays.render(overlay);
        for (String kind : List.of("Deployment", "Service", "ServiceAccount", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "NetworkPolicy")) {
            assertThat(names(objects, kind)).as(kind).containsAll(OURS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void onlyTheGatewayReachesTheServices(Overlays.Overlay overlay) {
        List<Map<String, Object>> objects = Overlays.render(overlay);
        for (String service : List.of("case-service", "fugitive-service", "repatriation-service")) {
            for (Map<String, Object> np : selecting(objects, service)) {
                for (Object rule : list(map(np.get("spec")).get("ingress"))) {
                    for (Object peer : list(map(rule).get("from"))) {
                        assertThat(map(peer)).as("ingress peer of %s in %s", service, meta(np).get("name"))
                                .isEqualTo(Map.of("podSelector",
                                        Map.of("matchLabels", Map.of("app.kubernetes.io/name", "gateway"))));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void eachComponentReachesOnlyItsOwnDatabase(Overlays.Overlay overlay) {
        List<Map<String, Object>> objects = Overlays.render(overlay);
        boolean cnpg = !names(objects, "Cluster").isEmpty();
        for (Map.Entry<String, String> e : DATABASE.entrySet()) {
            List<Object> peers = selecting(objects, e.getKey()).stream()
                    .flatMap(np -> list(map(np.get("spec")).get("egress")).stream())
                    .filter(rule -> list(map(rule).get("ports")).stream().anyMatch(p -> Integer.valueOf(5432)
                            .equals(map(p).get("port"))))
                    .flatMap(rule -> list(map(rule).get("to")).stream()).toList();
            assertThat(peers).as("database egress of %s", e.getKey()).isNotEmpty();
            for (Object peer : peers) {
                if (cnpg) {
                    assertThat(map(peer)).isEqualTo(Map.of("podSelector",
                            Map.of("matchLabels", Map.of("cnpg.io/cluster", e.getValue()))));
                } else {
                    assertThat(map(peer)).containsOnlyKeys("ipBlock");
                }
            }
        }
    }

    @Test
    void devRunsOneReplicaOfEverything() {
        List<Map<String, Object>> objects = Overlays.render(Overlays.named("dev"));
        assertThat(ofKind(objects, "HorizontalPodAutoscaler"))
                .allSatisfy(h -> assertThat(map(h.get("spec")).get("minReplicas")).isEqualTo(1));
        assertThat(ofKind(objects, "Cluster"))
                .allSatisfy(c -> assertThat(map(c.get("spec")).get("instances")).isEqualTo(1));
    }

    @Test
    void productionRunsSeveralReplicasAndHighlyAvailablePostgres() {
        List<Map<String, Object>> objects = Overlays.render(Overlays.named("production"));
        assertThat(ofKind(objects, "HorizontalPodAutoscaler"))
                .allSatisfy(h -> assertThat((Integer) map(h.get("spec")).get("minReplicas")).isGreaterThanOrEqualTo(2));
        assertThat(names(objects, "Cluster")).containsExactlyInAnyOrder("cases-db", "fugitives-db",
                "repatriation-db", "keycloak-db");
        assertThat(ofKind(objects, "Cluster"))
                .allSatisfy(c -> assertThat(map(c.get("spec")).get("instances")).isEqualTo(3));
        assertThat(names(objects, "ServiceMonitor")).contains("gateway", "keycloak");
    }

    @Test
    void productionWithExternalPostgresHasNoInClusterDatabase() {
        List<Map<String, Object>> objects = Overlays.render(Overlays.named(Overlays.PRODUCTION_EXTERNAL));
        assertThat(names(objects, "Cluster")).isEmpty();
        assertThat(objects.toString()).doesNotContain("-db-rw");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void productionCommitsNoSecretAndTheAppRoleCannotBypassRowLevelSecurity(Overlays.Overlay overlay) {
        List<Map<String, Object>> objects = Overlays.render(overlay);
        if (!overlay.isDev()) {
            assertThat(names(objects, "Secret")).isEmpty();
        }
        for (Map<String, Object> cluster : ofKind(objects, "Cluster")) {
            for (Object role : list(map(map(cluster.get("spec")).get("managed")).get("roles"))) {
                assertThat(map(role)).containsEntry("bypassrls", false).containsEntry("superuser", false);
            }
        }
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static List<Object> names(List<Map<String, Object>> objects, String kind) {
        return ofKind(objects, kind).stream().map(o -> meta(o).get("name")).toList();
    }

    private static List<Map<String, Object>> selecting(List<Map<String, Object>> objects, String app) {
        return ofKind(objects, "NetworkPolicy").stream()
                .filter(np -> {
                    Map<String, Object> selector = map(map(np.get("spec")).get("podSelector"));
                    return !selector.isEmpty() && DeploymentPolicy.selects(selector,
                            Map.of("app.kubernetes.io/name", app, "app.kubernetes.io/part-of", "chainbreaker"));
                }).toList();
    }
}
