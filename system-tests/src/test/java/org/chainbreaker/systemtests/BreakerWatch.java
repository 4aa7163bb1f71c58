package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.FaultSuite.pause;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Polls {@code resilience4j_circuitbreaker_state} on the gateway's Prometheus scrape and records
 * each change.
 */
final class BreakerWatch implements AutoCloseable {
    private static final java.util.regex.Pattern STATE =
            java.util.regex.Pattern.compile(
                    "^resilience4j_circuitbreaker_state\\{([^}]*)}\\s+1(\\.0)?$",
                    java.util.regex.Pattern.MULTILINE);
    private final String url;
    private final Map<String, String> current = new ConcurrentHashMap<>();
    private final List<String> transitions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, List<Long>> times = new ConcurrentHashMap<>();
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    private volatile boolean closed;

    BreakerWatch(String url) {
        this.url = url;
        Thread.ofVirtual().name("breaker-watch").start(this::run);
    }

    private void run() {
        while (!closed) {
            try {
                String body =
                        http.send(
                                        java.net.http.HttpRequest.newBuilder(
                                                        java.net.URI.create(url))
                                                .timeout(Duration.ofSeconds(5))
                                                .build(),
                                        java.net.http.HttpResponse.BodyHandlers.ofString())
                                .body();
                java.util.regex.Matcher m = STATE.matcher(body);
                while (m.find()) {
                    String labels = m.group(1);
                    String name = label(labels, "name");
                    String state = label(labels, "state").toUpperCase();
                    String before = current.put(name, state);
                    if (before != null && !before.equals(state)) {
                        transitions.add(name + " " + before + "->" + state);
                        times.computeIfAbsent(
                                        name + " " + state,
                                        k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                .add(System.nanoTime());
                    }
                }
            } catch (IOException e) {
                // the gateway is busy; next time
            } catch (InterruptedException e) {
                return;
            }
            pause(Duration.ofMillis(50));
        }
    }

    private static String label(String labels, String name) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : "?";
    }

    String state(String breaker) {
        return current.getOrDefault(breaker, "?");
    }

    List<String> transitions() {
        return List.copyOf(transitions);
    }

    /**
     * Transitions counted per breaker, in the order first seen, e.g. {@code cases CLOSED->OPEN x2}.
     */
    static String summary(List<String> transitions) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        transitions.forEach(t -> counts.merge(t, 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((t, n) -> parts.add(t + " x" + n));
        return String.join(", ", parts);
    }

    /** When the breaker first entered {@code state} after {@code after}. */
    long firstTime(String breaker, String state, long after) {
        return times.getOrDefault(breaker + " " + state, List.of()).stream()
                .filter(t -> t > after)
                .findFirst()
                .orElse(after);
    }

    @Override
    public void close() {
        closed = true;
        http.close();
    }
}
