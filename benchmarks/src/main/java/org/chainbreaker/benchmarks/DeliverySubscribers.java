package org.chainbreaker.benchmarks;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.WatchEventsRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * TH's subscribers of the delivery benchmarks: Server-Sent Events through the gateway and
 * WatchEvents over gRPC, each resuming from its last cursor, and what each received.
 */
final class DeliverySubscribers {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String SHARED = "case.shared";

    /** Set when the run is over: the subscribers stop resuming and printing. */
    private static volatile boolean stopping;

    /**
     * Ends the subscribers' resuming (also used by {@link DeliveryBenchmark} and {@link
     * SubscribersBenchmark}).
     */
    static void stopSubscribers() {
        stopping = true;
    }

    private DeliverySubscribers() {}

    /** What one subscriber received. */
    static final class Receipts {
        final String name;
        final Map<String, Long> firstNanos = new ConcurrentHashMap<>();

        /**
         * Wall-clock receipt minus the event's occur_time (written in the committing transaction),
         * microseconds.
         */
        final Map<String, Long> fromOccurMicros = new ConcurrentHashMap<>();

        final LongAdder duplicates = new LongAdder();
        final LongAdder heartbeats = new LongAdder();

        /**
         * Events of other types (e.g. case.opened of a case already shared when the event was
         * delivered), by type.
         */
        final Map<String, LongAdder> otherEvents = new ConcurrentHashMap<>();

        final LongAdder reconnects = new LongAdder();
        volatile String lastCursor = "";

        Receipts(String name) {
            this.name = name;
        }

        void event(
                String type,
                String recordId,
                Instant occurTime,
                String cursor,
                long nanos,
                Instant wall) {
            if (cursor != null && !cursor.isEmpty()) {
                lastCursor = cursor;
            }
            if (!SHARED.equals(type)) {
                otherEvents.computeIfAbsent(type, t -> new LongAdder()).increment();
                return;
            }
            if (firstNanos.putIfAbsent(recordId, nanos) != null) {
                duplicates.increment();
                return;
            }
            if (occurTime != null) {
                fromOccurMicros.put(recordId, Duration.between(occurTime, wall).toNanos() / 1000);
            }
        }
    }

    /**
     * TH's Server-Sent Events subscription through the gateway; resumes with Last-Event-ID if the
     * stream ends.
     */
    static void followSse(String restUrl, Tokens th, Receipts receipts) {
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        boolean first = true;
        while (!stopping) {
            if (!first) {
                receipts.reconnects.increment();
                sleep(Duration.ofMillis(500));
            }
            first = false;
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(restUrl + "/api/v1/cases:watchEvents"))
                            .header("Accept", "text/event-stream")
                            .header("Authorization", th.bearer());
            if (!receipts.lastCursor.isEmpty()) {
                request.header("Last-Event-ID", receipts.lastCursor);
            }
            try {
                HttpResponse<InputStream> response =
                        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    System.out.printf(
                            "SSE subscription answered HTTP %d: %s%n",
                            response.statusCode(),
                            new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
                    continue;
                }
                try (BufferedReader reader =
                        new BufferedReader(
                                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String id = null;
                    String eventName = null;
                    StringBuilder data = new StringBuilder();
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (line.isEmpty()) {
                            if (!data.isEmpty()) {
                                long nanos = System.nanoTime();
                                Instant wall = Instant.now();
                                if (eventName != null && !eventName.equals("message")) {
                                    System.out.printf("SSE event '%s': %s%n", eventName, data);
                                } else {
                                    JsonNode event = JSON.readTree(data.toString());
                                    String occur = event.path("occurTime").asString("");
                                    receipts.event(
                                            event.path("type").asString(""),
                                            event.path("recordId").asString(""),
                                            occur.isEmpty() ? null : Instant.parse(occur),
                                            id,
                                            nanos,
                                            wall);
                                }
                            }
                            id = null;
                            eventName = null;
                            data.setLength(0);
                        } else if (line.startsWith(":")) {
                            receipts.heartbeats.increment();
                        } else if (line.startsWith("id:")) {
                            id = line.substring(3).trim();
                        } else if (line.startsWith("event:")) {
                            eventName = line.substring(6).trim();
                        } else if (line.startsWith("data:")) {
                            data.append(line.substring(5).trim());
                        }
                    }
                }
                if (!stopping) {
                    System.out.println("SSE stream ended; resuming from the last event id");
                }
            } catch (IOException | RuntimeException e) {
                if (!stopping) {
                    System.out.println(
                            "SSE stream failed (" + e + "); resuming from the last event id");
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** TH's WatchEvents over gRPC; resumes from the last cursor if the stream ends. */
    static void followGrpc(ManagedChannel channel, Tokens th, Receipts receipts) {
        CaseServiceGrpc.newStub(channel)
                .withInterceptors(th.grpcAuthorization())
                .watchEvents(
                        WatchEventsRequest.newBuilder().setCursor(receipts.lastCursor).build(),
                        new StreamObserver<>() {
                            @Override
                            public void onNext(Event event) {
                                long nanos = System.nanoTime();
                                Instant wall = Instant.now();
                                if (event.getHeartbeat()) {
                                    receipts.heartbeats.increment();
                                    return;
                                }
                                Instant occur =
                                        event.hasOccurTime()
                                                ? Instant.ofEpochSecond(
                                                        event.getOccurTime().getSeconds(),
                                                        event.getOccurTime().getNanos())
                                                : null;
                                receipts.event(
                                        event.getType(),
                                        event.getRecordId(),
                                        occur,
                                        event.getCursor(),
                                        nanos,
                                        wall);
                            }

                            @Override
                            public void onError(Throwable t) {
                                if (stopping || channel.isShutdown()) {
                                    return;
                                }
                                System.out.println(
                                        receipts.name
                                                + ": stream failed ("
                                                + t
                                                + "); resuming from the last cursor");
                                resume();
                            }

                            @Override
                            public void onCompleted() {
                                if (!stopping && !channel.isShutdown()) {
                                    System.out.println(
                                            receipts.name
                                                    + ": stream ended; resuming from the last cursor");
                                    resume();
                                }
                            }

                            private void resume() {
                                receipts.reconnects.increment();
                                Thread.ofVirtual()
                                        .start(
                                                () -> {
                                                    sleep(Duration.ofMillis(500));
                                                    followGrpc(channel, th, receipts);
                                                });
                            }
                        });
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
