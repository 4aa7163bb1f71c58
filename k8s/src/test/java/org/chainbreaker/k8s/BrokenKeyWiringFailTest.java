package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.k8s.BrokenManifestsFailTest.container;
import static org.chainbreaker.k8s.BrokenManifestsFailTest.podSpec;
import static org.chainbreaker.k8s.BrokenManifestsFailTest.policyAfter;
import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The PKCS#11 token wiring of services holding keys cannot pass vacuously: each test breaks the
 * wiring in the rendered production overlay and asserts that the policy names the fault (helpers in
 * {@link BrokenManifestsFailTest}).
 */
class BrokenKeyWiringFailTest {

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
