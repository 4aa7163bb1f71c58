package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PrometheusRules pass promtool (Prometheus' own parser: PromQL syntax, durations, templates),
 * and every metric they or the Grafana dashboard name is one the components export
 * (exported-metrics.txt).
 */
class AlertRulesTest {

    private static final Set<String> PROMQL_WORDS =
            Set.of(
                    "and",
                    "or",
                    "unless",
                    "by",
                    "without",
                    "on",
                    "ignoring",
                    "group_left",
                    "group_right",
                    "bool",
                    "offset",
                    "inf",
                    "nan");
    private static final Pattern IDENTIFIER =
            Pattern.compile("(?<![\\w:.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\\w(])");

    @TempDir Path dir;

    private static List<Map<String, Object>> rules() {
        return Overlays.render(Overlays.named("production")).stream()
                .filter(o -> "PrometheusRule".equals(o.get("kind")))
                .toList();
    }

    static Optional<Path> promtool() {
        for (String d : String.valueOf(System.getenv("PATH")).split(File.pathSeparator)) {
            Path candidate = Path.of(d, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** promtool check rules on one file; its output, and whether it passed. */
    private String promtoolCheck(Path promtool, Map<String, Object> spec) throws Exception {
        Path file = Files.createTempFile(dir, "rules", ".yaml");
        Yaml.YAML.writeValue(file.toFile(), spec);
        Process p =
                new ProcessBuilder(promtool.toString(), "check", "rules", file.toString())
                        .redirectErrorStream(true)
                        .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return (p.exitValue() == 0 ? "OK " : "FAILED ") + out;
    }

    @Test
    void rules_pass_promtool() throws Exception {
        Optional<Path> promtool = promtool();
        // .ci/run installs it where it can (root or sudo), like Chromium and Redis; elsewhere this
        // part skips.
        Assumptions.assumeTrue(
                promtool.isPresent(),
                "promtool is not on the PATH (Debian: apt-get install"
                        + " prometheus); the metric names are still checked by everyMetricNamedIsExported");
        assertThat(rules()).hasSizeGreaterThanOrEqualTo(2);
        for (Map<String, Object> rule : rules()) {
            assertThat(promtoolCheck(promtool.get(), map(rule.get("spec")))).startsWith("OK");
        }
        // The check can fail: a PromQL syntax error is refused.
        Map<String, Object> broken = map(Yaml.copy(map(rules().getFirst().get("spec"))));
        map(list(map(list(broken.get("groups")).getFirst()).get("rules")).getFirst())
                .put("expr", "sum(rate(up[5m])");
        assertThat(promtoolCheck(promtool.get(), broken)).startsWith("FAILED");
    }

    /**
     * promtool test rules with the unit tests of promtool/rules-test.yaml against the given spec.
     */
    private String promtoolUnitTests(Path promtool, Map<String, Object> spec) throws Exception {
        Path run = Files.createTempDirectory(dir, "unit");
        Yaml.YAML.writeValue(run.resolve("rules.yaml").toFile(), spec);
        Path tests = run.resolve("rules-test.yaml");
        try (var in = AlertRulesTest.class.getResourceAsStream("/promtool/rules-test.yaml")) {
            Files.copy(in, tests);
        }
        Process p =
                new ProcessBuilder(promtool.toString(), "test", "rules", tests.toString())
                        .directory(run.toFile())
                        .redirectErrorStream(true)
                        .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return (p.exitValue() == 0 ? "OK " : "FAILED ") + out;
    }

    @Test
    void alerts_fire_on_trouble_and_stay_silent_when_healthy() throws Exception {
        Optional<Path> promtool = promtool();
        Assumptions.assumeTrue(
                promtool.isPresent(),
                "promtool is not on the PATH (Debian: apt-get install" + " prometheus)");
        Map<String, Object> spec =
                map(
                        rules().stream()
                                .filter(
                                        r ->
                                                "chainbreaker"
                                                        .equals(map(r.get("metadata")).get("name")))
                                .findFirst()
                                .orElseThrow()
                                .get("spec"));
        assertThat(promtoolUnitTests(promtool.get(), spec)).startsWith("OK");
        // The unit tests can fail: an error-rate objective loosened to 5 % no longer fires on 3 %.
        Map<String, Object> loosened = map(Yaml.copy(spec));
        for (Object group : list(loosened.get("groups"))) {
            for (Object r : list(map(group).get("rules"))) {
                if ("ChainbreakerRestErrorRate".equals(map(r).get("alert"))) {
                    map(r).put(
                                    "expr",
                                    String.valueOf(map(r).get("expr")).replace("> 0.01", "> 0.05"));
                }
            }
        }
        assertThat(promtoolUnitTests(promtool.get(), loosened))
                .startsWith("FAILED")
                .contains("ChainbreakerRestErrorRate");
    }

    @Test
    void every_metric_an_alert_names_is_exported() throws Exception {
        Set<String> exported =
                new TreeSet<>(
                        Files.readAllLines(
                                        Path.of(
                                                AlertRulesTest.class
                                                        .getResource("/exported-metrics.txt")
                                                        .toURI()))
                                .stream()
                                .map(String::strip)
                                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                                .toList());
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> rule : rules()) {
            for (Object group : list(map(rule.get("spec")).get("groups"))) {
                for (Object r : list(map(group).get("rules"))) {
                    expressions.add(String.valueOf(map(r).get("expr")));
                }
            }
        }
        JsonNode dashboard =
                new ObjectMapper()
                        .readTree(
                                Overlays.K8S
                                        .resolve(
                                                "components/monitoring/dashboards/chainbreaker.json")
                                        .toFile());
        dashboard
                .path("panels")
                .forEach(
                        p ->
                                p.path("targets")
                                        .forEach(t -> expressions.add(t.path("expr").asText())));
        assertThat(expressions).hasSizeGreaterThan(15);
        Set<String> named = new TreeSet<>();
        expressions.forEach(e -> named.addAll(metricNames(e)));
        assertThat(named).isSubsetOf(exported);
        // The extraction finds what it should: a renamed metric is caught.
        assertThat(
                        metricNames(
                                "sum by (tenant) (rate(chainbreaker_gateway_request_count{status=~\"5..\"}[5m])) > 0.1"))
                .containsExactly("chainbreaker_gateway_request_count");
    }

    /**
     * The metric names in a PromQL expression: identifiers outside label matchers, groupings and
     * ranges.
     */
    static Set<String> metricNames(String expr) {
        String bare =
                expr.replaceAll("\"[^\"]*\"", "\"\"")
                        .replaceAll("\\{[^}]*}", " ")
                        .replaceAll("\\[[^\\]]*]", " ")
                        .replaceAll(
                                "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)",
                                " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String word = m.group(1);
            int after = m.end();
            while (after < bare.length() && bare.charAt(after) == ' ') {
                after++;
            }
            boolean call = after < bare.length() && bare.charAt(after) == '(';
            if (!call && !PROMQL_WORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }
}
