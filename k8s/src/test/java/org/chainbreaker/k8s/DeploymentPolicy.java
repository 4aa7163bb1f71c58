package org.chainbreaker.k8s;

import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The project's rules for what it deploys, checked on rendered objects. Each rule answers with
 * readable violations ("Deployment gateway, container gateway: no memory limit"), so a failing
 * build says what to fix.
 */
final class DeploymentPolicy extends ManifestRules {

    /** Names of environment variables that must never carry a literal value. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_?KEY).*");

    /**
     * The applications' graceful-shutdown period (spring.grpc.server.shutdown.grace-period,
     * lifecycle timeout).
     */
    static final int APP_GRACE_SECONDS = 20;

    private DeploymentPolicy(List<Map<String, Object>> objects) {
        super(objects);
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
        p.violations.addAll(NetworkRules.check(objects));
        p.violations.addAll(MetricsRules.check(objects));
        p.violations.addAll(DayTwoPolicy.check(objects, !secretValuesAllowed));
        p.violations.addAll(KeyStorePolicy.check(objects));
        return p.violations;
    }

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
}
