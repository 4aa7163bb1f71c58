package org.chainbreaker.k8s;

import static org.chainbreaker.k8s.DayTwoPolicy.CONNECTION_HEADROOM;
import static org.chainbreaker.k8s.DayTwoPolicy.JDBC_URL_VARIABLES;
import static org.chainbreaker.k8s.DayTwoPolicy.MAINTENANCE_POOL;
import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Day-two rules for the database: the pools fit its connection limit, every connection verifies its
 * TLS certificate, and in production the egress to it is narrow.
 */
final class DayTwoDatabaseRules extends ManifestRules {

    private DayTwoDatabaseRules(List<Map<String, Object>> objects) {
        super(objects);
    }

    static List<String> check(List<Map<String, Object>> objects, boolean production) {
        DayTwoDatabaseRules r = new DayTwoDatabaseRules(objects);
        r.connectionsFit();
        r.databaseTlsVerified();
        if (production) {
            r.databaseEgressNarrow();
        }
        return r.violations;
    }

    private void connectionsFit() {
        Map<String, Integer> demand = new LinkedHashMap<>();
        Map<String, List<String>> clients = new LinkedHashMap<>();
        for (Map<String, Object> d : ofKind("Deployment")) {
            Map<String, Object> c =
                    containersOf(d, "containers").stream().findFirst().orElse(Map.of());
            String url = containerEnv(c, "SPRING_DATASOURCE_URL");
            String pool;
            int extra;
            if (url != null) {
                pool = containerEnv(c, "SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE");
                extra = MAINTENANCE_POOL;
            } else {
                url = containerEnv(c, "KC_DB_URL");
                pool = containerEnv(c, "KC_DB_POOL_MAX_SIZE");
                extra = 0;
            }
            if (url == null) {
                continue;
            }
            String cluster = clusterOf(url);
            if (cluster == null) {
                continue;
            }
            if (pool == null) {
                violations.add(
                        "Deployment "
                                + name(d)
                                + ": its connection pool size is not set explicitly, so its"
                                + " share of "
                                + cluster
                                + "'s max_connections cannot be checked");
                continue;
            }
            int pods = maxReplicas(d) + maxSurge(d);
            int connections = pods * (Integer.parseInt(pool) + extra);
            demand.merge(cluster, connections, Integer::sum);
            clients.computeIfAbsent(cluster, k -> new ArrayList<>())
                    .add(
                            name(d)
                                    + " "
                                    + pods
                                    + " pods x ("
                                    + pool
                                    + (extra > 0 ? " + " + extra : "")
                                    + ")");
        }
        for (Map<String, Object> cluster : ofKind("Cluster")) {
            Integer need = demand.get(name(cluster));
            if (need == null) {
                continue;
            }
            Map<String, Object> parameters =
                    map(map(map(cluster.get("spec")).get("postgresql")).get("parameters"));
            int max =
                    Integer.parseInt(
                            String.valueOf(parameters.getOrDefault("max_connections", "100")));
            int reserved =
                    Integer.parseInt(
                            String.valueOf(
                                    parameters.getOrDefault(
                                            "superuser_reserved_connections", "3")));
            if (need + CONNECTION_HEADROOM > max - reserved) {
                violations.add(
                        "Cluster "
                                + name(cluster)
                                + ": "
                                + clients.get(name(cluster))
                                + " = "
                                + need
                                + " connections + "
                                + CONNECTION_HEADROOM
                                + " headroom exceed max_connections "
                                + max
                                + " - "
                                + reserved
                                + " reserved");
            }
        }
    }

    private static String clusterOf(String jdbcUrl) {
        Matcher m = Pattern.compile("jdbc:postgresql://([a-z0-9-]+)-r[wo]?[:/]").matcher(jdbcUrl);
        return m.find() ? m.group(1) : null;
    }

    private int maxReplicas(Map<String, Object> d) {
        return ofKind("HorizontalPodAutoscaler").stream()
                .filter(
                        h ->
                                name(d).equals(
                                                map(map(h.get("spec")).get("scaleTargetRef"))
                                                        .get("name")))
                .map(h -> (Integer) map(h.get("spec")).get("maxReplicas"))
                .findFirst()
                .orElse((Integer) map(d.get("spec")).getOrDefault("replicas", 1));
    }

    private static int maxSurge(Map<String, Object> d) {
        Object surge =
                map(map(map(d.get("spec")).get("strategy")).get("rollingUpdate")).get("maxSurge");
        return surge instanceof Integer i ? i : 1;
    }

    private void databaseTlsVerified() {
        for (Map<String, Object> d : ofKind("Deployment")) {
            List<Map<String, Object>> all = new ArrayList<>(containersOf(d, "initContainers"));
            all.addAll(containersOf(d, "containers"));
            for (Map<String, Object> c : all) {
                for (String variable : JDBC_URL_VARIABLES) {
                    String url = containerEnv(c, variable);
                    if (url == null) {
                        continue;
                    }
                    String at =
                            "Deployment "
                                    + name(d)
                                    + ", container "
                                    + c.get("name")
                                    + ": "
                                    + variable;
                    Map<String, String> query = query(url);
                    if (!"verify-full".equals(query.get("sslmode"))) {
                        violations.add(
                                at
                                        + " uses sslmode="
                                        + query.get("sslmode")
                                        + ", which does not verify the database server (need verify-full)");
                        continue;
                    }
                    String root = query.get("sslrootcert");
                    if (root == null) {
                        violations.add(
                                at + " names no sslrootcert (the CA to verify the server against)");
                    } else if (!caMounted(d, c, root)) {
                        violations.add(
                                at
                                        + ": sslrootcert "
                                        + root
                                        + " is not the CA certificate alone, mounted"
                                        + " from a Secret or ConfigMap in this container");
                    }
                }
            }
        }
        for (Map<String, Object> cluster : ofKind("Cluster")) {
            List<Object> hba = list(map(map(cluster.get("spec")).get("postgresql")).get("pg_hba"));
            boolean v4 =
                    hba.stream()
                            .map(String::valueOf)
                            .anyMatch(
                                    l ->
                                            l.matches(
                                                    "hostnossl\\s+all\\s+all\\s+0\\.0\\.0\\.0/0\\s+reject"));
            boolean v6 =
                    hba.stream()
                            .map(String::valueOf)
                            .anyMatch(l -> l.matches("hostnossl\\s+all\\s+all\\s+::/0\\s+reject"));
            if (!v4 || !v6) {
                violations.add(
                        "Cluster "
                                + name(cluster)
                                + ": pg_hba does not reject connections without TLS"
                                + " (hostnossl all all 0.0.0.0/0 reject, and ::/0)");
            }
        }
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                out.put(
                        eq < 0 ? pair : pair.substring(0, eq),
                        eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return out;
    }

    private static boolean caMounted(Map<String, Object> d, Map<String, Object> c, String file) {
        for (Object m : list(c.get("volumeMounts"))) {
            String mountPath = String.valueOf(map(m).get("mountPath"));
            if (!file.startsWith(mountPath + "/")) {
                continue;
            }
            String item = file.substring(mountPath.length() + 1);
            for (Object v : list(podSpec(d).get("volumes"))) {
                if (!Objects.equals(map(v).get("name"), map(m).get("name"))) {
                    continue;
                }
                Map<String, Object> source =
                        map(v).containsKey("secret")
                                ? map(map(v).get("secret"))
                                : map(map(v).get("configMap"));
                List<Object> items = list(source.get("items"));
                // Only the certificate: never the whole CloudNativePG CA Secret, which holds the
                // CA's key too.
                return items.size() == 1
                        && item.equals(map(items.getFirst()).get("path"))
                        && "ca.crt".equals(map(items.getFirst()).get("key"));
            }
        }
        return false;
    }

    private void databaseEgressNarrow() {
        for (Map<String, Object> np : ofKind("NetworkPolicy")) {
            Map<String, Object> spec = map(np.get("spec"));
            if (!map(map(spec.get("podSelector")).get("matchLabels"))
                    .containsKey("cnpg.io/cluster")) {
                continue;
            }
            for (Object rule : list(spec.get("egress"))) {
                List<Object> to = list(map(rule).get("to"));
                if (to.isEmpty()) {
                    violations.add(
                            "NetworkPolicy "
                                    + name(np)
                                    + ": the database pods may reach any address on "
                                    + list(map(rule).get("ports")).stream()
                                            .map(p -> map(p).get("port"))
                                            .toList());
                }
                for (Object peer : to) {
                    Object cidr = map(map(peer).get("ipBlock")).get("cidr");
                    if ("0.0.0.0/0".equals(cidr) || "::/0".equals(cidr)) {
                        violations.add(
                                "NetworkPolicy "
                                        + name(np)
                                        + ": the database pods may reach any address ("
                                        + cidr
                                        + ")");
                    }
                }
            }
        }
    }
}
