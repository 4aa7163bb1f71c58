package org.chainbreaker.k8s;

import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The services that hold keys in a PKCS#11 token (case- and repatriation-service seal protected
 * fields, and they and the fugitive-service sign audit checkpoints; all import the platform's
 * KeyStoreConfiguration) do not start without it. A Deployment running one of their images must
 * give its container the SunPKCS11 configuration from a Secret volume, the PIN from a Secret, and
 * the vendor's library read-only from a volume (an init container's, an image or a claim; never the
 * host's); no ConfigMap may carry a PIN or a PKCS#11 configuration.
 */
final class KeyStorePolicy {

    /**
     * The images whose services hold keys in the token (docs/guarantees.md, "Per-country keys" and
     * "Signed audit checkpoints").
     */
    static final Set<String> KEY_HOLDING_IMAGES =
            Set.of(
                    "ghcr.io/chainbreaker/case-service",
                    "ghcr.io/chainbreaker/fugitive-service",
                    "ghcr.io/chainbreaker/repatriation-service");

    static final String CONFIG_ENV = "CHAINBREAKER_KEYS_PKCS11_CONFIG";
    static final String PIN_ENV = "CHAINBREAKER_KEYS_PIN";
    private static final Pattern PKCS11_IN_CONFIGMAP = Pattern.compile("(?i).*(KEYS_PIN|pkcs11).*");

    private final List<String> violations = new ArrayList<>();

    private KeyStorePolicy() {}

    static List<String> check(List<Map<String, Object>> objects) {
        KeyStorePolicy p = new KeyStorePolicy();
        for (Map<String, Object> d : objects) {
            if ("Deployment".equals(d.get("kind"))) {
                p.deployment(d);
            }
        }
        for (Map<String, Object> cm : objects) {
            if ("ConfigMap".equals(cm.get("kind"))) {
                for (Map.Entry<String, Object> e : map(cm.get("data")).entrySet()) {
                    if (PKCS11_IN_CONFIGMAP.matcher(e.getKey()).matches()
                            || String.valueOf(e.getValue()).contains("library")
                                    && String.valueOf(e.getValue()).contains("slot")) {
                        p.violations.add(
                                "ConfigMap "
                                        + meta(cm).get("name")
                                        + ": key "
                                        + e.getKey()
                                        + " carries PKCS#11 settings (the configuration and PIN belong in a Secret)");
                    }
                }
            }
        }
        return p.violations;
    }

    static boolean holdsKeys(Map<String, Object> container) {
        String image = String.valueOf(container.get("image"));
        int end = image.indexOf('@') >= 0 ? image.indexOf('@') : image.lastIndexOf(':');
        return KEY_HOLDING_IMAGES.contains(
                end > image.lastIndexOf('/') ? image.substring(0, end) : image);
    }

    private void deployment(Map<String, Object> d) {
        Map<String, Object> pod = map(map(map(d.get("spec")).get("template")).get("spec"));
        List<Map<String, Object>> volumes =
                list(pod.get("volumes")).stream().map(Yaml::map).toList();
        List<Map<String, Object>> inits =
                list(pod.get("initContainers")).stream().map(Yaml::map).toList();
        for (Object o : list(pod.get("containers"))) {
            Map<String, Object> c = map(o);
            if (!holdsKeys(c)) {
                continue;
            }
            String at = "Deployment " + meta(d).get("name") + ", container " + c.get("name");
            Map<String, Object> pin = env(c, PIN_ENV);
            if (pin == null
                    || map(map(pin.get("valueFrom")).get("secretKeyRef")).get("name") == null) {
                violations.add(
                        at
                                + ": no "
                                + PIN_ENV
                                + " from a Secret (the service does not start without the"
                                + " PKCS#11 token's PIN)");
            }
            Map<String, Object> config = env(c, CONFIG_ENV);
            Object path = config == null ? null : config.get("value");
            Map<String, Object> configVolume =
                    path == null ? null : mountedVolume(c, volumes, String.valueOf(path));
            if (configVolume == null) {
                violations.add(at + ": no " + CONFIG_ENV + " naming a file in a mounted volume");
            } else if (!isSecretOnly(configVolume)) {
                violations.add(
                        at
                                + ": "
                                + CONFIG_ENV
                                + " is read from volume "
                                + configVolume.get("name")
                                + ", which is not a Secret (the PKCS#11 configuration belongs in a Secret)");
            }
            boolean library =
                    list(c.get("volumeMounts")).stream()
                            .map(Yaml::map)
                            .filter(m -> Boolean.TRUE.equals(m.get("readOnly")))
                            .map(m -> volume(volumes, m.get("name")))
                            .filter(Objects::nonNull)
                            .filter(v -> v != configVolume)
                            .anyMatch(
                                    v ->
                                            v.containsKey("image")
                                                    || v.containsKey("persistentVolumeClaim")
                                                    || v.containsKey("csi")
                                                    || v.containsKey("emptyDir")
                                                            && filledByInit(inits, v));
            if (!library) {
                violations.add(
                        at
                                + ": no read-only volume provides the PKCS#11 library (an init container's"
                                + " emptyDir, an image volume or a claim)");
            }
        }
    }

    private static Map<String, Object> env(Map<String, Object> c, String name) {
        return list(c.get("env")).stream()
                .map(Yaml::map)
                .filter(e -> name.equals(e.get("name")))
                .findFirst()
                .orElse(null);
    }

    private static Map<String, Object> volume(List<Map<String, Object>> volumes, Object name) {
        return volumes.stream()
                .filter(v -> Objects.equals(v.get("name"), name))
                .findFirst()
                .orElse(null);
    }

    /** The volume whose mount (the longest mount path) holds {@code path}. */
    private static Map<String, Object> mountedVolume(
            Map<String, Object> c, List<Map<String, Object>> volumes, String path) {
        Map<String, Object> best = null;
        int length = -1;
        for (Object o : list(c.get("volumeMounts"))) {
            Map<String, Object> m = map(o);
            String mount = String.valueOf(m.get("mountPath"));
            if (path.startsWith(mount.endsWith("/") ? mount : mount + "/")
                    && mount.length() > length) {
                best = volume(volumes, m.get("name"));
                length = mount.length();
            }
        }
        return best;
    }

    private static boolean isSecretOnly(Map<String, Object> volume) {
        if (volume.containsKey("secret")) {
            return true;
        }
        List<Object> sources = list(map(volume.get("projected")).get("sources"));
        return !sources.isEmpty() && sources.stream().allMatch(s -> map(s).containsKey("secret"));
    }

    private static boolean filledByInit(
            List<Map<String, Object>> inits, Map<String, Object> volume) {
        return inits.stream()
                .anyMatch(
                        i ->
                                list(i.get("volumeMounts")).stream()
                                        .map(Yaml::map)
                                        .anyMatch(
                                                m ->
                                                        Objects.equals(
                                                                        m.get("name"),
                                                                        volume.get("name"))
                                                                && !Boolean.TRUE.equals(
                                                                        m.get("readOnly"))));
    }
}
