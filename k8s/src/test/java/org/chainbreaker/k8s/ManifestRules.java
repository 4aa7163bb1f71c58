package org.chainbreaker.k8s;

import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What every set of rules over rendered objects shares: the objects, the violations found so far,
 * and how to read a Deployment, its containers, their variables and the NetworkPolicies around it.
 */
abstract class ManifestRules {

    /** The namespace label that marks Prometheus' namespace (docs/operations.md, prerequisites). */
    static final String MONITORING_LABEL = "chainbreaker.org/monitoring";

    /** Chainbreaker's own processes (not Keycloak): the ones that read chainbreaker-common. */
    private static final Set<String> APPLICATION_COMPONENTS = Set.of("gateway", "service");

    final List<Map<String, Object>> objects;
    final List<String> violations = new ArrayList<>();

    ManifestRules(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    final void violation(String text) {
        violations.add(text);
    }

    final List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static String name(Map<String, Object> obj) {
        return String.valueOf(meta(obj).get("name"));
    }

    static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return map(map(map(deployment.get("spec")).get("template")).get("spec"));
    }

    static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return map(
                map(map(map(deployment.get("spec")).get("template")).get("metadata"))
                        .get("labels"));
    }

    /** The containers of a pod spec under {@code field} (containers or initContainers). */
    static List<Map<String, Object>> containers(Map<String, Object> podSpec, String field) {
        return list(podSpec.get(field)).stream().map(Yaml::map).toList();
    }

    /** The containers of a Deployment's pod under {@code field}. */
    static List<Map<String, Object>> containersOf(Map<String, Object> deployment, String field) {
        return containers(podSpec(deployment), field);
    }

    /**
     * The value of an environment variable of a Deployment's first container, from env or its
     * envFrom ConfigMaps.
     */
    final String env(Map<String, Object> deployment, String variable) {
        return containerEnv(
                containersOf(deployment, "containers").stream().findFirst().orElse(Map.of()),
                variable);
    }

    /**
     * A variable of a container: its literal value, or the value in the ConfigMaps it reads (later
     * sources win, as in Kubernetes).
     */
    final String containerEnv(Map<String, Object> container, String variable) {
        for (Object e : list(container.get("env"))) {
            if (variable.equals(map(e).get("name")) && map(e).containsKey("value")) {
                return String.valueOf(map(e).get("value"));
            }
        }
        String value = null;
        for (Object from : list(container.get("envFrom"))) {
            Object ref = map(map(from).get("configMapRef")).get("name");
            for (Map<String, Object> cm : ofKind("ConfigMap")) {
                if (name(cm).equals(ref) && map(cm.get("data")).containsKey(variable)) {
                    value = String.valueOf(map(cm.get("data")).get(variable));
                }
            }
        }
        return value;
    }

    static boolean hasPort(Map<String, Object> container, Object port) {
        for (Object p : list(container.get("ports"))) {
            Map<String, Object> cp = map(p);
            if (port instanceof String s
                    ? s.equals(cp.get("name"))
                    : Objects.equals(port, cp.get("containerPort"))) {
                return true;
            }
        }
        return false;
    }

    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        for (Map.Entry<String, Object> e : map(selector.get("matchLabels")).entrySet()) {
            if (!Objects.equals(labels.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        for (Object o : list(selector.get("matchExpressions"))) {
            Map<String, Object> expr = map(o);
            Object value = labels.get(expr.get("key"));
            List<Object> values = list(expr.get("values"));
            boolean ok =
                    switch (String.valueOf(expr.get("operator"))) {
                        case "In" -> values.contains(value);
                        case "NotIn" -> !values.contains(value);
                        case "Exists" -> value != null;
                        case "DoesNotExist" -> value == null;
                        default -> false;
                    };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The Deployments of Chainbreaker's own processes (gateway and services), by their component
     * label.
     */
    static List<Map<String, Object>> applications(List<Map<String, Object>> objects) {
        return objects.stream()
                .filter(o -> "Deployment".equals(o.get("kind")))
                .filter(
                        d ->
                                APPLICATION_COMPONENTS.contains(
                                        podLabels(d).get("app.kubernetes.io/component")))
                .toList();
    }

    /**
     * Whether a NetworkPolicy port list (an ingress or egress rule's {@code ports}) admits a
     * container port.
     */
    static boolean admits(List<Object> ports, int number, String portName) {
        if (ports.isEmpty()) {
            return true;
        }
        for (Object o : ports) {
            Map<String, Object> p = map(o);
            Object port = p.get("port");
            if (port == null || port.equals(number) || port.equals(portName)) {
                return true;
            }
            if (port instanceof Integer from
                    && p.get("endPort") instanceof Integer to
                    && from <= number
                    && number <= to) {
                return true;
            }
        }
        return false;
    }

    /**
     * A peer in the namespace of Prometheus (labelled {@value #MONITORING_LABEL}), optionally
     * narrowed to pods.
     */
    static boolean isMonitoringPeer(Map<String, Object> peer) {
        return !peer.containsKey("ipBlock")
                && "true"
                        .equals(
                                map(map(peer.get("namespaceSelector")).get("matchLabels"))
                                        .get(MONITORING_LABEL))
                && list(map(peer.get("namespaceSelector")).get("matchExpressions")).isEmpty();
    }

    /**
     * Ingress (or egress) rules of every NetworkPolicy that applies to the pods of a Deployment.
     */
    List<Map<String, Object>> rules(Map<String, Object> deployment, String type) {
        Map<String, Object> labels = podLabels(deployment);
        return ofKind("NetworkPolicy").stream()
                .filter(np -> selects(map(map(np.get("spec")).get("podSelector")), labels))
                .filter(np -> list(map(np.get("spec")).get("policyTypes")).contains(type))
                .flatMap(
                        np ->
                                list(map(np.get("spec")).get(type.toLowerCase())).stream()
                                        .map(Yaml::map))
                .toList();
    }
}
