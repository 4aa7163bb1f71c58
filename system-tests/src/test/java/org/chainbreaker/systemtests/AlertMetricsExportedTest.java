package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.devstack.Suite;
import org.junit.jupiter.api.Test;

/**
 * The metric names the alert rules and the Grafana dashboard may use (k8s' exported-metrics.txt, to
 * which k8s' AlertRulesTest holds every rule and panel) are really exported by the running suite: a
 * renamed or dropped metric fails here. Names of other components (Prometheus' {@code up},
 * CloudNativePG's {@code cnpg_*}) are not the suite's and are left to their own documentation.
 */
class AlertMetricsExportedTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern METRICS_PORT =
            Pattern.compile("Prometheus metrics at http://\\S+:(\\d+)/metrics");
    private static final List<String> COMPONENTS =
            List.of("gateway", "case-service", "fugitive-service", "repatriation-service");

    @Test
    void every_metric_the_alerts_and_dashboard_name_is_in_the_suites_scrape() throws Exception {
        Suite suite = RunningSuite.get();
        // One call through the gateway into a service, so that the per-call series exist.
        HttpResponse<String> listed =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(suite.restUrl() + "/api/v1/cases"))
                                .timeout(Duration.ofSeconds(30))
                                .header(
                                        "Authorization",
                                        "Bearer " + RunningSuite.token("kr-investigator"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        // And one on the gateway's gRPC face: its server timer (grpc_server_seconds, which the
        // alerts read) is the gateway's own; the services time their calls as chainbreaker_calls.
        Metadata bearer = new Metadata();
        bearer.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + RunningSuite.token("kr-investigator"));
        CaseServiceGrpc.newBlockingStub(RunningSuite.gatewayGrpc())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer))
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .listCases(ListCasesRequest.getDefaultInstance());

        Set<String> scraped = new TreeSet<>();
        for (String component : COMPONENTS) {
            scraped.addAll(names(scrape(suite, component)));
        }
        Set<String> named = new TreeSet<>();
        for (String line :
                Files.readAllLines(
                        Path.of(
                                System.getProperty("chainbreaker.root.dir", ".."),
                                "k8s/src/test/resources/exported-metrics.txt"))) {
            String name = line.strip();
            if (!name.isEmpty()
                    && !name.startsWith("#")
                    && !name.equals("up")
                    && !name.startsWith("cnpg_")) {
                named.add(name);
            }
        }
        assertThat(named).hasSizeGreaterThan(8);
        assertThat(scraped).containsAll(named);
    }

    private static String scrape(Suite suite, String component) throws Exception {
        Matcher port = METRICS_PORT.matcher(Files.readString(suite.process(component).logFile()));
        assertThat(port.find()).as(component + " logged its metrics port").isTrue();
        HttpResponse<String> scrape =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:" + port.group(1) + "/metrics"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        return scrape.body();
    }

    /** The series names of a Prometheus text scrape. */
    static Set<String> names(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                names.add(line.substring(0, end));
            }
        }
        return names;
    }
}
