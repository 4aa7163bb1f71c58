package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders with kubectl kustomize, into objects with unique ids. */
class OverlayRenderingTest {

    static java.util.stream.Stream<Overlays.Overlay> overlays() {
        return Overlays.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void overlay_renders_with_kubectl_kustomize(Overlays.Overlay overlay) {
        List<Map<String, Object>> objects = Overlays.render(overlay);
        assertThat(objects)
                .isNotEmpty()
                .allSatisfy(
                        o -> {
                            assertThat(o).containsKeys("apiVersion", "kind", "metadata");
                            assertThat(Yaml.meta(o).get("name")).isNotNull();
                        });
        assertThat(objects)
                .extracting(o -> o.get("kind"))
                .contains(
                        "Deployment",
                        "Service",
                        "ServiceAccount",
                        "ConfigMap",
                        "PodDisruptionBudget",
                        "HorizontalPodAutoscaler",
                        "NetworkPolicy",
                        "HTTPRoute",
                        "GRPCRoute",
                        "Namespace");
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        objects.forEach(o -> byId.put(Yaml.id(o), o));
        assertThat(byId).as("object ids").hasSameSizeAs(objects);
    }
}
