package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java renderer's own behaviour, on small kustomizations, independent of kubectl. */
class KustomizeRendererTest {

    @TempDir
    Path dir;

    @Test
    void nameSuffixHashEqualsKustomizesForAKnownConfigMap() {
        // kubectl kustomize (Kustomize v5.5) names a ConfigMap generated from literal A=<b>&c "x-h5hgk262k6".
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("kind", "ConfigMap");
        cm.put("data", Map.of("A", "<b>&c"));
        assertThat(Kustomize.hash(cm)).isEqualTo("h5hgk262k6");
    }

    @Test
    void generatedConfigMapIsHashedAndReferencesFollowTheNewName() throws IOException {
        write("kustomization.yaml", """
                namespace: ns
                resources: [deployment.yaml]
                configMapGenerator:
                  - name: x
                    literals: ["A=<b>&c"]
                """);
        write("deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      containers:
                        - name: c
                          image: i:1
                          envFrom: [{configMapRef: {name: x}}]
                """);
        List<Map<String, Object>> out = Kustomize.build(dir);
        assertThat(out).extracting(o -> Kustomize.meta(o).get("name")).containsExactly("d", "x-h5hgk262k6");
        assertThat(out.getFirst().toString()).contains("name=x-h5hgk262k6");
        assertThat(out).allSatisfy(o -> assertThat(Kustomize.meta(o)).containsEntry("namespace", "ns"));
    }

    @Test
    void jsonPatchesReachEveryTargetAndImagesAreRetagged() throws IOException {
        write("kustomization.yaml", """
                resources: [hpa.yaml]
                images:
                  - name: ghcr.io/x/app
                    newTag: "2.0"
                patches:
                  - target: {kind: HorizontalPodAutoscaler, name: "(a|b)"}
                    patch: |-
                      - op: replace
                        path: /spec/minReplicas
                        value: 3
                """);
        write("hpa.yaml", """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: a}
                spec: {minReplicas: 1}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: b}
                spec: {minReplicas: 1}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: c}
                spec: {minReplicas: 1}
                """);
        List<Map<String, Object>> out = Kustomize.build(dir);
        assertThat(out).extracting(o -> Kustomize.map(o.get("spec")).get("minReplicas")).containsExactly(3, 3, 1);
        assertThat(Kustomize.retag("ghcr.io/x/app:1.0", Map.of("name", "ghcr.io/x/app", "newTag", "2.0")))
                .isEqualTo("ghcr.io/x/app:2.0");
        assertThat(Kustomize.retag("ghcr.io/x/other:1.0", Map.of("name", "ghcr.io/x/app", "newTag", "2.0")))
                .isEqualTo("ghcr.io/x/other:1.0");
    }

    @Test
    void patchThatMatchesNothingIsAnError() throws IOException {
        write("kustomization.yaml", """
                resources: []
                patches:
                  - target: {kind: Deployment, name: missing}
                    patch: "[{op: remove, path: /spec}]"
                """);
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("matches no resource");
    }

    @Test
    void featuresOutsideTheProvenSubsetAreRefused() throws IOException {
        write("kustomization.yaml", "commonLabels: {a: b}\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("commonLabels");
        write("kustomization.yaml", """
                patches:
                  - target: {kind: Deployment}
                    patch: |-
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata: {name: d}
                """);
        assertThatThrownBy(() -> Kustomize.build(dir)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("strategic-merge");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
