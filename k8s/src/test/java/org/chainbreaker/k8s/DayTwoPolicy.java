package org.chainbreaker.k8s;

import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What breaks on the second day or weakens the tenancy promise (issue 23), checked on rendered
 * objects: streams cut by route timeouts, Secrets the guide deletes, connection arithmetic, owner
 * credentials at run time, the Keycloak route, database TLS, backups and replication, shutdown
 * budgets, zones, digests and QoS.
 */
final class DayTwoPolicy {

    /**
     * Secrets the operator guide says to delete once used (docs/operations.md, section 3 and 8).
     */
    static final Set<String> SECRETS_THE_GUIDE_DELETES =
            new java.util.HashSet<>(Set.of("keycloak-bootstrap-admin"));

    /** The platform's maintenance pool (MaintenanceDatabase: retention and the outbox relay). */
    static final int MAINTENANCE_POOL = 2;

    /**
     * Connections kept free besides the pools: CloudNativePG's own, the migrate init container, a
     * human with psql.
     */
    static final int CONNECTION_HEADROOM = 10;

    /**
     * The gateway's gRPC face drains for 20 s (GrpcFace.stop), after which Spring's web shutdown
     * phase begins.
     */
    static final int GATEWAY_GRPC_FACE_DRAIN_SECONDS = 20;

    /** Closing the gateway's upstream channels (Upstreams.close) after both. */
    static final int GATEWAY_CHANNEL_CLOSE_SECONDS = 5;

    /**
     * The services' gRPC server drain when the variable is unset
     * (spring.grpc.server.shutdown.grace-period).
     */
    static final int SERVICE_DRAIN_SECONDS = 20;

    /**
     * The Keycloak paths the public route may carry: the suite's realm and the static resources its
     * pages load.
     */
    static final List<String> KEYCLOAK_PATHS = List.of("/realms/chainbreaker/", "/resources/");

    static final Set<String> SUITE_GRPC_SERVICES =
            new java.util.HashSet<>(
                    Set.of(
                            "chainbreaker.cases.v1.CaseService",
                            "chainbreaker.fugitives.v1.FugitiveService",
                            "chainbreaker.repatriation.v1.RepatriationService"));
    private static final Set<String> JDBC_URL_VARIABLES =
            Set.of("SPRING_DATASOURCE_URL", "SPRING_FLYWAY_URL", "KC_DB_URL");
    private static final Pattern STREAMING_RPC =
            Pattern.compile(
                    "rpc\\s+\\w+\\s*\\([^)]*\\)\\s*returns\\s*\\(\\s*stream\\s[^)]*\\)\\s*\\{[^}]*?get:\\s*\"([^\"]+)\"");

    private final List<Map<String, Object>> objects;
    private final boolean production;
    private final List<String> violations = new ArrayList<>();

    private DayTwoPolicy(List<Map<String, Object>> objects, boolean production) {
        this.objects = objects;
        this.production = production;
    }

    static List<String> check(List<Map<String, Object>> objects, boolean production) {
        DayTwoPolicy p = new DayTwoPolicy(objects, production);
        p.streamsHaveNoRouteTimeout();
        p.deletableSecretsAreOptional();
        p.connectionsFit();
        p.ownerCredentialsOnlyInInitContainers();
        p.keycloakRouteOnlyTheRealm();
        p.grpcRouteOnlyTheSuite();
        p.databaseTlsVerified();
        p.shutdownFitsTheGracePeriod();
        p.guaranteedAndSpreadOverZones();
        if (production) {
            p.backupsAndSynchronousReplication();
            p.imagesByDigest();
            p.databaseEgressNarrow();
            p.limitsShared();
        }
        return p.violations;
    }

    private List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static String name(Map<String, Object> o) {
        return String.valueOf(meta(o).get("name"));
    }

    private static Map<String, Object> podSpec(Map<String, Object> d) {
        return map(map(map(d.get("spec")).get("template")).get("spec"));
    }

    private static List<Map<String, Object>> containers(Map<String, Object> d, String field) {
        return list(podSpec(d).get(field)).stream().map(Yaml::map).toList();
    }

    /**
     * A variable of a container: its literal value, or the value in the ConfigMaps it reads (later
     * wins).
     */
    private String env(Map<String, Object> container, String variable) {
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

    // ---------------------------------------------------------------- streams and routes

    /** The REST paths of the contract's server-streaming RPCs (google.api.http get bindings). */
    static List<String> streamingPaths() {
        List<String> paths = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Overlays.ROOT.resolve("proto/src/main/protobuf"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".proto")).toList()) {
                Matcher m = STREAMING_RPC.matcher(Files.readString(f));
                while (m.find()) {
                    paths.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paths;
    }

    private void streamsHaveNoRouteTimeout() {
        List<String> streams = streamingPaths();
        if (streams.isEmpty()) {
            violations.add(
                    "the contract has no server-streaming REST binding: the route check would be vacuous");
        }
        for (Map<String, Object> route : ofKind("HTTPRoute")) {
            if (!routesTo(route, "gateway")) {
                continue;
            }
            for (String path : streams) {
                Map<String, Object> rule = ruleFor(route, path);
                if (rule == null) {
                    continue;
                }
                Map<String, Object> timeouts = map(rule.get("timeouts"));
                for (String field : List.of("request", "backendRequest")) {
                    Object t = timeouts.get(field);
                    if (t != null && !"0s".equals(t)) {
                        violations.add(
                                "HTTPRoute "
                                        + name(route)
                                        + ": the stream "
                                        + path
                                        + " has a "
                                        + field
                                        + " timeout of "
                                        + t
                                        + ", which cuts every stream after that long");
                    }
                }
            }
        }
    }

    private static boolean routesTo(Map<String, Object> route, String service) {
        return list(map(route.get("spec")).get("rules")).stream()
                .flatMap(r -> list(map(r).get("backendRefs")).stream())
                .anyMatch(b -> service.equals(map(b).get("name")));
    }

    /**
     * The rule Gateway API picks for a path: an Exact match first, then the longest matching
     * PathPrefix.
     */
    private static Map<String, Object> ruleFor(Map<String, Object> route, String path) {
        Map<String, Object> best = null;
        int bestScore = -1;
        for (Object r : list(map(route.get("spec")).get("rules"))) {
            List<Object> matches = list(map(r).get("matches"));
            for (Object m : matches.isEmpty() ? List.<Object>of(Map.of()) : matches) {
                Map<String, Object> p = map(map(m).get("path"));
                String type = String.valueOf(p.getOrDefault("type", "PathPrefix"));
                String value = String.valueOf(p.getOrDefault("value", "/"));
                int score = -1;
                if (type.equals("Exact") && value.equals(path)) {
                    score = Integer.MAX_VALUE;
                } else if (type.equals("PathPrefix") && prefixMatches(value, path)) {
                    score = value.length();
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = map(r);
                }
            }
        }
        return best;
    }

    private static boolean prefixMatches(String prefix, String path) {
        String p =
                prefix.endsWith("/") && prefix.length() > 1
                        ? prefix.substring(0, prefix.length() - 1)
                        : prefix;
        return p.equals("/") || path.equals(p) || path.startsWith(p + "/");
    }

    private void keycloakRouteOnlyTheRealm() {
        for (Map<String, Object> route : ofKind("HTTPRoute")) {
            if (!routesTo(route, "keycloak")) {
                continue;
            }
            for (Object r : list(map(route.get("spec")).get("rules"))) {
                List<Object> matches = list(map(r).get("matches"));
                if (matches.isEmpty()) {
                    violations.add(
                            "HTTPRoute "
                                    + name(route)
                                    + ": a rule without matches routes every Keycloak path,"
                                    + " the master realm and /admin included");
                }
                for (Object m : matches) {
                    Map<String, Object> p = map(map(m).get("path"));
                    String type = String.valueOf(p.getOrDefault("type", "PathPrefix"));
                    String value = String.valueOf(p.getOrDefault("value", "/"));
                    boolean allowed =
                            (type.equals("PathPrefix") || type.equals("Exact"))
                                    && KEYCLOAK_PATHS.stream().anyMatch(a -> value.startsWith(a));
                    if (!allowed) {
                        violations.add(
                                "HTTPRoute "
                                        + name(route)
                                        + ": routes "
                                        + type
                                        + " "
                                        + value
                                        + " to Keycloak, wider than "
                                        + KEYCLOAK_PATHS);
                    }
                }
            }
        }
        for (Map<String, Object> d : ofKind("Deployment")) {
            for (Map<String, Object> c : containers(d, "containers")) {
                if (env(c, "KC_HOSTNAME") != null && env(c, "KC_HOSTNAME_ADMIN") == null) {
                    violations.add(
                            "Deployment "
                                    + name(d)
                                    + ": KC_HOSTNAME is set without KC_HOSTNAME_ADMIN, so the"
                                    + " admin console reached through kubectl port-forward redirects to the public host");
                }
                if (env(c, "KC_PROXY_HEADERS") != null
                        && env(c, "KC_PROXY_TRUSTED_ADDRESSES") == null) {
                    violations.add(
                            "Deployment "
                                    + name(d)
                                    + ": KC_PROXY_HEADERS without KC_PROXY_TRUSTED_ADDRESSES"
                                    + " trusts forwarded headers from anyone");
                }
            }
        }
    }

    private void grpcRouteOnlyTheSuite() {
        for (Map<String, Object> route : ofKind("GRPCRoute")) {
            for (Object r : list(map(route.get("spec")).get("rules"))) {
                List<Object> matches = list(map(r).get("matches"));
                if (matches.isEmpty()) {
                    violations.add(
                            "GRPCRoute "
                                    + name(route)
                                    + ": a rule without matches routes every gRPC service,"
                                    + " server reflection included");
                }
                for (Object m : matches) {
                    Object service = map(map(m).get("method")).get("service");
                    if (!SUITE_GRPC_SERVICES.contains(service)) {
                        violations.add(
                                "GRPCRoute "
                                        + name(route)
                                        + ": routes "
                                        + (service == null ? "any service" : service)
                                        + ", not one of the suite's services");
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- Secrets and credentials

    private void deletableSecretsAreOptional() {
        for (Map<String, Object> d : ofKind("Deployment")) {
            List<Map<String, Object>> all = new ArrayList<>(containers(d, "initContainers"));
            all.addAll(containers(d, "containers"));
            for (Map<String, Object> c : all) {
                for (Object e : list(c.get("env"))) {
                    Map<String, Object> ref = map(map(map(e).get("valueFrom")).get("secretKeyRef"));
                    requireOptional(d, c, ref, "env " + map(e).get("name"));
                }
                for (Object e : list(c.get("envFrom"))) {
                    requireOptional(d, c, map(map(e).get("secretRef")), "envFrom");
                }
            }
            for (Object v : list(podSpec(d).get("volumes"))) {
                Map<String, Object> secret = map(map(v).get("secret"));
                if (SECRETS_THE_GUIDE_DELETES.contains(secret.get("secretName"))
                        && !Boolean.TRUE.equals(secret.get("optional"))) {
                    violations.add(
                            "Deployment "
                                    + name(d)
                                    + ": volume "
                                    + map(v).get("name")
                                    + " requires Secret "
                                    + secret.get("secretName")
                                    + ", which the operator guide says to delete");
                }
            }
        }
    }

    private void requireOptional(
            Map<String, Object> d, Map<String, Object> c, Map<String, Object> ref, String what) {
        if (SECRETS_THE_GUIDE_DELETES.contains(ref.get("name"))
                && !Boolean.TRUE.equals(ref.get("optional"))) {
            violations.add(
                    "Deployment "
                            + name(d)
                            + ", container "
                            + c.get("name")
                            + ": "
                            + what
                            + " requires Secret "
                            + ref.get("name")
                            + ", which the operator guide says to delete (the next pod would not start)");
        }
    }

    /**
     * The owner roles of the suite's databases (bootstrap owners of the application clusters; by
     * name otherwise).
     */
    private Set<String> ownerSecrets() {
        Set<String> owners =
                new java.util.HashSet<>(
                        Set.of("cases-db-owner", "fugitives-db-owner", "repatriation-db-owner"));
        for (Map<String, Object> cluster : ofKind("Cluster")) {
            if (!name(cluster).equals("keycloak-db")) {
                Object secret =
                        map(map(map(map(cluster.get("spec")).get("bootstrap")).get("initdb"))
                                        .get("secret"))
                                .get("name");
                if (secret != null) {
                    owners.add(String.valueOf(secret));
                }
            }
        }
        return owners;
    }

    private void ownerCredentialsOnlyInInitContainers() {
        Set<String> owners = ownerSecrets();
        for (Map<String, Object> d : ofKind("Deployment")) {
            for (Map<String, Object> c : containers(d, "containers")) {
                String at = "Deployment " + name(d) + ", container " + c.get("name");
                for (Object e : list(c.get("env"))) {
                    Object secret =
                            map(map(map(e).get("valueFrom")).get("secretKeyRef")).get("name");
                    if (owners.contains(secret)) {
                        violations.add(
                                at
                                        + ": env "
                                        + map(e).get("name")
                                        + " carries the database owner's Secret "
                                        + secret
                                        + " in a long-running container (the owner bypasses row-level security)");
                    }
                }
                for (Object e : list(c.get("envFrom"))) {
                    Object secret = map(map(e).get("secretRef")).get("name");
                    if (owners.contains(secret)) {
                        violations.add(at + ": envFrom the database owner's Secret " + secret);
                    }
                }
                if (env(c, "SPRING_FLYWAY_PASSWORD") != null
                        || ((env(c, "SPRING_FLYWAY_USER") != null
                                        || env(c, "SPRING_DATASOURCE_URL") != null)
                                && !"false".equals(env(c, "SPRING_FLYWAY_ENABLED")))) {
                    violations.add(
                            at + ": runs Flyway (owner credentials) in the long-running container");
                }
            }
            for (Object v : list(podSpec(d).get("volumes"))) {
                Object secret = map(map(v).get("secret")).get("secretName");
                if (owners.contains(secret)) {
                    violations.add(
                            "Deployment "
                                    + name(d)
                                    + ": mounts the database owner's Secret "
                                    + secret);
                }
            }
        }
    }

    // ---------------------------------------------------------------- connections

    private void connectionsFit() {
        Map<String, Integer> demand = new LinkedHashMap<>();
        Map<String, List<String>> clients = new LinkedHashMap<>();
        for (Map<String, Object> d : ofKind("Deployment")) {
            Map<String, Object> c =
                    containers(d, "containers").stream().findFirst().orElse(Map.of());
            String url = env(c, "SPRING_DATASOURCE_URL");
            String pool;
            int extra;
            if (url != null) {
                pool = env(c, "SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE");
                extra = MAINTENANCE_POOL;
            } else {
                url = env(c, "KC_DB_URL");
                pool = env(c, "KC_DB_POOL_MAX_SIZE");
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

    // ---------------------------------------------------------------- database TLS

    private void databaseTlsVerified() {
        for (Map<String, Object> d : ofKind("Deployment")) {
            List<Map<String, Object>> all = new ArrayList<>(containers(d, "initContainers"));
            all.addAll(containers(d, "containers"));
            for (Map<String, Object> c : all) {
                for (String variable : JDBC_URL_VARIABLES) {
                    String url = env(c, variable);
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

    // ---------------------------------------------------------------- shutdown, QoS, zones

    private void shutdownFitsTheGracePeriod() {
        for (Map<String, Object> d : DeploymentPolicy.applications(objects)) {
            Map<String, Object> c = containers(d, "containers").getFirst();
            Object sleep =
                    map(map(map(map(c.get("lifecycle")).get("preStop")).get("sleep")))
                            .get("seconds");
            int preStop = sleep instanceof Integer s ? s : 0;
            int budget;
            String why;
            if (name(d).equals("gateway")) {
                int phase = seconds(env(c, "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"), 30);
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
                                env(c, "SPRING_GRPC_SERVER_SHUTDOWN_GRACE_PERIOD"),
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
            List<Map<String, Object>> all = new ArrayList<>(containers(d, "initContainers"));
            all.addAll(containers(d, "containers"));
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

    // ---------------------------------------------------------------- production only

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
            List<Map<String, Object>> all = new ArrayList<>(containers(d, "initContainers"));
            all.addAll(containers(d, "containers"));
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
                    env(
                            containers(d, "containers").getFirst(),
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
