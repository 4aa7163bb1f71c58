package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CreatedRecords.byId;
import static org.chainbreaker.systemtests.CreatedRecords.idOf;
import static org.chainbreaker.systemtests.IdempotentCreates.tenantOf;

import com.google.protobuf.Message;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.IdempotentCreates.Create;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Concurrent retries of every create RPC of the contract that takes an idempotency key: two
 * countries each fire {@value #RETRIES} identical creates at the same moment, all with the same key
 * (the body's {@code request_id} on the gRPC face, the gateway's {@code Idempotency-Key} header on
 * the REST face). Each country must end up with exactly one record, every answer to it must name
 * that record, no answer may blame the server, and neither country's record may be visible to, or
 * answered to, the other: the key is scoped to the caller's country.
 */
class ConcurrentIdempotentRetriesTest {

    /** Identical requests per country in one burst. */
    static final int RETRIES = 12;

    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();

    static Faces faces;
    static CreatedRecords records;
    static final ExecutorService pool = Executors.newFixedThreadPool(2 * RETRIES);
    static final Map<String, String> figures = new TreeMap<>();
    static final AtomicLong requests = new AtomicLong();
    static final AtomicLong serverErrors = new AtomicLong();
    static final AtomicLong duplicates = new AtomicLong();

    @BeforeAll
    static void start() {
        faces = Faces.ofRunningSuite();
        records = new CreatedRecords(faces);
    }

    @AfterAll
    static void report() {
        pool.shutdownNow();
        System.out.printf(
                "%nConcurrentIdempotentRetriesTest: %d bursts (2 countries x %d identical creates, or 1 country's"
                        + " different requests with a used key), %d requests,"
                        + " %d answers blaming the server, %d duplicate records%n",
                figures.size(), RETRIES, requests.get(), serverErrors.get(), duplicates.get());
        figures.forEach((what, figure) -> System.out.printf("  %-45s %s%n", what, figure));
    }

    static Stream<Arguments> creates() {
        return IdempotentCreates.overBothFaces();
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("creates")
    void concurrent_identical_creates_make_one_record_per_country_and_the_key_is_the_callers_own(
            Create create, Face face) throws Exception {
        String key = "idem-" + RUN + "-" + create.rpc() + "-" + face;
        Endpoint endpoint = Faces.endpoint(create.service(), create.rpc());
        Instant started = Instant.now();
        Map<String, Message> requestOf = new TreeMap<>();
        for (String user : create.users()) {
            String tenant = tenantOf(user);
            requestOf.put(
                    user,
                    create.request()
                            .apply(
                                    tenant,
                                    "IDEM."
                                            + RUN
                                            + "."
                                            + create.rpc()
                                            + "."
                                            + face
                                            + "."
                                            + tenant));
        }
        // Everyone waits at the latch, then all requests of both countries go at once.
        CountDownLatch go = new CountDownLatch(1);
        Map<String, List<Future<Outcome>>> answers = new TreeMap<>();
        for (String user : create.users()) {
            String token = RunningSuite.token(user);
            Message request = requestOf.get(user);
            for (int i = 0; i < RETRIES; i++) {
                answers.computeIfAbsent(user, u -> new ArrayList<>())
                        .add(
                                pool.submit(
                                        () -> {
                                            go.await();
                                            return records.send(
                                                    face, endpoint, token, request, key);
                                        }));
            }
        }
        go.countDown();
        Map<String, String> recordOf = new TreeMap<>();
        for (Map.Entry<String, List<Future<Outcome>>> e : answers.entrySet()) {
            Set<String> ids = new HashSet<>();
            for (Future<Outcome> f : e.getValue()) {
                Outcome out = f.get();
                requests.incrementAndGet();
                if (!out.clientError() && !out.ok()) {
                    serverErrors.incrementAndGet();
                }
                assertThat(out.ok())
                        .as(
                                "%s by %s via %s with key %s: %s",
                                create.rpc(), e.getKey(), face, key, out)
                        .isTrue();
                ids.add(idOf(endpoint, out));
            }
            assertThat(ids)
                    .as(
                            "records answered to %s's %d identical %s via %s",
                            e.getKey(), RETRIES, create.rpc(), face)
                    .hasSize(1);
            recordOf.put(e.getKey(), ids.iterator().next());
        }
        String[] users = create.users().toArray(String[]::new);
        assertThat(recordOf.get(users[0]))
                .as("the same key from two countries names one record")
                .isNotEqualTo(recordOf.get(users[1]));
        // Exactly one record per country carries the request's content; and a later retry still
        // answers it.
        for (String user : users) {
            String marker = "IDEM." + RUN + "." + create.rpc() + "." + face + "." + tenantOf(user);
            List<String> stored =
                    records.idsWithMarker(
                            user, create, marker, started.minus(Duration.ofMinutes(1)));
            if (stored.size() != 1) {
                duplicates.addAndGet(Math.max(0, stored.size() - 1));
            }
            assertThat(stored)
                    .as(
                            "%s's records made by %d concurrent identical %s via %s",
                            user, RETRIES, create.rpc(), face)
                    .containsExactly(recordOf.get(user));
            Outcome retry =
                    records.send(
                            face, endpoint, RunningSuite.token(user), requestOf.get(user), key);
            assertThat(retry.ok() && idOf(endpoint, retry).equals(recordOf.get(user)))
                    .as("a later retry by %s answers %s: %s", user, recordOf.get(user), retry)
                    .isTrue();
        }
        // Neither country sees, through its key or otherwise, the other's record.
        for (int i = 0; i < 2; i++) {
            String reader = users[i];
            String other = recordOf.get(users[1 - i]);
            Endpoint get = Faces.endpoint(create.service(), create.getRpc());
            Outcome read = faces.call(face, get, RunningSuite.token(reader), byId(get, other));
            assertThat(read.code())
                    .as("%s reads %s's record %s: %s", reader, users[1 - i], other, read)
                    .isEqualTo(Status.Code.NOT_FOUND);
            Outcome never =
                    faces.call(
                            face,
                            get,
                            RunningSuite.token(reader),
                            byId(get, java.util.UUID.randomUUID().toString()));
            // Each answer carries its own request's trace id (random, so it tells nothing):
            // compared without it.
            assertThat(withoutTrace(read.text().replace(other, "{id}")))
                    .as("NOT_FOUND text of another country's record")
                    .isEqualTo(
                            withoutTrace(
                                    never.text()
                                            .replaceAll(
                                                    "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                                                    "{id}")));
            List<String> listed =
                    records.idsWithMarker(
                            reader,
                            create,
                            "IDEM."
                                    + RUN
                                    + "."
                                    + create.rpc()
                                    + "."
                                    + face
                                    + "."
                                    + tenantOf(users[1 - i]),
                            started.minus(Duration.ofMinutes(1)));
            assertThat(listed).as("%s lists the other country's record", reader).isEmpty();
        }
        figures.put(
                create.rpc() + " via " + face,
                String.format(
                        "%d requests, 1 record per country, all answered it, %d ms",
                        2 * RETRIES + 2, Duration.between(started, Instant.now()).toMillis()));
    }

    /**
     * A key reused for a different request: {@value #RETRIES} different requests sent at once with
     * the key of an earlier one are all refused (gRPC ALREADY_EXISTS, REST 409 problem+json with
     * reason REQUEST_ID_REUSED, both naming the key) and make nothing; the first request sent again
     * still answers its record.
     */
    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("creates")
    void a_key_reused_for_different_requests_is_refused_and_makes_nothing(Create create, Face face)
            throws Exception {
        String user = create.users().getFirst();
        String tenant = tenantOf(user);
        String token = RunningSuite.token(user);
        Endpoint endpoint = Faces.endpoint(create.service(), create.rpc());
        String key = "reuse-" + RUN + "-" + create.rpc() + "-" + face;
        String marker = "REUSE." + RUN + "." + create.rpc() + "." + face + ".";
        Instant started = Instant.now();
        Message firstRequest = create.request().apply(tenant, marker + "first");
        Outcome first = records.send(face, endpoint, token, firstRequest, key);
        requests.incrementAndGet();
        assertThat(first.ok()).as("%s via %s: %s", create.rpc(), face, first).isTrue();
        String firstId = idOf(endpoint, first);

        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> answers = new ArrayList<>();
        for (int i = 0; i < RETRIES; i++) {
            Message other = create.request().apply(tenant, marker + "other" + (char) ('a' + i));
            answers.add(
                    pool.submit(
                            () -> {
                                go.await();
                                return records.send(face, endpoint, token, other, key);
                            }));
        }
        go.countDown();
        for (Future<Outcome> answer : answers) {
            Outcome out = answer.get();
            requests.incrementAndGet();
            if (!out.clientError() && !out.ok()) {
                serverErrors.incrementAndGet();
            }
            assertThat(out.code())
                    .as(
                            "%s via %s reusing key %s for a different request: %s",
                            create.rpc(), face, key, out)
                    .isEqualTo(Status.Code.ALREADY_EXISTS);
            assertThat(out.text()).contains(key);
            if (face == Face.REST) {
                assertThat(out.http()).isEqualTo(409);
                assertThat(out.text()).contains("REQUEST_ID_REUSED");
            }
        }
        List<String> made =
                records.idsWithMarker(
                        user, create, marker + "other", started.minus(Duration.ofMinutes(1)));
        if (!made.isEmpty()) {
            duplicates.addAndGet(made.size());
        }
        assertThat(made)
                .as("records made by %d refused %s via %s", RETRIES, create.rpc(), face)
                .isEmpty();
        Outcome retry = records.send(face, endpoint, token, firstRequest, key);
        requests.incrementAndGet();
        assertThat(retry.ok() && idOf(endpoint, retry).equals(firstId))
                .as("the first request sent again answers %s: %s", firstId, retry)
                .isTrue();
        figures.put(
                create.rpc() + " via " + face + " (key reused)",
                String.format(
                        "%d different requests refused, 0 records made, the first still answered, %d ms",
                        RETRIES, Duration.between(started, Instant.now()).toMillis()));
    }

    private static String withoutTrace(String problem) {
        return OnFace.comparable(problem);
    }
}
