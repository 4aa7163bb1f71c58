package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.AuditVerification;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.VerifyAuditTrailRequest;
import org.chainbreaker.devstack.Devstack;
import org.chainbreaker.devstack.KeycloakServer;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.devstack.SuitePorts;
import org.chainbreaker.fugitives.v1.ListWantedPersonsRequest;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.VictimGroup;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults on a running suite of real processes: a service killed with SIGKILL and restarted on its port, PostgreSQL
 * stopped and started again on its port and data directory, a service made slow by a proxy between it and the
 * gateway; all while clients write through both faces of the gateway and retry every unacknowledged write with its
 * idempotency key (REST {@code Idempotency-Key}, gRPC {@code request_id}) until it is acknowledged.
 *
 * <p>This class runs its own suite (own PostgreSQL with its data on disk, own services and gateway on their own
 * ports; only Keycloak, which it never disturbs, is shared), so killing and restarting leaves the suite of the other
 * test classes ({@link RunningSuite}) untouched. Every row of its databases is therefore one of its writes, and the
 * database is read directly as superuser: every acknowledged write must be there exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceTest {

    private static final String CASES = Faces.CASES;
    private static final String REPATRIATION = "chainbreaker.repatriation.v1.RepatriationService";
    private static final String FUGITIVES = Faces.FUGITIVES;
    private static final Duration GATEWAY_DEADLINE = Duration.ofSeconds(3);
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(8);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(150);
    private static final Duration GIVE_UP = Duration.ofMinutes(8);
    /** The text of the gateway's refusal while a breaker is open (see the gateway's UpstreamGuard). */
    private static final String BREAKER_REFUSAL = "calls are refused for a moment";
    /** The partner every case is shared with (none of the writers' countries). */
    private static final String PARTNER = "MY";
    private static final String BULKHEAD_REFUSAL = "too many calls to this service are in flight";

    private static Suite suite;
    private static PostgresServer postgres;
    private static Path postgresData;
    private static int postgresPort;
    private static DelayProxy fugitivesProxy;
    private static ManagedChannel grpc;
    private static Faces faces;
    private static BreakerWatch breakers;
    private static final Map<String, String[]> TOKENS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startOwnSuite() throws IOException {
        postgresData = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fault-postgres-").resolve("data");
        postgresPort = Devstack.freePort();
        postgres = PostgresServer.persistent(postgresData, postgresPort);
        SuitePorts ports = SuitePorts.random();
        int proxyPort = Devstack.freePort();
        fugitivesProxy = new DelayProxy(proxyPort, ports.fugitives());
        String quick = "--chainbreaker.gateway.resilience.";
        suite = Suite.builder().ports(ports).postgres(postgres).keycloak(KeycloakServer.shared())
                .logDir(Devstack.defaultLogDir().resolve("faults"))
                // A CI machine running several builds may take minutes to start a JVM; this is no measure of it.
                .readyTimeout(Duration.ofMinutes(10))
                .gatewayUpstream("fugitives", "localhost:" + proxyPort)
                .args("gateway",
                        "--chainbreaker.gateway.limits.defaults.rate=100000",
                        "--chainbreaker.gateway.limits.defaults.burst=100000",
                        // A short deadline and a short open wait keep the faults and their recovery within seconds.
                        "--chainbreaker.gateway.deadline=" + GATEWAY_DEADLINE.toMillis() + "ms",
                        quick + "open-wait=2s", quick + "sliding-window=10", quick + "minimum-calls=5",
                        quick + "max-concurrent-calls=8")
                .start();
        grpc = NettyChannelBuilder.forTarget(suite.grpcTarget()).usePlaintext().build();
        faces = new Faces(suite.restUrl(), grpc);
        breakers = new BreakerWatch(metricsUrl());
    }

    @AfterAll
    static void stopOwnSuite() {
        if (breakers != null) {
            breakers.close();
        }
        if (grpc != null) {
            grpc.shutdownNow();
        }
        if (suite != null) {
            suite.stop();
        }
        if (fugitivesProxy != null) {
            fugitivesProxy.close();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Durability and idempotency across SIGKILL and a PostgreSQL restart
    // ------------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void every_acknowledged_write_is_stored_exactly_once_across_killed_services_and_a_postgres_restart() throws Exception {
        Ledger ledger = new Ledger("durability");
        List<Writer> writers = List.of(
                new Writer(ledger, Target.CASES, Face.REST, "kr-investigator"),
                new Writer(ledger, Target.CASES, Face.GRPC, "th-investigator"),
                new Writer(ledger, Target.CASES, Face.REST, "vn-investigator"),
                new Writer(ledger, Target.CASES, Face.GRPC, "ph-investigator"),
                new Writer(ledger, Target.REPATRIATION, Face.REST, "kh-liaison"),
                new Writer(ledger, Target.REPATRIATION, Face.GRPC, "kh-liaison"),
                new Writer(ledger, Target.REPATRIATION, Face.REST, "mm-liaison"),
                new Writer(ledger, Target.REPATRIATION, Face.GRPC, "mm-liaison"));
        writers.forEach(Writer::start);
        List<Recovery> recoveries = new ArrayList<>();

        awaitAcks(ledger, Target.CASES, 20);
        awaitAcks(ledger, Target.REPATRIATION, 20);
        recoveries.add(killAndRestart(ledger, "case-service", Target.CASES));
        awaitAcks(ledger, Target.CASES, 20);
        recoveries.add(killAndRestart(ledger, "repatriation-service", Target.REPATRIATION));
        awaitAcks(ledger, Target.REPATRIATION, 20);
        recoveries.addAll(restartPostgres(ledger));
        awaitAcks(ledger, Target.CASES, 20);
        awaitAcks(ledger, Target.REPATRIATION, 20);

        writers.forEach(Writer::finish);
        writers.forEach(Writer::join);

        StoreCount cases = countCases(ledger);
        StoreCount repatriations = countRepatriations(ledger);
        Map<String, AuditVerification> audit = verifyAuditTrails();
        long auditMissing = missingAuditEntries(ledger);

        System.out.printf("%nFaultToleranceTest (durability): %d writers (REST with Idempotency-Key, gRPC with request_id),"
                + " %d attempts, %d retried after a fault%n", writers.size(), ledger.attempts.get(), ledger.retries.get());
        System.out.println("  answers that made a client retry: " + new TreeMap<>(ledger.faultAnswers));
        System.out.println("  " + cases);
        System.out.println("  " + repatriations);
        System.out.printf("  follow-up writes acknowledged: %d case shares (in case_shares: %d missing), %d audited"
                + " coordinator reads; audit entries missing for them: %d%n", ledger.shares.size(), cases.sharesMissing(),
                ledger.reads.size(), auditMissing);
        recoveries.forEach(r -> System.out.println("  " + r));
        audit.forEach((service, v) -> System.out.printf("  audit chain of %s: %d entries checked, intact=%s%n", service,
                v.getChecked(), v.getIntact()));
        System.out.println("  breaker transitions seen on the gateway's metrics: " + BreakerWatch.summary(breakers.transitions()));

        assertThat(ledger.failures).as("writes refused or never acknowledged").isEmpty();
        for (StoreCount count : List.of(cases, repatriations)) {
            assertThat(count.acknowledged()).as(count.what() + " acknowledged").isGreaterThan(0);
            assertThat(count.duplicates()).as(count.what() + " duplicates").isZero();
            assertThat(count.missing()).as(count.what() + " missing").isZero();
            assertThat(count.strays()).as(count.what() + " rows that are no acknowledged write").isZero();
        }
        assertThat(cases.sharesMissing()).as("acknowledged shares missing").isZero();
        assertThat(auditMissing).as("audit entries missing for acknowledged shares and reads").isZero();
        assertThat(recoveries).allSatisfy(r -> assertThat(r.firstAckAfterFault()).as(r.fault()).isPresent());
        audit.forEach((service, v) -> assertThat(v.getIntact()).as("audit chain of " + service).isTrue());
        // VerifyAuditTrail counts only the entries the caller may know of (issue 19): INTERPOL's own reads, not other
        // countries' shares (those are proven present by missingAuditEntries above, read as the owner role).
        assertThat(audit.get("repatriation").getChecked()).isGreaterThanOrEqualTo(ledger.reads.size());
        // Killing the case-service while it was written to must have opened the gateway's breaker for it.
        assertThat(breakers.transitions()).anySatisfy(t -> assertThat(t).startsWith("cases CLOSED->OPEN"));
    }

    private Recovery killAndRestart(Ledger ledger, String module, Target target) {
        suite.kill(module);
        long dead = System.nanoTime();
        long lastAck = ledger.lastAckBefore(target, dead);
        // Let the clients run into the dead service (and the breaker open) before it comes back.
        pause(Duration.ofSeconds(3));
        long restartBegins = System.nanoTime();
        suite.restart(module);
        long ready = System.nanoTime();
        // Only the new process can have acknowledged a write after its start began.
        Optional<Long> firstAck = awaitFirstAckAfter(ledger, target, restartBegins);
        return new Recovery("SIGKILL " + module, target, lastAck, restartBegins, ready, firstAck);
    }

    private List<Recovery> restartPostgres(Ledger ledger) {
        postgres.stop();
        long stopped = System.nanoTime();
        long lastCase = ledger.lastAckBefore(Target.CASES, stopped);
        long lastRepatriation = ledger.lastAckBefore(Target.REPATRIATION, stopped);
        pause(Duration.ofSeconds(3));
        long restartBegins = System.nanoTime();
        postgres = PostgresServer.persistent(postgresData, postgresPort);
        long ready = System.nanoTime();
        return List.of(
                new Recovery("PostgreSQL restart", Target.CASES, lastCase, restartBegins, ready,
                        awaitFirstAckAfter(ledger, Target.CASES, ready)),
                new Recovery("PostgreSQL restart", Target.REPATRIATION, lastRepatriation, restartBegins, ready,
                        awaitFirstAckAfter(ledger, Target.REPATRIATION, ready)));
    }

    /**
     * One fault and how long writes to one service stopped: from the last write acknowledged before the fault to the
     * first acknowledged after it, and from the moment the process or database was ready again.
     */
    private record Recovery(String fault, Target target, long lastAckBefore, long restartBegins, long readyAt,
                            Optional<Long> firstAckAfterFault) {
        @Override
        public String toString() {
            String first = firstAckAfterFault.map(t -> ms(t - lastAckBefore) + " ms without acknowledged writes to "
                    + target.service + ", first acknowledged write " + ms(t - readyAt) + " ms after ready again")
                    .orElse("NO acknowledged write to " + target.service + " afterwards");
            return String.format("%s: restarted in %d ms; %s", fault, ms(readyAt - restartBegins), first);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // A slow service: bulkhead and breaker keep the others answering; the breaker opens and closes again
    // ------------------------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void a_slow_service_has_its_breaker_opened_and_closed_while_the_other_services_keep_answering() throws Exception {
        Ledger ledger = new Ledger("slow");
        List<Writer> writers = List.of(
                new Writer(ledger, Target.CASES, Face.REST, "kr-investigator"),
                new Writer(ledger, Target.CASES, Face.GRPC, "th-investigator"));
        List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            readers.add(new Reader(i % 2 == 0 ? Face.REST : Face.GRPC, i % 2 == 0 ? "kr-investigator" : "th-investigator"));
        }
        writers.forEach(Writer::start);
        readers.forEach(Reader::start);
        awaitAcks(ledger, Target.CASES, 10);
        await("fugitive reads answered before the slowdown", Duration.ofSeconds(60),
                () -> readers.stream().anyMatch(r -> r.answered.get() > 0));

        int transitionsBefore = breakers.transitions().size();
        long slowFrom = System.nanoTime();
        long caseAcksBefore = ledger.acks(Target.CASES);
        fugitivesProxy.delay(SLOW_ANSWER);
        await("the gateway's breaker for the fugitive-service opens and refuses on both faces at once",
                Duration.ofSeconds(90), () -> breakers.state("fugitives").equals("OPEN")
                        && Reader.breakerRefusals(readers, Face.REST) > 0 && Reader.breakerRefusals(readers, Face.GRPC) > 0,
                () -> "breaker " + breakers.state("fugitives") + ", answers " + Reader.answers(readers));
        // Keep it slow a while longer: the breaker stays open (half-open trials fail) while cases are written.
        pause(Duration.ofSeconds(4));
        long caseAcksWhileSlow = ledger.acks(Target.CASES) - caseAcksBefore;
        long healed = System.nanoTime();
        fugitivesProxy.delay(Duration.ZERO);
        readers.forEach(Reader::resetSuccesses);
        await("the breaker closes again once the fugitive-service is fast", Duration.ofSeconds(90),
                () -> breakers.state("fugitives").equals("CLOSED")
                        && readers.stream().anyMatch(r -> r.face == Face.REST && r.successesSinceReset.get() > 0)
                        && readers.stream().anyMatch(r -> r.face == Face.GRPC && r.successesSinceReset.get() > 0),
                () -> "breaker " + breakers.state("fugitives") + ", answers " + Reader.answers(readers));
        long closed = System.nanoTime();

        readers.forEach(Reader::finish);
        writers.forEach(Writer::finish);
        writers.forEach(Writer::join);
        readers.forEach(Reader::join);
        StoreCount cases = countCases(ledger);
        Map<String, AuditVerification> audit = verifyAuditTrails();
        List<String> transitions = breakers.transitions().subList(transitionsBefore, breakers.transitions().size());
        Map<String, Long> fugitiveAnswers = Reader.answers(readers);
        long[] refusalTimes = readers.stream().flatMap(r -> r.refusalNanos.stream()).mapToLong(Long::longValue).sorted().toArray();
        long medianRefusal = refusalTimes.length == 0 ? 0 : refusalTimes[refusalTimes.length / 2];
        long p99Refusal = refusalTimes.length == 0 ? 0 : refusalTimes[(int) (refusalTimes.length * 0.99)];

        System.out.printf("%nFaultToleranceTest (slow service): answers of the fugitive-service held back %d s by a proxy"
                + " (gateway deadline %d ms)%n", SLOW_ANSWER.toSeconds(), GATEWAY_DEADLINE.toMillis());
        System.out.println("  fugitive reads through the gateway (12 clients): " + fugitiveAnswers);
        System.out.printf("  answered at once without reaching the service: REST %d (503 problem, open breaker or full"
                        + " bulkhead), gRPC %d (UNAVAILABLE from the open breaker), answered in %d ms (median), %d ms (99th percentile);"
                        + " gRPC refusals by the"
                        + " full bulkhead: %d%n", Reader.breakerRefusals(readers, Face.REST),
                Reader.breakerRefusals(readers, Face.GRPC), ms(medianRefusal), ms(p99Refusal),
                readers.stream().mapToLong(r -> r.bulkheadRefusals.get()).sum());
        System.out.printf("  case writes acknowledged while the fugitive-service was slow: %d (slowest write %d ms)%n",
                caseAcksWhileSlow, ms(ledger.slowestAckNanos(Target.CASES)));
        System.out.printf("  breaker for fugitives: open %d ms after the slowdown began, closed %d ms after the service"
                + " was fast again%n", ms(breakers.firstTime("fugitives", "OPEN", slowFrom) - slowFrom), ms(closed - healed));
        System.out.println("  breaker transitions seen on the gateway's metrics: " + BreakerWatch.summary(transitions));
        System.out.println("  " + cases);
        audit.forEach((service, v) -> System.out.printf("  audit chain of %s: %d entries checked, intact=%s%n", service,
                v.getChecked(), v.getIntact()));

        assertThat(ledger.failures).isEmpty();
        assertThat(caseAcksWhileSlow).as("case writes acknowledged while the fugitive-service was slow").isGreaterThan(0);
        assertThat(transitions).as("the other services' breakers stay closed").allSatisfy(t -> assertThat(t).startsWith("fugitives "));
        assertThat(transitions).contains("fugitives CLOSED->OPEN");
        assertThat(transitions.getLast()).startsWith("fugitives ").endsWith("->CLOSED");
        assertThat(cases.duplicates()).isZero();
        assertThat(cases.missing()).isZero();
        audit.forEach((service, v) -> assertThat(v.getIntact()).as("audit chain of " + service).isTrue());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Clients
    // ------------------------------------------------------------------------------------------------------------

    private enum Target {
        CASES("case-service"), REPATRIATION("repatriation-service");

        final String service;

        Target(String service) {
            this.service = service;
        }
    }

    /** What the clients of one test wrote and were told. */
    private static final class Ledger {
        final String runTag;
        /** Idempotency key -> id of the record the suite acknowledged. */
        final Map<String, String> acked = new ConcurrentHashMap<>();
        final Map<String, Target> targets = new ConcurrentHashMap<>();
        final Set<String> shares = ConcurrentHashMap.newKeySet();
        final Set<String> reads = ConcurrentHashMap.newKeySet();
        final Map<Target, ConcurrentSkipListSet<Long>> ackTimes = new ConcurrentHashMap<>();
        final Map<Target, AtomicLong> slowestAck = new ConcurrentHashMap<>();
        final Map<String, Long> faultAnswers = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicLong attempts = new AtomicLong();
        final AtomicLong retries = new AtomicLong();

        Ledger(String name) {
            this.runTag = name + "-" + Long.toString(System.nanoTime(), 36);
            for (Target t : Target.values()) {
                ackTimes.put(t, new ConcurrentSkipListSet<>());
                slowestAck.put(t, new AtomicLong());
            }
        }

        void acknowledged(Target target, String key, String id, long startedAt) {
            long now = System.nanoTime();
            acked.put(key, id);
            targets.put(key, target);
            // Distinct times even for two acknowledgements in the same nanosecond.
            long t = now;
            while (!ackTimes.get(target).add(t)) {
                t++;
            }
            slowestAck.get(target).accumulateAndGet(now - startedAt, Math::max);
        }

        long acks(Target target) {
            return ackTimes.get(target).size();
        }

        long lastAckBefore(Target target, long time) {
            Long t = ackTimes.get(target).lower(time);
            return t == null ? time : t;
        }

        Optional<Long> firstAckAfter(Target target, long time) {
            return Optional.ofNullable(ackTimes.get(target).higher(time));
        }

        long slowestAckNanos(Target target) {
            return slowestAck.get(target).get();
        }
    }

    /**
     * Writes new records one after the other and retries each unacknowledged write with its key until the suite
     * acknowledges it. Cases are then shared with Malaysia (an audited grant); repatriations are then read by INTERPOL
     * (an audited coordinator read). A refusal that is the client's fault (4xx) would be a bug: it is recorded.
     */
    private static final class Writer {
        private final Ledger ledger;
        private final Target target;
        private final Face face;
        private final String user;
        private final String name;
        private final AtomicBoolean finishing = new AtomicBoolean();
        private Thread thread;

        Writer(Ledger ledger, Target target, Face face, String user) {
            this.ledger = ledger;
            this.target = target;
            this.face = face;
            this.user = user;
            this.name = target.name().toLowerCase() + "-" + face.name().toLowerCase() + "-" + user;
        }

        void start() {
            thread = Thread.ofVirtual().name("writer-" + name).start(this::run);
        }

        /** Lets the current write finish (acknowledged), then ends. */
        void finish() {
            finishing.set(true);
        }

        void join() {
            try {
                thread.join(GIVE_UP.toMillis() + 30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void run() {
            for (int n = 1; !finishing.get(); n++) {
                String key = ledger.runTag + "-" + name + "-" + n;
                long started = System.nanoTime();
                Outcome created = untilAcknowledged(key, () -> create(key));
                if (created == null) {
                    return;
                }
                if (target == Target.CASES) {
                    String id = created.as(Case.parser()).getId();
                    ledger.acknowledged(target, key, id, started);
                    ShareCaseRequest share = ShareCaseRequest.newBuilder().setId(id).setCountry(PARTNER)
                            .setHandlingCode(HandlingCode.H2).build();
                    if (untilAcknowledged(key + " (share)", () -> faces.call(face,
                            Faces.endpoint(CASES, "ShareCase"), token(user), share)) == null) {
                        return;
                    }
                    ledger.shares.add(id);
                } else {
                    String id = created.as(Repatriation.parser()).getId();
                    ledger.acknowledged(target, key, id, started);
                    GetRepatriationRequest read = GetRepatriationRequest.newBuilder().setId(id).build();
                    if (untilAcknowledged(key + " (coordinator read)", () -> faces.call(face,
                            Faces.endpoint(REPATRIATION, "GetRepatriation"), token("interpol-liaison"), read)) == null) {
                        return;
                    }
                    ledger.reads.add(id);
                }
            }
        }

        private Outcome create(String key) {
            Message record;
            Endpoint endpoint;
            Message request;
            if (target == Target.CASES) {
                endpoint = Faces.endpoint(CASES, "CreateCase");
                record = Case.newBuilder().setTitle(marker(key)).setCategory(Case.Category.ONLINE_SCAM)
                        .setSummary("written while faults are injected").build();
                request = CreateCaseRequest.newBuilder().setCase((Case) record).setRequestId(key).build();
            } else {
                endpoint = Faces.endpoint(REPATRIATION, "CreateRepatriation");
                String sending = user.substring(0, 2).toUpperCase();
                record = Repatriation.newBuilder().setKind(Repatriation.Kind.VICTIM_RETURN)
                        .setSendingCountry(sending).setReceivingCountry("ID")
                        .setVictimGroup(VictimGroup.newBuilder().setCount(3).addNationalities("ID").addLanguages("id")
                                .addSupportNeeds(marker(key)))
                        .build();
                request = CreateRepatriationRequest.newBuilder().setRepatriation((Repatriation) record)
                        .setRequestId(key).build();
            }
            if (face == Face.GRPC) {
                return faces.call(Face.GRPC, endpoint, token(user), request);
            }
            try {
                // The key travels only in the header, as a partner's REST client would send it.
                byte[] body = JsonFormat.printer().print(record).getBytes(StandardCharsets.UTF_8);
                return faces.rest(endpoint, "POST", endpoint.pathTemplate(), "Bearer " + token(user), body,
                        "application/json", "Idempotency-Key", key);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Calls until the answer is OK; a fault of the suite (5xx, no answer) means: the same call again. */
        private Outcome untilAcknowledged(String what, Supplier<Outcome> call) {
            long giveUp = System.nanoTime() + GIVE_UP.toNanos();
            while (true) {
                ledger.attempts.incrementAndGet();
                Outcome outcome = call.get();
                if (outcome.ok()) {
                    return outcome;
                }
                boolean fault = outcome.face() == Face.REST
                        ? outcome.http() == 0 || outcome.http() >= 500
                        : UNACKNOWLEDGED.contains(outcome.code());
                if (!fault) {
                    ledger.failures.add(what + ": refused with " + outcome);
                    return null;
                }
                ledger.faultAnswers.merge(outcome.label(), 1L, Long::sum);
                ledger.retries.incrementAndGet();
                if (System.nanoTime() > giveUp) {
                    ledger.failures.add(what + ": not acknowledged within " + GIVE_UP + ", last " + outcome);
                    return null;
                }
                pause(RETRY_PAUSE);
            }
        }
    }

    /** Codes after which a client cannot know whether its write happened, and sends it again. */
    private static final Set<Status.Code> UNACKNOWLEDGED = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.CANCELLED);

    private static String marker(String key) {
        return "Fault test " + key;
    }

    /** Reads wanted persons from the fugitive-service through the gateway, without retrying, and tallies the answers. */
    private static final class Reader {
        final Face face;
        private final String user;
        final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong breakerRefusals = new AtomicLong();
        final AtomicLong bulkheadRefusals = new AtomicLong();
        final ConcurrentLinkedQueue<Long> refusalNanos = new ConcurrentLinkedQueue<>();
        final AtomicLong successesSinceReset = new AtomicLong();
        private final AtomicBoolean finishing = new AtomicBoolean();
        private Thread thread;

        Reader(Face face, String user) {
            this.face = face;
            this.user = user;
        }

        void start() {
            thread = Thread.ofVirtual().start(this::run);
        }

        void finish() {
            finishing.set(true);
        }

        void resetSuccesses() {
            successesSinceReset.set(0);
        }

        void join() {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static Map<String, Long> answers(List<Reader> readers) {
            Map<String, Long> all = new TreeMap<>();
            readers.forEach(r -> r.answers.forEach((k, v) -> all.merge(k, v.get(), Long::sum)));
            return all;
        }

        static long breakerRefusals(List<Reader> readers, Face face) {
            return readers.stream().filter(r -> r.face == face).mapToLong(r -> r.breakerRefusals.get()).sum();
        }

        private void run() {
            Endpoint list = Faces.endpoint(FUGITIVES, "ListWantedPersons");
            while (!finishing.get()) {
                long started = System.nanoTime();
                Outcome outcome = faces.call(face, list, token(user), ListWantedPersonsRequest.newBuilder().setPageSize(5).build());
                long took = System.nanoTime() - started;
                answered.incrementAndGet();
                answers.computeIfAbsent(outcome.label(), k -> new AtomicLong()).incrementAndGet();
                if (outcome.ok()) {
                    successesSinceReset.incrementAndGet();
                } else if (face == Face.GRPC ? outcome.code() == Status.Code.UNAVAILABLE
                        && outcome.text().contains(BREAKER_REFUSAL) : outcome.http() == 503) {
                    // REST answers the open breaker and the full bulkhead alike (a 503 problem with Retry-After);
                    // while the service is only slow, nothing else answers 503.
                    breakerRefusals.incrementAndGet();
                    refusalNanos.add(took);
                } else if (outcome.text().contains(BULKHEAD_REFUSAL)) {
                    bulkheadRefusals.incrementAndGet();
                }
                pause(Duration.ofMillis(50));
            }
        }
    }

    private static String token(String user) {
        long now = System.nanoTime();
        String[] cached = TOKENS.get(user);
        if (cached == null || Long.parseLong(cached[1]) < now) {
            // Tokens live five minutes; take a new one after two.
            cached = new String[] {KeycloakServer.shared().tokenFor(user), Long.toString(now + Duration.ofMinutes(2).toNanos())};
            TOKENS.put(user, cached);
        }
        return cached[0];
    }

    // ------------------------------------------------------------------------------------------------------------
    // What the databases hold
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Acknowledged writes of one kind against the rows of the database. A row belongs to the write whose key its
     * content carries (the title of a case, a support need of a repatriation), so that a retry that lost its key
     * would show as a second row for the same write.
     */
    private record StoreCount(String what, long acknowledged, long found, long duplicates, long missing, long strays,
                              long sharesMissing) {
        @Override
        public String toString() {
            return String.format("%s: acknowledged %d, found in the database %d, duplicates %d, missing %d, rows"
                    + " that are no acknowledged write %d", what, acknowledged, found, duplicates, missing, strays);
        }
    }

    private static StoreCount countCases(Ledger ledger) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        Set<String> shared = new java.util.HashSet<>();
        try (Connection c = postgres.superuserConnection("cases"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select id::text, request_id, title from cases")) {
                collect(rs, rows);
            }
            try (ResultSet rs = s.executeQuery("select case_id::text from case_shares where country = '" + PARTNER + "'")) {
                while (rs.next()) {
                    shared.add(rs.getString(1));
                }
            }
        }
        StoreCount count = compare("cases", ledger, Target.CASES, rows);
        long sharesMissing = ledger.shares.stream().filter(id -> !shared.contains(id)).count();
        return new StoreCount(count.what(), count.acknowledged(), count.found(), count.duplicates(), count.missing(),
                count.strays(), sharesMissing);
    }

    private static StoreCount countRepatriations(Ledger ledger) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (Connection c = postgres.superuserConnection("repatriation"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select r.id::text, r.request_id, array_to_string(n.support_needs, '|')"
                     + " from repatriations r left join repatriation_victim_needs n on n.repatriation_id = r.id")) {
            collect(rs, rows);
        }
        return compare("repatriations", ledger, Target.REPATRIATION, rows);
    }

    /** Row id -> "request_id|content"; every row of these private databases was written by this class. */
    private static void collect(ResultSet rs, Map<String, String> rows) throws SQLException {
        while (rs.next()) {
            rows.put(rs.getString(1), rs.getString(2) + "|" + rs.getString(3));
        }
    }

    private static StoreCount compare(String what, Ledger ledger, Target target, Map<String, String> rows) {
        Map<String, String> acked = new HashMap<>();
        ledger.acked.forEach((key, id) -> {
            if (ledger.targets.get(key) == target) {
                acked.put(key, id);
            }
        });
        Map<String, Integer> rowsPerKey = new HashMap<>();
        long strays = 0;
        for (Map.Entry<String, String> row : rows.entrySet()) {
            String content = row.getValue();
            if (!content.contains(ledger.runTag)) {
                continue; // another test's write
            }
            String key = content.substring(content.indexOf("Fault test ") + "Fault test ".length()).split("\\|")[0];
            rowsPerKey.merge(key, 1, Integer::sum);
            if (!content.startsWith(key + "|") || !row.getKey().equals(acked.get(key))) {
                strays++;
            }
        }
        long duplicates = rowsPerKey.values().stream().mapToLong(n -> n - 1).sum();
        long missing = acked.entrySet().stream()
                .filter(e -> !rows.getOrDefault(e.getValue(), "").startsWith(e.getKey() + "|")).count();
        return new StoreCount(what, acked.size(), acked.size() - missing, duplicates, missing, strays, 0);
    }

    /** Acknowledged shares and coordinator reads without their entry in the audit trail. */
    private static long missingAuditEntries(Ledger ledger) throws SQLException {
        return missing(ledger.shares, "cases", "SHARE") + missing(ledger.reads, "repatriation", "READ");
    }

    private static long missing(Set<String> ids, String database, String action) throws SQLException {
        Set<String> audited = new java.util.HashSet<>();
        try (Connection c = postgres.superuserConnection(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select distinct record_id from audit_log where action = '" + action + "'")) {
            while (rs.next()) {
                audited.add(rs.getString(1));
            }
        }
        return ids.stream().filter(id -> !audited.contains(id)).count();
    }

    /** VerifyAuditTrail of each service, through the gateway's gRPC face, as INTERPOL's liaison (a coordinator). */
    private static Map<String, AuditVerification> verifyAuditTrails() {
        Map<String, AuditVerification> result = new TreeMap<>();
        Map<String, String> services = Map.of("cases", CASES, "fugitives", FUGITIVES, "repatriation", REPATRIATION);
        services.forEach((name, service) -> {
            Outcome outcome = faces.call(Face.GRPC, Faces.endpoint(service, "VerifyAuditTrail"), token("interpol-liaison"),
                    VerifyAuditTrailRequest.getDefaultInstance());
            assertThat(outcome.ok()).as("VerifyAuditTrail of " + name + ": " + outcome).isTrue();
            result.put(name, outcome.as(AuditVerification.parser()));
        });
        return result;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The gateway's breakers, as its metrics tell them
    // ------------------------------------------------------------------------------------------------------------

    private static String metricsUrl() {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("Prometheus metrics at http://\\S+:(\\d+)/metrics");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                java.util.regex.Matcher m = line.matcher(Files.readString(suite.process("gateway").logFile()));
                if (m.find()) {
                    return "http://localhost:" + m.group(1) + "/metrics";
                }
            } catch (IOException e) {
                // not written yet
            }
            pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException("the gateway did not log its metrics port");
    }

    /** Polls {@code resilience4j_circuitbreaker_state} on the gateway's Prometheus scrape and records each change. */
    private static final class BreakerWatch implements AutoCloseable {
        private static final java.util.regex.Pattern STATE = java.util.regex.Pattern.compile(
                "^resilience4j_circuitbreaker_state\\{([^}]*)}\\s+1(\\.0)?$", java.util.regex.Pattern.MULTILINE);
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
                    String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                            .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                    java.util.regex.Matcher m = STATE.matcher(body);
                    while (m.find()) {
                        String labels = m.group(1);
                        String name = label(labels, "name");
                        String state = label(labels, "state").toUpperCase();
                        String before = current.put(name, state);
                        if (before != null && !before.equals(state)) {
                            transitions.add(name + " " + before + "->" + state);
                            times.computeIfAbsent(name + " " + state, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
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
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
            return m.find() ? m.group(1) : "?";
        }

        String state(String breaker) {
            return current.getOrDefault(breaker, "?");
        }

        List<String> transitions() {
            return List.copyOf(transitions);
        }

        /** Transitions counted per breaker, in the order first seen, e.g. {@code cases CLOSED->OPEN x2}. */
        static String summary(List<String> transitions) {
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            transitions.forEach(t -> counts.merge(t, 1L, Long::sum));
            List<String> parts = new ArrayList<>();
            counts.forEach((t, n) -> parts.add(t + " x" + n));
            return String.join(", ", parts);
        }

        /** When the breaker first entered {@code state} after {@code after}. */
        long firstTime(String breaker, String state, long after) {
            return times.getOrDefault(breaker + " " + state, List.of()).stream().filter(t -> t > after).findFirst()
                    .orElse(after);
        }

        @Override
        public void close() {
            closed = true;
            http.close();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static void awaitAcks(Ledger ledger, Target target, int more) {
        long goal = ledger.acks(target) + more;
        await(more + " more acknowledged writes to " + target.service, GIVE_UP, () -> ledger.acks(target) >= goal
                || !ledger.failures.isEmpty());
        assertThat(ledger.failures).isEmpty();
    }

    private static Optional<Long> awaitFirstAckAfter(Ledger ledger, Target target, long time) {
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() < giveUp && ledger.failures.isEmpty()) {
            Optional<Long> first = ledger.firstAckAfter(target, time);
            if (first.isPresent()) {
                return first;
            }
            pause(Duration.ofMillis(20));
        }
        return Optional.empty();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, condition, () -> "");
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + "; " + state.get());
            }
            pause(Duration.ofMillis(50));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
