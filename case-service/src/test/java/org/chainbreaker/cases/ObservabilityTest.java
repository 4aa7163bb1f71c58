package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.platform.grpc.CallMetrics;
import org.chainbreaker.platform.observability.MetricsServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What operators see of the service: per-tenant call metrics on the scrape port, and the caller's
 * trace continued.
 */
class ObservabilityTest extends RunningCaseService {

    @Autowired MetricsServer metrics;

    @Test
    void calls_are_counted_by_tenant_method_and_status_on_the_scrape_port() throws Exception {
        var kr = casesAs("KR", "kr-investigator", "investigator");
        Case opened =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Counted")
                                                .setCategory(Case.Category.OTHER))
                                .build());
        try {
            casesAs("TH", "th-investigator", "investigator")
                    .getCase(GetCaseRequest.newBuilder().setId(opened.getId()).build());
        } catch (io.grpc.StatusRuntimeException expected) {
            // NOT_FOUND: counted as such for TH
        }

        HttpResponse<String> scrape =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + metrics.port()
                                                                + "/metrics"))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern(
                        "chainbreaker_calls_seconds_count\\{code=\"OK\",method=\"chainbreaker.cases.v1.CaseService/CreateCase\",tenant=\"KR\"\\} \\d+")
                .containsPattern(
                        "chainbreaker_calls_seconds_count\\{code=\"NOT_FOUND\",method=\"chainbreaker.cases.v1.CaseService/GetCase\",tenant=\"TH\"\\} \\d+")
                .doesNotContain(TOKENS.token("KR", "kr-investigator", "investigator"));
        // The JVM series the alert rules and the dashboard use (k8s: exported-metrics.txt,
        // ChainbreakerHeapNearLimit).
        assertThat(scrape.body())
                .containsPattern("jvm_memory_used_bytes\\{area=\"heap\"")
                .containsPattern("jvm_memory_max_bytes\\{area=\"heap\"");
    }

    @Test
    void a_callers_trace_continues_in_the_service() {
        Logger accessLog = (Logger) LoggerFactory.getLogger(CallMetrics.ACCESS_LOG);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level before = accessLog.getLevel();
        accessLog.setLevel(Level.DEBUG);
        accessLog.addAppender(lines);
        try {
            String traceId = HexFormat.of().formatHex(randomBytes(16));
            Metadata headers = new Metadata();
            headers.put(
                    Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
                    "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01");
            String token = TOKENS.token("KR", "kr-investigator", "investigator");
            casesAs("KR", "kr-investigator", "investigator")
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .createCase(
                            CreateCaseRequest.newBuilder()
                                    .setCase(
                                            Case.newBuilder()
                                                    .setTitle("Traced")
                                                    .setCategory(Case.Category.OTHER))
                                    .build());

            assertThat(lines.list)
                    .anySatisfy(
                            line -> {
                                Map<String, Object> fields =
                                        line.getKeyValuePairs().stream()
                                                .collect(
                                                        Collectors.toMap(
                                                                kv -> kv.key,
                                                                kv -> String.valueOf(kv.value)));
                                assertThat(fields)
                                        .containsEntry("traceId", traceId)
                                        .containsEntry("tenant", "KR")
                                        .containsEntry(
                                                "method",
                                                "chainbreaker.cases.v1.CaseService/CreateCase")
                                        .containsEntry("status", "OK");
                                assertThat(line.getFormattedMessage() + fields)
                                        .doesNotContain(token);
                            });
        } finally {
            accessLog.detachAppender(lines);
            accessLog.setLevel(before);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }
}
