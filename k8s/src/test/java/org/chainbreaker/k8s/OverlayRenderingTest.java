package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders; where kubectl is installed, the Java renderer's output equals kubectl kustomize's. */
class OverlayRenderingTest {

    static java.util.stream.Stream<Overlays.Overlay> overlays() {
        return Overlays.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void overlayRendersWithTheJavaRenderer(Overlays.Overlay overlay) {
        List<Map<String, Object>> objects = Overlays.render(overlay);
        assertThat(objects).isNotEmpty().allSatisfy(o -> {
            assertThat(o).containsKeys("apiVersion", "kind", "metadata");
            assertThat(Kustomize.meta(o).get("name")).isNotNull();
        });
        assertThat(objects).extracting(o -> o.get("kind")).contains("Deployment", "Service", "ServiceAccount",
                "ConfigMap", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "HTTPRoute",
                "GRPCRoute", "Namespace");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void javaRendererEqualsKubectlKustomize(Overlays.Overlay overlay) {
        Optional<Path> kubectl = Overlays.kubectl();
        assumeTrue(kubectl.isPresent(), "kubectl is not on PATH: the Java renderer alone renders the overlays");
        Map<String, Map<String, Object>> expected = byId(Overlays.kubectlKustomize(kubectl.get(), overlay.dir()));
        Map<String, Map<String, Object>> actual = byId(Overlays.render(overlay));
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(actual.get(id)).as(id).isEqualTo(expected.get(id));
        }
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        objects.forEach(o -> out.put(Kustomize.id(o), o));
        assertThat(out).hasSameSizeAs(objects);
        return out;
    }
}
