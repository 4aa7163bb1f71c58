package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each class of day-two mistake breaks a rendered copy of the production overlay and must be named
 * by the policy; the untouched rendering passes (checked before every breakage).
 */
class DayTwoBreakagesTest {

    record Breakage(String name, Consumer<List<Map<String, Object>>> apply, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, Object> find(
            List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(meta(o).get("name")))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Object> spec(List<Map<String, Object>> o, String kind, String name) {
        return map(find(o, kind, name).get("spec"));
    }

    private static Map<String, Object> pod(List<Map<String, Object>> o, String deployment) {
        return map(map(spec(o, "Deployment", deployment).get("template")).get("spec"));
    }

    private static Map<String, Object> container(
            List<Map<String, Object>> o, String deployment, String field) {
        return map(list(pod(o, deployment).get(field)).getFirst());
    }

    private static Map<String, Object> configMap(List<Map<String, Object>> o, String prefix) {
        return map(
                o.stream()
                        .filter(c -> "ConfigMap".equals(c.get("kind")))
                        .filter(
                                c ->
                                        String.valueOf(meta(c).get("name"))
                                                .matches(prefix + "-[a-z0-9]{10}"))
                        .findFirst()
                        .orElseThrow()
                        .get("data"));
    }

    private static Map<String, Object> rule(
            List<Map<String, Object>> o, String kind, String route, int index) {
        return map(list(spec(o, kind, route).get("rules")).get(index));
    }

    static Stream<Breakage> breakages() {
        return Stream.of(
                new Breakage(
                        "a route timeout on a streaming path",
                        o ->
                                rule(o, "HTTPRoute", "chainbreaker-rest", 0)
                                        .put("timeouts", Map.of("request", "30s")),
                        "HTTPRoute chainbreaker-rest: the stream /api/v1/cases:watchEvents has a request timeout of 30s"),
                new Breakage(
                        "the stream rule removed, so the /api/ prefix rule with its timeout carries the streams",
                        o ->
                                list(spec(o, "HTTPRoute", "chainbreaker-rest").get("rules"))
                                        .removeFirst(),
                        "the stream /api/v1/repatriations:watchEvents has a request timeout of 30s"),
                new Breakage(
                        "a required reference to a Secret the guide says to delete",
                        o ->
                                list(container(o, "keycloak", "containers").get("env")).stream()
                                        .map(Yaml::map)
                                        .filter(
                                                e ->
                                                        "KC_BOOTSTRAP_ADMIN_PASSWORD"
                                                                .equals(e.get("name")))
                                        .forEach(
                                                e ->
                                                        map(map(e.get("valueFrom"))
                                                                        .get("secretKeyRef"))
                                                                .remove("optional")),
                        "env KC_BOOTSTRAP_ADMIN_PASSWORD requires Secret keycloak-bootstrap-admin, which the operator guide says to delete"),
                new Breakage(
                        "pools times replicas above max_connections",
                        o ->
                                map(spec(o, "HorizontalPodAutoscaler", "case-service"))
                                        .put("maxReplicas", 20),
                        "Cluster cases-db: [case-service 21 pods x (10 + 2)] = 252 connections + 10 headroom exceed max_connections 200 - 3 reserved"),
                new Breakage(
                        "a pool grown past max_connections",
                        o ->
                                configMap(o, "fugitive-service")
                                        .put("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "16"),
                        "Cluster fugitives-db: [fugitive-service 11 pods x (16 + 2)] = 198 connections"),
                new Breakage(
                        "Keycloak's pool at its default of 100",
                        o -> configMap(o, "keycloak").remove("KC_DB_POOL_MAX_SIZE"),
                        "Deployment keycloak: its connection pool size is not set explicitly"),
                new Breakage(
                        "owner credentials in a long-running container",
                        o ->
                                list(container(o, "repatriation-service", "containers").get("env"))
                                        .add(
                                                Yaml.parseDocuments(
                                                                """
                                name: SPRING_FLYWAY_PASSWORD
                                valueFrom: {secretKeyRef: {name: repatriation-db-owner, key: password}}
                                """)
                                                        .getFirst()),
                        "Deployment repatriation-service, container repatriation-service: env SPRING_FLYWAY_PASSWORD carries the database owner's Secret repatriation-db-owner"),
                new Breakage(
                        "Flyway back in the long-running container",
                        o ->
                                list(container(o, "case-service", "containers").get("env"))
                                        .removeIf(
                                                e ->
                                                        "SPRING_FLYWAY_ENABLED"
                                                                .equals(map(e).get("name"))),
                        "Deployment case-service, container case-service: runs Flyway (owner credentials) in the long-running container"),
                new Breakage(
                        "a Keycloak route wider than the realm",
                        o ->
                                map(map(list(rule(o, "HTTPRoute", "keycloak", 0).get("matches"))
                                                        .getFirst())
                                                .get("path"))
                                        .put("value", "/realms/"),
                        "HTTPRoute keycloak: routes PathPrefix /realms/ to Keycloak, wider than [/realms/chainbreaker/, /resources/]"),
                new Breakage(
                        "the admin console without its port-forward hostname",
                        o -> configMap(o, "keycloak").remove("KC_HOSTNAME_ADMIN"),
                        "KC_HOSTNAME is set without KC_HOSTNAME_ADMIN"),
                new Breakage(
                        "the gRPC route open to every service (reflection included)",
                        o -> rule(o, "GRPCRoute", "chainbreaker-grpc", 0).remove("matches"),
                        "GRPCRoute chainbreaker-grpc: a rule without matches routes every gRPC service"),
                new Breakage(
                        "non-verifying database TLS",
                        o ->
                                configMap(o, "case-service")
                                        .put(
                                                "SPRING_DATASOURCE_URL",
                                                "jdbc:postgresql://cases-db-rw:5432/cases?sslmode=require"),
                        "Deployment case-service, container case-service: SPRING_DATASOURCE_URL uses sslmode=require, which does not verify the database server"),
                new Breakage(
                        "the whole CA Secret (with its key) mounted",
                        o ->
                                list(pod(o, "fugitive-service").get("volumes")).stream()
                                        .map(Yaml::map)
                                        .filter(v -> "db-ca".equals(v.get("name")))
                                        .forEach(v -> map(v.get("secret")).remove("items")),
                        "is not the CA certificate alone"),
                new Breakage(
                        "a database accepting connections without TLS",
                        o ->
                                map(spec(o, "Cluster", "repatriation-db").get("postgresql"))
                                        .remove("pg_hba"),
                        "Cluster repatriation-db: pg_hba does not reject connections without TLS"),
                new Breakage(
                        "a production overlay without backups",
                        o ->
                                o.removeIf(
                                        x ->
                                                List.of("ScheduledBackup", "ObjectStore")
                                                        .contains(x.get("kind"))),
                        "Cluster cases-db: no WAL archiving to an ObjectStore of this overlay"),
                new Breakage(
                        "asynchronous replication",
                        o ->
                                map(spec(o, "Cluster", "keycloak-db").get("postgresql"))
                                        .remove("synchronous"),
                        "Cluster keycloak-db: replication is not synchronous"),
                new Breakage(
                        "database instances allowed in one zone",
                        o ->
                                map(spec(o, "Cluster", "cases-db").get("affinity"))
                                        .put("podAntiAffinityType", "preferred"),
                        "Cluster cases-db: instances are not required to be in different zones"),
                new Breakage(
                        "a grace period shorter than the shutdown budget",
                        o -> pod(o, "gateway").put("terminationGracePeriodSeconds", 45),
                        "Deployment gateway: terminationGracePeriodSeconds 45 does not exceed its shutdown budget of 55 s"),
                new Breakage(
                        "a service's drain grown past its grace period",
                        o ->
                                configMap(o, "case-service")
                                        .put("SPRING_GRPC_SERVER_SHUTDOWN_GRACE_PERIOD", "40s"),
                        "Deployment case-service: terminationGracePeriodSeconds 45 does not exceed its shutdown budget of 50 s"),
                new Breakage(
                        "requests below limits",
                        o ->
                                map(map(container(o, "gateway", "containers").get("resources"))
                                                .get("requests"))
                                        .put("cpu", "500m"),
                        "Deployment gateway, container gateway: requests differ from limits"),
                new Breakage(
                        "replicas spread over nodes only",
                        o ->
                                list(pod(o, "fugitive-service").get("topologySpreadConstraints"))
                                        .removeFirst(),
                        "Deployment fugitive-service: not spread across zones"),
                new Breakage(
                        "an image by mutable tag",
                        o ->
                                container(o, "gateway", "containers")
                                        .put(
                                                "image",
                                                "ghcr.io/chainbreaker/gateway:0.1.0-SNAPSHOT"),
                        "image ghcr.io/chainbreaker/gateway:0.1.0-SNAPSHOT is not pinned by digest"),
                new Breakage(
                        "per-replica rate limits (no shared Redis)",
                        o ->
                                list(container(o, "gateway", "containers").get("env"))
                                        .removeIf(
                                                e ->
                                                        "CHAINBREAKER_GATEWAY_LIMITS_REDIS_URL"
                                                                .equals(map(e).get("name"))),
                        "CHAINBREAKER_GATEWAY_LIMITS_REDIS_URL is not set"),
                new Breakage(
                        "the gateway cut off from the limits store",
                        o -> o.remove(find(o, "NetworkPolicy", "gateway-limits-redis")),
                        "no NetworkPolicy lets it reach the limits store limits-redis"),
                new Breakage(
                        "database pods reaching any address on 443",
                        o ->
                                list(spec(o, "NetworkPolicy", "cases-db").get("egress"))
                                        .add(
                                                Map.of(
                                                        "ports",
                                                        List.of(
                                                                Map.of(
                                                                        "protocol",
                                                                        "TCP",
                                                                        "port",
                                                                        443)))),
                        "NetworkPolicy cases-db: the database pods may reach any address on [443]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void each_day_two_mistake_is_named(Breakage breakage) {
        List<Map<String, Object>> objects = Overlays.renderCopy(Overlays.named("production"));
        assertThat(DeploymentPolicy.check(objects, false)).as("before the breakage").isEmpty();
        breakage.apply().accept(objects);
        assertThat(DeploymentPolicy.check(objects, false))
                .anySatisfy(v -> assertThat(v).contains(breakage.expected()));
    }

    @Test
    void the_guide_deletes_exactly_the_secrets_the_policy_knows() throws Exception {
        String guide = Files.readString(Overlays.ROOT.resolve("docs/operations.md"));
        for (String secret : DayTwoPolicy.SECRETS_THE_GUIDE_DELETES) {
            assertThat(guide).contains("delete the `" + secret + "` Secret");
        }
    }

    @Test
    void the_streaming_paths_come_from_the_contract() {
        assertThat(DayTwoPolicy.streamingPaths())
                .containsExactlyInAnyOrder(
                        "/api/v1/cases:watchEvents",
                        "/api/v1/fugitives:watchEvents",
                        "/api/v1/repatriations:watchEvents");
    }
}
