package org.chainbreaker.systemtests;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCasesResponse;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.ChangeParticipantRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityResponse;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.GetOperationRequest;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.IdentityDocument;
import org.chainbreaker.fugitives.v1.IdentityHit;
import org.chainbreaker.fugitives.v1.ListOperationsRequest;
import org.chainbreaker.fugitives.v1.ListOperationsResponse;
import org.chainbreaker.fugitives.v1.ListSightingsRequest;
import org.chainbreaker.fugitives.v1.ListSightingsResponse;
import org.chainbreaker.fugitives.v1.ListWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.TransitionRequest;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.WantedPersonMatch;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * Tenant isolation, driven by generated operations. Several countries (KR, TH, VN, PH and INTERPOL, whose liaison
 * officer coordinates operations) open, share and revoke cases, record wanted persons and move their notices through
 * the lifecycle, open operations, change who takes part, publish to them, report sightings, search by name and run
 * hit/no-hit identity checks, through the gateway's REST and gRPC faces at random. A model keeps what each country
 * may see; after every step the views of every country on the records the step touched are compared with it (get by
 * id, the fields only some may see, the NOT_FOUND text against that of an id that never existed, uniqueness of
 * request ids across countries), and listings, counts, search results and identity-check answers are compared as
 * steps of their own and in full listings at intervals.
 *
 * <p>The sequences are generated here from one seed ({@link SplittableRandom}): the seed is printed at the start and
 * in the figures, and {@code -Dchainbreaker.isolation.seed=<seed>} replays exactly the same operations (the
 * sequences are generated before they run, so what the suite answers does not change them). A violation fails the
 * test with the seed, the sequence, the step and the {@value #HISTORY} operations leading to it.
 *
 * <p>The model is of the whole database as far as this class wrote it (records of other test classes are ignored),
 * so it holds across sequences. Sizes: {@code -Dchainbreaker.isolation.sequences} (default 10) sequences of
 * {@code -Dchainbreaker.isolation.steps} (default 1000) operations each.
 */
class TenantIsolationPropertyTest {

    static final List<String> TENANTS = List.of("KR", "TH", "VN", "PH", "INTERPOL");
    /** The only one of them with the coordinator role (its liaison officer). */
    static final String COORDINATOR = "INTERPOL";
    static final int SEQUENCES = Integer.getInteger("chainbreaker.isolation.sequences", 10);
    static final int STEPS = Integer.getInteger("chainbreaker.isolation.steps", 1000);
    /** How many operations before a violation its report shows. */
    static final int HISTORY = 20;
    /** The seed of this run: {@code -Dchainbreaker.isolation.seed}, else a fresh one. */
    static final long SEED = seed();
    /** A full listing of every kind for one country every this many steps. */
    static final int FULL_LISTING_EVERY = 100;
    static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase();

    static final AtomicLong operations = new AtomicLong();
    static final AtomicLong calls = new AtomicLong();
    static final AtomicLong viewChecks = new AtomicLong();
    static final AtomicLong violations = new AtomicLong();
    static final List<String> firstViolations = java.util.Collections.synchronizedList(new ArrayList<>());
    static final Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();
    static long started;

    static Faces faces;
    static final ExecutorService checkers = Executors.newFixedThreadPool(4);

    private static long seed() {
        String given = System.getProperty("chainbreaker.isolation.seed");
        if (given == null || given.isBlank()) {
            return new SecureRandom().nextLong();
        }
        try {
            return Long.parseLong(given.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dchainbreaker.isolation.seed must be a long, got '" + given + "'", e);
        }
    }

    @BeforeAll
    static void start() {
        System.out.printf("%nTenantIsolationPropertyTest: seed %d (replay with -Dchainbreaker.isolation.seed=%d),"
                + " %d sequences of %d operations%n", SEED, SEED, SEQUENCES, STEPS);
        faces = Faces.ofRunningSuite();
        started = System.nanoTime();
    }

    @AfterAll
    static void report() {
        checkers.shutdownNow();
        System.out.printf("%nTenantIsolationPropertyTest: seed %d, %d operations (%s), %d calls in all, %d view comparisons,"
                        + " %d violations, %d s%n", SEED, operations.get(), new TreeMap<>(byKind), calls.get(), viewChecks.get(),
                violations.get(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
        if (!firstViolations.isEmpty()) {
            System.out.println("first violations: " + firstViolations.subList(0, Math.min(5, firstViolations.size())));
        }
    }

    // ============================================================================================================
    // Generated steps
    // ============================================================================================================

    enum Kind {
        CREATE_CASE, SHARE_CASE, REVOKE_SHARE, GET_CASE, LIST_CASES,
        CREATE_WANTED_PERSON, SUBMIT, PUBLISH, CANCEL, PUBLISH_TO_OPERATION, REPORT_SIGHTING, GET_WANTED_PERSON,
        LIST_WANTED_PERSONS, LIST_SIGHTINGS, SEARCH, CHECK_IDENTITY,
        CREATE_OPERATION, ADD_PARTICIPANT, REMOVE_PARTICIPANT, GET_OPERATION, LIST_OPERATIONS
    }

    /**
     * One generated operation: what, by which country, through which face, and choices whose meaning depends on
     * the kind (which record of this sequence, which country, page size, ...). Choices are resolved modulo what
     * exists when the step runs, so any subsequence is still meaningful.
     */
    record Step(Kind kind, int actor, boolean rest, int a, int b, int c) {
        @Override
        public String toString() {
            return kind + "(" + TENANTS.get(actor) + (rest ? ",REST" : ",gRPC") + "," + a + "," + b + "," + c + ")";
        }
    }

    /** The operation mix: how often each kind is drawn, relative to the others. */
    static final Map<Kind, Integer> WEIGHTS = weights();

    private static Map<Kind, Integer> weights() {
        Map<Kind, Integer> w = new LinkedHashMap<>();
        w.put(Kind.CREATE_CASE, 8);
        w.put(Kind.SHARE_CASE, 8);
        w.put(Kind.REVOKE_SHARE, 5);
        w.put(Kind.GET_CASE, 6);
        w.put(Kind.LIST_CASES, 3);
        w.put(Kind.CREATE_WANTED_PERSON, 7);
        w.put(Kind.SUBMIT, 5);
        w.put(Kind.PUBLISH, 5);
        w.put(Kind.CANCEL, 2);
        w.put(Kind.PUBLISH_TO_OPERATION, 5);
        w.put(Kind.REPORT_SIGHTING, 5);
        w.put(Kind.GET_WANTED_PERSON, 6);
        w.put(Kind.LIST_WANTED_PERSONS, 3);
        w.put(Kind.LIST_SIGHTINGS, 2);
        w.put(Kind.SEARCH, 4);
        w.put(Kind.CHECK_IDENTITY, 4);
        w.put(Kind.CREATE_OPERATION, 3);
        w.put(Kind.ADD_PARTICIPANT, 3);
        w.put(Kind.REMOVE_PARTICIPANT, 2);
        w.put(Kind.GET_OPERATION, 2);
        w.put(Kind.LIST_OPERATIONS, 2);
        if (w.size() != Kind.values().length) {
            throw new IllegalStateException("a kind without a weight");
        }
        return java.util.Collections.unmodifiableMap(w);
    }

    static final int TOTAL_WEIGHT = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();

    static Kind kind(RandomGenerator random) {
        int draw = random.nextInt(TOTAL_WEIGHT);
        for (Map.Entry<Kind, Integer> e : WEIGHTS.entrySet()) {
            draw -= e.getValue();
            if (draw < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("unreachable");
    }

    static Step step(RandomGenerator random) {
        return new Step(kind(random), random.nextInt(TENANTS.size()), random.nextBoolean(),
                random.nextInt(1000), random.nextInt(1000), random.nextInt(1000));
    }

    /**
     * The sequences of this run, all of full length, generated before any runs: sequence {@code i} depends only on
     * the seed and {@code i}.
     */
    static List<List<Step>> sequences(long seed, int count, int length) {
        SplittableRandom root = new SplittableRandom(seed);
        List<List<Step>> sequences = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RandomGenerator random = root.split();
            List<Step> steps = new ArrayList<>(length);
            for (int j = 0; j < length; j++) {
                steps.add(step(random));
            }
            sequences.add(List.copyOf(steps));
        }
        return sequences;
    }

    @Test
    void every_country_sees_exactly_what_the_model_allows() {
        List<List<Step>> sequences = sequences(SEED, SEQUENCES, STEPS);
        for (int i = 0; i < sequences.size(); i++) {
            long t0 = System.nanoTime();
            new Run(i, sequences.get(i)).execute();
            System.out.printf("TenantIsolationPropertyTest: sequence %d/%d (%d operations) passed, %d s%n", i + 1,
                    sequences.size(), sequences.get(i).size(), Duration.ofNanos(System.nanoTime() - t0).toSeconds());
        }
    }

    // ============================================================================================================
    // The model: everything this class created, whatever sequence created it
    // ============================================================================================================

    static final class CaseM {
        final String id;
        final String owner;
        final Map<String, HandlingCode> shares = new HashMap<>();
        volatile boolean tainted;

        CaseM(String id, String owner) {
            this.id = id;
            this.owner = owner;
        }

        boolean visibleTo(String tenant) {
            return owner.equals(tenant) || shares.containsKey(tenant);
        }
    }

    record SightingM(String country, String reporter) {
    }

    static final class WantedM {
        final String id;
        final String owner;
        final String reference;
        final String name;
        final String document;
        WantedPerson.NoticeStatus status = WantedPerson.NoticeStatus.DRAFT;
        final Set<OpM> operations = new LinkedHashSet<>();
        final List<SightingM> sightings = new ArrayList<>();
        volatile boolean tainted;

        WantedM(String id, String owner, String reference, String name, String document) {
            this.id = id;
            this.owner = owner;
            this.reference = reference;
            this.name = name;
            this.document = document;
        }

        boolean visibleTo(String tenant) {
            if (owner.equals(tenant)) {
                return true;
            }
            if (status != WantedPerson.NoticeStatus.PUBLISHED) {
                return false;
            }
            return operations.stream().anyMatch(o -> o.running && o.participants.contains(tenant))
                    || sightings.stream().anyMatch(s -> s.country().equals(tenant));
        }
    }

    static final class OpM {
        final String id;
        final String coordinator;
        final boolean running;
        final Set<String> participants = new LinkedHashSet<>();
        volatile boolean tainted;

        OpM(String id, String coordinator, boolean running) {
            this.id = id;
            this.coordinator = coordinator;
            this.running = running;
        }

        boolean visibleTo(String tenant) {
            return coordinator.equals(tenant) || participants.contains(tenant);
        }
    }

    static final Map<String, CaseM> allCases = new ConcurrentHashMap<>();
    static final Map<String, WantedM> allWanted = new ConcurrentHashMap<>();
    static final Map<String, WantedM> wantedByReference = new ConcurrentHashMap<>();
    static final Map<String, OpM> allOps = new ConcurrentHashMap<>();
    /** (tenant, kind, request id) -> the record id the first create answered. */
    static final Map<String, String> requestIds = new ConcurrentHashMap<>();
    static final List<String> usedRequestIds = java.util.Collections.synchronizedList(new ArrayList<>());
    static final AtomicLong counter = new AtomicLong();
    /** Text of a NOT_FOUND for an id that never existed, by face and RPC. */
    static final Map<String, String> neverExisted = new ConcurrentHashMap<>();

    // ============================================================================================================
    // One sequence
    // ============================================================================================================

    static final class Run {
        final int sequence;
        final List<Step> steps;
        final List<CaseM> cases = new ArrayList<>();
        final List<WantedM> wanted = new ArrayList<>();
        final List<OpM> ops = new ArrayList<>();
        final List<String> trace = new ArrayList<>();
        int index;

        Run(int sequence, List<Step> steps) {
            this.sequence = sequence;
            this.steps = steps;
        }

        void execute() {
            for (Step step : steps) {
                index++;
                operations.incrementAndGet();
                byKind.computeIfAbsent(step.kind().name(), k -> new AtomicLong()).incrementAndGet();
                try {
                    perform(step);
                    if (index % FULL_LISTING_EVERY == 0) {
                        fullListing(TENANTS.get((index / FULL_LISTING_EVERY + step.a()) % TENANTS.size()),
                                index % 2 == 0 ? Face.REST : Face.GRPC);
                    }
                } catch (Violation v) {
                    violations.incrementAndGet();
                    if (firstViolations.size() < 20) {
                        firstViolations.add(v.getMessage());
                    }
                    fail(failure("isolation violated", step, v), v);
                } catch (RuntimeException e) {
                    // Not a violation of the model, but the same coordinates replay it.
                    fail(failure("step failed with " + e, step, e), e);
                }
            }
        }

        /** The seed, sequence and step of a failure, the operations leading to it and what they did. */
        String failure(String what, Step step, RuntimeException cause) {
            StringBuilder out = new StringBuilder();
            out.append(what).append(" at sequence ").append(sequence + 1).append('/').append(SEQUENCES)
                    .append(", step ").append(index).append('/').append(steps.size()).append(' ').append(step)
                    .append(": ").append(cause.getMessage())
                    .append("\nseed ").append(SEED).append(": replay with -Dchainbreaker.isolation.seed=").append(SEED)
                    .append(SEQUENCES != 10 ? " -Dchainbreaker.isolation.sequences=" + SEQUENCES : "")
                    .append(STEPS != 1000 ? " -Dchainbreaker.isolation.steps=" + STEPS : "");
            int from = Math.max(1, index - HISTORY + 1);
            out.append("\nthe last ").append(index - from + 1).append(" operations of the sequence:");
            for (int i = from; i <= index; i++) {
                out.append("\n  ").append(i).append(": ").append(steps.get(i - 1));
            }
            List<String> done = trace.stream().filter(line -> Integer.parseInt(line.substring(0, line.indexOf(':'))) >= from).toList();
            out.append("\nwhat they did:\n  ").append(String.join("\n  ", done.subList(Math.max(0, done.size() - 4 * HISTORY), done.size())));
            return out.toString();
        }

        // --------------------------------------------------------------------------------------------------------

        void perform(Step s) {
            String actor = TENANTS.get(s.actor());
            Face face = s.rest() ? Face.REST : Face.GRPC;
            switch (s.kind()) {
                case CREATE_CASE -> createCase(actor, face, s.a(), s.b());
                case SHARE_CASE, REVOKE_SHARE -> {
                    if (cases.isEmpty()) {
                        createCase(actor, face, s.a(), s.b());
                        return;
                    }
                    CaseM c = cases.get(s.a() % cases.size());
                    // Mostly the owner acts; sometimes someone else tries.
                    String by = s.c() % 4 == 0 ? actor : c.owner;
                    String country = TENANTS.get(s.b() % TENANTS.size());
                    if (s.kind() == Kind.SHARE_CASE) {
                        shareCase(by, face, c, country, HandlingCode.forNumber(1 + s.c() % 4));
                    } else {
                        revokeShare(by, face, c, country);
                    }
                }
                case GET_CASE -> {
                    if (cases.isEmpty() || s.a() % 10 == 0) {
                        expectNotFound(face, actor, Faces.CASES, "GetCase",
                                GetCaseRequest.newBuilder().setId(UUID.randomUUID().toString()).build(), null, null);
                        return;
                    }
                    checkCase(cases.get(s.a() % cases.size()), actor, face);
                }
                case LIST_CASES -> listCasesFirstPage(actor, face, 1 + s.a() % 60);
                case CREATE_WANTED_PERSON -> createWanted(actor, face, s.a(), s.b());
                case SUBMIT, PUBLISH, CANCEL -> {
                    if (wanted.isEmpty()) {
                        createWanted(actor, face, s.a(), s.b());
                        return;
                    }
                    WantedM w = wanted.get(s.a() % wanted.size());
                    String by = s.c() % 5 == 0 ? actor : w.owner;
                    transition(by, face, w, s.kind());
                }
                case PUBLISH_TO_OPERATION -> {
                    if (wanted.isEmpty() || ops.isEmpty()) {
                        if (ops.isEmpty()) {
                            createOperation(COORDINATOR, face, s.a(), s.b());
                        } else {
                            createWanted(actor, face, s.a(), s.b());
                        }
                        return;
                    }
                    WantedM w = wanted.get(s.a() % wanted.size());
                    OpM o = ops.get(s.b() % ops.size());
                    String by = s.c() % 5 == 0 ? actor : w.owner;
                    publishToOperation(by, face, w, o);
                }
                case REPORT_SIGHTING -> {
                    if (wanted.isEmpty()) {
                        createWanted(actor, face, s.a(), s.b());
                        return;
                    }
                    WantedM w = wanted.get(s.a() % wanted.size());
                    reportSighting(actor, face, w, TENANTS.get(s.b() % TENANTS.size()));
                }
                case GET_WANTED_PERSON -> {
                    if (wanted.isEmpty() || s.a() % 10 == 0) {
                        expectNotFound(face, actor, Faces.FUGITIVES, "GetWantedPerson",
                                GetWantedPersonRequest.newBuilder().setId(UUID.randomUUID().toString()).build(), null, null);
                        return;
                    }
                    checkWanted(wanted.get(s.a() % wanted.size()), actor, face);
                }
                case LIST_WANTED_PERSONS -> listWantedFirstPage(actor, face, 1 + s.a() % 60);
                case LIST_SIGHTINGS -> {
                    if (!wanted.isEmpty()) {
                        checkSightings(wanted.get(s.a() % wanted.size()), actor, face);
                    }
                }
                case SEARCH -> {
                    if (!wanted.isEmpty()) {
                        search(actor, face, wanted.get(s.a() % wanted.size()));
                    }
                }
                case CHECK_IDENTITY -> {
                    if (!wanted.isEmpty()) {
                        checkIdentity(actor, face, wanted.get(s.a() % wanted.size()), s.b() % 3 == 0);
                    }
                }
                case CREATE_OPERATION -> createOperation(s.c() % 6 == 0 ? actor : COORDINATOR, face, s.a(), s.b());
                case ADD_PARTICIPANT, REMOVE_PARTICIPANT -> {
                    if (ops.isEmpty()) {
                        createOperation(COORDINATOR, face, s.a(), s.b());
                        return;
                    }
                    OpM o = ops.get(s.a() % ops.size());
                    String by = s.c() % 5 == 0 ? actor : o.coordinator;
                    changeParticipant(by, face, o, TENANTS.get(s.b() % TENANTS.size()), s.kind() == Kind.ADD_PARTICIPANT);
                }
                case GET_OPERATION -> {
                    if (ops.isEmpty() || s.a() % 10 == 0) {
                        expectNotFound(face, actor, Faces.FUGITIVES, "GetOperation",
                                GetOperationRequest.newBuilder().setId(UUID.randomUUID().toString()).build(), null, null);
                        return;
                    }
                    checkOperation(ops.get(s.a() % ops.size()), actor, face);
                }
                case LIST_OPERATIONS -> listOperations(actor, face);
            }
        }

        // ------------------------------------------------------------------------------------------------ cases

        void createCase(String owner, Face face, int a, int b) {
            String requestId = requestIdFor(a, b);
            CreateCaseRequest.Builder request = CreateCaseRequest.newBuilder().setCase(Case.newBuilder()
                    .setTitle("Isolation " + RUN + " case " + counter.incrementAndGet())
                    .setCategory(Case.Category.forNumber(1 + a % 9))
                    .setSummary("generated by the isolation property"));
            if (requestId != null) {
                request.setRequestId(requestId);
            }
            Outcome out = call(face, investigator(owner), Faces.CASES, "CreateCase", request.build());
            trace("CreateCase by " + owner + " via " + face + (requestId == null ? "" : " rid=" + requestId) + " -> " + brief(out));
            expectOk(out, "CreateCase by " + owner);
            Case created = out.as(Case.parser());
            expect(created.getOwnerCountry().equals(owner), "a case created by " + owner + " is owned by " + created.getOwnerCountry());
            String key = owner + "/case/" + requestId;
            if (requestId != null && requestIds.containsKey(key)) {
                expect(requestIds.get(key).equals(created.getId()), "a retried create of " + owner
                        + " with request id " + requestId + " made a second case");
                cases.add(allCases.get(created.getId()));
                return;
            }
            expect(!allCases.containsKey(created.getId()), "CreateCase by " + owner + " with request id " + requestId
                    + " answered the existing case " + created.getId() + " of " + ownerOf(allCases.get(created.getId())));
            CaseM c = new CaseM(created.getId(), owner);
            allCases.put(c.id, c);
            cases.add(c);
            if (requestId != null) {
                requestIds.put(key, c.id);
                usedRequestIds.add(requestId);
            }
            checkEveryone(t -> checkCase(c, t, faceFor(t)));
        }

        void shareCase(String by, Face face, CaseM c, String country, HandlingCode code) {
            Outcome out = call(face, investigator(by), Faces.CASES, "ShareCase",
                    ShareCaseRequest.newBuilder().setId(c.id).setCountry(country).setHandlingCode(code).build());
            trace("ShareCase " + c.id + " of " + c.owner + " by " + by + " to " + country + " " + code + " via " + face + " -> " + brief(out));
            if (!c.visibleTo(by)) {
                expectNotFoundText(out, by, Faces.CASES, "ShareCase",
                        ShareCaseRequest.newBuilder().setId(UUID.randomUUID().toString()).setCountry(country).setHandlingCode(code).build(), c.id);
            } else if (!c.owner.equals(by)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, "ShareCase by " + by + " of a case shared to it by " + c.owner);
            } else if (country.equals(c.owner)) {
                expectCode(out, Status.Code.INVALID_ARGUMENT, "ShareCase of a case with its own country");
            } else {
                expectOk(out, "ShareCase by the owner");
                c.shares.put(country, code);
            }
            checkEveryone(t -> checkCase(c, t, faceFor(t)));
        }

        void revokeShare(String by, Face face, CaseM c, String country) {
            Outcome out = call(face, investigator(by), Faces.CASES, "RevokeShare",
                    RevokeShareRequest.newBuilder().setId(c.id).setCountry(country).build());
            trace("RevokeShare " + c.id + " of " + c.owner + " by " + by + " from " + country + " via " + face + " -> " + brief(out));
            if (!c.visibleTo(by)) {
                expectNotFoundText(out, by, Faces.CASES, "RevokeShare",
                        RevokeShareRequest.newBuilder().setId(UUID.randomUUID().toString()).setCountry(country).build(), c.id);
            } else if (!c.owner.equals(by)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, "RevokeShare by " + by + " of a case shared to it by " + c.owner);
            } else if (country.equals(c.owner)) {
                expectCode(out, Status.Code.INVALID_ARGUMENT, "RevokeShare of the owner itself");
            } else {
                expectOk(out, "RevokeShare by the owner");
                c.shares.remove(country);
            }
            checkEveryone(t -> checkCase(c, t, faceFor(t)));
        }

        void checkCase(CaseM c, String viewer, Face face) {
            if (c.tainted) {
                return;
            }
            viewChecks.incrementAndGet();
            GetCaseRequest request = GetCaseRequest.newBuilder().setId(c.id).build();
            Outcome out = call(face, investigator(viewer), Faces.CASES, "GetCase", request);
            if (!c.visibleTo(viewer)) {
                expectNotFoundText(out, viewer, Faces.CASES, "GetCase",
                        GetCaseRequest.newBuilder().setId(UUID.randomUUID().toString()).build(), c.id);
                return;
            }
            expectOk(out, viewer + " reads case " + c.id + " of " + c.owner + " shared with " + c.shares.keySet());
            Case seen = out.as(Case.parser());
            expect(seen.getOwnerCountry().equals(c.owner), "owner of " + c.id);
            Map<String, HandlingCode> shares = new TreeMap<>();
            for (CaseShare share : seen.getSharesList()) {
                shares.put(share.getCountry(), share.getHandlingCode());
            }
            if (viewer.equals(c.owner)) {
                expect(shares.equals(new TreeMap<>(c.shares)), "the owner " + viewer + " sees shares " + shares
                        + " of " + c.id + ", the model " + c.shares);
            } else {
                expect(shares.keySet().stream().allMatch(viewer::equals), viewer + " sees the shares of case " + c.id
                        + " with other countries: " + shares.keySet());
                expect(seen.getHandlingCode() == c.shares.get(viewer), viewer + " sees handling code "
                        + seen.getHandlingCode() + " on case " + c.id + ", granted " + c.shares.get(viewer));
            }
        }

        void listCasesFirstPage(String viewer, Face face, int pageSize) {
            Outcome out = call(face, investigator(viewer), Faces.CASES, "ListCases",
                    ListCasesRequest.newBuilder().setPageSize(pageSize).build());
            trace("ListCases by " + viewer + " size " + pageSize + " via " + face + " -> " + brief(out));
            expectOk(out, "ListCases by " + viewer);
            ListCasesResponse page = out.as(ListCasesResponse.parser());
            expect(page.getCasesCount() <= pageSize, "a page of " + pageSize + " has " + page.getCasesCount() + " cases");
            List<String> ids = new ArrayList<>();
            Instant oldest = null;
            for (Case c : page.getCasesList()) {
                ids.add(c.getId());
                CaseM m = allCases.get(c.getId());
                if (m != null && !m.tainted) {
                    expect(m.visibleTo(viewer), viewer + " lists case " + m.id + " of " + m.owner + " shared with "
                            + m.shares.keySet());
                }
                Instant t = instant(c.getCreateTime());
                expect(oldest == null || !t.isAfter(oldest), "ListCases is not newest first");
                oldest = t;
            }
            expect(new HashSet<>(ids).size() == ids.size(), "ListCases repeats a case");
            if (page.getNextPageToken().isEmpty()) {
                // The whole listing fitted: it holds every case the model lets this country see.
                Set<String> expected = visibleCases(viewer);
                expected.removeAll(ids);
                expect(expected.isEmpty(), viewer + " misses cases " + expected + " in a complete listing");
            }
        }

        // ------------------------------------------------------------------------------------------ wanted persons

        void createWanted(String owner, Face face, int a, int b) {
            String requestId = requestIdFor(a, b);
            long n = counter.incrementAndGet();
            String name = personName(n);
            String document = "D" + RUN + "X" + n;
            CreateWantedPersonRequest.Builder request = CreateWantedPersonRequest.newBuilder().setWantedPerson(
                    WantedPerson.newBuilder()
                            .setPrimaryName(PersonName.newBuilder().setValue(name))
                            .addCharges("fraud (generated)")
                            .setWarrant(Warrant.newBuilder().setReference("W-" + n).setIssuingAuthority("Court " + owner))
                            .addDocuments(IdentityDocument.newBuilder().setType(IdentityDocument.Type.PASSPORT)
                                    .setNumber(document).setIssuingCountry(owner.length() == 2 ? owner : "")));
            if (requestId != null) {
                request.setRequestId(requestId);
            }
            Outcome out = call(face, investigator(owner), Faces.FUGITIVES, "CreateWantedPerson", request.build());
            trace("CreateWantedPerson " + name + " by " + owner + " via " + face + (requestId == null ? "" : " rid=" + requestId) + " -> " + brief(out));
            expectOk(out, "CreateWantedPerson by " + owner);
            WantedPerson created = out.as(WantedPerson.parser());
            expect(created.getOwnerCountry().equals(owner), "a wanted person recorded by " + owner + " is owned by " + created.getOwnerCountry());
            String key = owner + "/wanted/" + requestId;
            if (requestId != null && requestIds.containsKey(key)) {
                expect(requestIds.get(key).equals(created.getId()), "a retried create of " + owner
                        + " with request id " + requestId + " made a second wanted person");
                wanted.add(allWanted.get(created.getId()));
                return;
            }
            expect(!allWanted.containsKey(created.getId()), "CreateWantedPerson by " + owner + " with request id "
                    + requestId + " answered an existing record");
            WantedM w = new WantedM(created.getId(), owner, created.getReference(), name, document);
            allWanted.put(w.id, w);
            wantedByReference.put(w.reference, w);
            wanted.add(w);
            if (requestId != null) {
                requestIds.put(key, w.id);
                usedRequestIds.add(requestId);
            }
            checkEveryone(t -> checkWanted(w, t, faceFor(t)));
        }

        void transition(String by, Face face, WantedM w, Kind kind) {
            String rpc = switch (kind) {
                case SUBMIT -> "SubmitWantedPerson";
                case PUBLISH -> "PublishWantedPerson";
                default -> "CancelWantedPerson";
            };
            Message request = kind == Kind.CANCEL
                    ? CancelWantedPersonRequest.newBuilder().setId(w.id).setReason("withdrawn (generated)").build()
                    : TransitionRequest.newBuilder().setId(w.id).build();
            Message unknown = kind == Kind.CANCEL
                    ? CancelWantedPersonRequest.newBuilder().setId(UUID.randomUUID().toString()).setReason("withdrawn (generated)").build()
                    : TransitionRequest.newBuilder().setId(UUID.randomUUID().toString()).build();
            Outcome out = call(face, investigator(by), Faces.FUGITIVES, rpc, request);
            trace(rpc + " " + w.id + " (" + w.status + ") of " + w.owner + " by " + by + " via " + face + " -> " + brief(out));
            WantedPerson.NoticeStatus target = switch (kind) {
                case SUBMIT -> WantedPerson.NoticeStatus.UNDER_REVIEW;
                case PUBLISH -> WantedPerson.NoticeStatus.PUBLISHED;
                default -> WantedPerson.NoticeStatus.CANCELLED;
            };
            if (!w.visibleTo(by)) {
                expectNotFoundText(out, by, Faces.FUGITIVES, rpc, unknown, w.id);
            } else if (!w.owner.equals(by)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, rpc + " by " + by + " of a wanted person of " + w.owner);
            } else if (!allowed(w.status, target)) {
                expectCode(out, Status.Code.FAILED_PRECONDITION, rpc + " of a " + w.status + " notice");
            } else {
                expectOk(out, rpc + " by the owner of a " + w.status + " notice");
                w.status = target;
                expect(out.as(WantedPerson.parser()).getNoticeStatus() == target, rpc + " answered another status");
            }
            checkEveryone(t -> checkWanted(w, t, faceFor(t)));
        }

        void publishToOperation(String by, Face face, WantedM w, OpM o) {
            Outcome out = call(face, investigator(by), Faces.FUGITIVES, "PublishToOperation",
                    PublishToOperationRequest.newBuilder().setId(w.id).setOperationId(o.id).build());
            trace("PublishToOperation " + w.id + " (" + w.status + ", " + w.owner + ") to " + o.id + " " + o.participants
                    + (o.running ? " running" : " not running") + " by " + by + " via " + face + " -> " + brief(out));
            if (!w.visibleTo(by)) {
                expectNotFoundText(out, by, Faces.FUGITIVES, "PublishToOperation", PublishToOperationRequest.newBuilder()
                        .setId(UUID.randomUUID().toString()).setOperationId(o.id).build(), w.id);
            } else if (!w.owner.equals(by)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, "PublishToOperation by " + by + " of a record of " + w.owner);
            } else if (w.status == WantedPerson.NoticeStatus.CANCELLED) {
                expectCode(out, Status.Code.FAILED_PRECONDITION, "PublishToOperation of a CANCELLED notice");
            } else if (!o.visibleTo(by)) {
                expectNotFoundText(out, by, Faces.FUGITIVES, "PublishToOperation", PublishToOperationRequest.newBuilder()
                        .setId(w.id).setOperationId(UUID.randomUUID().toString()).build(), o.id);
            } else {
                expectOk(out, "PublishToOperation by the owner, a participant");
                w.operations.add(o);
                WantedPerson seen = out.as(WantedPerson.parser());
                Set<String> expectedOps = new HashSet<>();
                w.operations.forEach(op -> expectedOps.add(op.id));
                expect(new HashSet<>(seen.getOperationIdsList()).equals(expectedOps), "the owner sees operations "
                        + seen.getOperationIdsList() + ", the model " + expectedOps);
            }
            checkEveryone(t -> checkWanted(w, t, faceFor(t)));
        }

        void reportSighting(String by, Face face, WantedM w, String country) {
            Sighting sighting = Sighting.newBuilder().setCountry(country).setPlace("Border crossing (generated)")
                    .setSeenTime(timestamp(Instant.now().minusSeconds(3600)))
                    .setConfidence(Sighting.Confidence.forNumber(1 + (int) (counter.get() % 3)))
                    .setSource("CCTV").build();
            Outcome out = call(face, investigator(by), Faces.FUGITIVES, "ReportSighting",
                    ReportSightingRequest.newBuilder().setWantedPersonId(w.id).setSighting(sighting).build());
            trace("ReportSighting " + w.id + " (" + w.status + ", " + w.owner + ") in " + country + " by " + by + " via " + face + " -> " + brief(out));
            if (!w.visibleTo(by)) {
                expectNotFoundText(out, by, Faces.FUGITIVES, "ReportSighting", ReportSightingRequest.newBuilder()
                        .setWantedPersonId(UUID.randomUUID().toString()).setSighting(sighting).build(), w.id);
            } else if (w.status != WantedPerson.NoticeStatus.PUBLISHED) {
                expectCode(out, Status.Code.FAILED_PRECONDITION, "ReportSighting of a " + w.status + " notice");
            } else {
                expectOk(out, "ReportSighting by " + by + " who sees the notice");
                Sighting stored = out.as(Sighting.parser());
                expect(stored.getReporterCountry().equals(by) && stored.getCountry().equals(country), "the sighting as stored: " + stored);
                w.sightings.add(new SightingM(country, by));
            }
            checkEveryone(t -> checkWanted(w, t, faceFor(t)));
        }

        void checkWanted(WantedM w, String viewer, Face face) {
            if (w.tainted) {
                return;
            }
            viewChecks.incrementAndGet();
            Outcome out = call(face, investigator(viewer), Faces.FUGITIVES, "GetWantedPerson",
                    GetWantedPersonRequest.newBuilder().setId(w.id).build());
            if (!w.visibleTo(viewer)) {
                expectNotFoundText(out, viewer, Faces.FUGITIVES, "GetWantedPerson",
                        GetWantedPersonRequest.newBuilder().setId(UUID.randomUUID().toString()).build(), w.id);
                return;
            }
            expectOk(out, viewer + " reads wanted person " + w.id + " of " + w.owner + " (" + w.status + ")");
            WantedPerson seen = out.as(WantedPerson.parser());
            expect(seen.getOwnerCountry().equals(w.owner) && seen.getReference().equals(w.reference), "owner or reference of " + w.id);
            expect(seen.getNoticeStatus() == w.status, viewer + " sees status " + seen.getNoticeStatus() + " of " + w.id + ", the model " + w.status);
            if (!viewer.equals(w.owner)) {
                expect(seen.getOperationIdsCount() == 0, viewer + " sees the operations of a record of " + w.owner);
                if (seen.hasLastKnownLocation()) {
                    Sighting last = seen.getLastKnownLocation();
                    expect(last.getCountry().equals(viewer) || last.getReporterCountry().equals(viewer), viewer
                            + " sees a last known location it may not see: " + last.getCountry() + " reported by " + last.getReporterCountry());
                }
            }
        }

        void checkSightings(WantedM w, String viewer, Face face) {
            Outcome out = call(face, investigator(viewer), Faces.FUGITIVES, "ListSightings",
                    ListSightingsRequest.newBuilder().setWantedPersonId(w.id).build());
            trace("ListSightings " + w.id + " by " + viewer + " via " + face + " -> " + brief(out));
            if (w.tainted) {
                return;
            }
            if (!w.visibleTo(viewer)) {
                expectNotFoundText(out, viewer, Faces.FUGITIVES, "ListSightings",
                        ListSightingsRequest.newBuilder().setWantedPersonId(UUID.randomUUID().toString()).build(), w.id);
                return;
            }
            expectOk(out, "ListSightings by " + viewer);
            List<Sighting> seen = out.as(ListSightingsResponse.parser()).getSightingsList();
            long expected = w.sightings.stream().filter(s -> viewer.equals(w.owner) || s.country().equals(viewer)
                    || s.reporter().equals(viewer)).count();
            expect(seen.size() == expected, viewer + " sees " + seen.size() + " sightings of " + w.id + ", the model " + expected);
            for (Sighting s : seen) {
                expect(viewer.equals(w.owner) || s.getCountry().equals(viewer) || s.getReporterCountry().equals(viewer),
                        viewer + " sees a sighting in " + s.getCountry() + " reported by " + s.getReporterCountry());
            }
        }

        void listWantedFirstPage(String viewer, Face face, int pageSize) {
            Outcome out = call(face, investigator(viewer), Faces.FUGITIVES, "ListWantedPersons",
                    ListWantedPersonsRequest.newBuilder().setPageSize(pageSize).build());
            trace("ListWantedPersons by " + viewer + " size " + pageSize + " via " + face + " -> " + brief(out));
            expectOk(out, "ListWantedPersons by " + viewer);
            ListWantedPersonsResponse page = out.as(ListWantedPersonsResponse.parser());
            expect(page.getWantedPersonsCount() <= pageSize, "a page of " + pageSize + " has " + page.getWantedPersonsCount());
            List<String> ids = new ArrayList<>();
            for (WantedPerson p : page.getWantedPersonsList()) {
                ids.add(p.getId());
                WantedM m = allWanted.get(p.getId());
                if (m != null && !m.tainted) {
                    expect(m.visibleTo(viewer), viewer + " lists wanted person " + m.id + " of " + m.owner + " (" + m.status + ")");
                    expect(viewer.equals(m.owner) || p.getOperationIdsCount() == 0, viewer + " sees operations of a listed record");
                }
            }
            expect(new HashSet<>(ids).size() == ids.size(), "ListWantedPersons repeats a record");
            if (page.getNextPageToken().isEmpty()) {
                Set<String> expected = visibleWanted(viewer);
                expected.removeAll(ids);
                expect(expected.isEmpty(), viewer + " misses wanted persons " + expected + " in a complete listing");
            }
        }

        void search(String viewer, Face face, WantedM target) {
            Outcome out = call(face, investigator(viewer), Faces.FUGITIVES, "SearchWantedPersons",
                    SearchWantedPersonsRequest.newBuilder().setName(target.name).setPageSize(100).build());
            trace("SearchWantedPersons '" + target.name + "' by " + viewer + " via " + face + " -> " + brief(out));
            expectOk(out, "SearchWantedPersons by " + viewer);
            Set<String> found = new HashSet<>();
            for (WantedPersonMatch match : out.as(SearchWantedPersonsResponse.parser()).getMatchesList()) {
                found.add(match.getWantedPerson().getId());
                WantedM m = allWanted.get(match.getWantedPerson().getId());
                if (m != null && !m.tainted) {
                    expect(m.visibleTo(viewer), viewer + " finds wanted person " + m.id + " of " + m.owner + " ("
                            + m.status + ") by name");
                }
            }
            if (!target.tainted) {
                expect(found.contains(target.id) == target.visibleTo(viewer), viewer + " searching the exact name '"
                        + target.name + "' " + (found.contains(target.id) ? "finds" : "misses") + " " + target.id
                        + " of " + target.owner + " (" + target.status + ")");
            }
        }

        void checkIdentity(String viewer, Face face, WantedM target, boolean byName) {
            CheckIdentityRequest.Builder request = CheckIdentityRequest.newBuilder().setPurpose("border control (generated)");
            if (byName) {
                request.setName(target.name);
            } else {
                request.setDocumentNumber(target.document);
            }
            Outcome out = call(face, investigator(viewer), Faces.FUGITIVES, "CheckIdentity", request.build());
            trace("CheckIdentity " + (byName ? "name '" + target.name + "'" : "document " + target.document) + " by " + viewer
                    + " via " + face + " -> " + brief(out));
            expectOk(out, "CheckIdentity by " + viewer);
            CheckIdentityResponse answer = out.as(CheckIdentityResponse.parser());
            expect(answer.getHit() == (answer.getHitsCount() > 0), "hit flag and hits disagree");
            Set<String> references = new HashSet<>();
            for (IdentityHit hit : answer.getHitsList()) {
                references.add(hit.getReference());
                WantedM m = wantedByReference.get(hit.getReference());
                if (m != null && !m.tainted) {
                    expect(m.owner.equals(hit.getOwnerCountry()), "a hit names " + hit.getOwnerCountry() + " as owner of " + m.reference);
                    expect(m.status == WantedPerson.NoticeStatus.PUBLISHED, "an identity check hits a " + m.status + " notice " + m.reference);
                } else if (!byName && m == null) {
                    throw new Violation("a document check for " + target.document + " hits " + hit.getReference()
                            + " which does not carry it");
                }
            }
            if (!target.tainted) {
                boolean expected = target.status == WantedPerson.NoticeStatus.PUBLISHED;
                expect(references.contains(target.reference) == expected, "an identity check by " + viewer + " of "
                        + (byName ? "name" : "document") + " of " + target.reference + " (" + target.status + ") "
                        + (expected ? "misses it" : "hits it"));
                if (!byName) {
                    expect(references.size() == (expected ? 1 : 0), "a unique document hits " + references);
                }
            }
        }

        // ------------------------------------------------------------------------------------------- operations

        void createOperation(String by, Face face, int a, int b) {
            boolean running = a % 4 != 0;
            Instant now = Instant.now();
            Instant start = running ? now.minus(Duration.ofDays(1)) : (a % 8 == 0 ? now.minus(Duration.ofDays(30)) : now.plus(Duration.ofDays(10)));
            Instant end = running ? now.plus(Duration.ofDays(60)) : (a % 8 == 0 ? now.minus(Duration.ofDays(20)) : now.plus(Duration.ofDays(20)));
            Set<String> participants = new LinkedHashSet<>();
            for (int i = 0; i < TENANTS.size(); i++) {
                if ((b >> i & 1) == 1) {
                    participants.add(TENANTS.get(i));
                }
            }
            String requestId = requestIdFor(a, b);
            CreateOperationRequest.Builder request = CreateOperationRequest.newBuilder().setOperation(Operation.newBuilder()
                    .setName("Operation " + RUN + " " + counter.incrementAndGet())
                    .addAllParticipants(participants)
                    .setStartTime(timestamp(start)).setEndTime(timestamp(end)));
            if (requestId != null) {
                request.setRequestId(requestId);
            }
            String user = by.equals(COORDINATOR) ? by.toLowerCase() + "-liaison" : by.toLowerCase() + "-investigator";
            Outcome out = call(face, RunningSuite.token(user), Faces.FUGITIVES, "CreateOperation", request.build());
            trace("CreateOperation by " + user + " with " + participants + (running ? " running" : " not running")
                    + (requestId == null ? "" : " rid=" + requestId) + " via " + face + " -> " + brief(out));
            if (!by.equals(COORDINATOR)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, "CreateOperation by " + user + " without the coordinator role");
                return;
            }
            expectOk(out, "CreateOperation by the coordinator");
            Operation created = out.as(Operation.parser());
            String key = by + "/operation/" + requestId;
            if (requestId != null && requestIds.containsKey(key)) {
                expect(requestIds.get(key).equals(created.getId()), "a retried CreateOperation made a second operation");
                ops.add(allOps.get(created.getId()));
                return;
            }
            expect(!allOps.containsKey(created.getId()), "CreateOperation answered an existing operation");
            OpM o = new OpM(created.getId(), by, running);
            o.participants.add(by);
            o.participants.addAll(participants);
            allOps.put(o.id, o);
            ops.add(o);
            if (requestId != null) {
                requestIds.put(key, o.id);
                usedRequestIds.add(requestId);
            }
            checkEveryone(t -> checkOperation(o, t, faceFor(t)));
        }

        void changeParticipant(String by, Face face, OpM o, String country, boolean add) {
            String rpc = add ? "AddParticipant" : "RemoveParticipant";
            String user = by.equals(COORDINATOR) ? by.toLowerCase() + "-liaison" : by.toLowerCase() + "-investigator";
            Outcome out = call(face, RunningSuite.token(user), Faces.FUGITIVES, rpc,
                    ChangeParticipantRequest.newBuilder().setId(o.id).setCountry(country).build());
            trace(rpc + " " + country + " to " + o.id + " " + o.participants + " by " + user + " via " + face + " -> " + brief(out));
            if (!o.visibleTo(by)) {
                expectNotFoundText(out, by, Faces.FUGITIVES, rpc, ChangeParticipantRequest.newBuilder()
                        .setId(UUID.randomUUID().toString()).setCountry(country).build(), o.id);
            } else if (!o.coordinator.equals(by)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, rpc + " by a participant that does not coordinate");
            } else if (!add && country.equals(o.coordinator)) {
                expectCode(out, Status.Code.INVALID_ARGUMENT, "RemoveParticipant of the coordinator");
            } else {
                expectOk(out, rpc + " by the coordinator");
                if (add) {
                    o.participants.add(country);
                } else {
                    o.participants.remove(country);
                }
                Operation seen = out.as(Operation.parser());
                expect(new HashSet<>(seen.getParticipantsList()).equals(o.participants), "participants "
                        + seen.getParticipantsList() + ", the model " + o.participants);
            }
            checkEveryone(t -> checkOperation(o, t, faceFor(t)));
            // Whoever joined or left now sees (or no longer sees) what was published to the operation.
            List<WantedM> affected = wanted.stream().filter(w -> w.operations.contains(o)).limit(3).toList();
            for (WantedM w : affected) {
                checkEveryone(t -> checkWanted(w, t, faceFor(t)));
            }
        }

        void checkOperation(OpM o, String viewer, Face face) {
            if (o.tainted) {
                return;
            }
            viewChecks.incrementAndGet();
            Outcome out = call(face, investigator(viewer), Faces.FUGITIVES, "GetOperation",
                    GetOperationRequest.newBuilder().setId(o.id).build());
            if (!o.visibleTo(viewer)) {
                expectNotFoundText(out, viewer, Faces.FUGITIVES, "GetOperation",
                        GetOperationRequest.newBuilder().setId(UUID.randomUUID().toString()).build(), o.id);
                return;
            }
            expectOk(out, viewer + " reads operation " + o.id + " with " + o.participants);
            Operation seen = out.as(Operation.parser());
            expect(new HashSet<>(seen.getParticipantsList()).equals(o.participants), viewer + " sees participants "
                    + seen.getParticipantsList() + ", the model " + o.participants);
        }

        void listOperations(String viewer, Face face) {
            List<String> ids = new ArrayList<>();
            String token = "";
            do {
                Outcome out = call(face, investigator(viewer), Faces.FUGITIVES, "ListOperations",
                        ListOperationsRequest.newBuilder().setPageSize(200).setPageToken(token).build());
                expectOk(out, "ListOperations by " + viewer);
                ListOperationsResponse page = out.as(ListOperationsResponse.parser());
                page.getOperationsList().forEach(op -> ids.add(op.getId()));
                token = page.getNextPageToken();
            } while (!token.isEmpty());
            trace("ListOperations by " + viewer + " via " + face + " -> " + ids.size());
            compareListing(viewer, "operations", ids, allOps.values().stream().filter(o -> !o.tainted)
                    .collect(java.util.stream.Collectors.toMap(o -> o.id, o -> o.visibleTo(viewer))));
        }

        // ------------------------------------------------------------------------------------------ full listings

        void fullListing(String viewer, Face face) {
            List<String> caseIds = new ArrayList<>();
            String token = "";
            do {
                Outcome out = call(face, investigator(viewer), Faces.CASES, "ListCases",
                        ListCasesRequest.newBuilder().setPageSize(200).setPageToken(token).build());
                expectOk(out, "ListCases by " + viewer);
                ListCasesResponse page = out.as(ListCasesResponse.parser());
                page.getCasesList().forEach(c -> caseIds.add(c.getId()));
                token = page.getNextPageToken();
            } while (!token.isEmpty());
            compareListing(viewer, "cases", caseIds, allCases.values().stream().filter(c -> !c.tainted)
                    .collect(java.util.stream.Collectors.toMap(c -> c.id, c -> c.visibleTo(viewer))));
            List<String> wantedIds = new ArrayList<>();
            token = "";
            do {
                Outcome out = call(face, investigator(viewer), Faces.FUGITIVES, "ListWantedPersons",
                        ListWantedPersonsRequest.newBuilder().setPageSize(200).setPageToken(token).build());
                expectOk(out, "ListWantedPersons by " + viewer);
                ListWantedPersonsResponse page = out.as(ListWantedPersonsResponse.parser());
                page.getWantedPersonsList().forEach(w -> wantedIds.add(w.getId()));
                token = page.getNextPageToken();
            } while (!token.isEmpty());
            compareListing(viewer, "wanted persons", wantedIds, allWanted.values().stream().filter(w -> !w.tainted)
                    .collect(java.util.stream.Collectors.toMap(w -> w.id, w -> w.visibleTo(viewer))));
            listOperations(viewer, face);
            trace("full listing by " + viewer + " via " + face + ": " + caseIds.size() + " cases, " + wantedIds.size() + " wanted persons");
        }

        /** A complete listing holds every record the model lets the viewer see, each once, and none other it knows. */
        void compareListing(String viewer, String what, List<String> listed, Map<String, Boolean> model) {
            expect(new HashSet<>(listed).size() == listed.size(), "the listing of " + what + " by " + viewer + " repeats records");
            Set<String> expected = new HashSet<>();
            model.forEach((id, visible) -> {
                if (visible) {
                    expected.add(id);
                }
            });
            Set<String> known = new HashSet<>(listed);
            known.retainAll(model.keySet());
            Set<String> leaked = new HashSet<>(known);
            leaked.removeAll(expected);
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(known);
            expect(leaked.isEmpty(), viewer + " lists " + what + " it may not see: " + leaked);
            expect(missing.isEmpty(), viewer + " misses " + what + " it may see: " + missing);
            expect(known.size() == expected.size(), "count of " + what + " listed by " + viewer + ": " + known.size()
                    + ", the model " + expected.size());
        }

        // ----------------------------------------------------------------------------------------------- helpers

        /** Runs one view check per country in parallel (reads only, so the outcome does not depend on the order). */
        void checkEveryone(java.util.function.Consumer<String> check) {
            List<Future<?>> futures = new ArrayList<>();
            for (String t : TENANTS) {
                futures.add(checkers.submit(() -> check.accept(t)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Violation v) {
                        throw v;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        Face faceFor(String tenant) {
            return (index + TENANTS.indexOf(tenant)) % 2 == 0 ? Face.REST : Face.GRPC;
        }

        /** No request id, a fresh one, or one already used by some country (mostly another). */
        String requestIdFor(int a, int b) {
            int choice = b % 5;
            if (choice <= 1) {
                return null;
            }
            if (choice == 4 && !usedRequestIds.isEmpty()) {
                synchronized (usedRequestIds) {
                    return usedRequestIds.get(a % usedRequestIds.size());
                }
            }
            return "rid-" + RUN + "-" + counter.incrementAndGet();
        }

        void trace(String line) {
            trace.add(index + ": " + line);
        }
    }

    // ============================================================================================================
    // Expectations
    // ============================================================================================================

    static final class Violation extends RuntimeException {
        Violation(String message) {
            super(message, null, false, false);
        }
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
     * A NOT_FOUND for a record that exists but is invisible, whose text (problem body or status description) is that
     * of the same call naming an id that never existed.
     */
    static void expectNotFoundText(Outcome out, String caller, String service, String rpc, Message neverExistedRequest,
                                   String hiddenId) {
        expectCode(out, Status.Code.NOT_FOUND, caller + " calls " + rpc + " on a record it may not see");
        // Keyed by which field names the missing record (a publication may miss the person or the operation).
        String key = out.face() + "/" + rpc + "/" + normalize(neverExistedRequest.toString(), neverExistedRequest);
        String reference = neverExisted.get(key);
        if (reference == null) {
            Outcome unknown = faces.call(out.face(), Faces.endpoint(service, rpc), investigator(caller), neverExistedRequest);
            calls.incrementAndGet();
            expectCode(unknown, Status.Code.NOT_FOUND, rpc + " of an id that never existed");
            reference = normalize(unknown.text(), neverExistedRequest);
            neverExisted.put(key, reference);
        }
        String text = out.text().replace(hiddenId, "{id}");
        expect(text.equals(reference), rpc + " answers a hidden record with '" + text + "' but an id that never existed with '"
                + reference + "'");
    }

    static void expectNotFound(Face face, String caller, String service, String rpc, Message request, String a, String b) {
        Outcome out = faces.call(face, Faces.endpoint(service, rpc), investigator(caller), request);
        calls.incrementAndGet();
        expectCode(out, Status.Code.NOT_FOUND, rpc + " of an id that never existed");
        String key = face + "/" + rpc + "/" + normalize(request.toString(), request);
        String text = normalize(out.text(), request);
        String reference = neverExisted.putIfAbsent(key, text);
        expect(reference == null || reference.equals(text), rpc + " answers ids that never existed with different texts: '"
                + reference + "' and '" + text + "'");
    }

    private static String normalize(String text, Message request) {
        String out = text;
        for (Map.Entry<com.google.protobuf.Descriptors.FieldDescriptor, Object> f : request.getAllFields().entrySet()) {
            if (f.getValue() instanceof String s && s.length() == 36 && !allOps.containsKey(s) && !allWanted.containsKey(s)
                    && !allCases.containsKey(s)) {
                out = out.replace(s, "{id}");
            }
        }
        return out;
    }

    static Outcome call(Face face, String token, String service, String rpc, Message request) {
        calls.incrementAndGet();
        Outcome out = faces.call(face, Faces.endpoint(service, rpc), token, request);
        if (out.code() == Status.Code.UNAVAILABLE || out.code() == Status.Code.DEADLINE_EXCEEDED
                || out.code() == Status.Code.INTERNAL || out.code() == Status.Code.UNKNOWN) {
            throw new Violation(rpc + " failed on the server side: " + out);
        }
        return out;
    }

    static String investigator(String tenant) {
        return RunningSuite.token(tenant.toLowerCase() + "-investigator");
    }

    static boolean allowed(WantedPerson.NoticeStatus from, WantedPerson.NoticeStatus to) {
        return switch (from) {
            case DRAFT -> to == WantedPerson.NoticeStatus.UNDER_REVIEW || to == WantedPerson.NoticeStatus.CANCELLED;
            case UNDER_REVIEW -> to == WantedPerson.NoticeStatus.PUBLISHED || to == WantedPerson.NoticeStatus.CANCELLED
                    || to == WantedPerson.NoticeStatus.DRAFT;
            case PUBLISHED -> to == WantedPerson.NoticeStatus.CANCELLED;
            default -> false;
        };
    }

    static Set<String> visibleCases(String viewer) {
        Set<String> ids = new HashSet<>();
        allCases.values().forEach(c -> {
            if (!c.tainted && c.visibleTo(viewer)) {
                ids.add(c.id);
            }
        });
        return ids;
    }

    static Set<String> visibleWanted(String viewer) {
        Set<String> ids = new HashSet<>();
        allWanted.values().forEach(w -> {
            if (!w.tainted && w.visibleTo(viewer)) {
                ids.add(w.id);
            }
        });
        return ids;
    }

    static String ownerOf(CaseM c) {
        return c == null ? "?" : c.owner;
    }

    static String brief(Outcome out) {
        return out.ok() ? "OK" : out.label();
    }

    /** A made-up name, different for every record, that no name variant of another record comes near. */
    static String personName(long n) {
        String[] syllables = {"ka", "zu", "mo", "ri", "te", "va", "lo", "qui", "ne", "bra", "xo", "fe", "gu", "hi", "ja", "pw"};
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

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
