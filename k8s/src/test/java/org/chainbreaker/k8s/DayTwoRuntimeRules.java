package org.chainbreaker.k8s;

import static org.chainbreaker.k8s.DayTwoPolicy.GATEWAY_CHANNEL_CLOSE_SECONDS;
import static org.chainbreaker.k8s.DayTwoPolicy.GATEWAY_GRPC_FACE_DRAIN_SECONDS;
import static org.chainbreaker.k8s.DayTwoPolicy.SERVICE_DRAIN_SECONDS;
import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Day-two rules for running replicas: shutdown fits the grace period, guaranteed QoS spread over
 * zones, and in production backups with synchronous replication, images by digest, shared limits.
 */
final class DayTwoRuntimeRules extends ManifestRules {

    private DayTwoRuntimeRules(List<Map<String, Object>> objects) {
        super(objects);
    }

    static List<String> check(List<Map<String, Object>> objects, boolean production) {
        DayTwoRuntimeRules r = new DayTwoRuntimeRules(objects);
        r.shutdownFitsTheGracePeriod();
        r.guaranteedAndSpreadOverZones();
        if (production) {
            r.backupsAndSynchronousReplication();
            r.imagesByDigest();
            r.limitsShared();
        }
        return r.violations;
    }

    private void shutdownFitsTheGracePeriod() {
        for (Map<String, Object> d : applications(objects)) {
            Map<String, Object> c = containersOf(d, "containers").getFirst();
            Object sleep =
                    map(map(map(map(c.get("lifecycle")).get("preStop")).get("sleep")))
                            .get("seconds");
            int preStop = sleep instanceof Integer s ? s : 0;
            int budget;
            String why;
            if (name(d).equals("gateway")) {
                int phase =
                        seconds(containerEnv(c, "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"), 30);
                budget =
                        preStop
                                + GATEWAY_GRPC_FACE_DRAIN_SECONDS
                                + phase
                                + GATEWAY_CHANNEL_CLOSE_SECONDS;
                why =
                        preStop
                                + " s preStop + "
                                + GATEWAY_GRPC_FACE_DRAIN_SECONDS
                                + " s gRPC face drain + "
                                + phase
                                + " s REST shutdown phase + "
                                + GATEWAY_CHANNEL_CLOSE_SECONDS
                                + " s closing channels";
            } else {
                int drain =
                        seconds(
                                containerEnv(c, "SPRING_GRPC_SERVER_SHUTDOWN_GRACE_PERIOD"),
                                SERVICE_DRAIN_SECONDS);
                budget = preStop + drain;
                why = preStop + " s preStop + " + drain + " s gRPC drain";
            }
            Object grace = podSpec(d).get("terminationGracePeriodSeconds");
            if (!(grace instanceof Integer g) || g <= budget) {
                violations.add(
                        "Deployment "
                                + name(d)
                                + ": terminationGracePeriodSeconds "
                                + grace
                                + " does not exceed its shutdown budget of "
                                + budget
                                + " s ("
                                + why
                                + ")");
            }
        }
    }

    private static int seconds(String value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        return Integer.parseInt(value.replaceAll("s$", ""));
    }

    private void guaranteedAndSpreadOverZones() {
        for (Map<String, Object> d : ofKind("Deployment")) {
            List<Map<String, Object>> all = new ArrayList<>(containersOf(d, "initContainers"));
            all.addAll(containersOf(d, "containers"));
            for (Map<String, Object> c : all) {
                Map<String, Object> resources = map(c.get("resources"));
                if (!map(resources.get("requests")).equals(map(resources.get("limits")))) {
                    violations.add(
                            "Deployment "
                                    + name(d)
                                    + ", container "
                                    + c.get("name")
                                    + ": requests differ from limits (not Guaranteed QoS)");
                }
            }
            boolean zones =
                    list(podSpec(d).get("topologySpreadConstraints")).stream()
                            .anyMatch(
                                    t ->
                                            "topology.kubernetes.io/zone"
                                                    .equals(map(t).get("topologyKey")));
            if (!zones) {
                violations.add(
                        "Deployment "
                                + name(d)
                                + ": not spread across zones (topology.kubernetes.io/zone)");
            }
        }
    }

    private void backupsAndSynchronousReplication() {
        Set<String> stores =
                new java.util.HashSet<>(
                        ofKind("ObjectStore").stream().map(DayTwoPolicy::name).toList());
        for (Map<String, Object> cluster : ofKind("Cluster")) {
            String at = "Cluster " + name(cluster);
            Map<String, Object> spec = map(cluster.get("spec"));
            boolean archived =
                    list(spec.get("plugins")).stream()
                            .map(Yaml::map)
                            .anyMatch(
                                    p ->
                                            Boolean.TRUE.equals(p.get("isWALArchiver"))
                                                    && stores.contains(
                                                            map(p.get("parameters"))
                                                                    .get("barmanObjectName")));
            if (!archived) {
                violations.add(
                        at
                                + ": no WAL archiving to an ObjectStore of this overlay (no point-in-time recovery)");
            }
            boolean scheduled =
                    ofKind("ScheduledBackup").stream()
                            .anyMatch(
                                    b ->
                                            name(cluster)
                                                    .equals(
                                                            map(map(b.get("spec")).get("cluster"))
                                                                    .get("name")));
            if (!scheduled) {
                violations.add(at + ": no ScheduledBackup (no base backups)");
            }
            Map<String, Object> sync = map(map(spec.get("postgresql")).get("synchronous"));
            if (!(sync.get("number") instanceof Integer n)
                    || n < 1
                    || !"required".equals(sync.get("dataDurability"))) {
                violations.add(
                        at
                                + ": replication is not synchronous with dataDurability required, so a failover"
                                + " may lose acknowledged writes");
            }
            Map<String, Object> affinity = map(spec.get("affinity"));
            if (!"required".equals(affinity.get("podAntiAffinityType"))
                    || !"topology.kubernetes.io/zone".equals(affinity.get("topologyKey"))) {
                violations.add(at + ": instances are not required to be in different zones");
            }
            Map<String, Object> resources = map(spec.get("resources"));
            if (resources.isEmpty()
                    || !map(resources.get("requests")).equals(map(resources.get("limits")))) {
                violations.add(at + ": requests differ from limits (not Guaranteed QoS)");
            }
            boolean monitored =
                    ofKind("PodMonitor").stream()
                            .anyMatch(
                                    pm ->
                                            name(cluster)
                                                    .equals(
                                                            map(map(map(pm.get("spec"))
                                                                                    .get(
                                                                                            "selector"))
                                                                            .get("matchLabels"))
                                                                    .get("cnpg.io/cluster")));
            if (!monitored) {
                violations.add(at + ": no PodMonitor scrapes it");
            }
        }
        if (!ofKind("Cluster").isEmpty()
                && ofKind("PrometheusRule").stream()
                        .noneMatch(r -> r.toString().contains("cnpg_"))) {
            violations.add("no PrometheusRule alerts on the database clusters");
        }
    }

    private void imagesByDigest() {
        for (Map<String, Object> d : ofKind("Deployment")) {
            List<Map<String, Object>> all = new ArrayList<>(containersOf(d, "initContainers"));
            all.addAll(containersOf(d, "containers"));
            for (Map<String, Object> c : all) {
                if (!String.valueOf(c.get("image")).matches(".+@sha256:[0-9a-f]{64}")) {
                    violations.add(
                            "Deployment "
                                    + name(d)
                                    + ", container "
                                    + c.get("name")
                                    + ": image "
                                    + c.get("image")
                                    + " is not pinned by digest");
                }
            }
        }
        for (Map<String, Object> cluster : ofKind("Cluster")) {
            if (!String.valueOf(map(cluster.get("spec")).get("imageName"))
                    .matches(".+@sha256:[0-9a-f]{64}")) {
                violations.add("Cluster " + name(cluster) + ": imageName is not pinned by digest");
            }
        }
    }

    /** Every gateway replica counts against one Redis, or a country gets (replicas x) its limit. */
    private void limitsShared() {
        for (Map<String, Object> d : ofKind("Deployment")) {
            if (!name(d).equals("gateway")) {
                continue;
            }
            String url =
                    containerEnv(
                            containersOf(d, "containers").getFirst(),
                            "CHAINBREAKER_GATEWAY_LIMITS_REDIS_URL");
            if (url == null) {
                violations.add(
                        "Deployment gateway: CHAINBREAKER_GATEWAY_LIMITS_REDIS_URL is not set, so each replica"
                                + " counts the per-country limits and quotas on its own");
                continue;
            }
            String host = url.replaceAll("^redis://([^@]*@)?", "").replaceAll(":.*$", "");
            boolean reachable =
                    ofKind("NetworkPolicy").stream()
                            .map(np -> map(np.get("spec")))
                            .filter(
                                    spec ->
                                            "gateway"
                                                    .equals(
                                                            map(map(spec.get("podSelector"))
                                                                            .get("matchLabels"))
                                                                    .get("app.kubernetes.io/name")))
                            .flatMap(spec -> list(spec.get("egress")).stream())
                            .flatMap(rule -> list(map(rule).get("to")).stream())
                            .anyMatch(
                                    peer ->
                                            host.equals(
                                                    map(map(map(peer).get("podSelector"))
                                                                    .get("matchLabels"))
                                                            .get("app.kubernetes.io/name")));
            if (!reachable) {
                violations.add(
                        "Deployment gateway: no NetworkPolicy lets it reach the limits store "
                                + host);
            }
        }
    }
}
