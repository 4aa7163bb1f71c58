package org.chainbreaker.k8s;

import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The project's rules for what it deploys, checked on rendered objects. Each rule answers with
 * readable violations ("Deployment gateway, container gateway: no memory limit"), so a failing
 * build says what to fix.
 */
final class DeploymentPolicy {

    /** Names of environment variables that must never carry a literal value. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_?KEY).*");

    /**
     * The applications' graceful-shutdown period (spring.grpc.server.shutdown.grace-period,
     * lifecycle timeout).
     */
    static final int APP_GRACE_SECONDS = 20;

    /** The port of the Prometheus scrape in the applications (chainbreaker.metrics.port). */
    static final String METRICS_PORT_ENV = "CHAINBREAKER_METRICS_PORT";

    /** Where the scrape listens (chainbreaker.metrics.bind-address); unset, loopback only. */
    static final String METRICS_BIND_ENV = "CHAINBREAKER_METRICS_BIND_ADDRESS";

    /** The name the Deployments and Services give that port, and the ServiceMonitors scrape. */
    static final String METRICS_PORT_NAME = "metrics";

    /** The namespace label that marks Prometheus' namespace (docs/operations.md, prerequisites). */
    static final String MONITORING_LABEL = "chainbreaker.org/monitoring";

    static final String OTLP_ENDPOINT_ENV = "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT";
    static final String SAMPLING_ENV = "MANAGEMENT_TRACING_SAMPLING_PROBABILITY";

    /** Chainbreaker's own processes (not Keycloak): the ones that read chainbreaker-common. */
    private static final Set<String> APPLICATION_COMPONENTS = Set.of("gateway", "service");

    private final List<Map<String, Object>> objects;
    private final List<String> violations = new ArrayList<>();

    private DeploymentPolicy(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    /**
     * Checks every rule. {@code secretValuesAllowed}: whether Secrets with values may be part of
     * the rendering (only the dev overlay's generated dev credentials).
     */
    static List<String> check(List<Map<String, Object>> objects, boolean secretValuesAllowed) {
        DeploymentPolicy p = new DeploymentPolicy(objects);
        p.workloads();
        p.images();
        p.secrets(secretValuesAllowed);
        p.networkPolicies();
        p.disruptionBudgetsAndAutoscalers();
        p.services();
        p.routes();
        p.metrics();
        p.tracing();
        p.violations.addAll(DayTwoPolicy.check(objects, !secretValuesAllowed));
        p.violations.addAll(KeyStorePolicy.check(objects));
        return p.violations;
    }

    private void violation(String text) {
        violations.add(text);
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static String name(Map<String, Object> obj) {
        return (String) meta(obj).get("name");
    }

    private static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return map(map(map(deployment.get("spec")).get("template")).get("spec"));
    }

    private static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return map(
                map(map(map(deployment.get("spec")).get("template")).get("metadata"))
                        .get("labels"));
    }

    private static List<Map<String, Object>> containers(Map<String, Object> podSpec, String field) {
        return list(podSpec.get(field)).stream().map(Yaml::map).toList();
    }

    // ---------------------------------------------------------------- workloads

    private void workloads() {
        List<Map<String, Object>> deployments = ofKind("Deployment");
        if (deployments.isEmpty()) {
            violation("no Deployment rendered");
        }
        for (Map<String, Object> d : deployments) {
            String where = "Deployment " + name(d);
            Map<String, Object> pod = podSpec(d);
            Map<String, Object> podSecurity = map(pod.get("securityContext"));
            if (!Boolean.FALSE.equals(pod.get("automountServiceAccountToken"))) {
                violation(where + ": automountServiceAccountToken is not false");
            }
            String account = (String) pod.get("serviceAccountName");
            Map<String, Object> sa =
                    ofKind("ServiceAccount").stream()
                            .filter(s -> name(s).equals(account))
                            .findFirst()
                            .orElse(null);
            if (sa == null) {
                violation(where + ": no ServiceAccount " + account + " of its own");
            } else if (!Boolean.FALSE.equals(sa.get("automountServiceAccountToken"))) {
                violation(
                        "ServiceAccount "
                                + account
                                + ": automountServiceAccountToken is not false");
            }
            List<Map<String, Object>> all = new ArrayList<>(containers(pod, "initContainers"));
            all.addAll(containers(pod, "containers"));
            for (Map<String, Object> c : all) {
                String at = where + ", container " + c.get("name");
                resources(c, at);
                security(c, podSecurity, at);
                for (Object e : list(c.get("env"))) {
                    Map<String, Object> env = map(e);
                    if (SECRET_NAME.matcher(String.valueOf(env.get("name"))).matches()
                            && env.containsKey("value")) {
                        violation(
                                at
                                        + ": env "
                                        + env.get("name")
                                        + " carries a literal value (use secretKeyRef)");
                    }
                }
                if (Boolean.TRUE.equals(map(c.get("securityContext")).get("readOnlyRootFilesystem"))
                        && list(c.get("volumeMounts")).stream()
                                .noneMatch(m -> "/tmp".equals(map(m).get("mountPath")))) {
                    violation(at + ": read-only root filesystem without a writable /tmp");
                }
            }
            for (Map<String, Object> c : containers(pod, "containers")) {
                String at = where + ", container " + c.get("name");
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    if (!c.containsKey(probe)) {
                        violation(at + ": no " + probe);
                    } else {
                        probePort(map(c.get(probe)), c, at + ", " + probe);
                    }
                }
                Object sleep =
                        map(map(map(map(c.get("lifecycle")).get("preStop")).get("sleep")))
                                .get("seconds");
                if (!(sleep instanceof Integer s) || s <= 0) {
                    violation(at + ": no preStop pause to let endpoints drain");
                } else if (!(pod.get("terminationGracePeriodSeconds") instanceof Integer grace)
                        || grace <= s + APP_GRACE_SECONDS) {
                    violation(
                            where
                                    + ": terminationGracePeriodSeconds must exceed the preStop pause ("
                                    + s
                                    + " s) plus the application's grace period ("
                                    + APP_GRACE_SECONDS
                                    + " s)");
                }
                // The applications' full shutdown budgets (the gateway drains two faces in turn):
                // DayTwoPolicy.
            }
        }
    }

    private void resources(Map<String, Object> c, String at) {
        Map<String, Object> resources = map(c.get("resources"));
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (map(resources.get(kind)).get(resource) == null) {
                    violation(
                            at
                                    + ": no "
                                    + resource
                                    + " "
                                    + (kind.equals("limits") ? "limit" : "request"));
                }
            }
        }
    }

    private void security(Map<String, Object> c, Map<String, Object> pod, String at) {
        Map<String, Object> sc = map(c.get("securityContext"));
        Object nonRoot =
                sc.containsKey("runAsNonRoot") ? sc.get("runAsNonRoot") : pod.get("runAsNonRoot");
        if (!Boolean.TRUE.equals(nonRoot)) {
            violation(at + ": runAsNonRoot is not true");
        }
        Object user = sc.containsKey("runAsUser") ? sc.get("runAsUser") : pod.get("runAsUser");
        if (!(user instanceof Integer u) || u == 0) {
            violation(at + ": runAsUser is not a non-zero user id");
        }
        if (!Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
            violation(at + ": readOnlyRootFilesystem is not true");
        }
        if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
            violation(at + ": allowPrivilegeEscalation is not false");
        }
        if (!list(map(sc.get("capabilities")).get("drop")).contains("ALL")) {
            violation(at + ": capabilities do not drop ALL");
        }
        if (!list(map(sc.get("capabilities")).get("add")).isEmpty()) {
            violation(at + ": adds capabilities");
        }
        Object seccomp =
                map(sc.containsKey("seccompProfile")
                                ? sc.get("seccompProfile")
                                : pod.get("seccompProfile"))
                        .get("type");
        if (!"RuntimeDefault".equals(seccomp)) {
            violation(at + ": seccompProfile is not RuntimeDefault");
        }
        if (Boolean.TRUE.equals(sc.get("privileged"))) {
            violation(at + ": privileged");
        }
    }

    private void probePort(Map<String, Object> probe, Map<String, Object> container, String at) {
        Object port = null;
        for (String handler : List.of("httpGet", "grpc", "tcpSocket")) {
            if (probe.containsKey(handler)) {
                port = map(probe.get(handler)).get("port");
            }
        }
        if (port == null) {
            if (!probe.containsKey("exec")) {
                violation(at + ": no handler");
            }
            return;
        }
        if (!hasPort(container, port)) {
            violation(at + ": port " + port + " is not a port of the container");
        }
    }

    private static boolean hasPort(Map<String, Object> container, Object port) {
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

    // ---------------------------------------------------------------- images and secrets

    private void images() {
        for (Map<String, Object> d : ofKind("Deployment")) {
            Map<String, Object> pod = podSpec(d);
            for (String field : List.of("initContainers", "containers")) {
                for (Map<String, Object> c : containers(pod, field)) {
                    image(
                            (String) c.get("image"),
                            "Deployment " + name(d) + ", container " + c.get("name"));
                }
            }
        }
        for (Map<String, Object> cluster : ofKind("Cluster")) {
            image((String) map(cluster.get("spec")).get("imageName"), "Cluster " + name(cluster));
        }
    }

    private void image(String image, String at) {
        if (image == null) {
            violation(at + ": no image");
            return;
        }
        if (image.contains("@sha256:")) {
            return;
        }
        int colon = image.lastIndexOf(':');
        if (colon < 0 || colon < image.lastIndexOf('/')) {
            violation(at + ": image " + image + " has no tag");
        } else if (image.substring(colon + 1).equals("latest")) {
            violation(at + ": image " + image + " uses the latest tag");
        }
    }

    private void secrets(boolean secretValuesAllowed) {
        if (!secretValuesAllowed) {
            for (Map<String, Object> s : ofKind("Secret")) {
                if (!map(s.get("data")).isEmpty() || !map(s.get("stringData")).isEmpty()) {
                    violation("Secret " + name(s) + ": carries values in the manifests");
                }
            }
        }
        for (Map<String, Object> cm : ofKind("ConfigMap")) {
            for (String key : map(cm.get("data")).keySet()) {
                if (SECRET_NAME.matcher(key).matches()) {
                    violation(
                            "ConfigMap "
                                    + name(cm)
                                    + ": key "
                                    + key
                                    + " looks like a secret (use a Secret)");
                }
            }
        }
    }

    // ---------------------------------------------------------------- network policies

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

    // ---------------------------------------------------------------- PDBs, HPAs, Services, routes

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
                                                        && METRICS_PORT_NAME.equals(
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

    // ---------------------------------------------------------------- metrics and traces

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
     * The value of an environment variable of a Deployment's first container, from env or its
     * envFrom ConfigMaps.
     */
    String env(Map<String, Object> deployment, String variable) {
        Map<String, Object> c =
                containers(podSpec(deployment), "containers").stream().findFirst().orElse(Map.of());
        for (Object e : list(c.get("env"))) {
            if (variable.equals(map(e).get("name")) && map(e).containsKey("value")) {
                return String.valueOf(map(e).get("value"));
            }
        }
        String value = null;
        for (Object from : list(c.get("envFrom"))) {
            Object ref = map(map(from).get("configMapRef")).get("name");
            for (Map<String, Object> cm : ofKind("ConfigMap")) {
                if (name(cm).equals(ref) && map(cm.get("data")).containsKey(variable)) {
                    value =
                            String.valueOf(
                                    map(cm.get("data"))
                                            .get(variable)); // later sources win, as in Kubernetes
                }
            }
        }
        return value;
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
    private List<Map<String, Object>> rules(Map<String, Object> deployment, String type) {
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

    /**
     * Every application serves the Prometheus scrape on its own port, which its Service names, its
     * pod annotations announce, a ServiceMonitor scrapes (where ServiceMonitors are deployed), and
     * only Prometheus' namespace may reach; and nothing serves metrics on a public port.
     */
    private void metrics() {
        for (Map<String, Object> d : applications(objects)) {
            String where = "Deployment " + name(d);
            String configured = env(d, METRICS_PORT_ENV);
            Integer port = null;
            try {
                port = configured == null ? null : Integer.valueOf(configured);
            } catch (NumberFormatException e) {
                violation(where + ": " + METRICS_PORT_ENV + " is not a port number: " + configured);
                continue;
            }
            if (port == null) {
                violation(where + ": " + METRICS_PORT_ENV + " is not set, so it serves no metrics");
                continue;
            }
            String bind = env(d, METRICS_BIND_ENV);
            if (!"0.0.0.0".equals(bind) && !"::".equals(bind)) {
                violation(
                        where
                                + ": "
                                + METRICS_BIND_ENV
                                + " is "
                                + bind
                                + ", so its metrics listen on loopback only and Prometheus cannot scrape them");
            }
            Map<String, Object> container =
                    containers(podSpec(d), "containers").stream().findFirst().orElse(Map.of());
            Map<String, Object> declared =
                    list(container.get("ports")).stream()
                            .map(Yaml::map)
                            .filter(p -> METRICS_PORT_NAME.equals(p.get("name")))
                            .findFirst()
                            .orElse(null);
            if (declared == null) {
                violation(where + ": no container port named " + METRICS_PORT_NAME);
            } else if (!port.equals(declared.get("containerPort"))) {
                violation(
                        where
                                + ": container port "
                                + METRICS_PORT_NAME
                                + " is "
                                + declared.get("containerPort")
                                + ", but "
                                + METRICS_PORT_ENV
                                + " is "
                                + port);
            }
            Map<String, Object> annotations =
                    map(
                            map(map(map(d.get("spec")).get("template")).get("metadata"))
                                    .get("annotations"));
            Map<String, String> expected =
                    Map.of(
                            "prometheus.io/scrape",
                            "true",
                            "prometheus.io/port",
                            String.valueOf(port),
                            "prometheus.io/path",
                            "/metrics");
            expected.forEach(
                    (key, value) -> {
                        if (!value.equals(annotations.get(key))) {
                            violation(
                                    where
                                            + ": pod annotation "
                                            + key
                                            + " is "
                                            + annotations.get(key)
                                            + ", not "
                                            + value);
                        }
                    });
            metricsReachableByPrometheusOnly(d, port);
            List<Map<String, Object>> services =
                    ofKind("Service").stream()
                            .filter(
                                    s ->
                                            !map(map(s.get("spec")).get("selector")).isEmpty()
                                                    && selects(
                                                            Map.of(
                                                                    "matchLabels",
                                                                    map(
                                                                            map(s.get("spec"))
                                                                                    .get(
                                                                                            "selector"))),
                                                            podLabels(d)))
                            .toList();
            List<String> metricsPortNames = new ArrayList<>();
            for (Map<String, Object> s : services) {
                for (Object p : list(map(s.get("spec")).get("ports"))) {
                    Object target = map(p).get("targetPort");
                    if (METRICS_PORT_NAME.equals(target) || port.equals(target)) {
                        metricsPortNames.add(name(s) + "/" + map(p).get("name"));
                    }
                }
            }
            if (metricsPortNames.isEmpty()) {
                violation(where + ": no Service exposes its metrics port");
            }
            if (!ofKind("ServiceMonitor").isEmpty()) {
                boolean scraped =
                        ofKind("ServiceMonitor").stream()
                                .anyMatch(
                                        sm -> {
                                            Map<String, Object> selector =
                                                    map(map(sm.get("spec")).get("selector"));
                                            return list(map(sm.get("spec")).get("endpoints"))
                                                    .stream()
                                                    .map(Yaml::map)
                                                    .anyMatch(
                                                            ep ->
                                                                    "/metrics"
                                                                                    .equals(
                                                                                            ep
                                                                                                    .getOrDefault(
                                                                                                            "path",
                                                                                                            "/metrics"))
                                                                            && services.stream()
                                                                                    .anyMatch(
                                                                                            s ->
                                                                                                    !selector
                                                                                                                    .isEmpty()
                                                                                                            && selects(
                                                                                                                    selector,
                                                                                                                    map(
                                                                                                                            meta(s).get(
                                                                                                                                            "labels")))
                                                                                                            && metricsPortNames
                                                                                                                    .contains(
                                                                                                                            name(
                                                                                                                                            s)
                                                                                                                                    + "/"
                                                                                                                                    + ep
                                                                                                                                            .get(
                                                                                                                                                    "port"))));
                                        });
                if (!scraped) {
                    violation(where + ": no ServiceMonitor scrapes /metrics on its metrics port");
                }
            }
        }
        for (Map<String, Object> sm : ofKind("ServiceMonitor")) {
            for (Object ep : list(map(sm.get("spec")).get("endpoints"))) {
                if (String.valueOf(map(ep).get("path")).startsWith("/actuator")) {
                    violation(
                            "ServiceMonitor "
                                    + name(sm)
                                    + ": scrapes "
                                    + map(ep).get("path")
                                    + " on a public port (metrics are served on the metrics port only)");
                }
            }
        }
        for (Map<String, Object> cm : ofKind("ConfigMap")) {
            Object exposure = map(cm.get("data")).get("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE");
            if (exposure != null
                    && !Arrays.stream(String.valueOf(exposure).split(","))
                            .map(String::trim)
                            .allMatch("health"::equals)) {
                violation(
                        "ConfigMap "
                                + name(cm)
                                + ": MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE="
                                + exposure
                                + " exposes more than health on the public port (metrics name tenants)");
            }
        }
    }

    private void metricsReachableByPrometheusOnly(Map<String, Object> d, int port) {
        String where = "Deployment " + name(d);
        boolean reachable = false;
        for (Map<String, Object> rule : rules(d, "Ingress")) {
            List<Object> ports = list(rule.get("ports"));
            List<Map<String, Object>> peers =
                    list(rule.get("from")).stream().map(Yaml::map).toList();
            if (admits(ports, port, METRICS_PORT_NAME)) {
                if (peers.isEmpty()) {
                    violation(
                            where
                                    + ": an ingress rule opens its metrics port "
                                    + port
                                    + " to every peer");
                }
                for (Map<String, Object> peer : peers) {
                    if (isMonitoringPeer(peer)) {
                        reachable = true;
                    } else {
                        violation(
                                where
                                        + ": its metrics port "
                                        + port
                                        + " is open to "
                                        + peer
                                        + " (only the namespace labelled "
                                        + MONITORING_LABEL
                                        + " may scrape it)");
                    }
                }
            }
            if (peers.stream().anyMatch(DeploymentPolicy::isMonitoringPeer)) {
                for (Object p : ports.isEmpty() ? List.<Object>of(Map.of()) : ports) {
                    Object opened = map(p).get("port");
                    if (!Objects.equals(opened, port) && !METRICS_PORT_NAME.equals(opened)) {
                        violation(
                                where
                                        + ": the monitoring namespace may reach "
                                        + (opened == null ? "every port" : "port " + opened)
                                        + ", not only metrics");
                    }
                }
            }
        }
        if (!reachable) {
            violation(where + ": no NetworkPolicy lets Prometheus reach its metrics port " + port);
        }
    }

    /**
     * Where an application exports traces, its NetworkPolicies let it reach the collector's port.
     */
    private void tracing() {
        for (Map<String, Object> d : applications(objects)) {
            String where = "Deployment " + name(d);
            String sampling = env(d, SAMPLING_ENV);
            if (sampling != null) {
                try {
                    double probability = Double.parseDouble(sampling);
                    if (probability < 0 || probability > 1) {
                        violation(
                                where
                                        + ": "
                                        + SAMPLING_ENV
                                        + "="
                                        + sampling
                                        + " is not between 0 and 1");
                    }
                } catch (NumberFormatException e) {
                    violation(where + ": " + SAMPLING_ENV + "=" + sampling + " is not a number");
                }
            }
            String endpoint = env(d, OTLP_ENDPOINT_ENV);
            if (endpoint == null) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                violation(where + ": " + OTLP_ENDPOINT_ENV + " is not a URI: " + endpoint);
                continue;
            }
            int port =
                    uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            boolean allowed =
                    rules(d, "Egress").stream()
                            .anyMatch(
                                    rule ->
                                            !list(rule.get("ports")).isEmpty()
                                                    && admits(list(rule.get("ports")), port, "")
                                                    && !list(rule.get("to")).isEmpty());
            if (!allowed) {
                violation(
                        where
                                + ": exports traces to "
                                + endpoint
                                + ", but no NetworkPolicy allows egress to port "
                                + port);
            }
        }
    }
}
