package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.IsolationSteps.*;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation, driven by generated operations. Several countries (KR, TH, VN, PH and INTERPOL,
 * whose liaison officer coordinates operations) open, share and revoke cases, record wanted persons
 * and move their notices through the lifecycle, open operations, change who takes part, publish to
 * them, report sightings, search by name and run hit/no-hit identity checks, add, assign and work
 * leads, add suspects and victims and list them (as investigator or analyst), open, submit and
 * cancel repatriations, record arrests (each opening, through the arrest relay, one draft transfer
 * to the notice's owner), record, share and revoke scam centres, keep country groups, ask, answer
 * and withdraw cooperation requests about cases, scam centres and leads (some escalating to the
 * coordinator), and read their event streams, through the gateway's REST and gRPC faces at random
 * (creates carry their key in the body or, on REST, as the Idempotency-Key header). A model keeps
 * what each country may see; after every step the views of every country on the records the step
 * touched are compared with it (get by id, the fields only some may see, the NOT_FOUND text against
 * that of an id that never existed, uniqueness of request ids across countries), and listings,
 * counts, search results and identity-check answers are compared as steps of their own and in full
 * listings at intervals. Event streams are read up to a beacon while nothing else changes, so each
 * delivered event is compared with the visibility of that moment (see {@link EventStreamProbe}).
 * Checks and violations are counted by channel of leakage and printed with the other figures.
 *
 * <p>The sequences are generated here from one seed ({@link SplittableRandom}): the seed is printed
 * at the start and in the figures, and {@code -Dchainbreaker.isolation.seed=<seed>} replays exactly
 * the same operations (the sequences are generated before they run, so what the suite answers does
 * not change them). A violation fails the test with the seed, the sequence, the step and the
 * {@value #HISTORY} operations leading to it.
 *
 * <p>The model is of the whole database as far as this class wrote it (records of other test
 * classes are ignored), so it holds across sequences. Sizes: {@code
 * -Dchainbreaker.isolation.sequences} (default 10) sequences of {@code
 * -Dchainbreaker.isolation.steps} (default 1000) operations each.
 *
 * <p>Its parts: the generator ({@link IsolationSteps}), the model ({@link IsolationModel}), the
 * checker (the views of each family, from {@link IsolationViews} down to {@link
 * IsolationSweepViews}, over the primitives of {@link IsolationChecks}) and the runner of one
 * sequence ({@link IsolationRun}, whose changing steps are those of each family, from {@link
 * IsolationWrites} down to {@link IsolationRequestAnswering}); this class holds the settings, runs
 * the sequences and prints the figures.
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

    static final String RUN =
            Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase();

    /**
     * Every this many steps every country's event stream of one service (in turn) is read up to a
     * beacon.
     */
    static final int DRAIN_EVERY = 25;

    static final java.util.regex.Pattern UUID_PATTERN =
            java.util.regex.Pattern.compile(
                    "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    static final java.util.regex.Pattern JSON_MEMBER =
            java.util.regex.Pattern.compile("\"([A-Za-z_]+)\"\\s*:");
    static final List<String> STREAM_SERVICES =
            List.of(Faces.CASES, Faces.FUGITIVES, Faces.REPATRIATION);
    static final AtomicLong operations = new AtomicLong();
    static final Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();

    /** Time taken by each kind of operation with its checks, and by the periodic reads. */
    static final Map<String, AtomicLong> nanosByKind = new ConcurrentHashMap<>();

    static long started;
    static Faces faces;

    /** One thread per country: the view checks of one step run in one round, not two. */
    static final ExecutorService checkers = Executors.newFixedThreadPool(TENANTS.size());

    static long seed() {
        String given = System.getProperty("chainbreaker.isolation.seed");
        if (given == null || given.isBlank()) {
            return new SecureRandom().nextLong();
        }
        try {
            return Long.parseLong(given.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "-Dchainbreaker.isolation.seed must be a long, got '" + given + "'", e);
        }
    }

    @BeforeAll
    static void start() {
        System.out.printf(
                "%nTenantIsolationPropertyTest: seed %d (replay with -Dchainbreaker.isolation.seed=%d),"
                        + " %d sequences of %d operations%n",
                SEED, SEED, SEQUENCES, STEPS);
        faces = Faces.ofRunningSuite();
        started = System.nanoTime();
    }

    @AfterAll
    static void report() {
        checkers.shutdownNow();
        System.out.printf(
                "%nTenantIsolationPropertyTest: seed %d, %d operations (%s), %d calls in all, %d view comparisons,"
                        + " %d violations, %d s%n",
                SEED,
                operations.get(),
                new TreeMap<>(byKind),
                calls.get(),
                viewChecks.get(),
                violations.get(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        System.out.printf(
                "TenantIsolationPropertyTest: calls by face %s; event streams read by face %s, events %s (%d about"
                        + " records of the model)%n",
                new TreeMap<>(callsByFace),
                new TreeMap<>(streamsRead),
                new TreeMap<>(eventsRead),
                modelEvents.get());
        System.out.printf(
                "TenantIsolationPropertyTest: cooperation requests %s, %d escalated and read by a"
                        + " coordinator%n",
                new TreeMap<>(IsolationRequestAsking.requestFigures),
                IsolationRequestAsking.readByCoordinator.size());
        System.out.printf(
                "TenantIsolationPropertyTest: arrests %s%n",
                new TreeMap<>(IsolationArrestWrites.arrestFigures));
        System.out.println(
                "TenantIsolationPropertyTest: time by kind of operation (with its checks), longest"
                        + " first:");
        nanosByKind.entrySet().stream()
                .sorted((x, y) -> Long.compare(y.getValue().get(), x.getValue().get()))
                .forEach(
                        e ->
                                System.out.printf(
                                        "  %-40s %7.1f s, %6d operations%n",
                                        e.getKey(),
                                        e.getValue().get() / 1e9,
                                        byKind.getOrDefault(e.getKey(), new AtomicLong()).get()));
        System.out.println("TenantIsolationPropertyTest: checks and violations by channel:");
        new TreeMap<>(channelChecks)
                .forEach(
                        (channel, checks) ->
                                System.out.printf(
                                        "  %-55s %8d checks, %d violations%n",
                                        channel,
                                        checks.get(),
                                        channelViolations
                                                .getOrDefault(channel, new AtomicLong())
                                                .get()));
        if (!firstViolations.isEmpty()) {
            System.out.println(
                    "first violations: "
                            + firstViolations.subList(0, Math.min(5, firstViolations.size())));
        }
    }

    @Test
    void every_country_sees_exactly_what_the_model_allows() {
        List<List<Step>> sequences = sequences(SEED, SEQUENCES, STEPS);
        for (int i = 0; i < sequences.size(); i++) {
            long t0 = System.nanoTime();
            new IsolationRun(i, sequences.get(i)).execute();
            System.out.printf(
                    "TenantIsolationPropertyTest: sequence %d/%d (%d operations) passed, %d s%n",
                    i + 1,
                    sequences.size(),
                    sequences.get(i).size(),
                    Duration.ofNanos(System.nanoTime() - t0).toSeconds());
        }
    }
}
