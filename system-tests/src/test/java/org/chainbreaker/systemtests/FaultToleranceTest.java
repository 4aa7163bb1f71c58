package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.FaultClients.*;
import static org.chainbreaker.systemtests.FaultStore.*;
import static org.chainbreaker.systemtests.FaultSuite.*;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.chainbreaker.common.v1.AuditVerification;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.FaultLedger.Target;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults on a running suite of real processes: a service killed with SIGKILL and restarted on its
 * port, PostgreSQL stopped and started again on its port and data directory, a service made slow by
 * a proxy between it and the gateway; all while clients write through both faces of the gateway and
 * retry every unacknowledged write with its idempotency key (REST {@code Idempotency-Key}, gRPC
 * {@code request_id}) until it is acknowledged.
 *
 * <p>This class runs its own suite (own PostgreSQL with its data on disk, own services and gateway
 * on their own ports; only Keycloak, which it never disturbs, is shared), so killing and restarting
 * leaves the suite of the other test classes ({@link RunningSuite}) untouched. Every row of its
 * databases is therefore one of its writes, and the database is read directly as superuser: every
 * acknowledged write must be there exactly once.
 *
 * <p>Its parts: the suite and the waiting ({@link FaultSuite}), the clients ({@link FaultClients})
 * and what they were told ({@link FaultLedger}), what the databases hold ({@link FaultStore}), the
 * gateway's breakers as its metrics tell them ({@link BreakerWatch}); this class holds the faults
 * and what must hold across them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceTest {

    @BeforeAll
    static void startOwnSuite() throws IOException {
        FaultSuite.start();
    }

    @AfterAll
    static void stopOwnSuite() {
        FaultSuite.stop();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Durability and idempotency across SIGKILL and a PostgreSQL restart
    // ------------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void
            every_acknowledged_write_is_stored_exactly_once_across_killed_services_and_a_postgres_restart()
                    throws Exception {
        FaultLedger ledger = new FaultLedger("durability");
        List<Writer> writers =
                List.of(
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

        System.out.printf(
                "%nFaultToleranceTest (durability): %d writers (REST with Idempotency-Key, gRPC with request_id),"
                        + " %d attempts, %d retried after a fault%n",
                writers.size(), ledger.attempts.get(), ledger.retries.get());
        System.out.println(
                "  answers that made a client retry: " + new TreeMap<>(ledger.faultAnswers));
        System.out.println("  " + cases);
        System.out.println("  " + repatriations);
        System.out.printf(
                "  follow-up writes acknowledged: %d case shares (in case_shares: %d missing), %d audited"
                        + " coordinator reads; audit entries missing for them: %d%n",
                ledger.shares.size(), cases.sharesMissing(), ledger.reads.size(), auditMissing);
        recoveries.forEach(r -> System.out.println("  " + r));
        audit.forEach(
                (service, v) ->
                        System.out.printf(
                                "  audit chain of %s: %d entries checked, intact=%s%n",
                                service, v.getChecked(), v.getIntact()));
        System.out.println(
                "  breaker transitions seen on the gateway's metrics: "
                        + BreakerWatch.summary(breakers.transitions()));

        assertThat(ledger.failures).as("writes refused or never acknowledged").isEmpty();
        for (StoreCount count : List.of(cases, repatriations)) {
            assertThat(count.acknowledged()).as(count.what() + " acknowledged").isGreaterThan(0);
            assertThat(count.duplicates()).as(count.what() + " duplicates").isZero();
            assertThat(count.missing()).as(count.what() + " missing").isZero();
            assertThat(count.strays())
                    .as(count.what() + " rows that are no acknowledged write")
                    .isZero();
        }
        assertThat(cases.sharesMissing()).as("acknowledged shares missing").isZero();
        assertThat(auditMissing)
                .as("audit entries missing for acknowledged shares and reads")
                .isZero();
        assertThat(recoveries)
                .allSatisfy(r -> assertThat(r.firstAckAfterFault()).as(r.fault()).isPresent());
        audit.forEach(
                (service, v) -> assertThat(v.getIntact()).as("audit chain of " + service).isTrue());
        // VerifyAuditTrail counts only the entries the caller may know of: INTERPOL's
        // own reads, not other
        // countries' shares (those are proven present by missingAuditEntries above, read as the
        // owner role).
        assertThat(audit.get("repatriation").getChecked())
                .isGreaterThanOrEqualTo(ledger.reads.size());
        // Killing the case-service while it was written to must have opened the gateway's breaker
        // for it.
        assertThat(breakers.transitions())
                .anySatisfy(t -> assertThat(t).startsWith("cases CLOSED->OPEN"));
    }

    private Recovery killAndRestart(FaultLedger ledger, String module, Target target) {
        suite.kill(module);
        long dead = System.nanoTime();
        long lastAck = ledger.lastAckBefore(target, dead);
        // Let the clients run into the dead service (and the breaker open) before it comes back.
        untilOpenAtMost(DOWN_FOR, dead, target);
        long restartBegins = System.nanoTime();
        suite.restart(module);
        long ready = System.nanoTime();
        // Only the new process can have acknowledged a write after its start began.
        Optional<Long> firstAck = awaitFirstAckAfter(ledger, target, restartBegins);
        return new Recovery("SIGKILL " + module, target, lastAck, restartBegins, ready, firstAck);
    }

    private List<Recovery> restartPostgres(FaultLedger ledger) {
        stopPostgres();
        long stopped = System.nanoTime();
        long lastCase = ledger.lastAckBefore(Target.CASES, stopped);
        long lastRepatriation = ledger.lastAckBefore(Target.REPATRIATION, stopped);
        untilOpenAtMost(DOWN_FOR, stopped, Target.CASES, Target.REPATRIATION);
        long restartBegins = System.nanoTime();
        startPostgresAgain();
        long ready = System.nanoTime();
        return List.of(
                new Recovery(
                        "PostgreSQL restart",
                        Target.CASES,
                        lastCase,
                        restartBegins,
                        ready,
                        awaitFirstAckAfter(ledger, Target.CASES, ready)),
                new Recovery(
                        "PostgreSQL restart",
                        Target.REPATRIATION,
                        lastRepatriation,
                        restartBegins,
                        ready,
                        awaitFirstAckAfter(ledger, Target.REPATRIATION, ready)));
    }

    /**
     * How long a killed service or the stopped database stays down at most before it comes back.
     */
    static final Duration DOWN_FOR = Duration.ofSeconds(3);

    /**
     * Waits until the gateway's breakers of {@code targets} have opened since {@code faultBegan},
     * the clients having run into the fault, or until {@code most} has passed, whichever comes
     * first: an open breaker is what the fixed wait was for, and the fault lasts no longer than it
     * did.
     */
    private static void untilOpenAtMost(Duration most, long faultBegan, Target... targets) {
        long deadline = faultBegan + most.toNanos();
        while (System.nanoTime() < deadline
                && !Arrays.stream(targets)
                        .allMatch(
                                t ->
                                        breakers.firstTime(t.breaker, "OPEN", faultBegan)
                                                > faultBegan)) {
            pause(Duration.ofMillis(50));
        }
    }

    /**
     * One fault and how long writes to one service stopped: from the last write acknowledged before
     * the fault to the first acknowledged after it, and from the moment the process or database was
     * ready again.
     */
    private record Recovery(
            String fault,
            Target target,
            long lastAckBefore,
            long restartBegins,
            long readyAt,
            Optional<Long> firstAckAfterFault) {
        @Override
        public String toString() {
            String first =
                    firstAckAfterFault
                            .map(
                                    t ->
                                            ms(t - lastAckBefore)
                                                    + " ms without acknowledged writes to "
                                                    + target.service
                                                    + ", first acknowledged write "
                                                    + ms(t - readyAt)
                                                    + " ms after ready again")
                            .orElse("NO acknowledged write to " + target.service + " afterwards");
            return String.format(
                    "%s: restarted in %d ms; %s", fault, ms(readyAt - restartBegins), first);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Arrest to draft: the repatriation-service killed while arrests are recorded
    // ------------------------------------------------------------------------------------------------------------

    /** Wanted persons of the arrest test: arrested by TH one after the other. */
    static final int ARRESTS = 40;

    /** How long after the restart every arrest may take to have its draft. */
    static final Duration DRAFTS_WITHIN = Duration.ofMinutes(3);

    @Test
    @Order(3)
    void every_arrest_recorded_while_the_repatriation_service_is_killed_becomes_exactly_one_draft()
            throws Exception {
        List<String> persons = FaultArrests.wantedByKoreaSeenInThailand(ARRESTS);
        FaultArrests arrests = new FaultArrests();
        // One arrest every 150 ms, through the two faces in turn, while the relay (every 100 ms)
        // is sending earlier ones: the kill finds handoffs queued and, likely, one in flight.
        Thread arrester =
                Thread.ofVirtual()
                        .name("arrester")
                        .start(
                                () -> {
                                    for (int i = 0; i < persons.size(); i++) {
                                        arrests.arrest(
                                                persons.get(i), i % 2 == 0 ? Face.GRPC : Face.REST);
                                        pause(Duration.ofMillis(150));
                                    }
                                });
        await(
                "a first arrest has its draft before the kill",
                Duration.ofSeconds(90),
                () -> {
                    try {
                        return FaultArrests.drafts(persons).persons() > 0
                                || !arrests.failures.isEmpty();
                    } catch (java.sql.SQLException e) {
                        return false;
                    }
                });
        suite.kill("repatriation-service");
        long dead = System.nanoTime();
        int draftsAtKill = FaultArrests.drafts(persons).persons();
        // Arrests go on while the repatriation-service is gone; the relay keeps them queued.
        pause(Duration.ofSeconds(3));
        long[] queuedAtRestart = FaultArrests.queuedHandoffs(persons);
        long restartBegins = System.nanoTime();
        suite.restart("repatriation-service");
        long ready = System.nanoTime();
        arrester.join(GIVE_UP.toMillis());
        long arrestsWhileDead = arrests.acksBetween(dead, ready);
        long firstRestart = ready - restartBegins;
        // Killed again while the relay delivers the queued arrests (a draft just committed, the
        // next calls on their way): a call whose answer is lost is sent again.
        await(
                "the relay delivers queued arrests after the restart",
                DRAFTS_WITHIN,
                () -> {
                    try {
                        return FaultArrests.drafts(persons).persons() > draftsAtKill;
                    } catch (java.sql.SQLException e) {
                        return false;
                    }
                });
        suite.kill("repatriation-service");
        int draftsAtSecondKill = FaultArrests.drafts(persons).persons();
        pause(Duration.ofSeconds(1));
        suite.restart("repatriation-service");
        ready = System.nanoTime();
        await(
                "a draft for every arrest",
                DRAFTS_WITHIN,
                () -> {
                    try {
                        return FaultArrests.drafts(persons).persons() >= arrests.arrested.size()
                                && FaultArrests.queuedHandoffs(persons)[0] == 0;
                    } catch (java.sql.SQLException e) {
                        return false;
                    }
                },
                () -> {
                    try {
                        return FaultArrests.drafts(persons).persons()
                                + " drafts for "
                                + arrests.arrested.size()
                                + " arrests, handoffs queued "
                                + FaultArrests.queuedHandoffs(persons)[0];
                    } catch (java.sql.SQLException e) {
                        return e.toString();
                    }
                });
        long allDrafts = System.nanoTime();
        FaultArrests.Drafts drafts = FaultArrests.drafts(persons);

        System.out.printf(
                "%nFaultToleranceTest (arrest to draft): %d arrests by %s of %s's wanted persons (REST and"
                        + " gRPC in turn); repatriation-service SIGKILLed with %d drafts made, %d arrests"
                        + " acknowledged while it was down or starting, %d handoffs queued at restart (most"
                        + " attempts of one: %d); restarted in %d ms; SIGKILLed again while delivering them"
                        + " (%d drafts made); every draft there %d ms after ready again%n",
                arrests.arrested.size(),
                FaultArrests.ARRESTING,
                FaultArrests.OWNER,
                draftsAtKill,
                arrestsWhileDead,
                queuedAtRestart[0],
                queuedAtRestart[1],
                ms(firstRestart),
                draftsAtSecondKill,
                ms(allDrafts - ready));

        assertThat(arrests.failures).as("arrests refused or never acknowledged").isEmpty();
        assertThat(arrests.arrested).hasSize(ARRESTS);
        assertThat(drafts.rows().keySet())
                .as("persons with a repatriation")
                .containsExactlyInAnyOrderElementsOf(persons);
        assertThat(drafts.rows())
                .as("repatriations per arrested person")
                .allSatisfy((person, n) -> assertThat(n).as(person).isEqualTo(1));
        assertThat(drafts.openedEvents())
                .as("repatriation.opened_from_arrest events per arrested person")
                .allSatisfy((person, n) -> assertThat(n).as(person).isEqualTo(1));
        assertThat(drafts.statusAndOwner())
                .allSatisfy(
                        (person, state) ->
                                assertThat(state).as(person).isEqualTo("DRAFT owner TH TH->KR"));
        assertThat(FaultArrests.queuedHandoffs(persons)[0]).as("handoffs left").isZero();
        // The fault happened with work outstanding: arrests without a draft when it was killed.
        assertThat(draftsAtKill).isLessThan(ARRESTS);
        assertThat(draftsAtSecondKill).isLessThan(ARRESTS);
        // Once by its key, not only by the index of live repatriations: a repeat of an arrest whose
        // draft was cancelled answers that draft and opens none.
        List<String> cancelled = persons.subList(0, 4);
        assertThat(ArrestRedelivered.answersAfterCancelling(cancelled))
                .as("an arrest sent again after its draft was cancelled")
                .allSatisfy(
                        (person, answer) ->
                                assertThat(answer)
                                        .as(person)
                                        .isEqualTo(ArrestRedelivered.THE_CANCELLED_DRAFT));
        assertThat(FaultArrests.drafts(cancelled).rows())
                .allSatisfy((person, n) -> assertThat(n).as(person).isEqualTo(1));
    }

    // ------------------------------------------------------------------------------------------------------------
    // A slow service: bulkhead and breaker keep the others answering; the breaker opens and closes
    // again
    // ------------------------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void a_slow_service_has_its_breaker_opened_and_closed_while_the_other_services_keep_answering()
            throws Exception {
        FaultLedger ledger = new FaultLedger("slow");
        List<Writer> writers =
                List.of(
                        new Writer(ledger, Target.CASES, Face.REST, "kr-investigator"),
                        new Writer(ledger, Target.CASES, Face.GRPC, "th-investigator"));
        List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            readers.add(
                    new Reader(
                            i % 2 == 0 ? Face.REST : Face.GRPC,
                            i % 2 == 0 ? "kr-investigator" : "th-investigator"));
        }
        writers.forEach(Writer::start);
        readers.forEach(Reader::start);
        awaitAcks(ledger, Target.CASES, 10);
        await(
                "fugitive reads answered before the slowdown",
                Duration.ofSeconds(60),
                () -> readers.stream().anyMatch(r -> r.answered.get() > 0));

        int transitionsBefore = breakers.transitions().size();
        long slowFrom = System.nanoTime();
        long caseAcksBefore = ledger.acks(Target.CASES);
        fugitivesProxy.delay(SLOW_ANSWER);
        await(
                "the gateway's breaker for the fugitive-service opens and refuses on both faces at once",
                Duration.ofSeconds(90),
                () ->
                        breakers.state("fugitives").equals("OPEN")
                                && Reader.breakerRefusals(readers, Face.REST) > 0
                                && Reader.breakerRefusals(readers, Face.GRPC) > 0,
                () ->
                        "breaker "
                                + breakers.state("fugitives")
                                + ", answers "
                                + Reader.answers(readers));
        // Keep it slow a while longer: the breaker stays open (half-open trials fail) while cases
        // are written.
        pause(Duration.ofSeconds(4));
        long caseAcksWhileSlow = ledger.acks(Target.CASES) - caseAcksBefore;
        long healed = System.nanoTime();
        fugitivesProxy.delay(Duration.ZERO);
        readers.forEach(Reader::resetSuccesses);
        await(
                "the breaker closes again once the fugitive-service is fast",
                Duration.ofSeconds(90),
                () ->
                        breakers.state("fugitives").equals("CLOSED")
                                && readers.stream()
                                        .anyMatch(
                                                r ->
                                                        r.face == Face.REST
                                                                && r.successesSinceReset.get() > 0)
                                && readers.stream()
                                        .anyMatch(
                                                r ->
                                                        r.face == Face.GRPC
                                                                && r.successesSinceReset.get() > 0),
                () ->
                        "breaker "
                                + breakers.state("fugitives")
                                + ", answers "
                                + Reader.answers(readers));
        long closed = System.nanoTime();

        readers.forEach(Reader::finish);
        writers.forEach(Writer::finish);
        writers.forEach(Writer::join);
        readers.forEach(Reader::join);
        StoreCount cases = countCases(ledger);
        Map<String, AuditVerification> audit = verifyAuditTrails();
        List<String> transitions =
                breakers.transitions().subList(transitionsBefore, breakers.transitions().size());
        Map<String, Long> fugitiveAnswers = Reader.answers(readers);
        long[] refusalTimes =
                readers.stream()
                        .flatMap(r -> r.refusalNanos.stream())
                        .mapToLong(Long::longValue)
                        .sorted()
                        .toArray();
        long medianRefusal = refusalTimes.length == 0 ? 0 : refusalTimes[refusalTimes.length / 2];
        long p99Refusal =
                refusalTimes.length == 0 ? 0 : refusalTimes[(int) (refusalTimes.length * 0.99)];

        System.out.printf(
                "%nFaultToleranceTest (slow service): answers of the fugitive-service held back %d s by a proxy"
                        + " (gateway deadline %d ms)%n",
                SLOW_ANSWER.toSeconds(), GATEWAY_DEADLINE.toMillis());
        System.out.println("  fugitive reads through the gateway (12 clients): " + fugitiveAnswers);
        System.out.printf(
                "  answered at once without reaching the service: REST %d (503 problem, open breaker or full"
                        + " bulkhead), gRPC %d (UNAVAILABLE from the open breaker), answered in %d ms (median), %d ms (99th percentile);"
                        + " gRPC refusals by the"
                        + " full bulkhead: %d%n",
                Reader.breakerRefusals(readers, Face.REST),
                Reader.breakerRefusals(readers, Face.GRPC),
                ms(medianRefusal),
                ms(p99Refusal),
                readers.stream().mapToLong(r -> r.bulkheadRefusals.get()).sum());
        System.out.printf(
                "  case writes acknowledged while the fugitive-service was slow: %d (slowest write %d ms)%n",
                caseAcksWhileSlow, ms(ledger.slowestAckNanos(Target.CASES)));
        System.out.printf(
                "  breaker for fugitives: open %d ms after the slowdown began, closed %d ms after the service"
                        + " was fast again%n",
                ms(breakers.firstTime("fugitives", "OPEN", slowFrom) - slowFrom),
                ms(closed - healed));
        System.out.println(
                "  breaker transitions seen on the gateway's metrics: "
                        + BreakerWatch.summary(transitions));
        System.out.println("  " + cases);
        audit.forEach(
                (service, v) ->
                        System.out.printf(
                                "  audit chain of %s: %d entries checked, intact=%s%n",
                                service, v.getChecked(), v.getIntact()));

        assertThat(ledger.failures).isEmpty();
        assertThat(caseAcksWhileSlow)
                .as("case writes acknowledged while the fugitive-service was slow")
                .isGreaterThan(0);
        assertThat(transitions)
                .as("the other services' breakers stay closed")
                .allSatisfy(t -> assertThat(t).startsWith("fugitives "));
        assertThat(transitions).contains("fugitives CLOSED->OPEN");
        assertThat(transitions.getLast()).startsWith("fugitives ").endsWith("->CLOSED");
        assertThat(cases.duplicates()).isZero();
        assertThat(cases.missing()).isZero();
        audit.forEach(
                (service, v) -> assertThat(v.getIntact()).as("audit chain of " + service).isTrue());
    }
}
