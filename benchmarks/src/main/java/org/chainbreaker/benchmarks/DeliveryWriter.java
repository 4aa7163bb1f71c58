package org.chainbreaker.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** KR's side: opens a case, then shares it with TH, over REST through the gateway. */
final class DeliveryWriter {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final String restUrl;
    private final Tokens kr;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private final AtomicInteger sequence = new AtomicInteger();
    final Histogram shareLatency = Latencies.micros();
    final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    DeliveryWriter(String restUrl, Tokens kr) {
        this.restUrl = restUrl;
        this.kr = kr;
    }

    /** The timed share, or null (counted in {@link #failures}) when a request failed. */
    DeliveryBenchmark.Share createAndShare(boolean measured) {
        try {
            HttpResponse<String> created =
                    post(
                            "/api/v1/cases",
                            "{\"title\":\"Delivery benchmark "
                                    + sequence.incrementAndGet()
                                    + "\",\"category\":\"ONLINE_SCAM\"}");
            if (created.statusCode() != 201) {
                fail("create HTTP " + created.statusCode());
                return null;
            }
            String id = JSON.readTree(created.body()).path("id").asString();
            long sent = System.nanoTime();
            HttpResponse<String> shared =
                    post(
                            "/api/v1/cases/" + id + ":share",
                            "{\"country\":\"TH\",\"handlingCode\":\"H1\"}");
            long ack = System.nanoTime();
            if (shared.statusCode() != 200) {
                fail("share HTTP " + shared.statusCode());
                return null;
            }
            if (measured) {
                synchronized (shareLatency) {
                    shareLatency.recordValue(Math.max(0, (ack - sent) / 1000));
                }
            }
            return new DeliveryBenchmark.Share(id, sent, ack, measured);
        } catch (IOException | RuntimeException e) {
            fail(e.getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void fail(String what) {
        failures.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    private HttpResponse<String> post(String path, String body)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(restUrl + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", kr.bearer())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
