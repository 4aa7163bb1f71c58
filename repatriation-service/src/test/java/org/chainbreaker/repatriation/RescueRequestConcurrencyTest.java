package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.chainbreaker.devstack.Races;
import org.chainbreaker.repatriation.v1.RecordRescueOutcomeRequest;
import org.chainbreaker.repatriation.v1.RescueOutcome;
import org.chainbreaker.repatriation.v1.RescueRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The rescue request state machine under concurrent steps, over gRPC against the real service and
 * PostgreSQL: every pair of conflicting steps of the host fired at the same moment, in every round,
 * on a fresh request; the final status and outcome, the events written (acknowledged, resolved),
 * the audit entries of acknowledgements, the victim returns opened and which call succeeded must be
 * those of one of the two serial orders. (Escalation is the timer's, not a step a caller fires; its
 * race with an acknowledgement is the database's SKIP LOCKED and is proved by
 * RescueRequestsOverGrpcTest.)
 */
class RescueRequestConcurrencyTest extends RunningRepatriationService {

    static final int ROUNDS = Integer.getInteger("chainbreaker.concurrency.rounds", 50);

    /**
     * Rounds of a pair whose two serial orders end alike (it commutes, so it cannot order wrongly).
     */
    static final int COMMUTING_ROUNDS = Math.min(ROUNDS, 10);

    private static final Races RACES = new Races(3, 1);

    /**
     * A step of the host: acknowledge (by one of two officers), or record one of three outcomes.
     */
    enum StepKind {
        ACKNOWLEDGE,
        ACKNOWLEDGE_2,
        OUTCOME_A,
        OUTCOME_B,
        OUTCOME_EMPTY
    }

    static RescueOutcome outcome(StepKind step) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        var date =
                com.google.type.Date.newBuilder()
                        .setYear(today.getYear())
                        .setMonth(today.getMonthValue())
                        .setDay(today.getDayOfMonth());
        return switch (step) {
            case OUTCOME_A ->
                    RescueOutcome.newBuilder()
                            .setRescueDate(date)
                            .addRescued(RescueRequestsOverGrpcTest.rescued("PH", 4))
                            .addRescued(RescueRequestsOverGrpcTest.rescued("ID", 2))
                            .build();
            case OUTCOME_B ->
                    RescueOutcome.newBuilder()
                            .setRescueDate(date)
                            .addRescued(RescueRequestsOverGrpcTest.rescued("PH", 5))
                            .build();
            case OUTCOME_EMPTY -> RescueOutcome.newBuilder().setRescueDate(date).build();
            default -> throw new IllegalArgumentException(step.name());
        };
    }

    /** Returns an outcome opens (other member nationalities than the host). */
    static int returnsOf(StepKind step) {
        return outcome(step).getRescuedCount();
    }

    /**
     * The model's state: status, the outcome recorded, events, acknowledgement audit entries,
     * returns opened.
     */
    record State(
            RescueRequest.Status status,
            Optional<StepKind> outcome,
            int acknowledged,
            int resolved,
            int returns) {}

    /** The state after a step, and whether the step was accepted. */
    record Effect(boolean ok, State after) {}

    static Effect model(StepKind step, State s) {
        return switch (step) {
            case ACKNOWLEDGE, ACKNOWLEDGE_2 ->
                    s.status() == RescueRequest.Status.OPEN
                            ? new Effect(
                                    true,
                                    new State(
                                            RescueRequest.Status.ACKNOWLEDGED,
                                            s.outcome(),
                                            s.acknowledged() + 1,
                                            0,
                                            0))
                            : new Effect(false, s);
            default ->
                    switch (s.status()) {
                        case OPEN -> new Effect(false, s);
                        case ACKNOWLEDGED ->
                                new Effect(
                                        true,
                                        new State(
                                                RescueRequest.Status.RESOLVED,
                                                Optional.of(step),
                                                s.acknowledged(),
                                                1,
                                                returnsOf(step)));
                        // The same outcome again is answered as it is (same content: the model
                        // cannot tell A from a second A).
                        default ->
                                new Effect(
                                        s.outcome()
                                                .map(o -> outcome(o).equals(outcome(step)))
                                                .orElse(false),
                                        s);
                    };
        };
    }

    record Outcome(boolean firstOk, boolean secondOk, State state) {}

    static Outcome serial(State start, StepKind a, StepKind b, boolean aFirst) {
        Effect one = model(aFirst ? a : b, start);
        Effect two = model(aFirst ? b : a, one.after());
        return aFirst
                ? new Outcome(one.ok(), two.ok(), two.after())
                : new Outcome(two.ok(), one.ok(), two.after());
    }

    static final List<Object[]> PAIRS =
            List.of(
                    new Object[] {
                        RescueRequest.Status.OPEN, StepKind.ACKNOWLEDGE, StepKind.ACKNOWLEDGE_2
                    },
                    new Object[] {
                        RescueRequest.Status.OPEN, StepKind.ACKNOWLEDGE, StepKind.OUTCOME_A
                    },
                    new Object[] {
                        RescueRequest.Status.ACKNOWLEDGED, StepKind.OUTCOME_A, StepKind.OUTCOME_A
                    },
                    new Object[] {
                        RescueRequest.Status.ACKNOWLEDGED, StepKind.OUTCOME_A, StepKind.OUTCOME_B
                    },
                    new Object[] {
                        RescueRequest.Status.ACKNOWLEDGED,
                        StepKind.OUTCOME_EMPTY,
                        StepKind.OUTCOME_A
                    });

    /** The start of a pair's races in the model. */
    static State start(RescueRequest.Status status) {
        State open = new State(RescueRequest.Status.OPEN, Optional.empty(), 0, 0, 0);
        return status == RescueRequest.Status.ACKNOWLEDGED
                ? model(StepKind.ACKNOWLEDGE, open).after()
                : open;
    }

    static boolean commutes(Object[] pair) {
        State start = start((RescueRequest.Status) pair[0]);
        return serial(start, (StepKind) pair[1], (StepKind) pair[2], true)
                .equals(serial(start, (StepKind) pair[1], (StepKind) pair[2], false));
    }

    @AfterAll
    static void stopRaces() {
        RACES.close();
    }

    static Status.Code fire(StepKind step, RescueRequest r) {
        try {
            switch (step) {
                case ACKNOWLEDGE ->
                        as("KH", "kh-liaison", "liaison")
                                .acknowledgeRescueRequest(RescueRequestsOverGrpcTest.on(r));
                case ACKNOWLEDGE_2 ->
                        as("KH", "kh-liaison-2", "liaison")
                                .acknowledgeRescueRequest(RescueRequestsOverGrpcTest.on(r));
                default ->
                        liaison("KH")
                                .recordRescueOutcome(
                                        RecordRescueOutcomeRequest.newBuilder()
                                                .setId(r.getId())
                                                .setOutcome(outcome(step))
                                                .build());
            }
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void every_pair_of_conflicting_steps_fired_at_once_ends_as_one_of_the_two_serial_orders()
            throws Exception {
        assertThat(
                        Races.violations(
                                "rescue request state machine ("
                                        + ROUNDS
                                        + " rounds, "
                                        + COMMUTING_ROUNDS
                                        + " of a commuting pair)",
                                PAIRS,
                                pair -> commutes(pair) ? COMMUTING_ROUNDS : ROUNDS,
                                3,
                                pair ->
                                        race(
                                                (RescueRequest.Status) pair[0],
                                                (StepKind) pair[1],
                                                (StepKind) pair[2])))
                .isEmpty();
    }

    static String race(RescueRequest.Status state, StepKind a, StepKind b) throws Exception {
        RescueRequest r =
                RescueRequestsOverGrpcTest.raise(
                        liaison("PH"), RescueRequestsOverGrpcTest.heldInCambodia());
        State start = new State(RescueRequest.Status.OPEN, Optional.empty(), 0, 0, 0);
        if (state == RescueRequest.Status.ACKNOWLEDGED) {
            assertThat(fire(StepKind.ACKNOWLEDGE, r)).isEqualTo(Status.Code.OK);
            start = model(StepKind.ACKNOWLEDGE, start).after();
        }
        List<Status.Code> codes = RACES.atOnce(() -> fire(a, r), () -> fire(b, r));
        Status.Code codeA = codes.get(0);
        Status.Code codeB = codes.get(1);
        RescueRequest after = liaison("KH").getRescueRequest(RescueRequestsOverGrpcTest.get(r));
        List<String> events = eventsOf(r.getId());
        int acknowledgeAudits =
                column(
                                DATABASE,
                                "select action from audit_log where record_id = ? and action = 'ACKNOWLEDGE'",
                                r.getId())
                        .size();
        int returns =
                column(
                                DATABASE,
                                "select id::text from repatriations where rescue_request_id::text = ?",
                                r.getId())
                        .size();
        Optional<StepKind> recorded =
                after.hasOutcome()
                        ? List.of(StepKind.OUTCOME_A, StepKind.OUTCOME_B, StepKind.OUTCOME_EMPTY)
                                .stream()
                                .filter(k -> outcome(k).equals(after.getOutcome()))
                                .findFirst()
                        : Optional.empty();
        int acknowledgedEvents =
                (int) events.stream().filter("rescue_request.acknowledged"::equals).count();
        int resolvedEvents =
                (int) events.stream().filter("rescue_request.resolved"::equals).count();
        State seenState =
                new State(after.getStatus(), recorded, acknowledgedEvents, resolvedEvents, returns);
        Outcome seen = new Outcome(codeA == Status.Code.OK, codeB == Status.Code.OK, seenState);
        boolean consistent =
                acknowledgeAudits == acknowledgedEvents
                        && after.getVictimReturnIdsCount() == returns;
        boolean refusalsClean =
                (codeA == Status.Code.OK || codeA == Status.Code.FAILED_PRECONDITION)
                        && (codeB == Status.Code.OK || codeB == Status.Code.FAILED_PRECONDITION);
        String label = state + " " + a + "|" + b;
        if (consistent
                && refusalsClean
                && (seen.equals(serial(start, a, b, true))
                        || seen.equals(serial(start, a, b, false)))) {
            return "OK "
                    + label
                    + " -> "
                    + (seen.firstOk() ? "ok" : "refused")
                    + "/"
                    + (seen.secondOk() ? "ok" : "refused")
                    + " "
                    + seenState.status()
                    + seenState.outcome().map(o -> " " + o).orElse("");
        }
        return "VIOLATION "
                + label
                + ": "
                + r.getId()
                + " answered "
                + codeA
                + "/"
                + codeB
                + ", ended "
                + seen
                + " (audited acknowledgements "
                + acknowledgeAudits
                + ", listed returns "
                + after.getVictimReturnIdsCount()
                + "); legal: "
                + serial(start, a, b, true)
                + " or "
                + serial(start, a, b, false);
    }
}
