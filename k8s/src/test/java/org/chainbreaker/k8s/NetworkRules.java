package org.chainbreaker.k8s;

import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who may talk to whom and what keeps the suite up through a node's loss: NetworkPolicies,
 * disruption budgets, autoscalers, Services and the public routes.
 */
final class NetworkRules extends ManifestRules {

    private NetworkRules(List<Map<String, Object>> objects) {
        super(objects);
    }

    static List<String> check(List<Map<String, Object>> objects) {
        NetworkRules r = new NetworkRules(objects);
        r.networkPolicies();
        r.disruptionBudgetsAndAutoscalers();
        r.services();
        r.routes();
        return r.violations;
    }

    private void networkPolicies() {
        List<Map<String, Object>> policies = ofKind("NetworkPolicy");
        boolean defaultDeny =
                policies.stream()
                        .anyMatch(
                                np -> {
                                    Map<String, Object> spec = map(np.get("spec"));
                                    return map(spec.get("podSelector")).isEmpty()
                                            && list(spec.get("policyTypes"))
                                                    .containsAll(List.of("Ingress", "Egress"))
                                            && list(spec.get("ingress")).isEmpty()
                                            && list(spec.get("egress")).isEmpty();
                                });
        if (!defaultDeny) {
            violation(
                    "no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)");
        }
        for (Map<String, Object> d : ofKind("Deployment")) {
            Map<String, Object> labels = podLabels(d);
            for (String type : List.of("Ingress", "Egress")) {
                boolean covered =
                        policies.stream()
                                .anyMatch(
                                        np -> {
                                            Map<String, Object> spec = map(np.get("spec"));
                                            Map<String, Object> selector =
                                                    map(spec.get("podSelector"));
                                            // Of its own: it selects this Deployment's pods and no
                                            // other's (shared rules, such as the
                                            // metrics scrape, do not count).
                                            return !selector.isEmpty()
                                                    && selects(selector, labels)
                                                    && ofKind("Deployment").stream()
                                                            .filter(other -> other != d)
                                                            .noneMatch(
                                                                    other ->
                                                                            selects(
                                                                                    selector,
                                                                                    podLabels(
                                                                                            other)))
                                                    && list(spec.get("policyTypes")).contains(type)
                                                    && !list(spec.get(type.toLowerCase()))
                                                            .isEmpty();
                                        });
                boolean isolatedStore =
                        type.equals("Egress")
                                && "cache".equals(labels.get("app.kubernetes.io/component"));
                if (!covered && !isolatedStore) {
                    violation(
                            "Deployment "
                                    + name(d)
                                    + ": no NetworkPolicy of its own allows its "
                                    + type.toLowerCase());
                }
            }
        }
    }

    private void disruptionBudgetsAndAutoscalers() {
        for (Map<String, Object> d : ofKind("Deployment")) {
            Map<String, Object> labels = podLabels(d);
            boolean pdb =
                    ofKind("PodDisruptionBudget").stream()
                            .anyMatch(
                                    p ->
                                            selects(map(map(p.get("spec")).get("selector")), labels)
                                                    && !map(map(p.get("spec")).get("selector"))
                                                            .isEmpty());
            if (!pdb) {
                violation("Deployment " + name(d) + ": no PodDisruptionBudget selects its pods");
            }
            boolean hpa =
                    ofKind("HorizontalPodAutoscaler").stream()
                            .anyMatch(
                                    h -> {
                                        Map<String, Object> ref =
                                                map(map(h.get("spec")).get("scaleTargetRef"));
                                        return "Deployment".equals(ref.get("kind"))
                                                && name(d).equals(ref.get("name"));
                                    });
            // A shared counter store (the limits' Redis) runs as exactly one replica, replaced
            // rather than rolled.
            boolean single =
                    "cache".equals(podLabels(d).get("app.kubernetes.io/component"))
                            && Integer.valueOf(1).equals(map(d.get("spec")).get("replicas"))
                            && "Recreate"
                                    .equals(map(map(d.get("spec")).get("strategy")).get("type"));
            if (!hpa && !single) {
                violation("Deployment " + name(d) + ": no HorizontalPodAutoscaler scales it");
            }
        }
        for (Map<String, Object> h : ofKind("HorizontalPodAutoscaler")) {
            Map<String, Object> spec = map(h.get("spec"));
            if (!(spec.get("minReplicas") instanceof Integer min)
                    || !(spec.get("maxReplicas") instanceof Integer max)
                    || min < 1
                    || min > max) {
                violation(
                        "HorizontalPodAutoscaler "
                                + name(h)
                                + ": needs 1 <= minReplicas <= maxReplicas");
            }
        }
    }

    private void services() {
        for (Map<String, Object> s : ofKind("Service")) {
            Map<String, Object> selector = map(map(s.get("spec")).get("selector"));
            List<Map<String, Object>> backends =
                    ofKind("Deployment").stream()
                            .filter(
                                    d ->
                                            !selector.isEmpty()
                                                    && selects(
                                                            Map.of("matchLabels", selector),
                                                            podLabels(d)))
                            .toList();
            if (backends.isEmpty()) {
                violation("Service " + name(s) + ": selects no Deployment");
                continue;
            }
            for (Object p : list(map(s.get("spec")).get("ports"))) {
                Map<String, Object> port = map(p);
                Object target =
                        port.containsKey("targetPort") ? port.get("targetPort") : port.get("port");
                for (Map<String, Object> d : backends) {
                    boolean found =
                            containers(podSpec(d), "containers").stream()
                                    .anyMatch(c -> hasPort(c, target));
                    if (!found) {
                        violation(
                                "Service "
                                        + name(s)
                                        + ": port "
                                        + port.get("name")
                                        + " targets "
                                        + target
                                        + ", which no container of Deployment "
                                        + name(d)
                                        + " declares");
                    }
                }
            }
        }
    }

    private void routes() {
        for (String kind : Set.of("HTTPRoute", "GRPCRoute")) {
            for (Map<String, Object> r : ofKind(kind)) {
                for (Object rule : list(map(r.get("spec")).get("rules"))) {
                    for (Object b : list(map(rule).get("backendRefs"))) {
                        Map<String, Object> ref = map(b);
                        Map<String, Object> service =
                                ofKind("Service").stream()
                                        .filter(s -> name(s).equals(ref.get("name")))
                                        .findFirst()
                                        .orElse(null);
                        if (service == null) {
                            violation(
                                    kind
                                            + " "
                                            + name(r)
                                            + ": backend "
                                            + ref.get("name")
                                            + " is not a Service");
                        } else if (list(map(service.get("spec")).get("ports")).stream()
                                .noneMatch(
                                        p -> Objects.equals(map(p).get("port"), ref.get("port")))) {
                            violation(
                                    kind
                                            + " "
                                            + name(r)
                                            + ": Service "
                                            + ref.get("name")
                                            + " has no port "
                                            + ref.get("port"));
                        } else if (list(map(service.get("spec")).get("ports")).stream()
                                .map(Yaml::map)
                                .anyMatch(
                                        p ->
                                                Objects.equals(p.get("port"), ref.get("port"))
                                                        && MetricsRules.METRICS_PORT_NAME.equals(
                                                                p.get("targetPort")))) {
                            violation(
                                    kind
                                            + " "
                                            + name(r)
                                            + ": routes to the metrics port of Service "
                                            + ref.get("name")
                                            + " (metrics name tenants; they stay inside the cluster)");
                        }
                    }
                }
            }
        }
    }
}
