package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered object conforms to the Kubernetes model (typed, no unknown fields) or its CRD's
 * schema.
 */
class ManifestModelTest {

    static java.util.stream.Stream<Overlays.Overlay> overlays() {
        return Overlays.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_rendered_object_conforms_strictly_to_its_model(Overlays.Overlay overlay) {
        assertThat(ModelValidator.validateAll(Overlays.render(overlay))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void only_the_operators_custom_resources_lack_a_typed_model(Overlays.Overlay overlay) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<String> generic =
                Overlays.render(overlay).stream()
                        .filter(
                                o ->
                                        serialization.unmarshal(serialization.asJson(o))
                                                instanceof GenericKubernetesResource)
                        .map(o -> o.get("apiVersion") + " " + o.get("kind"))
                        .distinct()
                        .sorted()
                        .toList();
        // Gateway API routes are checked with fabric8's typed gateway-api model, not a hand-kept
        // schema.
        assertThat(generic)
                .isSubsetOf(
                        "monitoring.coreos.com/v1 ServiceMonitor",
                        "monitoring.coreos.com/v1 PodMonitor",
                        "monitoring.coreos.com/v1 PrometheusRule",
                        "postgresql.cnpg.io/v1 Cluster",
                        "postgresql.cnpg.io/v1 ScheduledBackup",
                        "barmancloud.cnpg.io/v1 ObjectStore");
    }

    static Map<String, Object> first(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).findFirst().orElseThrow();
    }
}
