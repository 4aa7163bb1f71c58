package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.SetLeadStatusRequest;
import org.chainbreaker.cases.v1.TransitionCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.devstack.AppRoleSession;
import org.chainbreaker.devstack.Races;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every pair of conflicting steps of the case-service's state machines (case lifecycle, lead status
 * and assignment; scam centres have no states), fired at the same moment over gRPC against the real
 * service and PostgreSQL, many rounds each, without etags. After each round the answers, the final
 * state and the history (the events of the record, which every accepted step writes exactly once)
 * must be those of one of the two serial orders, computed from the rules as the API states them
 * (not from the service's own code). A pair whose two serial orders end alike (it commutes) cannot
 * order wrongly, so it runs {@value #COMMUTING_ROUNDS} rounds; the records are made beforehand,
 * several at a time, and only the races run one by one.
 */
class WorkflowConcurrencyTest extends RunningCaseService {

    static final int ROUNDS = 50;
    static final int COMMUTING_ROUNDS = 10;
    private static final Races RACES = new Races(1, 4);

    private CaseServiceBlockingStub kr;
    private CaseServiceBlockingStub th;

    /**
     * Stubs made once the service runs (their deadline starts when they are made); renewed each
     * round.
     */
    @BeforeEach
    void stubs() {
        kr = casesAs("KR", "kr-investigator", "investigator");
        th = casesAs("TH", "th-investigator", "investigator");
    }

    @AfterAll
    static void stopPool() {
        RACES.close();
    }

    /**
     * Fires both calls as close to the same moment as two threads can; answers their outcomes (OK
     * or the code).
     */
    static Status.Code[] atOnce(Runnable a, Runnable b) throws Exception {
        List<Status.Code> answers = RACES.atOnce(() -> outcome(a), () -> outcome(b));
        return new Status.Code[] {answers.get(0), answers.get(1)};
    }

    static Status.Code outcome(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    /**
     * What one serial order gives: each step's answer, the final state, how many steps were
     * accepted.
     */
    record Serial(Status.Code a, Status.Code b, String state, int accepted) {}

    static int events(Connection krSession, String recordId, String type) throws SQLException {
        return Integer.parseInt(
                AppRoleSession.column(
                                krSession,
                                "select count(*) from outbox_events where record_id = '"
                                        + recordId
                                        + "' and event_type like '"
                                        + type
                                        + "'")
                        .getFirst());
    }

    // -----------------------------------------------------------------------------------------
    // case lifecycle

    /** The lifecycle as TransitionCase documents it. */
    private static final Map<Case.Status, Set<Case.Status>> CASE_STEPS =
            Map.of(
                    Case.Status.OPEN,
                            EnumSet.of(Case.Status.UNDER_INVESTIGATION, Case.Status.CLOSED),
                    Case.Status.UNDER_INVESTIGATION,
                            EnumSet.of(Case.Status.EVIDENCE_SUFFICIENT, Case.Status.CLOSED),
                    Case.Status.EVIDENCE_SUFFICIENT,
                            EnumSet.of(Case.Status.UNDER_INVESTIGATION, Case.Status.CLOSED),
                    Case.Status.CLOSED, EnumSet.of(Case.Status.UNDER_INVESTIGATION));

    /** How a fresh (OPEN) case is brought to a status. */
    private static final Map<Case.Status, List<Case.Status>> CASE_SETUP =
            Map.of(
                    Case.Status.OPEN, List.of(),
                    Case.Status.UNDER_INVESTIGATION, List.of(Case.Status.UNDER_INVESTIGATION),
                    Case.Status.EVIDENCE_SUFFICIENT,
                            List.of(
                                    Case.Status.UNDER_INVESTIGATION,
                                    Case.Status.EVIDENCE_SUFFICIENT),
                    Case.Status.CLOSED, List.of(Case.Status.CLOSED));

    private static Serial caseSerial(
            Case.Status start, Case.Status first, Case.Status second, boolean swapped) {
        Case.Status state = start;
        Status.Code[] answers = new Status.Code[2];
        int accepted = 0;
        Case.Status[] order =
                swapped ? new Case.Status[] {second, first} : new Case.Status[] {first, second};
        for (int i = 0; i < 2; i++) {
            if (CASE_STEPS.get(state).contains(order[i])) {
                state = order[i];
                answers[i] = Status.Code.OK;
                accepted++;
            } else {
                answers[i] = Status.Code.FAILED_PRECONDITION;
            }
        }
        return swapped
                ? new Serial(answers[1], answers[0], state.name(), accepted)
                : new Serial(answers[0], answers[1], state.name(), accepted);
    }

    private TransitionCaseRequest move(Case c, Case.Status to) {
        return TransitionCaseRequest.newBuilder().setId(c.getId()).setStatus(to).build();
    }

    @Test
    void every_pair_of_conflicting_case_steps_at_once_ends_as_one_serial_order() throws Exception {
        int pairs = 0;
        int raced = 0;
        int bothAccepted = 0;
        long started = System.nanoTime();
        try (Connection krSession = AppRoleSession.open(DATABASE, "KR")) {
            for (Case.Status start : Case.Status.values()) {
                if (start == Case.Status.STATUS_UNSPECIFIED || start == Case.Status.UNRECOGNIZED) {
                    continue;
                }
                List<Case.Status> steps = new ArrayList<>(CASE_STEPS.get(start));
                for (int i = 0; i < steps.size(); i++) {
                    for (int j = i; j < steps.size(); j++) {
                        Case.Status a = steps.get(i);
                        Case.Status b = steps.get(j);
                        pairs++;
                        Case.Status from = start;
                        int rounds =
                                caseSerial(start, a, b, false).equals(caseSerial(start, a, b, true))
                                        ? COMMUTING_ROUNDS
                                        : ROUNDS;
                        List<Case> cases =
                                RACES.prepared(
                                        rounds,
                                        round -> {
                                            Case c =
                                                    kr.createCase(
                                                            CreateCaseRequest.newBuilder()
                                                                    .setCase(
                                                                            Case.newBuilder()
                                                                                    .setTitle(
                                                                                            "Race "
                                                                                                    + from
                                                                                                    + " "
                                                                                                    + a
                                                                                                    + "/"
                                                                                                    + b)
                                                                                    .setCategory(
                                                                                            Case
                                                                                                    .Category
                                                                                                    .OTHER))
                                                                    .build());
                                            CASE_SETUP
                                                    .get(from)
                                                    .forEach(s -> kr.transitionCase(move(c, s)));
                                            return c;
                                        });
                        raced += rounds;
                        for (int round = 0; round < rounds; round++) {
                            Case c = cases.get(round);
                            int before = events(krSession, c.getId(), "case.status_changed");
                            Status.Code[] answers =
                                    atOnce(
                                            () -> kr.transitionCase(move(c, a)),
                                            () -> kr.transitionCase(move(c, b)));
                            Case after =
                                    kr.getCase(
                                            GetCaseRequest.newBuilder().setId(c.getId()).build());
                            Serial observed =
                                    new Serial(
                                            answers[0],
                                            answers[1],
                                            after.getStatus().name(),
                                            events(krSession, c.getId(), "case.status_changed")
                                                    - before);
                            assertThat(observed)
                                    .as("%s: %s and %s at once, round %d", start, a, b, round)
                                    .isIn(
                                            caseSerial(start, a, b, false),
                                            caseSerial(start, a, b, true));
                            if (observed.accepted() == 2) {
                                bothAccepted++;
                            }
                        }
                    }
                }
            }
        }
        System.out.printf(
                "WorkflowConcurrencyTest: %d case step pairs, %d rounds, %d rounds with both steps accepted"
                        + " (legally), %d s%n",
                pairs, raced, bothAccepted, (System.nanoTime() - started) / 1_000_000_000L);
    }

    // ------------------------------------------------------------------------------------------------ leads

    /** The lead lifecycle as SetLeadStatus documents it. */
    private static final Map<Lead.Status, Set<Lead.Status>> LEAD_STEPS =
            Map.of(
                    Lead.Status.NEW, EnumSet.of(Lead.Status.IN_PROGRESS, Lead.Status.DISMISSED),
                    Lead.Status.ASSIGNED,
                            EnumSet.of(Lead.Status.IN_PROGRESS, Lead.Status.DISMISSED),
                    Lead.Status.IN_PROGRESS,
                            EnumSet.of(Lead.Status.CONFIRMED, Lead.Status.DISMISSED),
                    Lead.Status.CONFIRMED, EnumSet.of(Lead.Status.IN_PROGRESS),
                    Lead.Status.DISMISSED, EnumSet.of(Lead.Status.IN_PROGRESS));

    private static boolean closed(Lead.Status status) {
        return status == Lead.Status.CONFIRMED || status == Lead.Status.DISMISSED;
    }

    /** Where a lead stands: its status and its assignee ("" when none). */
    record LeadState(Lead.Status status, String assignee) {
        @Override
        public String toString() {
            return status + "@" + assignee;
        }
    }

    /** A result of a step in the model: the answer and the state after it. */
    record Applied(Status.Code answer, LeadState state) {}

    /**
     * One step on a lead by one country: an assignment (owner), a hand-over (assignee), or a status
     * change.
     */
    record LeadStep(String name, String by, String assignTo, Lead.Status status) {

        static LeadStep assign(String to) {
            return new LeadStep("KR assigns to " + to, "KR", to, null);
        }

        static LeadStep passOn(String by, String to) {
            return new LeadStep(by + " passes on to " + to, by, to, null);
        }

        static LeadStep status(String by, Lead.Status status) {
            return new LeadStep(by + " sets " + status, by, null, status);
        }

        /** The rules of AssignLead and SetLeadStatus, restated. */
        Applied apply(LeadState s) {
            boolean owner = by.equals("KR");
            if (!owner && !by.equals(s.assignee())) {
                return new Applied(Status.Code.NOT_FOUND, s);
            }
            if (status == null) {
                if (closed(s.status())) {
                    return new Applied(Status.Code.FAILED_PRECONDITION, s);
                }
                Lead.Status next =
                        owner && !assignTo.equals(s.assignee()) ? Lead.Status.ASSIGNED : s.status();
                return new Applied(Status.Code.OK, new LeadState(next, assignTo));
            }
            if (!LEAD_STEPS.get(s.status()).contains(status)) {
                return new Applied(Status.Code.FAILED_PRECONDITION, s);
            }
            return new Applied(Status.Code.OK, new LeadState(status, s.assignee()));
        }

        Runnable call(CaseServiceBlockingStub as, Lead l) {
            if (status == null) {
                return () ->
                        as.assignLead(
                                AssignLeadRequest.newBuilder()
                                        .setCaseId(l.getCaseId())
                                        .setId(l.getId())
                                        .setCountry(assignTo)
                                        .setHandlingCode(HandlingCode.H1)
                                        .build());
            }
            return () ->
                    as.setLeadStatus(
                            SetLeadStatusRequest.newBuilder()
                                    .setCaseId(l.getCaseId())
                                    .setId(l.getId())
                                    .setStatus(status)
                                    .build());
        }
    }

    private static Serial leadSerial(LeadState start, LeadStep a, LeadStep b, boolean swapped) {
        LeadStep[] order = swapped ? new LeadStep[] {b, a} : new LeadStep[] {a, b};
        LeadState state = start;
        Status.Code[] answers = new Status.Code[2];
        int accepted = 0;
        for (int i = 0; i < 2; i++) {
            Applied applied = order[i].apply(state);
            answers[i] = applied.answer();
            state = applied.state();
            accepted += applied.answer() == Status.Code.OK ? 1 : 0;
        }
        return swapped
                ? new Serial(answers[1], answers[0], state.toString(), accepted)
                : new Serial(answers[0], answers[1], state.toString(), accepted);
    }

    private CaseServiceBlockingStub as(String country) {
        return switch (country) {
            case "KR" -> kr;
            case "TH" -> th;
            default -> throw new IllegalArgumentException(country);
        };
    }

    @Test
    void every_pair_of_conflicting_lead_steps_at_once_ends_as_one_serial_order() throws Exception {
        LeadStep reassign = LeadStep.assign("VN");
        LeadStep passOn = LeadStep.passOn("TH", "MY");
        LeadState fresh = new LeadState(Lead.Status.NEW, "");
        LeadState assigned = new LeadState(Lead.Status.ASSIGNED, "TH");
        LeadState working = new LeadState(Lead.Status.IN_PROGRESS, "TH");
        LeadState confirmed = new LeadState(Lead.Status.CONFIRMED, "TH");
        record Race(LeadState start, LeadStep a, LeadStep b) {}
        List<Race> races =
                List.of(
                        new Race(fresh, LeadStep.assign("TH"), reassign),
                        new Race(fresh, LeadStep.status("KR", Lead.Status.IN_PROGRESS), reassign),
                        new Race(fresh, LeadStep.status("KR", Lead.Status.DISMISSED), reassign),
                        new Race(assigned, reassign, passOn),
                        new Race(
                                assigned, reassign, LeadStep.status("TH", Lead.Status.IN_PROGRESS)),
                        new Race(assigned, passOn, LeadStep.status("TH", Lead.Status.IN_PROGRESS)),
                        new Race(
                                assigned,
                                LeadStep.status("TH", Lead.Status.IN_PROGRESS),
                                LeadStep.status("KR", Lead.Status.DISMISSED)),
                        new Race(
                                assigned,
                                LeadStep.status("TH", Lead.Status.IN_PROGRESS),
                                LeadStep.status("TH", Lead.Status.IN_PROGRESS)),
                        new Race(assigned, passOn, passOn),
                        new Race(working, reassign, passOn),
                        new Race(working, reassign, LeadStep.status("TH", Lead.Status.CONFIRMED)),
                        new Race(working, passOn, LeadStep.status("TH", Lead.Status.CONFIRMED)),
                        new Race(
                                working,
                                LeadStep.status("TH", Lead.Status.CONFIRMED),
                                LeadStep.status("KR", Lead.Status.DISMISSED)),
                        new Race(
                                working,
                                LeadStep.status("TH", Lead.Status.CONFIRMED),
                                LeadStep.status("TH", Lead.Status.CONFIRMED)),
                        new Race(working, reassign, LeadStep.status("KR", Lead.Status.DISMISSED)),
                        new Race(
                                confirmed,
                                LeadStep.status("TH", Lead.Status.IN_PROGRESS),
                                LeadStep.status("KR", Lead.Status.IN_PROGRESS)),
                        new Race(
                                confirmed,
                                reassign,
                                LeadStep.status("TH", Lead.Status.IN_PROGRESS)),
                        new Race(
                                confirmed, passOn, LeadStep.status("TH", Lead.Status.IN_PROGRESS)));
        long started = System.nanoTime();
        int raced = 0;
        int bothAccepted = 0;
        Case c =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Lead races")
                                                .setCategory(Case.Category.OTHER))
                                .build());
        try (Connection krSession = AppRoleSession.open(DATABASE, "KR")) {
            for (Race race : races) {
                int rounds =
                        leadSerial(race.start(), race.a(), race.b(), false)
                                        .equals(leadSerial(race.start(), race.a(), race.b(), true))
                                ? COMMUTING_ROUNDS
                                : ROUNDS;
                List<Lead> leads =
                        RACES.prepared(
                                rounds,
                                round -> {
                                    Lead l =
                                            kr.createLead(
                                                    CreateLeadRequest.newBuilder()
                                                            .setCaseId(c.getId())
                                                            .setLead(
                                                                    Lead.newBuilder()
                                                                            .setKind(
                                                                                    Lead.Kind.OTHER)
                                                                            .setValue(
                                                                                    "race "
                                                                                            + round))
                                                            .build());
                                    bringTo(l, race.start());
                                    return l;
                                });
                raced += rounds;
                for (int round = 0; round < rounds; round++) {
                    Lead l = leads.get(round);
                    int before = events(krSession, l.getId(), "lead.%");
                    Status.Code[] answers =
                            atOnce(
                                    race.a().call(as(race.a().by()), l),
                                    race.b().call(as(race.b().by()), l));
                    Lead after =
                            kr.getLead(
                                    GetLeadRequest.newBuilder()
                                            .setCaseId(c.getId())
                                            .setId(l.getId())
                                            .build());
                    Serial observed =
                            new Serial(
                                    answers[0],
                                    answers[1],
                                    new LeadState(after.getStatus(), after.getAssignedCountry())
                                            .toString(),
                                    events(krSession, l.getId(), "lead.%") - before);
                    assertThat(observed)
                            .as(
                                    "from %s: '%s' and '%s' at once, round %d",
                                    race.start(), race.a().name(), race.b().name(), round)
                            .isIn(
                                    leadSerial(race.start(), race.a(), race.b(), false),
                                    leadSerial(race.start(), race.a(), race.b(), true));
                    if (observed.accepted() == 2) {
                        bothAccepted++;
                    }
                }
            }
        }
        System.out.printf(
                "WorkflowConcurrencyTest: %d lead step pairs, %d rounds, %d rounds with both steps accepted"
                        + " (legally), %d s%n",
                races.size(), raced, bothAccepted, (System.nanoTime() - started) / 1_000_000_000L);
    }

    private void bringTo(Lead l, LeadState state) {
        if (state.assignee().isEmpty()) {
            return;
        }
        LeadStep.assign(state.assignee()).call(kr, l).run();
        if (state.status() == Lead.Status.IN_PROGRESS || state.status() == Lead.Status.CONFIRMED) {
            LeadStep.status("TH", Lead.Status.IN_PROGRESS).call(th, l).run();
        }
        if (state.status() == Lead.Status.CONFIRMED) {
            LeadStep.status("TH", Lead.Status.CONFIRMED).call(th, l).run();
        }
    }
}
