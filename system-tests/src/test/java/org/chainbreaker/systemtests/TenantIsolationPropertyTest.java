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
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCasesResponse;
import org.chainbreaker.cases.v1.ListLeadsRequest;
import org.chainbreaker.cases.v1.ListLeadsResponse;
import org.chainbreaker.cases.v1.ListPersonsRequest;
import org.chainbreaker.cases.v1.ListPersonsResponse;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.SetLeadStatusRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.UpdateCaseRequest;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.fugitives.v1.UpdateWantedPersonRequest;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationsRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationsResponse;
import org.chainbreaker.repatriation.v1.Logistics;
import org.chainbreaker.repatriation.v1.ReasonedTransitionRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.TravelDocument;
import org.chainbreaker.repatriation.v1.UpdateLogisticsRequest;
import org.chainbreaker.repatriation.v1.VictimGroup;
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
 * hit/no-hit identity checks, add, assign and work leads, add suspects and victims and list them (as investigator or
 * analyst), open, submit and cancel repatriations, and read their event streams, through the gateway's REST and gRPC
 * faces at random (creates carry their key in the body or, on REST, as the Idempotency-Key header). A model keeps what each country
 * may see; after every step the views of every country on the records the step touched are compared with it (get by
 * id, the fields only some may see, the NOT_FOUND text against that of an id that never existed, uniqueness of
 * request ids across countries), and listings, counts, search results and identity-check answers are compared as
 * steps of their own and in full listings at intervals. Event streams are read up to a beacon while nothing else
 * changes, so each delivered event is compared with the visibility of that moment (see {@link EventStreamProbe}).
 * Checks and violations are counted by channel of leakage and printed with the other figures.
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
    /** Every this many steps every country's event stream of one service (in turn) is read up to a beacon. */
    static final int DRAIN_EVERY = 25;
    static final java.util.regex.Pattern UUID_PATTERN =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final java.util.regex.Pattern JSON_MEMBER = java.util.regex.Pattern.compile("\"([A-Za-z_]+)\"\\s*:");
    static final List<String> STREAM_SERVICES = List.of(Faces.CASES, Faces.FUGITIVES, Faces.REPATRIATION);

    // The channels a record could leak through; every check counts under one, and so does a violation.
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
        System.out.printf("TenantIsolationPropertyTest: calls by face %s; event streams read by face %s, events %s (%d about"
                        + " records of the model)%n", new TreeMap<>(callsByFace), new TreeMap<>(streamsRead),
                new TreeMap<>(eventsRead), modelEvents.get());
        System.out.println("TenantIsolationPropertyTest: checks and violations by channel:");
        new TreeMap<>(channelChecks).forEach((channel, checks) -> System.out.printf("  %-55s %8d checks, %d violations%n",
                channel, checks.get(), channelViolations.getOrDefault(channel, new AtomicLong()).get()));
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
        CREATE_OPERATION, ADD_PARTICIPANT, REMOVE_PARTICIPANT, GET_OPERATION, LIST_OPERATIONS,
        CREATE_LEAD, ASSIGN_LEAD, SET_LEAD_STATUS, GET_LEAD, LIST_LEADS, ADD_PERSON, LIST_PERSONS,
        CREATE_REPATRIATION, SUBMIT_REPATRIATION, CANCEL_REPATRIATION, GET_REPATRIATION, LIST_REPATRIATIONS,
        WATCH_EVENTS
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
        w.put(Kind.CREATE_LEAD, 5);
        w.put(Kind.ASSIGN_LEAD, 5);
        w.put(Kind.SET_LEAD_STATUS, 4);
        w.put(Kind.GET_LEAD, 3);
        w.put(Kind.LIST_LEADS, 2);
        w.put(Kind.ADD_PERSON, 4);
        w.put(Kind.LIST_PERSONS, 4);
        w.put(Kind.CREATE_REPATRIATION, 5);
        w.put(Kind.SUBMIT_REPATRIATION, 2);
        w.put(Kind.CANCEL_REPATRIATION, 2);
        w.put(Kind.GET_REPATRIATION, 2);
        w.put(Kind.LIST_REPATRIATIONS, 2);
        w.put(Kind.WATCH_EVENTS, 2);
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
        /** The partners to whom the owner disclosed victims' contacts on their share. */
        final Set<String> contactsDisclosed = new HashSet<>();
        final List<LeadM> leads = new ArrayList<>();
        final List<PersonM> persons = new ArrayList<>();
        volatile boolean tainted;

        CaseM(String id, String owner) {
            this.id = id;
            this.owner = owner;
        }

        /** The owner, a partner it was shared with, or a country one of its leads is assigned to (header only). */
        boolean visibleTo(String tenant) {
            return owner.equals(tenant) || shares.containsKey(tenant) || leads.stream().anyMatch(l -> tenant.equals(l.assigned));
        }

        boolean headerOnlyFor(String tenant) {
            return !owner.equals(tenant) && !shares.containsKey(tenant) && visibleTo(tenant);
        }
    }

    /** A lead: the owner, the case's share partners and the country it is assigned to see it. */
    static final class LeadM {
        final String id;
        final CaseM c;
        String assigned;
        HandlingCode code;
        Lead.Status status = Lead.Status.NEW;

        LeadM(String id, CaseM c) {
            this.id = id;
            this.c = c;
        }

        boolean visibleTo(String tenant) {
            return c.owner.equals(tenant) || tenant.equals(assigned) || c.shares.containsKey(tenant);
        }
    }

    record PersonM(String id, org.chainbreaker.cases.v1.Person.Role role, String contact) {
    }

    /** The coordinating tenants, which see every repatriation. */
    static final Set<String> REPATRIATION_COORDINATORS = Set.of("INTERPOL", "ASEANAPOL");

    static final class RepM {
        final String id;
        final String owner;
        final String sending;
        final String receiving;
        final Set<String> transit;
        final String personName;
        final String supportNeed;
        Repatriation.Status status = Repatriation.Status.DRAFT;

        RepM(String id, String owner, String sending, String receiving, Set<String> transit, String personName,
             String supportNeed) {
            this.id = id;
            this.owner = owner;
            this.sending = sending;
            this.receiving = receiving;
            this.transit = transit;
            this.personName = personName;
            this.supportNeed = supportNeed;
        }

        boolean party(String tenant) {
            return sending.equals(tenant) || receiving.equals(tenant);
        }

        boolean visibleTo(String tenant) {
            return party(tenant) || transit.contains(tenant) || REPATRIATION_COORDINATORS.contains(tenant);
        }
    }

    /** A sighting; {@code grants}: it lets its country see the record (only the owner's sightings do). */
    record SightingM(String country, String reporter, boolean grants) {
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
        /** Who could see the notice when it was cancelled: the only countries its cancellation may reach. */
        final Set<String> audienceAtCancel = new HashSet<>();
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
                    || sightings.stream().anyMatch(s -> s.grants() && s.country().equals(tenant));
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
    static final Map<String, LeadM> allLeads = new ConcurrentHashMap<>();
    static final Map<String, RepM> allReps = new ConcurrentHashMap<>();
    /** (tenant, kind, request id) -> the record id the first create answered. */
    static final Map<String, String> requestIds = new ConcurrentHashMap<>();
    /** (tenant, kind, request id) -> the request the first create sent: a retry resends it exactly. */
    static final Map<String, Message> requestBodies = new ConcurrentHashMap<>();
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
        final List<LeadM> leads = new ArrayList<>();
        final List<RepM> reps = new ArrayList<>();
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
                    if (index % DRAIN_EVERY == 0) {
                        drainEveryone(STREAM_SERVICES.get((index / DRAIN_EVERY) % STREAM_SERVICES.size()));
                    }
                } catch (Violation v) {
                    violations.incrementAndGet();
                    channelViolations.computeIfAbsent(v.channel, k -> new AtomicLong()).incrementAndGet();
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
            // The whole history, in this sequence, of the records the violation names.
            java.util.regex.Matcher ids = UUID_PATTERN.matcher(cause.getMessage() == null ? "" : cause.getMessage());
            Set<String> named = new LinkedHashSet<>();
            while (ids.find()) {
                named.add(ids.group());
            }
            for (String id : named) {
                out.append("\nevery step of this sequence that named ").append(id).append(':');
                trace.stream().filter(line -> line.contains(id)).limit(60).forEach(line -> out.append("\n  ").append(line));
            }
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
                        shareCase(by, face, c, country, HandlingCode.forNumber(1 + s.c() % 4), s.a() % 3 == 0);
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
                    // Half the time in the reporter's own country (the only place another country may report).
                    reportSighting(actor, face, w, s.c() % 2 == 0 ? actor : TENANTS.get(s.b() % TENANTS.size()));
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
                case CREATE_LEAD -> {
                    if (cases.isEmpty()) {
                        createCase(actor, face, s.a(), s.b());
                        return;
                    }
                    CaseM c = cases.get(s.a() % cases.size());
                    createLead(s.c() % 5 == 0 ? actor : c.owner, face, c, s.b());
                }
                case ASSIGN_LEAD, SET_LEAD_STATUS -> {
                    if (leads.isEmpty()) {
                        if (!cases.isEmpty()) {
                            CaseM c = cases.get(s.a() % cases.size());
                            createLead(c.owner, face, c, s.b());
                        }
                        return;
                    }
                    LeadM l = leads.get(s.a() % leads.size());
                    if (s.kind() == Kind.ASSIGN_LEAD) {
                        String by = s.c() % 5 == 0 ? actor : l.c.owner;
                        assignLead(by, face, l, TENANTS.get(s.b() % TENANTS.size()), HandlingCode.forNumber(1 + s.c() % 4));
                    } else {
                        // The owner or the assignee mostly; sometimes whoever.
                        String by = s.c() % 4 == 0 ? actor : (s.c() % 4 == 1 || l.assigned == null ? l.c.owner : l.assigned);
                        Lead.Status target = List.of(Lead.Status.IN_PROGRESS, Lead.Status.CONFIRMED, Lead.Status.DISMISSED).get(s.b() % 3);
                        setLeadStatus(by, face, l, target);
                    }
                }
                case GET_LEAD -> {
                    if (leads.isEmpty() || s.a() % 10 == 0) {
                        expectNotFound(face, actor, Faces.CASES, "GetLead", GetLeadRequest.newBuilder()
                                .setCaseId(UUID.randomUUID().toString()).setId(UUID.randomUUID().toString()).build(), null, null);
                        return;
                    }
                    checkLead(leads.get(s.a() % leads.size()), actor, face);
                }
                case LIST_LEADS -> {
                    if (!cases.isEmpty()) {
                        checkLeads(cases.get(s.a() % cases.size()), actor, face);
                    }
                }
                case ADD_PERSON -> {
                    if (cases.isEmpty()) {
                        createCase(actor, face, s.a(), s.b());
                        return;
                    }
                    CaseM c = cases.get(s.a() % cases.size());
                    addPerson(s.c() % 5 == 0 ? actor : c.owner, face, c, s.b(), s.c());
                }
                case LIST_PERSONS -> {
                    if (!cases.isEmpty()) {
                        checkPersons(cases.get(s.a() % cases.size()), actor, face, s.b() % 3 == 0);
                    }
                }
                case CREATE_REPATRIATION -> createRepatriation(actor, face, s.a(), s.b(), s.c());
                case SUBMIT_REPATRIATION, CANCEL_REPATRIATION -> {
                    if (reps.isEmpty()) {
                        createRepatriation(actor, face, s.a(), s.b(), s.c());
                        return;
                    }
                    RepM r = reps.get(s.a() % reps.size());
                    moveRepatriation(s.c() % 4 == 0 ? actor : r.owner, face, r, s.kind() == Kind.SUBMIT_REPATRIATION);
                }
                case GET_REPATRIATION -> {
                    if (reps.isEmpty() || s.a() % 10 == 0) {
                        expectNotFound(face, actor, Faces.REPATRIATION, "GetRepatriation",
                                GetRepatriationRequest.newBuilder().setId(UUID.randomUUID().toString()).build(), null, null);
                        return;
                    }
                    checkRepatriation(reps.get(s.a() % reps.size()), actor, face);
                }
                case LIST_REPATRIATIONS -> listRepatriationsFirstPage(actor, face, 1 + s.a() % 60);
                case WATCH_EVENTS -> drain(STREAM_SERVICES.get(s.a() % STREAM_SERVICES.size()), actor, face);
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
            String key = owner + "/case/" + requestId;
            Message sent = retryOrNew(key, request.build(), a);
            Outcome out = create(face, investigator(owner), Faces.CASES, "CreateCase", sent, requestId, a);
            trace("CreateCase by " + owner + " via " + face + (requestId == null ? "" : " rid=" + requestId) + " -> " + brief(out));
            channel(requestId == null ? WRITES : UNIQUENESS);
            if (refusedAsReused(key, sent, out, "CreateCase by " + owner)) {
                return;
            }
            expectOk(out, "CreateCase by " + owner);
            Case created = out.as(Case.parser());
            expect(created.getOwnerCountry().equals(owner), "a case created by " + owner + " is owned by " + created.getOwnerCountry());
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
                requestBodies.put(key, sent);
                usedRequestIds.add(requestId);
            }
            checkEveryone(t -> checkCase(c, t, faceFor(t)));
        }

        void shareCase(String by, Face face, CaseM c, String country, HandlingCode code, boolean discloseContacts) {
            if (!c.owner.equals(by) && passesOn(c.shares.get(by))) {
                // Onward sharing under H0/H1 (grant chains, cascading revocation) is not in this model; it is proven by
                // SharingRulesOverGrpcTest and EveryRpcOverBothFacesTest. The owner shares instead.
                by = c.owner;
            }
            Outcome out = call(face, investigator(by), Faces.CASES, "ShareCase", ShareCaseRequest.newBuilder().setId(c.id)
                    .setCountry(country).setHandlingCode(code).setDiscloseVictimContacts(discloseContacts).build());
            trace("ShareCase " + c.id + " of " + c.owner + " by " + by + " to " + country + " " + code
                    + (discloseContacts ? " with victims' contacts" : "") + " via " + face + " -> " + brief(out));
            channel(WRITES);
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
                if (discloseContacts) {
                    c.contactsDisclosed.add(country);
                } else {
                    c.contactsDisclosed.remove(country);
                }
            }
            checkEveryone(t -> checkCase(c, t, faceFor(t)));
            if (!c.persons.isEmpty() && out.ok()) {
                checkPersons(c, country, faceFor(country), index % 3 == 0);
            }
        }

        /** Whether a grant under this code lets its holder pass the record on (H0, H1). */
        static boolean passesOn(HandlingCode received) {
            return received == HandlingCode.H0 || received == HandlingCode.H1;
        }

        void revokeShare(String by, Face face, CaseM c, String country) {
            Outcome out = call(face, investigator(by), Faces.CASES, "RevokeShare",
                    RevokeShareRequest.newBuilder().setId(c.id).setCountry(country).build());
            trace("RevokeShare " + c.id + " of " + c.owner + " by " + by + " from " + country + " via " + face + " -> " + brief(out));
            channel(WRITES);
            boolean revoked = false;
            if (!c.visibleTo(by)) {
                expectNotFoundText(out, by, Faces.CASES, "RevokeShare",
                        RevokeShareRequest.newBuilder().setId(UUID.randomUUID().toString()).setCountry(country).build(), c.id);
            } else if (!c.owner.equals(by)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, "RevokeShare by " + by + " of a case shared to it by " + c.owner);
            } else if (country.equals(c.owner)) {
                expectCode(out, Status.Code.INVALID_ARGUMENT, "RevokeShare of the owner itself");
            } else {
                expectOk(out, "RevokeShare by the owner");
                revoked = c.shares.remove(country) != null;
                c.contactsDisclosed.remove(country);
            }
            checkEveryone(t -> checkCase(c, t, faceFor(t)));
            if (revoked) {
                // "A revoked share stops that case's events at once."
                drain(Faces.CASES, country, faceFor(country));
            }
        }

        void checkCase(CaseM c, String viewer, Face face) {
            if (c.tainted) {
                return;
            }
            channel(GETS);
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
            boolean headerOnly = c.headerOnlyFor(viewer);
            expect(seen.getHeaderOnly() == headerOnly, viewer + " sees case " + c.id + (seen.getHeaderOnly() ? " as a header" : " whole")
                    + ", the model: " + (headerOnly ? "a header (assigned a lead)" : "whole"));
            if (viewer.equals(c.owner)) {
                expect(shares.equals(new TreeMap<>(c.shares)), "the owner " + viewer + " sees shares " + shares
                        + " of " + c.id + ", the model " + c.shares);
            } else if (headerOnly) {
                expect(shares.isEmpty() && seen.getSummary().isEmpty() && seen.getHandlingCode() == HandlingCode.HANDLING_CODE_UNSPECIFIED,
                        viewer + " sees more than the header of case " + c.id + " through an assigned lead: shares " + shares
                                + ", summary '" + seen.getSummary() + "', handling code " + seen.getHandlingCode());
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
            channel(LISTS);
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
            if (b % 7 == 3 && !wanted.isEmpty()) {
                // Document numbers are no unique key: another country's number must neither conflict nor reveal.
                WantedM other = wanted.get(a % wanted.size());
                if (!other.owner.equals(owner)) {
                    document = other.document;
                }
            }
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
            String key = owner + "/wanted/" + requestId;
            Message sent = retryOrNew(key, request.build(), a);
            Outcome out = create(face, investigator(owner), Faces.FUGITIVES, "CreateWantedPerson", sent, requestId, a);
            trace("CreateWantedPerson " + name + " by " + owner + " via " + face + (requestId == null ? "" : " rid=" + requestId)
                    + (document.startsWith("D" + RUN + "X" + n) ? "" : " reusing document " + document) + " -> " + brief(out));
            channel(requestId == null && document.startsWith("D" + RUN + "X" + n) ? WRITES : UNIQUENESS);
            if (refusedAsReused(key, sent, out, "CreateWantedPerson by " + owner)) {
                return;
            }
            expectOk(out, "CreateWantedPerson by " + owner);
            WantedPerson created = out.as(WantedPerson.parser());
            expect(created.getOwnerCountry().equals(owner), "a wanted person recorded by " + owner + " is owned by " + created.getOwnerCountry());
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
                requestBodies.put(key, sent);
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
                if (target == WantedPerson.NoticeStatus.CANCELLED) {
                    TENANTS.stream().filter(t -> !t.equals(w.owner) && w.visibleTo(t)).forEach(w.audienceAtCancel::add);
                }
                w.status = target;
                expect(out.as(WantedPerson.parser()).getNoticeStatus() == target, rpc + " answered another status");
            }
            checkEveryone(t -> checkWanted(w, t, faceFor(t)));
            if (out.ok() && target == WantedPerson.NoticeStatus.CANCELLED) {
                // Those who could see it hear of the cancellation; the others must hear nothing at all.
                String told = w.audienceAtCancel.stream().findFirst().orElse(null);
                String untold = TENANTS.stream().filter(t -> !t.equals(w.owner) && !w.audienceAtCancel.contains(t))
                        .skip(index % TENANTS.size() % 2).findFirst().orElse(null);
                for (String t : java.util.Arrays.asList(told, untold)) {
                    if (t != null) {
                        drain(Faces.FUGITIVES, t, faceFor(t));
                    }
                }
            }
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
            } else if (!o.visibleTo(by)) {
                // The operation is looked up before the notice's rules are asked (they need the operation).
                expectNotFoundText(out, by, Faces.FUGITIVES, "PublishToOperation", PublishToOperationRequest.newBuilder()
                        .setId(w.id).setOperationId(UUID.randomUUID().toString()).build(), o.id);
            } else if (w.status == WantedPerson.NoticeStatus.CANCELLED) {
                expectCode(out, Status.Code.FAILED_PRECONDITION, "PublishToOperation of a CANCELLED notice");
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
            } else if (!by.equals(w.owner) && !country.equals(by)) {
                // Another country reports sightings in its own territory only: no onward grant on its word.
                expectCode(out, Status.Code.INVALID_ARGUMENT, "ReportSighting by " + by + " in " + country);
            } else if (w.status != WantedPerson.NoticeStatus.PUBLISHED) {
                expectCode(out, Status.Code.FAILED_PRECONDITION, "ReportSighting of a " + w.status + " notice");
            } else {
                expectOk(out, "ReportSighting by " + by + " who sees the notice");
                Sighting stored = out.as(Sighting.parser());
                expect(stored.getReporterCountry().equals(by) && stored.getCountry().equals(country), "the sighting as stored: " + stored);
                w.sightings.add(new SightingM(country, by, by.equals(w.owner) && !country.equals(by)));
            }
            checkEveryone(t -> checkWanted(w, t, faceFor(t)));
        }

        void checkWanted(WantedM w, String viewer, Face face) {
            if (w.tainted) {
                return;
            }
            channel(GETS);
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
            channel(LISTS);
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
            long expected = w.sightings.stream().filter(s -> viewer.equals(w.owner) || (s.grants() && s.country().equals(viewer))
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
            channel(LISTS);
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
            channel(SEARCHES);
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
            channel(HITS);
            expectOk(out, "CheckIdentity by " + viewer);
            CheckIdentityResponse answer = out.as(CheckIdentityResponse.parser());
            expect(answer.getHit() == (answer.getHitsCount() > 0), "hit flag and hits disagree");
            // "Hit, ask country X about reference R" or "no hit": nothing else, on either face.
            if (out.face() == Face.REST) {
                Set<String> members = new HashSet<>();
                java.util.regex.Matcher m = JSON_MEMBER.matcher(out.text());
                while (m.find()) {
                    members.add(m.group(1));
                }
                expect(Set.of("hit", "hits", "ownerCountry", "reference").containsAll(members),
                        "an identity check answers more than hit and who to ask: " + out.text());
            } else {
                expect(answer.getUnknownFields().asMap().isEmpty() && answer.getHitsList().stream()
                        .allMatch(h -> h.getUnknownFields().asMap().isEmpty()), "an identity check answers unknown fields");
            }
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
                if (!byName && m != null) {
                    expect(m.document.equals(target.document), "a document check for " + target.document + " hits "
                            + m.reference + " which carries " + m.document);
                }
            }
            if (!target.tainted) {
                boolean expected = target.status == WantedPerson.NoticeStatus.PUBLISHED;
                expect(references.contains(target.reference) == expected, "an identity check by " + viewer + " of "
                        + (byName ? "name" : "document") + " of " + target.reference + " (" + target.status + ") "
                        + (expected ? "misses it" : "hits it"));
                if (!byName) {
                    // A number recorded by several countries hits each published notice carrying it, no more.
                    Set<String> carriers = new HashSet<>();
                    allWanted.values().stream().filter(w -> w.document.equals(target.document)
                            && w.status == WantedPerson.NoticeStatus.PUBLISHED).forEach(w -> carriers.add(w.reference));
                    expect(references.equals(carriers), "a document check for " + target.document + " hits " + references
                            + ", the model " + carriers);
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
            String key = by + "/operation/" + requestId;
            Message sent = retryOrNew(key, request.build(), a);
            Outcome out = create(face, RunningSuite.token(user), Faces.FUGITIVES, "CreateOperation", sent, requestId, a);
            trace("CreateOperation by " + user + " with " + participants + (running ? " running" : " not running")
                    + (requestId == null ? "" : " rid=" + requestId) + " via " + face + " -> " + brief(out));
            channel(requestId == null ? WRITES : UNIQUENESS);
            if (!by.equals(COORDINATOR)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, "CreateOperation by " + user + " without the coordinator role");
                return;
            }
            if (refusedAsReused(key, sent, out, "CreateOperation by the coordinator")) {
                return;
            }
            expectOk(out, "CreateOperation by the coordinator");
            Operation created = out.as(Operation.parser());
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
                requestBodies.put(key, sent);
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
            channel(WRITES);
            boolean removed = false;
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
                    removed = o.participants.remove(country);
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
            if (removed) {
                drain(Faces.FUGITIVES, country, faceFor(country));
            }
        }

        void checkOperation(OpM o, String viewer, Face face) {
            if (o.tainted) {
                return;
            }
            channel(GETS);
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
            channel(LISTS);
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

        // ------------------------------------------------------------------------------------------------ leads

        void createLead(String by, Face face, CaseM c, int a) {
            Outcome out = call(face, investigator(by), Faces.CASES, "CreateLead", CreateLeadRequest.newBuilder()
                    .setCaseId(c.id).setLead(Lead.newBuilder().setKind(Lead.Kind.OTHER)
                            .setValue("lead " + RUN + "-" + counter.incrementAndGet())
                            .setDescription("generated by the isolation property")).build());
            trace("CreateLead on " + c.id + " of " + c.owner + " by " + by + " via " + face + " -> " + brief(out));
            channel(WRITES);
            if (!c.visibleTo(by)) {
                expectNotFoundText(out, by, Faces.CASES, "CreateLead", CreateLeadRequest.newBuilder()
                        .setCaseId(UUID.randomUUID().toString()).setLead(Lead.newBuilder().setKind(Lead.Kind.OTHER)
                                .setValue("lead")).build(), c.id);
                return;
            }
            if (!c.owner.equals(by)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, "CreateLead by " + by + " on a case of " + c.owner);
                return;
            }
            expectOk(out, "CreateLead by the owner");
            Lead created = out.as(Lead.parser());
            expect(created.getStatus() == Lead.Status.NEW && created.getAssignedCountry().isEmpty(), "a new lead is " + created.getStatus());
            LeadM l = new LeadM(created.getId(), c);
            c.leads.add(l);
            allLeads.put(l.id, l);
            leads.add(l);
            checkEveryone(t -> checkLead(l, t, faceFor(t)));
        }

        void assignLead(String by, Face face, LeadM l, String country, HandlingCode code) {
            CaseM c = l.c;
            if (!c.owner.equals(by) && by.equals(l.assigned) && passesOn(l.code)) {
                // Handing a lead on under H0/H1 is not in this model (see shareCase); the owner assigns instead.
                by = c.owner;
            }
            Outcome out = call(face, investigator(by), Faces.CASES, "AssignLead", AssignLeadRequest.newBuilder()
                    .setCaseId(c.id).setId(l.id).setCountry(country).setHandlingCode(code).build());
            trace("AssignLead " + l.id + " (" + l.status + ", to " + l.assigned + ") of " + c.owner + " by " + by + " to "
                    + country + " " + code + " via " + face + " -> " + brief(out));
            channel(WRITES);
            String previous = l.assigned;
            if (!c.visibleTo(by)) {
                expectNotFoundText(out, by, Faces.CASES, "AssignLead", AssignLeadRequest.newBuilder()
                        .setCaseId(UUID.randomUUID().toString()).setId(UUID.randomUUID().toString()).setCountry(country)
                        .setHandlingCode(code).build(), c.id);
            } else if (!l.visibleTo(by)) {
                // The case is visible (a header, through another lead), this lead is not.
                expectNotFoundText(out, by, Faces.CASES, "AssignLead", AssignLeadRequest.newBuilder()
                        .setCaseId(c.id).setId(UUID.randomUUID().toString()).setCountry(country)
                        .setHandlingCode(code).build(), l.id);
            } else if (!c.owner.equals(by)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, "AssignLead by " + by + " of a lead of " + c.owner);
            } else if (country.equals(c.owner)) {
                expectCode(out, Status.Code.INVALID_ARGUMENT, "AssignLead to the owner itself");
            } else if (l.status == Lead.Status.CONFIRMED || l.status == Lead.Status.DISMISSED) {
                // The owner reassigns at any time until the lead is closed (issue 20).
                expectCode(out, Status.Code.FAILED_PRECONDITION, "AssignLead of a " + l.status + " lead");
            } else {
                expectOk(out, "AssignLead by the owner");
                if (!country.equals(l.assigned)) {
                    // A new assignee starts at ASSIGNED; the same one under another code keeps the status.
                    l.status = Lead.Status.ASSIGNED;
                }
                l.assigned = country;
                l.code = code;
            }
            checkEveryone(t -> {
                checkLead(l, t, faceFor(t));
                checkCase(c, t, faceFor(t));
            });
            if (previous != null && !previous.equals(l.assigned)) {
                // The former assignee lost the lead (and perhaps the case): its stream must say nothing more of them.
                drain(Faces.CASES, previous, faceFor(previous));
            }
        }

        void setLeadStatus(String by, Face face, LeadM l, Lead.Status target) {
            CaseM c = l.c;
            Outcome out = call(face, investigator(by), Faces.CASES, "SetLeadStatus", SetLeadStatusRequest.newBuilder()
                    .setCaseId(c.id).setId(l.id).setStatus(target).build());
            trace("SetLeadStatus " + l.id + " " + l.status + "->" + target + " (assigned " + l.assigned + ") of " + c.owner
                    + " by " + by + " via " + face + " -> " + brief(out));
            channel(WRITES);
            if (!l.visibleTo(by)) {
                expectNotFoundText(out, by, Faces.CASES, "SetLeadStatus", SetLeadStatusRequest.newBuilder()
                        .setCaseId(c.id).setId(UUID.randomUUID().toString()).setStatus(target).build(), l.id);
            } else if (!c.owner.equals(by) && !by.equals(l.assigned)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, "SetLeadStatus by the share partner " + by);
            } else if (!leadMayMove(l.status, target)) {
                expectCode(out, Status.Code.FAILED_PRECONDITION, "SetLeadStatus " + l.status + "->" + target);
            } else {
                expectOk(out, "SetLeadStatus by " + (c.owner.equals(by) ? "the owner" : "the assignee"));
                l.status = target;
            }
            checkEveryone(t -> checkLead(l, t, faceFor(t)));
        }

        void checkLead(LeadM l, String viewer, Face face) {
            channel(GETS);
            Outcome out = call(face, investigator(viewer), Faces.CASES, "GetLead",
                    GetLeadRequest.newBuilder().setCaseId(l.c.id).setId(l.id).build());
            if (!l.visibleTo(viewer)) {
                expectNotFoundText(out, viewer, Faces.CASES, "GetLead", GetLeadRequest.newBuilder()
                        .setCaseId(UUID.randomUUID().toString()).setId(UUID.randomUUID().toString()).build(), l.id);
                return;
            }
            expectOk(out, viewer + " reads lead " + l.id + " of " + l.c.owner + " assigned to " + l.assigned);
            Lead seen = out.as(Lead.parser());
            expect(seen.getOwnerCountry().equals(l.c.owner) && seen.getCaseId().equals(l.c.id), "owner or case of lead " + l.id);
            expect(seen.getStatus() == l.status, viewer + " sees lead status " + seen.getStatus() + ", the model " + l.status);
            if (viewer.equals(l.c.owner) || viewer.equals(l.assigned)) {
                expect(seen.getAssignedCountry().equals(l.assigned == null ? "" : l.assigned), viewer + " sees the lead assigned to '"
                        + seen.getAssignedCountry() + "', the model " + l.assigned);
            }
        }

        void checkLeads(CaseM c, String viewer, Face face) {
            channel(LISTS);
            Outcome out = call(face, investigator(viewer), Faces.CASES, "ListLeads", ListLeadsRequest.newBuilder().setCaseId(c.id).build());
            trace("ListLeads " + c.id + " of " + c.owner + " by " + viewer + " via " + face + " -> " + brief(out));
            if (!c.visibleTo(viewer)) {
                expectNotFoundText(out, viewer, Faces.CASES, "ListLeads",
                        ListLeadsRequest.newBuilder().setCaseId(UUID.randomUUID().toString()).build(), c.id);
                return;
            }
            expectOk(out, "ListLeads by " + viewer);
            Set<String> seen = new HashSet<>();
            out.as(ListLeadsResponse.parser()).getLeadsList().forEach(lead -> seen.add(lead.getId()));
            boolean headerOnly = c.headerOnlyFor(viewer);
            Set<String> expected = new HashSet<>();
            c.leads.stream().filter(l -> !headerOnly || viewer.equals(l.assigned)).forEach(l -> expected.add(l.id));
            expect(seen.equals(expected), viewer + (headerOnly ? " (header only)" : "") + " lists leads " + seen
                    + " of case " + c.id + ", the model " + expected);
        }

        // ---------------------------------------------------------------------------------------------- persons

        void addPerson(String by, Face face, CaseM c, int a, int b) {
            org.chainbreaker.cases.v1.Person.Role role = a % 2 == 0 ? org.chainbreaker.cases.v1.Person.Role.VICTIM
                    : org.chainbreaker.cases.v1.Person.Role.SUSPECT;
            String contact = b % 3 == 0 ? "" : "+66 81 " + (1000 + counter.incrementAndGet() % 9000) + " 000";
            Outcome out = call(face, investigator(by), Faces.CASES, "AddPerson", AddPersonRequest.newBuilder()
                    .setCaseId(c.id).setPerson(org.chainbreaker.cases.v1.Person.newBuilder().setRole(role)
                            .setFullName(personName(counter.incrementAndGet())).setContact(contact)).build());
            trace("AddPerson " + role + (contact.isEmpty() ? "" : " with contact") + " to " + c.id + " of " + c.owner
                    + " by " + by + " via " + face + " -> " + brief(out));
            channel(WRITES);
            if (!c.visibleTo(by)) {
                expectNotFoundText(out, by, Faces.CASES, "AddPerson", AddPersonRequest.newBuilder()
                        .setCaseId(UUID.randomUUID().toString()).setPerson(org.chainbreaker.cases.v1.Person.newBuilder()
                                .setRole(role).setFullName("x").setContact(contact)).build(), c.id);
                return;
            }
            if (!c.owner.equals(by)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, "AddPerson by " + by + " to a case of " + c.owner);
                return;
            }
            expectOk(out, "AddPerson by the owner");
            c.persons.add(new PersonM(out.as(org.chainbreaker.cases.v1.Person.parser()).getId(), role, contact));
            checkEveryone(t -> checkPersons(c, t, faceFor(t), (index + TENANTS.indexOf(t)) % 3 == 0));
        }

        /**
         * Victims are protected: a partner sees victims only under H0 or H1 and as investigator (not as analyst),
         * their contacts only where the owner disclosed them; a country seeing only the header sees no one.
         */
        void checkPersons(CaseM c, String viewer, Face face, boolean asAnalyst) {
            channel(PERSONS);
            String user = viewer.toLowerCase() + (asAnalyst ? "-analyst" : "-investigator");
            Outcome out = call(face, RunningSuite.token(user), Faces.CASES, "ListPersons",
                    ListPersonsRequest.newBuilder().setCaseId(c.id).build());
            trace("ListPersons " + c.id + " of " + c.owner + " by " + user + " via " + face + " -> " + brief(out));
            if (!c.visibleTo(viewer)) {
                expectNotFoundText(out, viewer, Faces.CASES, "ListPersons",
                        ListPersonsRequest.newBuilder().setCaseId(UUID.randomUUID().toString()).build(), c.id);
                return;
            }
            expectOk(out, "ListPersons by " + user);
            boolean owner = viewer.equals(c.owner);
            HandlingCode code = c.shares.get(viewer);
            boolean victimCode = code == HandlingCode.H0 || code == HandlingCode.H1;
            Map<String, String> expected = new HashMap<>();
            for (PersonM p : c.persons) {
                boolean victim = p.role() == org.chainbreaker.cases.v1.Person.Role.VICTIM;
                boolean entry = owner || (code != null && (!victim || (victimCode && !asAnalyst)));
                if (entry) {
                    boolean contact = owner || !victim || (victimCode && c.contactsDisclosed.contains(viewer));
                    expected.put(p.id(), contact ? p.contact() : null);
                }
            }
            Map<String, String> seen = new HashMap<>();
            for (org.chainbreaker.cases.v1.Person p : out.as(ListPersonsResponse.parser()).getPersonsList()) {
                expect(!p.getContactWithheld() || p.getContact().isEmpty(), user + " sees a withheld contact of " + p.getId());
                seen.put(p.getId(), p.getContactWithheld() ? null : p.getContact());
            }
            expect(seen.keySet().equals(expected.keySet()), user + " (share " + code + ") sees persons " + seen.keySet()
                    + " of case " + c.id + " of " + c.owner + ", the model " + expected.keySet());
            for (Map.Entry<String, String> e : expected.entrySet()) {
                expect(Objects.equals(seen.get(e.getKey()), e.getValue()), user + " (share " + code + ", contacts "
                        + (c.contactsDisclosed.contains(viewer) ? "disclosed" : "not disclosed") + ") sees contact '"
                        + seen.get(e.getKey()) + "' of person " + e.getKey() + ", the model '" + e.getValue() + "'");
            }
        }

        // ------------------------------------------------------------------------------------------ repatriation

        void createRepatriation(String by, Face face, int a, int b, int c) {
            List<String> countries = List.of("KR", "TH", "VN", "PH");
            // Mostly the caller is a party; sometimes a country (or INTERPOL) tries to open one it is not party to.
            boolean party = countries.contains(by) && c % 7 != 0;
            String sending;
            String receiving;
            String other = b % 5 == 0 ? "MY" : countries.get((countries.indexOf(by) + 1 + b % 3 + 4) % 4);
            if (party) {
                boolean sends = a % 2 == 0;
                sending = sends ? by : other;
                receiving = sends ? other : by;
            } else {
                sending = countries.get(a % 4);
                receiving = countries.get((a + 1 + b % 3) % 4);
                if (sending.equals(by) || receiving.equals(by)) {
                    sending = "MY";
                    receiving = "SG";
                }
            }
            Set<String> transit = new LinkedHashSet<>();
            List<String> candidates = List.of("KR", "TH", "VN", "PH", "SG");
            for (int i = 0; i < candidates.size(); i++) {
                String t = candidates.get(i);
                if (!t.equals(sending) && !t.equals(receiving) && (c >> i & 1) == 1 && transit.size() < 2) {
                    transit.add(t);
                }
            }
            String name = personName(counter.incrementAndGet());
            String need = "interpreter " + counter.get();
            String requestId = requestIdFor(a, b);
            CreateRepatriationRequest.Builder request = CreateRepatriationRequest.newBuilder().setRepatriation(
                    Repatriation.newBuilder().setKind(Repatriation.Kind.VICTIM_RETURN)
                            .setSendingCountry(sending).setReceivingCountry(receiving).addAllTransitCountries(transit)
                            .setVictimGroup(VictimGroup.newBuilder().setCount(1).addSupportNeeds(need))
                            .setLogistics(Logistics.newBuilder().addPersons(org.chainbreaker.repatriation.v1.Person.newBuilder()
                                    .setRole(org.chainbreaker.repatriation.v1.Person.Role.VICTIM).setFullName(name)
                                    .setNationality(receiving.length() == 2 ? receiving : "MY").addSupportNeeds(need)
                                    .setTravelDocument(TravelDocument.newBuilder()
                                            .setType(TravelDocument.Type.EMERGENCY_TRAVEL_DOCUMENT)
                                            .setStatus(TravelDocument.Status.NEEDED)))));
            if (requestId != null) {
                request.setRequestId(requestId);
            }
            String key = by + "/repatriation/" + requestId;
            Message sent = retryOrNew(key, request.build(), a);
            Outcome out = create(face, investigator(by), Faces.REPATRIATION, "CreateRepatriation", sent, requestId, a + c);
            trace("CreateRepatriation " + sending + "->" + receiving + " via " + transit + " by " + by + " via " + face
                    + (requestId == null ? "" : " rid=" + requestId) + " -> " + brief(out));
            channel(requestId == null ? WRITES : UNIQUENESS);
            // A retry resends the first request, which the caller was a party to; a new body may be anyone's.
            if (sent != requestBodies.get(key) && !sending.equals(by) && !receiving.equals(by)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, "CreateRepatriation by " + by + " for " + sending + "->" + receiving);
                return;
            }
            if (refusedAsReused(key, sent, out, "CreateRepatriation by " + by)) {
                return;
            }
            expectOk(out, "CreateRepatriation by " + by);
            Repatriation created = out.as(Repatriation.parser());
            expect(created.getOwnerCountry().equals(by), "a repatriation opened by " + by + " is owned by " + created.getOwnerCountry());
            if (requestId != null && requestIds.containsKey(key)) {
                expect(requestIds.get(key).equals(created.getId()), "a retried CreateRepatriation of " + by
                        + " with request id " + requestId + " made a second repatriation");
                reps.add(allReps.get(created.getId()));
                return;
            }
            expect(!allReps.containsKey(created.getId()), "CreateRepatriation by " + by + " with request id " + requestId
                    + " answered the existing repatriation " + created.getId());
            RepM r = new RepM(created.getId(), by, sending, receiving, transit, name, need);
            allReps.put(r.id, r);
            reps.add(r);
            if (requestId != null) {
                requestIds.put(key, r.id);
                requestBodies.put(key, sent);
                usedRequestIds.add(requestId);
            }
            checkEveryone(t -> checkRepatriation(r, t, faceFor(t)));
        }

        void moveRepatriation(String by, Face face, RepM r, boolean submit) {
            String rpc = submit ? "SubmitRepatriation" : "CancelRepatriation";
            Message request = submit ? org.chainbreaker.repatriation.v1.TransitionRequest.newBuilder().setId(r.id).build()
                    : ReasonedTransitionRequest.newBuilder().setId(r.id).setReason("withdrawn (generated)").build();
            Message unknown = submit ? org.chainbreaker.repatriation.v1.TransitionRequest.newBuilder().setId(UUID.randomUUID().toString()).build()
                    : ReasonedTransitionRequest.newBuilder().setId(UUID.randomUUID().toString()).setReason("withdrawn (generated)").build();
            Outcome out = call(face, investigator(by), Faces.REPATRIATION, rpc, request);
            trace(rpc + " " + r.id + " (" + r.status + ", " + r.sending + "->" + r.receiving + " via " + r.transit + ", of "
                    + r.owner + ") by " + by + " via " + face + " -> " + brief(out));
            channel(WRITES);
            if (!r.visibleTo(by)) {
                expectNotFoundText(out, by, Faces.REPATRIATION, rpc, unknown, r.id);
            } else if (!r.owner.equals(by) || (!submit && r.status != Repatriation.Status.DRAFT)) {
                // Others, and the owner's investigators past the draft (a liaison officer's step then).
                expectCode(out, Status.Code.PERMISSION_DENIED, rpc + " by " + by + " of a " + r.status + " repatriation of " + r.owner);
            } else if (r.status != Repatriation.Status.DRAFT) {
                expectCode(out, Status.Code.FAILED_PRECONDITION, rpc + " of a " + r.status + " repatriation");
            } else {
                expectOk(out, rpc + " by the owner of a draft");
                r.status = submit ? Repatriation.Status.REQUESTED : Repatriation.Status.CANCELLED;
            }
            checkEveryone(t -> checkRepatriation(r, t, faceFor(t)));
        }

        /** The two countries and coordinators see it all; transit countries without names and support needs. */
        void checkRepatriation(RepM r, String viewer, Face face) {
            channel(GETS);
            Outcome out = call(face, investigator(viewer), Faces.REPATRIATION, "GetRepatriation",
                    GetRepatriationRequest.newBuilder().setId(r.id).build());
            if (!r.visibleTo(viewer)) {
                expectNotFoundText(out, viewer, Faces.REPATRIATION, "GetRepatriation",
                        GetRepatriationRequest.newBuilder().setId(UUID.randomUUID().toString()).build(), r.id);
                return;
            }
            expectOk(out, viewer + " reads repatriation " + r.id + " " + r.sending + "->" + r.receiving + " via " + r.transit);
            Repatriation seen = out.as(Repatriation.parser());
            expect(seen.getStatus() == r.status && seen.getOwnerCountry().equals(r.owner)
                    && seen.getSendingCountry().equals(r.sending) && seen.getReceivingCountry().equals(r.receiving)
                    && new HashSet<>(seen.getTransitCountriesList()).equals(r.transit), viewer + " sees repatriation "
                    + r.id + " as " + seen.getStatus() + " " + seen.getSendingCountry() + "->" + seen.getReceivingCountry()
                    + ", the model " + r.status + " " + r.sending + "->" + r.receiving);
            boolean withheld = !r.party(viewer) && r.transit.contains(viewer);
            expect(seen.getLogistics().getPersonsCount() == 1, viewer + " sees " + seen.getLogistics().getPersonsCount() + " persons");
            org.chainbreaker.repatriation.v1.Person person = seen.getLogistics().getPersons(0);
            if (withheld) {
                expect(person.getFullName().isEmpty() && person.getSupportNeedsCount() == 0
                                && seen.getVictimGroup().getSupportNeedsCount() == 0,
                        "the transit country " + viewer + " sees the name or support needs of a person: " + person);
            } else {
                expect(person.getFullName().equals(r.personName) && person.getSupportNeedsList().equals(List.of(r.supportNeed)),
                        viewer + " sees the person as " + person.getFullName() + " " + person.getSupportNeedsList());
            }
        }

        void listRepatriationsFirstPage(String viewer, Face face, int pageSize) {
            channel(LISTS);
            Outcome out = call(face, investigator(viewer), Faces.REPATRIATION, "ListRepatriations",
                    ListRepatriationsRequest.newBuilder().setPageSize(pageSize).build());
            trace("ListRepatriations by " + viewer + " size " + pageSize + " via " + face + " -> " + brief(out));
            expectOk(out, "ListRepatriations by " + viewer);
            ListRepatriationsResponse page = out.as(ListRepatriationsResponse.parser());
            expect(page.getRepatriationsCount() <= pageSize, "a page of " + pageSize + " has " + page.getRepatriationsCount());
            List<String> ids = new ArrayList<>();
            for (Repatriation r : page.getRepatriationsList()) {
                ids.add(r.getId());
                RepM m = allReps.get(r.getId());
                if (m != null) {
                    expect(m.visibleTo(viewer), viewer + " lists repatriation " + m.id + " " + m.sending + "->" + m.receiving
                            + " via " + m.transit);
                    if (!m.party(viewer) && m.transit.contains(viewer)) {
                        expect(r.getLogistics().getPersonsList().stream().allMatch(p -> p.getFullName().isEmpty()),
                                "the transit country " + viewer + " lists a person's name");
                    }
                }
            }
            expect(new HashSet<>(ids).size() == ids.size(), "ListRepatriations repeats a record");
            if (page.getNextPageToken().isEmpty()) {
                Set<String> expected = new HashSet<>();
                allReps.values().stream().filter(r -> r.visibleTo(viewer)).forEach(r -> expected.add(r.id));
                expected.removeAll(ids);
                expect(expected.isEmpty(), viewer + " misses repatriations " + expected + " in a complete listing");
            }
        }

        List<String> listAllRepatriations(String viewer, Face face) {
            List<String> ids = new ArrayList<>();
            String token = "";
            do {
                Outcome out = call(face, investigator(viewer), Faces.REPATRIATION, "ListRepatriations",
                        ListRepatriationsRequest.newBuilder().setPageSize(200).setPageToken(token).build());
                expectOk(out, "ListRepatriations by " + viewer);
                ListRepatriationsResponse page = out.as(ListRepatriationsResponse.parser());
                page.getRepatriationsList().forEach(r -> ids.add(r.getId()));
                token = page.getNextPageToken();
            } while (!token.isEmpty());
            return ids;
        }

        // ---------------------------------------------------------------------------------------- event streams

        /**
         * Reads the tenant's stream of one service from its last cursor up to a beacon provoked now. Nothing else
         * changes meanwhile, so each event was filtered by the service in the state the model now describes: every
         * event must be about a record the tenant may see now (a cancellation: that it could see when cancelled).
         */
        void drain(String service, String tenant, Face face) {
            channel(EVENTS);
            Beacon beacon = beacon(service, tenant);
            String key = service + "/" + tenant;
            List<Event> events = EventStreamProbe.readUntilBeacon(face, service, investigator(tenant),
                    cursors.getOrDefault(key, ""), beacon.provoke(), e -> e.getRecordId().equals(beacon.recordId()));
            cursors.put(key, events.getLast().getCursor());
            streamsRead.computeIfAbsent(face.name(), k -> new AtomicLong()).incrementAndGet();
            trace("WatchEvents " + service.substring(service.lastIndexOf('.') + 1) + " by " + tenant + " via " + face
                    + " -> " + events.size() + " events");
            for (Event e : events) {
                eventsRead.computeIfAbsent(face.name(), k -> new AtomicLong()).incrementAndGet();
                checkEvent(tenant, e);
            }
        }

        void checkEvent(String tenant, Event e) {
            String id = e.getRecordId();
            String what = tenant + "'s stream carries " + e.getType() + " of " + e.getRecordType() + " " + id + " of "
                    + e.getOwnerCountry();
            boolean known = true;
            switch (e.getRecordType()) {
                case "case" -> {
                    CaseM c = allCases.get(id);
                    known = c != null;
                    if (known) {
                        expect(c.visibleTo(tenant), what + ", which it may not see (shared with " + c.shares.keySet() + ")");
                    }
                }
                case "lead" -> {
                    LeadM l = allLeads.get(id);
                    known = l != null;
                    if (known) {
                        expect(l.visibleTo(tenant), what + ", which it may not see (assigned to " + l.assigned + ")");
                    }
                }
                case "wanted_person" -> {
                    WantedM w = allWanted.get(id);
                    known = w != null;
                    if (known && e.getType().equals("wanted_person.cancelled")) {
                        expect(w.owner.equals(tenant) || w.audienceAtCancel.contains(tenant), what
                                + ", a notice it could not see when it was cancelled (it could: " + w.audienceAtCancel + ")");
                    } else if (known) {
                        expect(w.visibleTo(tenant), what + ", which it may not see (" + w.status + ")");
                    }
                }
                case "operation" -> {
                    OpM o = allOps.get(id);
                    known = o != null;
                    if (known) {
                        expect(o.visibleTo(tenant), what + ", which it may not see (participants " + o.participants + ")");
                    }
                }
                case "repatriation" -> {
                    RepM r = allReps.get(id);
                    known = r != null;
                    if (known) {
                        expect(r.visibleTo(tenant), what + ", which it may not see");
                    }
                }
                // Hits of identifier and identity checks are told to the owner of what was hit, no one else.
                case "case_reference", "notice" -> expect(e.getOwnerCountry().equals(tenant), what + ", a check of another country's record");
                default -> known = false;
            }
            if (known) {
                modelEvents.incrementAndGet();
            }
        }

        void drainEveryone(String service) {
            checkEveryone(t -> drain(service, t, faceFor(t)));
        }

        // ------------------------------------------------------------------------------------------ full listings

        void fullListing(String viewer, Face face) {
            channel(COUNTS);
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
            List<String> repIds = listAllRepatriations(viewer, face);
            compareListing(viewer, "repatriations", repIds, allReps.values().stream()
                    .collect(java.util.stream.Collectors.toMap(r -> r.id, r -> r.visibleTo(viewer))));
            listOperations(viewer, face);
            channel(COUNTS);
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
        /**
         * For a key this country already used: every other time the first request again (an honest retry, which must
         * answer the first record), otherwise the new request (every generated body differs from every other).
         */
        Message retryOrNew(String key, Message fresh, int a) {
            Message first = requestBodies.get(key);
            return first != null && a % 2 == 0 ? first : fresh;
        }

        /**
         * True if the key was used by this country for a different request: then the create must be refused with
         * ALREADY_EXISTS (409 on REST) and make nothing (the model does not learn of any record, so listings check it).
         */
        boolean refusedAsReused(String key, Message sent, Outcome out, String what) {
            Message first = requestBodies.get(key);
            if (first == null || first == sent) {
                return false;
            }
            expectCode(out, Status.Code.ALREADY_EXISTS, what + " reusing " + key + " for a different request");
            return true;
        }

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
        /** The channel the failed check belongs to. */
        final String channel;

        Violation(String message) {
            super(message, null, false, false);
            this.channel = CHANNEL.get();
        }
    }

    /** A record only one tenant's side sees, and how to make it emit an event: the end mark of a stream read. */
    record Beacon(String recordId, Runnable provoke) {
    }

    static Beacon beacon(String service, String tenant) {
        return beacons.computeIfAbsent(service + "/" + tenant, k -> newBeacon(service, tenant));
    }

    private static Beacon newBeacon(String service, String tenant) {
        AtomicLong n = new AtomicLong();
        switch (service) {
            case Faces.CASES -> {
                Outcome out = call(Face.GRPC, investigator(tenant), Faces.CASES, "CreateCase", CreateCaseRequest.newBuilder()
                        .setCase(Case.newBuilder().setTitle("Beacon " + tenant + " " + RUN).setCategory(Case.Category.OTHER)
                                .setSummary("end mark of the isolation property's stream reads")).build());
                expectOk(out, "the beacon case of " + tenant);
                String id = out.as(Case.parser()).getId();
                return new Beacon(id, () -> provoked(call(Face.GRPC, investigator(tenant), Faces.CASES, "UpdateCase",
                        UpdateCaseRequest.newBuilder().setCase(Case.newBuilder().setId(id)
                                        .setTitle("Beacon " + tenant + " " + RUN + " " + n.incrementAndGet()))
                                .setUpdateMask(com.google.protobuf.FieldMask.newBuilder().addPaths("title")).build())));
            }
            case Faces.FUGITIVES -> {
                WantedPerson content = WantedPerson.newBuilder()
                        .setPrimaryName(PersonName.newBuilder().setValue(personName(-1 - TENANTS.indexOf(tenant))))
                        .addCharges("end mark of the isolation property's stream reads")
                        .setWarrant(Warrant.newBuilder().setReference("B-" + tenant).setIssuingAuthority("Court " + tenant))
                        .build();
                Outcome out = call(Face.GRPC, investigator(tenant), Faces.FUGITIVES, "CreateWantedPerson",
                        CreateWantedPersonRequest.newBuilder().setWantedPerson(content).build());
                expectOk(out, "the beacon wanted person of " + tenant);
                String id = out.as(WantedPerson.parser()).getId();
                return new Beacon(id, () -> provoked(call(Face.GRPC, investigator(tenant), Faces.FUGITIVES, "UpdateWantedPerson",
                        UpdateWantedPersonRequest.newBuilder().setWantedPerson(content.toBuilder().setId(id)).build())));
            }
            default -> {
                // A country's own draft; INTERPOL sees every repatriation as a coordinator, so one of two outsiders.
                String owner = List.of("KR", "TH", "VN", "PH").contains(tenant) ? tenant : "MY";
                Outcome out = call(Face.GRPC, investigator(owner), Faces.REPATRIATION, "CreateRepatriation",
                        CreateRepatriationRequest.newBuilder().setRepatriation(Repatriation.newBuilder()
                                .setKind(Repatriation.Kind.VICTIM_RETURN).setSendingCountry(owner)
                                .setReceivingCountry(owner.equals("MY") ? "SG" : "MY")
                                .setVictimGroup(VictimGroup.newBuilder().setCount(1))).build());
                expectOk(out, "the beacon repatriation of " + owner);
                String id = out.as(Repatriation.parser()).getId();
                // The token is taken at each use: the cache renews it, a captured one would expire.
                String liaison = owner.toLowerCase() + "-liaison";
                return new Beacon(id, () -> provoked(call(Face.GRPC, RunningSuite.token(liaison), Faces.REPATRIATION, "UpdateLogistics",
                        UpdateLogisticsRequest.newBuilder().setId(id).setLogistics(Logistics.getDefaultInstance()).build())));
            }
        }
    }

    private static void provoked(Outcome out) {
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
     * A NOT_FOUND for a record that exists but is invisible, whose text (problem body or status description) is that
     * of the same call naming an id that never existed.
     */
    static void expectNotFoundText(Outcome out, String caller, String service, String rpc, Message neverExistedRequest,
                                   String hiddenId) {
        String previous = CHANNEL.get();
        channel(ERROR_TEXTS);
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
        CHANNEL.set(previous);
    }

    static void expectNotFound(Face face, String caller, String service, String rpc, Message request, String a, String b) {
        channel(ERROR_TEXTS);
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

    /**
     * A create with an idempotency key: on REST, half the time (by {@code choice}) as the gateway's
     * {@code Idempotency-Key} header instead of the body's request_id.
     */
    static Outcome create(Face face, String token, String service, String rpc, Message request, String requestId, int choice) {
        if (face != Face.REST || requestId == null || choice % 2 == 0) {
            return call(face, token, service, rpc, request);
        }
        Message withoutId = request.toBuilder().clearField(request.getDescriptorForType().findFieldByName("request_id")).build();
        calls.incrementAndGet();
        callsByFace.computeIfAbsent(face.name(), k -> new AtomicLong()).incrementAndGet();
        return serverSide(rpc, faces.rest(Faces.endpoint(service, rpc), "Bearer " + token, withoutId, "Idempotency-Key", requestId));
    }

    static Outcome call(Face face, String token, String service, String rpc, Message request) {
        calls.incrementAndGet();
        callsByFace.computeIfAbsent(face.name(), k -> new AtomicLong()).incrementAndGet();
        return serverSide(rpc, faces.call(face, Faces.endpoint(service, rpc), token, request));
    }

    /** Fails the run on an answer that blames the server. */
    static Outcome serverSide(String rpc, Outcome out) {
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

    /** The lead lifecycle of the contract: NEW | ASSIGNED -> IN_PROGRESS | DISMISSED, and so on. */
    static boolean leadMayMove(Lead.Status from, Lead.Status to) {
        return switch (from) {
            case NEW, ASSIGNED -> to == Lead.Status.IN_PROGRESS || to == Lead.Status.DISMISSED;
            case IN_PROGRESS -> to == Lead.Status.CONFIRMED || to == Lead.Status.DISMISSED;
            case CONFIRMED, DISMISSED -> to == Lead.Status.IN_PROGRESS;
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
