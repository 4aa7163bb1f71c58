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

/**
 * Every application is observable and only by whom it should be: the Prometheus scrape on its own
 * port, reachable from Prometheus' namespace only, and traces exported where the overlay says.
 */
final class MetricsRules extends ManifestRules {

    /** The port of the Prometheus scrape in the applications (chainbreaker.metrics.port). */
    static final String METRICS_PORT_ENV = "CHAINBREAKER_METRICS_PORT";

    /** Where the scrape listens (chainbreaker.metrics.bind-address); unset, loopback only. */
    static final String METRICS_BIND_ENV = "CHAINBREAKER_METRICS_BIND_ADDRESS";

    /** The name the Deployments and Services give that port, and the ServiceMonitors scrape. */
    static final String METRICS_PORT_NAME = "metrics";

    static final String OTLP_ENDPOINT_ENV = "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT";
    static final String SAMPLING_ENV = "MANAGEMENT_TRACING_SAMPLING_PROBABILITY";

    private MetricsRules(List<Map<String, Object>> objects) {
        super(objects);
    }

    static List<String> check(List<Map<String, Object>> objects) {
        MetricsRules r = new MetricsRules(objects);
        r.metrics();
        r.tracing();
        return r.violations;
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
            if (peers.stream().anyMatch(ManifestRules::isMonitoringPeer)) {
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
