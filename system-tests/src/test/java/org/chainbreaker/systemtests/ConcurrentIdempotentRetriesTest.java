package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
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
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.RegisterScamReportRequest;
import org.chainbreaker.cases.v1.ScamReport;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.VictimGroup;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
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
    static final ExecutorService pool = Executors.newFixedThreadPool(2 * RETRIES);
    static final Map<String, String> figures = new TreeMap<>();
    static final AtomicLong requests = new AtomicLong();
    static final AtomicLong serverErrors = new AtomicLong();
    static final AtomicLong duplicates = new AtomicLong();

    @BeforeAll
    static void start() {
        faces = Faces.ofRunningSuite();
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

    /**
     * One create RPC: its users (two countries allowed to create), the request, and where its
     * records are listed.
     */
    record Create(
            String service,
            String rpc,
            String getRpc,
            String listRpc,
            List<String> users,
            BiFunction<String, String, Message> request) {
        @Override
        public String toString() {
            return rpc;
        }
    }

    static Stream<Arguments> creates() {
        Instant now = Instant.now();
        List<Create> creates =
                List.of(
                        new Create(
                                Faces.CASES,
                                "CreateCase",
                                "GetCase",
                                "ListCases",
                                List.of("kr-investigator", "th-investigator"),
                                (tenant, marker) ->
                                        CreateCaseRequest.newBuilder()
                                                .setCase(
                                                        Case.newBuilder()
                                                                .setTitle(marker)
                                                                .setCategory(
                                                                        Case.Category.ONLINE_SCAM)
                                                                .setSummary("concurrent retries"))
                                                .build()),
                        new Create(
                                Faces.FUGITIVES,
                                "CreateWantedPerson",
                                "GetWantedPerson",
                                "ListWantedPersons",
                                List.of("kr-investigator", "th-investigator"),
                                (tenant, marker) ->
                                        CreateWantedPersonRequest.newBuilder()
                                                .setWantedPerson(
                                                        WantedPerson.newBuilder()
                                                                .setPrimaryName(
                                                                        PersonName.newBuilder()
                                                                                .setValue(
                                                                                        "Idem "
                                                                                                + letters(
                                                                                                        marker)))
                                                                .addCharges(
                                                                        "fraud (concurrent retries)")
                                                                .setWarrant(
                                                                        Warrant.newBuilder()
                                                                                .setReference(
                                                                                        marker)
                                                                                .setIssuingAuthority(
                                                                                        "Court "
                                                                                                + tenant)))
                                                .build()),
                        new Create(
                                Faces.FUGITIVES,
                                "CreateOperation",
                                "GetOperation",
                                "ListOperations",
                                List.of("interpol-liaison", "aseanapol-liaison"),
                                (tenant, marker) ->
                                        CreateOperationRequest.newBuilder()
                                                .setOperation(
                                                        Operation.newBuilder()
                                                                .setName(marker)
                                                                .setStartTime(
                                                                        timestamp(
                                                                                now.minus(
                                                                                        Duration
                                                                                                .ofDays(
                                                                                                        1))))
                                                                .setEndTime(
                                                                        timestamp(
                                                                                now.plus(
                                                                                        Duration
                                                                                                .ofDays(
                                                                                                        30)))))
                                                .build()),
                        new Create(
                                Faces.CASES,
                                "RegisterScamReport",
                                "GetScamReport",
                                "ListScamReports",
                                List.of("kr-investigator", "th-investigator"),
                                (tenant, marker) ->
                                        RegisterScamReportRequest.newBuilder()
                                                .setScamReport(
                                                        ScamReport.newBuilder()
                                                                .setChannel(
                                                                        ScamReport.Channel.WEBSITE)
                                                                .setMethod(
                                                                        ScamReport.Method
                                                                                .INVESTMENT)
                                                                .setNarrative(marker)
                                                                .addIdentifiers(
                                                                        Identifier.newBuilder()
                                                                                .setKind(
                                                                                        Identifier
                                                                                                .Kind
                                                                                                .WEBSITE)
                                                                                .setValue(
                                                                                        marker.toLowerCase()
                                                                                                        .replace(
                                                                                                                '.',
                                                                                                                '-')
                                                                                                + ".example.com")))
                                                .build()),
                        new Create(
                                Faces.REPATRIATION,
                                "CreateRepatriation",
                                "GetRepatriation",
                                "ListRepatriations",
                                List.of("kr-investigator", "th-investigator"),
                                (tenant, marker) ->
                                        CreateRepatriationRequest.newBuilder()
                                                .setRepatriation(
                                                        Repatriation.newBuilder()
                                                                .setKind(
                                                                        Repatriation.Kind
                                                                                .VICTIM_RETURN)
                                                                .setSendingCountry(tenant)
                                                                .setReceivingCountry(
                                                                        tenant.equals("KR")
                                                                                ? "MY"
                                                                                : "SG")
                                                                .setVictimGroup(
                                                                        VictimGroup.newBuilder()
                                                                                .setCount(3))
                                                                .addCaseIds(marker))
                                                .build()));
        List<Arguments> arguments = new ArrayList<>();
        for (Create create : creates) {
            for (Face face : Face.values()) {
                arguments.add(Arguments.of(create, face));
            }
        }
        return arguments.stream();
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
                                            return send(face, endpoint, token, request, key);
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
                    idsWithMarker(user, create, marker, started.minus(Duration.ofMinutes(1)));
            if (stored.size() != 1) {
                duplicates.addAndGet(Math.max(0, stored.size() - 1));
            }
            assertThat(stored)
                    .as(
                            "%s's records made by %d concurrent identical %s via %s",
                            user, RETRIES, create.rpc(), face)
                    .containsExactly(recordOf.get(user));
            Outcome retry =
                    send(face, endpoint, RunningSuite.token(user), requestOf.get(user), key);
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
                    idsWithMarker(
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
        Outcome first = send(face, endpoint, token, firstRequest, key);
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
                                return send(face, endpoint, token, other, key);
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
                idsWithMarker(user, create, marker + "other", started.minus(Duration.ofMinutes(1)));
        if (!made.isEmpty()) {
            duplicates.addAndGet(made.size());
        }
        assertThat(made)
                .as("records made by %d refused %s via %s", RETRIES, create.rpc(), face)
                .isEmpty();
        Outcome retry = send(face, endpoint, token, firstRequest, key);
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

    static Outcome send(Face face, Endpoint endpoint, String token, Message request, String key) {
        if (face == Face.REST) {
            return faces.rest(endpoint, "Bearer " + token, request, "Idempotency-Key", key);
        }
        FieldDescriptor requestId = request.getDescriptorForType().findFieldByName("request_id");
        return faces.call(
                face, endpoint, token, request.toBuilder().setField(requestId, key).build());
    }

    /** The {@code id} of the record an answer names (every create answers the record). */
    static String idOf(Endpoint endpoint, Outcome out) {
        try {
            DynamicMessage answer =
                    DynamicMessage.parseFrom(endpoint.method().getOutputType(), out.payload());
            return (String) answer.getField(answer.getDescriptorForType().findFieldByName("id"));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static Message byId(Endpoint get, String id) {
        Descriptor input = get.method().getInputType();
        return DynamicMessage.newBuilder(input).setField(input.findFieldByName("id"), id).build();
    }

    /**
     * The ids of the records the user's country lists whose content carries the marker; lists are
     * newest first, so reading stops at records older than {@code since}.
     */
    static List<String> idsWithMarker(String user, Create create, String marker, Instant since) {
        Endpoint list = Faces.endpoint(create.service(), create.listRpc());
        Descriptor input = list.method().getInputType();
        Descriptor output = list.method().getOutputType();
        FieldDescriptor items =
                output.getFields().stream()
                        .filter(
                                f ->
                                        f.isRepeated()
                                                && f.getJavaType()
                                                        == FieldDescriptor.JavaType.MESSAGE)
                        .findFirst()
                        .orElseThrow();
        List<String> ids = new ArrayList<>();
        String pageToken = "";
        boolean older = false;
        do {
            DynamicMessage request =
                    DynamicMessage.newBuilder(input)
                            .setField(input.findFieldByName("page_size"), 200)
                            .setField(input.findFieldByName("page_token"), pageToken)
                            .build();
            Outcome out = faces.call(Face.GRPC, list, RunningSuite.token(user), request);
            assertThat(out.ok()).as("%s by %s: %s", create.listRpc(), user, out).isTrue();
            DynamicMessage page;
            try {
                page = DynamicMessage.parseFrom(output, out.payload());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < page.getRepeatedFieldCount(items); i++) {
                DynamicMessage item = (DynamicMessage) page.getRepeatedField(items, i);
                if (item.toString().contains(marker)) {
                    ids.add(
                            (String)
                                    item.getField(
                                            item.getDescriptorForType().findFieldByName("id")));
                }
                FieldDescriptor time = item.getDescriptorForType().findFieldByName("create_time");
                if (time == null) {
                    time = item.getDescriptorForType().findFieldByName("report_time");
                }
                Timestamp t;
                try {
                    t = Timestamp.parseFrom(((Message) item.getField(time)).toByteString());
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                }
                older |= Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).isBefore(since);
            }
            pageToken = (String) page.getField(output.findFieldByName("next_page_token"));
        } while (!pageToken.isEmpty() && !older);
        return ids;
    }

    static String tenantOf(String user) {
        return user.substring(0, user.indexOf('-')).toUpperCase();
    }

    /** A name's worth of letters derived from the marker, since names hold no digits or dots. */
    static String letters(String marker) {
        StringBuilder out = new StringBuilder();
        for (char c : marker.toCharArray()) {
            out.append(Character.isLetter(c) ? Character.toLowerCase(c) : (char) ('a' + (c % 26)));
        }
        return Character.toUpperCase(out.charAt(0)) + out.substring(1, Math.min(out.length(), 60));
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    private static String withoutTrace(String problem) {
        return OnFace.comparable(problem);
    }
}
