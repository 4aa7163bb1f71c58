package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.IsolationSteps.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.UpdateCaseRequest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.UpdateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.Logistics;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.UpdateLogisticsRequest;
import org.chainbreaker.repatriation.v1.VictimGroup;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * The checker's primitives: the channels a record could leak through, the figures counted per
 * channel, a violation, the calls through either face, and the beacons that end a stream read.
 */
final class IsolationChecks {

    private IsolationChecks() {}

    // The channels a record could leak through; every check counts under one, and so does a
    // violation.
    static final String GETS = "reads by id";
    static final String ERROR_TEXTS = "error texts (NOT_FOUND)";
    static final String LISTS = "listings";
    static final String COUNTS = "counts (full listings)";
    static final String SEARCHES = "name searches";
    static final String HITS = "hit/no-hit checks";
    static final String PERSONS = "persons (victim protection)";
    static final String EVENTS = "event streams";
    static final String UNIQUENESS = "uniqueness (request ids, Idempotency-Key, documents)";
    static final String WRITES = "refused changes";
    static final ThreadLocal<String> CHANNEL = ThreadLocal.withInitial(() -> WRITES);
    static final Map<String, AtomicLong> channelChecks = new ConcurrentHashMap<>();
    static final Map<String, AtomicLong> channelViolations = new ConcurrentHashMap<>();
    static final Map<String, AtomicLong> callsByFace = new ConcurrentHashMap<>();
    static final Map<String, AtomicLong> streamsRead = new ConcurrentHashMap<>();
    static final Map<String, AtomicLong> eventsRead = new ConcurrentHashMap<>();
    static final AtomicLong modelEvents = new AtomicLong();

    /** Last cursor read, by service and tenant. */
    static final Map<String, String> cursors = new ConcurrentHashMap<>();

    static final Map<String, Beacon> beacons = new ConcurrentHashMap<>();
    static final AtomicLong calls = new AtomicLong();
    static final AtomicLong viewChecks = new AtomicLong();
    static final AtomicLong violations = new AtomicLong();
    static final List<String> firstViolations =
            java.util.Collections.synchronizedList(new ArrayList<>());

    static final class Violation extends RuntimeException {
        /** The channel the failed check belongs to. */
        final String channel;

        Violation(String message) {
            super(message, null, false, false);
            this.channel = CHANNEL.get();
        }
    }

    /**
     * A record only one tenant's side sees, and how to make it emit an event: the end mark of a
     * stream read.
     */
    record Beacon(String recordId, Runnable provoke) {}

    static Beacon beacon(String service, String tenant) {
        return beacons.computeIfAbsent(service + "/" + tenant, k -> newBeacon(service, tenant));
    }

    static Beacon newBeacon(String service, String tenant) {
        AtomicLong n = new AtomicLong();
        switch (service) {
            case Faces.CASES -> {
                Outcome out =
                        call(
                                Face.GRPC,
                                investigator(tenant),
                                Faces.CASES,
                                "CreateCase",
                                CreateCaseRequest.newBuilder()
                                        .setCase(
                                                Case.newBuilder()
                                                        .setTitle("Beacon " + tenant + " " + RUN)
                                                        .setCategory(Case.Category.OTHER)
                                                        .setSummary(
                                                                "end mark of the isolation property's stream reads"))
                                        .build());
                expectOk(out, "the beacon case of " + tenant);
                String id = out.as(Case.parser()).getId();
                return new Beacon(
                        id,
                        () ->
                                provoked(
                                        call(
                                                Face.GRPC,
                                                investigator(tenant),
                                                Faces.CASES,
                                                "UpdateCase",
                                                UpdateCaseRequest.newBuilder()
                                                        .setCase(
                                                                Case.newBuilder()
                                                                        .setId(id)
                                                                        .setTitle(
                                                                                "Beacon "
                                                                                        + tenant
                                                                                        + " "
                                                                                        + RUN
                                                                                        + " "
                                                                                        + n
                                                                                                .incrementAndGet()))
                                                        .setUpdateMask(
                                                                com.google.protobuf.FieldMask
                                                                        .newBuilder()
                                                                        .addPaths("title"))
                                                        .build())));
            }
            case Faces.FUGITIVES -> {
                WantedPerson content =
                        WantedPerson.newBuilder()
                                .setPrimaryName(
                                        PersonName.newBuilder()
                                                .setValue(personName(-1 - TENANTS.indexOf(tenant))))
                                .addCharges("end mark of the isolation property's stream reads")
                                .setWarrant(
                                        Warrant.newBuilder()
                                                .setReference("B-" + tenant)
                                                .setIssuingAuthority("Court " + tenant))
                                .build();
                Outcome out =
                        call(
                                Face.GRPC,
                                investigator(tenant),
                                Faces.FUGITIVES,
                                "CreateWantedPerson",
                                CreateWantedPersonRequest.newBuilder()
                                        .setWantedPerson(content)
                                        .build());
                expectOk(out, "the beacon wanted person of " + tenant);
                String id = out.as(WantedPerson.parser()).getId();
                return new Beacon(
                        id,
                        () ->
                                provoked(
                                        call(
                                                Face.GRPC,
                                                investigator(tenant),
                                                Faces.FUGITIVES,
                                                "UpdateWantedPerson",
                                                UpdateWantedPersonRequest.newBuilder()
                                                        .setWantedPerson(
                                                                content.toBuilder().setId(id))
                                                        .build())));
            }
            default -> {
                // A country's own draft; INTERPOL sees every repatriation as a coordinator, so one
                // of two outsiders.
                String owner = List.of("KR", "TH", "VN", "PH").contains(tenant) ? tenant : "MY";
                Outcome out =
                        call(
                                Face.GRPC,
                                investigator(owner),
                                Faces.REPATRIATION,
                                "CreateRepatriation",
                                CreateRepatriationRequest.newBuilder()
                                        .setRepatriation(
                                                Repatriation.newBuilder()
                                                        .setKind(Repatriation.Kind.VICTIM_RETURN)
                                                        .setSendingCountry(owner)
                                                        .setReceivingCountry(
                                                                owner.equals("MY") ? "SG" : "MY")
                                                        .setVictimGroup(
                                                                VictimGroup.newBuilder()
                                                                        .setCount(1)))
                                        .build());
                expectOk(out, "the beacon repatriation of " + owner);
                String id = out.as(Repatriation.parser()).getId();
                // The token is taken at each use: the cache renews it, a captured one would expire.
                String liaison = owner.toLowerCase() + "-liaison";
                return new Beacon(
                        id,
                        () ->
                                provoked(
                                        call(
                                                Face.GRPC,
                                                RunningSuite.token(liaison),
                                                Faces.REPATRIATION,
                                                "UpdateLogistics",
                                                UpdateLogisticsRequest.newBuilder()
                                                        .setId(id)
                                                        .setLogistics(
                                                                Logistics.getDefaultInstance())
                                                        .build())));
            }
        }
    }

    static void provoked(Outcome out) {
        if (!out.ok()) {
            throw new EventStreamProbe.StreamFailure("a beacon could not be provoked: " + out);
        }
    }

    /** The check that follows on this thread belongs to this channel. */
    static void channel(String name) {
        CHANNEL.set(name);
        channelChecks.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
    }

    static void expect(boolean condition, String what) {
        if (!condition) {
            throw new Violation(what);
        }
    }

    static void expectOk(Outcome out, String what) {
        expect(out.ok(), what + ": expected success, got " + out);
    }

    static void expectCode(Outcome out, Status.Code code, String what) {
        expect(out.code() == code, what + ": expected " + code + ", got " + out);
    }

    /**
     * A NOT_FOUND for a record that exists but is invisible, whose text (problem body or status
     * description) is that of the same call naming an id that never existed.
     */
    static void expectNotFoundText(
            Outcome out,
            String caller,
            String service,
            String rpc,
            Message neverExistedRequest,
            String hiddenId) {
        String previous = CHANNEL.get();
        channel(ERROR_TEXTS);
        expectCode(
                out,
                Status.Code.NOT_FOUND,
                caller + " calls " + rpc + " on a record it may not see (" + hiddenId + ")");
        // Keyed by which field names the missing record (a publication may miss the person or the
        // operation).
        String key =
                out.face()
                        + "/"
                        + rpc
                        + "/"
                        + normalize(neverExistedRequest.toString(), neverExistedRequest);
        String reference = neverExisted.get(key);
        if (reference == null) {
            Outcome unknown =
                    faces.call(
                            out.face(),
                            Faces.endpoint(service, rpc),
                            investigator(caller),
                            neverExistedRequest);
            calls.incrementAndGet();
            expectCode(unknown, Status.Code.NOT_FOUND, rpc + " of an id that never existed");
            reference = OnFace.comparable(normalize(unknown.text(), neverExistedRequest));
            neverExisted.put(key, reference);
        }
        String text = OnFace.comparable(out.text().replace(hiddenId, "{id}"));
        expect(
                text.equals(reference),
                rpc
                        + " answers a hidden record with '"
                        + text
                        + "' but an id that never existed with '"
                        + reference
                        + "'");
        CHANNEL.set(previous);
    }

    static void expectNotFound(
            Face face,
            String caller,
            String service,
            String rpc,
            Message request,
            String a,
            String b) {
        channel(ERROR_TEXTS);
        Outcome out = faces.call(face, Faces.endpoint(service, rpc), investigator(caller), request);
        calls.incrementAndGet();
        expectCode(out, Status.Code.NOT_FOUND, rpc + " of an id that never existed");
        String key = face + "/" + rpc + "/" + normalize(request.toString(), request);
        String text = OnFace.comparable(normalize(out.text(), request));
        String reference = neverExisted.putIfAbsent(key, text);
        expect(
                reference == null || reference.equals(text),
                rpc
                        + " answers ids that never existed with different texts: '"
                        + reference
                        + "' and '"
                        + text
                        + "'");
    }

    static String normalize(String text, Message request) {
        String out = text;
        for (Map.Entry<com.google.protobuf.Descriptors.FieldDescriptor, Object> f :
                request.getAllFields().entrySet()) {
            if (f.getValue() instanceof String s
                    && s.length() == 36
                    && !allOps.containsKey(s)
                    && !allWanted.containsKey(s)
                    && !allCases.containsKey(s)) {
                out = out.replace(s, "{id}");
            }
        }
        return out;
    }

    /**
     * A create with an idempotency key: on REST, half the time (by {@code choice}) as the gateway's
     * {@code Idempotency-Key} header instead of the body's request_id.
     */
    static Outcome create(
            Face face,
            String token,
            String service,
            String rpc,
            Message request,
            String requestId,
            int choice) {
        if (face != Face.REST || requestId == null || choice % 2 == 0) {
            return call(face, token, service, rpc, request);
        }
        Message withoutId =
                request.toBuilder()
                        .clearField(request.getDescriptorForType().findFieldByName("request_id"))
                        .build();
        calls.incrementAndGet();
        callsByFace.computeIfAbsent(face.name(), k -> new AtomicLong()).incrementAndGet();
        return serverSide(
                rpc,
                faces.rest(
                        Faces.endpoint(service, rpc),
                        "Bearer " + token,
                        withoutId,
                        "Idempotency-Key",
                        requestId));
    }

    static Outcome call(Face face, String token, String service, String rpc, Message request) {
        calls.incrementAndGet();
        callsByFace.computeIfAbsent(face.name(), k -> new AtomicLong()).incrementAndGet();
        return serverSide(rpc, faces.call(face, Faces.endpoint(service, rpc), token, request));
    }

    /** Fails the run on an answer that blames the server. */
    static Outcome serverSide(String rpc, Outcome out) {
        if (out.code() == Status.Code.UNAVAILABLE
                || out.code() == Status.Code.DEADLINE_EXCEEDED
                || out.code() == Status.Code.INTERNAL
                || out.code() == Status.Code.UNKNOWN) {
            throw new Violation(rpc + " failed on the server side: " + out);
        }
        return out;
    }

    static String investigator(String tenant) {
        return RunningSuite.token(tenant.toLowerCase() + "-investigator");
    }

    static String brief(Outcome out) {
        return out.ok() ? "OK" : out.label();
    }

    /**
     * A made-up name, different for every record, that no name variant of another record comes
     * near.
     */
    static String personName(long n) {
        String[] syllables = {
            "ka", "zu", "mo", "ri", "te", "va", "lo", "qui", "ne", "bra", "xo", "fe", "gu", "hi",
            "ja", "pw"
        };
        Random random = new Random(n * 7919L + RUN.hashCode());
        StringBuilder given = new StringBuilder();
        StringBuilder family = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            given.append(syllables[random.nextInt(syllables.length)]);
            family.append(syllables[random.nextInt(syllables.length)]);
        }
        family.append(syllables[random.nextInt(syllables.length)]);
        return capitalize(given.toString()) + " " + capitalize(family.toString());
    }

    static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
