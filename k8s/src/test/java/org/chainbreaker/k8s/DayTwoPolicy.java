package org.chainbreaker.k8s;

import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What breaks on the second day or weakens the tenancy promise, checked on rendered objects:
 * streams cut by route timeouts, Secrets the guide deletes, connection arithmetic, owner
 * credentials at run time, the Keycloak route, database TLS, backups and replication, shutdown
 * budgets, zones, digests and QoS.
 */
final class DayTwoPolicy extends ManifestRules {

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
    static final Set<String> JDBC_URL_VARIABLES =
            Set.of("SPRING_DATASOURCE_URL", "SPRING_FLYWAY_URL", "KC_DB_URL");
    static final Pattern STREAMING_RPC =
            Pattern.compile(
                    "rpc\\s+\\w+\\s*\\([^)]*\\)\\s*returns\\s*\\(\\s*stream\\s[^)]*\\)\\s*\\{[^}]*?get:\\s*\"([^\"]+)\"");

    private DayTwoPolicy(List<Map<String, Object>> objects) {
        super(objects);
    }

    static List<String> check(List<Map<String, Object>> objects, boolean production) {
        DayTwoPolicy p = new DayTwoPolicy(objects);
        p.streamsHaveNoRouteTimeout();
        p.keycloakRouteOnlyTheRealm();
        p.grpcRouteOnlyTheSuite();
        p.violations.addAll(DayTwoSecretRules.check(objects, production));
        p.violations.addAll(DayTwoDatabaseRules.check(objects, production));
        p.violations.addAll(DayTwoRuntimeRules.check(objects, production));
        return p.violations;
    }

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
            for (Map<String, Object> c : containersOf(d, "containers")) {
                if (containerEnv(c, "KC_HOSTNAME") != null
                        && containerEnv(c, "KC_HOSTNAME_ADMIN") == null) {
                    violations.add(
                            "Deployment "
                                    + name(d)
                                    + ": KC_HOSTNAME is set without KC_HOSTNAME_ADMIN, so the"
                                    + " admin console reached through kubectl port-forward redirects to the public host");
                }
                if (containerEnv(c, "KC_PROXY_HEADERS") != null
                        && containerEnv(c, "KC_PROXY_TRUSTED_ADDRESSES") == null) {
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
}
