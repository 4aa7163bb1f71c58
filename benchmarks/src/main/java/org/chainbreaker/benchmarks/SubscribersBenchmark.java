package org.chainbreaker.benchmarks;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.chainbreaker.devstack.Suite;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bin/bench subscribers}: events with many subscribers (issue 17). N subscribers of several
 * countries follow their case events through the gateway, alternately Server-Sent Events (REST) and
 * the gateway's gRPC face. First the suite sits idle with no subscriber and then with all N, and
 * the cases database's committed transactions per second (pg_stat_database.xact_commit) are
 * compared: a reader per country and replica woken by LISTEN/NOTIFY does not grow with N. Then KR
 * opens a case and shares it with one of the subscribed countries in turn at a steady rate; every
 * subscriber of that country must receive the case.shared event exactly once (lost and repeated are
 * counted), and the time from the share's answer to each receipt is recorded (p50, p99, max).
 */
public final class SubscribersBenchmark {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The region's countries besides KR (the writer), each with a dev user cc-investigator. */
    private static final List<String> PARTNERS =
            List.of("TH", "VN", "KH", "LA", "MM", "PH", "ID", "MY", "SG", "BN");

    public static void main(String[] args) {
        Main.run(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        Options options = new Options(args);
        int count = options.integer("subscribers", 200, "subscribers in all (half SSE, half gRPC)");
        int countryCount =
                options.integer(
                        "countries", 10, "subscribing countries (of the region, KR excluded)");
        int shares = options.integer("shares", 100, "shares measured");
        double rate = options.decimal("rate", 5, "shares per second");
        Duration idle = options.seconds("idle", 10, "each idle window (0 and N subscribers)");
        Duration lossTimeout =
                options.seconds("loss-timeout", 10, "an event not received within this is lost");
        if (options.helpRequested()) {
            System.out.println("bin/bench subscribers [options]\n" + options.usage());
            return;
        }
        options.rejectUnknown();
        List<String> countries = PARTNERS.stream().limit(countryCount).toList();

        System.out.println(
                "== subscribers benchmark: idle database cost and share delivery with many subscribers");
        System.out.println("machine: " + Machine.facts());
        String loadStart = Machine.loadAverage();
        System.out.println("load average at start: " + loadStart);
        System.out.println("options: " + options.summary() + " countries=" + countries);

        Suite suite = BenchSuite.start("subscribers");
        List<ManagedChannel> channels = new ArrayList<>();
        Map<String, Tokens> tokens = new LinkedHashMap<>();
        try (Tokens kr = new Tokens(suite.keycloak(), "kr-investigator");
                Connection db = suite.postgres().superuserConnection("cases")) {
            for (String country : countries) {
                tokens.put(
                        country,
                        new Tokens(suite.keycloak(), country.toLowerCase() + "-investigator"));
            }
            Thread.sleep(2000);
            double idleNone = commitsPerSecond(db, idle);
            System.out.printf("idle, no subscriber: %.1f commits/s%n", idleNone);

            ManagedChannel grpc =
                    NettyChannelBuilder.forTarget(suite.grpcTarget()).usePlaintext().build();
            channels.add(grpc);
            Map<String, List<DeliverySubscribers.Receipts>> byCountry = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String country = countries.get(i % countries.size());
                boolean sse = (i / countries.size()) % 2 == 0;
                DeliverySubscribers.Receipts receipts =
                        new DeliverySubscribers.Receipts(country + (sse ? " SSE " : " gRPC ") + i);
                byCountry.computeIfAbsent(country, c -> new ArrayList<>()).add(receipts);
                Tokens token = tokens.get(country);
                if (sse) {
                    Thread.ofVirtual()
                            .start(
                                    () ->
                                            DeliverySubscribers.followSse(
                                                    suite.restUrl(), token, receipts));
                } else {
                    DeliverySubscribers.followGrpc(grpc, token, receipts);
                }
            }
            // Every subscriber is following once a probe share per country reached all of its own.
            Writer writer = new Writer(suite.restUrl(), kr);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            for (String country : countries) {
                while (true) {
                    String probe = writer.openAndShare(country);
                    Thread.sleep(1000);
                    if (probe != null
                            && byCountry.get(country).stream()
                                    .allMatch(r -> r.firstNanos.containsKey(probe))) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "subscribers of " + country + " received no events in 180 s");
                    }
                }
            }
            System.out.println("all " + count + " subscribers follow");
            Thread.sleep(2000);
            double idleMany = commitsPerSecond(db, idle);
            System.out.printf("idle, %d subscribers: %.1f commits/s%n", count, idleMany);

            Histogram delivery = Latencies.micros();
            Map<String, Long> acks = new LinkedHashMap<>();
            Map<String, String> partner = new LinkedHashMap<>();
            long interval = Math.round(1e9 / rate);
            long next = System.nanoTime();
            for (int i = 0; i < shares; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += interval;
                String country = countries.get(i % countries.size());
                String id = writer.openAndShare(country);
                if (id != null) {
                    acks.put(id, writer.lastAck);
                    partner.put(id, country);
                }
            }
            Thread.sleep(lossTimeout.toMillis());
            long lost = 0;
            long repeated = 0;
            long strayed = 0;
            for (Map.Entry<String, Long> share : acks.entrySet()) {
                String country = partner.get(share.getKey());
                for (Map.Entry<String, List<DeliverySubscribers.Receipts>> entry :
                        byCountry.entrySet()) {
                    for (DeliverySubscribers.Receipts r : entry.getValue()) {
                        Long got = r.firstNanos.get(share.getKey());
                        if (!entry.getKey().equals(country)) {
                            strayed += got == null ? 0 : 1;
                        } else if (got == null) {
                            lost++;
                        } else {
                            delivery.recordValue(Math.max(0, (got - share.getValue()) / 1000));
                        }
                    }
                }
            }
            for (List<DeliverySubscribers.Receipts> list : byCountry.values()) {
                for (DeliverySubscribers.Receipts r : list) {
                    repeated += r.duplicates.sum();
                }
            }
            String loadEnd = Machine.loadAverage();
            System.out.println();
            System.out.println("== result");
            System.out.printf(
                    "subscribers: %d (%d countries, SSE and gRPC through the gateway)%n",
                    count, countries.size());
            System.out.printf(
                    "idle cases database: %.1f commits/s with 0 subscribers, %.1f with %d (ratio %.2f)%n",
                    idleNone, idleMany, count, idleNone == 0 ? 0 : idleMany / idleNone);
            System.out.printf(
                    "shares: %d answered of %d; failures %s%n",
                    acks.size(), shares, writer.failures);
            System.out.printf(
                    "delivery (share answered -> subscriber received), %d receipts: %s%n",
                    delivery.getTotalCount(), Latencies.summary(delivery));
            System.out.printf(
                    "lost %d, repeated %d, reached another country %d%n", lost, repeated, strayed);
            System.out.println("load average at start: " + loadStart + "; at end: " + loadEnd);
        } finally {
            DeliverySubscribers.stopSubscribers();
            channels.forEach(ManagedChannel::shutdownNow);
            tokens.values().forEach(Tokens::close);
            suite.stop();
        }
    }

    private static double commitsPerSecond(Connection db, Duration window)
            throws SQLException, InterruptedException {
        long start = commits(db);
        long started = System.nanoTime();
        Thread.sleep(window.toMillis());
        long end = commits(db);
        // The reading itself is one transaction.
        return (end - start - 1) / ((System.nanoTime() - started) / 1e9);
    }

    private static long commits(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "select xact_commit from pg_stat_database where datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** KR opens a case and shares it with one country, over REST through the gateway. */
    static final class Writer {
        private final String restUrl;
        private final Tokens kr;
        private final HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        final Map<String, Integer> failures = new LinkedHashMap<>();
        private int sequence;
        long lastAck;

        Writer(String restUrl, Tokens kr) {
            this.restUrl = restUrl;
            this.kr = kr;
        }

        /** The case id, or null (counted) if a request failed. */
        String openAndShare(String country) throws InterruptedException {
            try {
                HttpResponse<String> created =
                        post(
                                "/api/v1/cases",
                                "{\"title\":\"Subscribers benchmark "
                                        + ++sequence
                                        + "\",\"category\":\"ONLINE_SCAM\"}");
                if (created.statusCode() != 201) {
                    failures.merge("create HTTP " + created.statusCode(), 1, Integer::sum);
                    return null;
                }
                String id = JSON.readTree(created.body()).path("id").asString();
                HttpResponse<String> shared =
                        post(
                                "/api/v1/cases/" + id + ":share",
                                "{\"country\":\"" + country + "\",\"handlingCode\":\"H1\"}");
                lastAck = System.nanoTime();
                if (shared.statusCode() != 200) {
                    failures.merge("share HTTP " + shared.statusCode(), 1, Integer::sum);
                    return null;
                }
                return id;
            } catch (IOException | RuntimeException e) {
                failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                return null;
            }
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
}
