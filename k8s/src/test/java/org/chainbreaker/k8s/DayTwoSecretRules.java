package org.chainbreaker.k8s;

import static org.chainbreaker.k8s.DayTwoPolicy.SECRETS_THE_GUIDE_DELETES;
import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Day-two rules for credentials: Secrets the operator guide deletes are optional where mounted, and
 * the owner's database credentials reach init containers only.
 */
final class DayTwoSecretRules extends ManifestRules {

    private DayTwoSecretRules(List<Map<String, Object>> objects) {
        super(objects);
    }

    static List<String> check(List<Map<String, Object>> objects, boolean production) {
        DayTwoSecretRules r = new DayTwoSecretRules(objects);
        r.deletableSecretsAreOptional();
        r.ownerCredentialsOnlyInInitContainers();
        return r.violations;
    }

    private void deletableSecretsAreOptional() {
        for (Map<String, Object> d : ofKind("Deployment")) {
            List<Map<String, Object>> all = new ArrayList<>(containersOf(d, "initContainers"));
            all.addAll(containersOf(d, "containers"));
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
            for (Map<String, Object> c : containersOf(d, "containers")) {
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
                if (containerEnv(c, "SPRING_FLYWAY_PASSWORD") != null
                        || ((containerEnv(c, "SPRING_FLYWAY_USER") != null
                                        || containerEnv(c, "SPRING_DATASOURCE_URL") != null)
                                && !"false".equals(containerEnv(c, "SPRING_FLYWAY_ENABLED")))) {
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
}
