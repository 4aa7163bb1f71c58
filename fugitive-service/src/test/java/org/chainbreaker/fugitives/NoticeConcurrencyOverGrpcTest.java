package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.chainbreaker.devstack.Races;
import org.chainbreaker.fugitives.v1.Arrest;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.CustodyTransfer;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.RecordCustodyTransferRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.TransitionRequest;
import org.chainbreaker.fugitives.v1.UpdateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The state machine of a wanted person (notice status and custody) under steps sent at the same
 * moment: every pair of conflicting steps is fired at once, {@value #ROUNDS} rounds each, over gRPC
 * against the running service and PostgreSQL, and the outcome (which calls succeeded, the final
 * notice status and custody, and the events the record emitted, in order) must be what one of the
 * two serial orders gives. A model of the rules computes both. A pair whose two serial orders end
 * alike (it commutes: e.g. the same transfer recorded twice) cannot order wrongly, only fail or
 * duplicate, so it runs {@value #COMMUTING_ROUNDS} rounds. The records a pair races on are made
 * beforehand, several at a time; only the race itself runs alone.
 */
class NoticeConcurrencyOverGrpcTest extends RunningFugitiveService {

    static final int ROUNDS = Integer.getInteger("chainbreaker.concurrency.rounds", 50);
    static final int COMMUTING_ROUNDS = Math.min(ROUNDS, 10);

    private static final Races RACES = new Races(1, 4);

    /**
     * The owner role's connection that reads the outbox (not subject to row-level security), one
     * for the class.
     */
    private static Connection owner;

    private final FugitiveServiceBlockingStub kr = coordinator("KR");
    private final FugitiveServiceBlockingStub th = investigator("TH");
    private final FugitiveServiceBlockingStub vn = investigator("VN");

    @AfterAll
    static void stopPool() throws SQLException {
        RACES.close();
        if (owner != null) {
            owner.close();
        }
    }

    /**
     * The steps a test can fire; each knows its effect in the model and how to call the service.
     */
    enum Step {
        SUBMIT,
        PUBLISH,
        CANCEL,
        UPDATE,
        ARREST_BY_TH,
        ARREST_BY_VN,
        TRANSFER_A,
        TRANSFER_B,
        SIGHTING_BY_TH;

        /** The model: the state after this step, or empty if the rules refuse it in that state. */
        Optional<Model> apply(Model m) {
            return switch (this) {
                case SUBMIT ->
                        m.status.equals("DRAFT")
                                ? m.with(
                                        "UNDER_REVIEW",
                                        m.custody,
                                        m.arrestedBy,
                                        m.transfer,
                                        "wanted_person.submitted")
                                : Optional.empty();
                case PUBLISH ->
                        m.status.equals("UNDER_REVIEW")
                                ? m.with(
                                        "PUBLISHED",
                                        m.custody,
                                        m.arrestedBy,
                                        m.transfer,
                                        "wanted_person.published")
                                : Optional.empty();
                case CANCEL -> !m.status.equals("CANCELLED") ? m.cancelled() : Optional.empty();
                case UPDATE ->
                        !m.status.equals("CANCELLED")
                                ? m.with(
                                        m.status,
                                        m.custody,
                                        m.arrestedBy,
                                        m.transfer,
                                        "wanted_person.updated")
                                : Optional.empty();
                case ARREST_BY_TH, ARREST_BY_VN ->
                        m.status.equals("PUBLISHED") && m.custody.equals("AT_LARGE")
                                ? m.with(
                                        m.status,
                                        "ARRESTED",
                                        this == ARREST_BY_TH ? "TH" : "VN",
                                        m.transfer,
                                        "wanted_person.arrested")
                                : Optional.empty();
                case TRANSFER_A, TRANSFER_B -> {
                    String reference = this == TRANSFER_A ? "rep-A" : "rep-B";
                    if (m.custody.equals("TRANSFERRED")) {
                        // A repeat of the recorded transfer answers it and changes nothing.
                        yield m.transfer.equals(reference) ? Optional.of(m) : Optional.empty();
                    }
                    yield m.custody.equals("ARRESTED") && m.arrestedBy.equals("TH")
                            ? m.with(
                                    m.status,
                                    "TRANSFERRED",
                                    m.arrestedBy,
                                    reference,
                                    "wanted_person.transferred")
                            : Optional.empty();
                }
                case SIGHTING_BY_TH ->
                        m.status.equals("PUBLISHED") && m.custody.equals("AT_LARGE")
                                ? m.sightedBy("TH")
                                : Optional.empty();
            };
        }
    }

    /**
     * The model's state of one record: notice status, custody, who arrested, which transfer, the
     * events so far.
     */
    record Model(
            String status,
            String custody,
            String arrestedBy,
            String transfer,
            List<String> events,
            Set<String> seers) {
        Optional<Model> with(
                String status, String custody, String arrestedBy, String transfer, String event) {
            List<String> more = new ArrayList<>(events);
            more.add(event);
            return Optional.of(new Model(status, custody, arrestedBy, transfer, more, seers));
        }

        /**
         * The cancellation: its event, then one access_ended for each country that saw the
         * published notice (the operation's participants, a country that reported a sighting).
         */
        Optional<Model> cancelled() {
            List<String> more = new ArrayList<>(events);
            more.add("wanted_person.cancelled");
            if (status.equals("PUBLISHED")) {
                seers.forEach(c -> more.add("wanted_person.access_ended"));
            }
            return Optional.of(
                    new Model("CANCELLED", custody, arrestedBy, transfer, more, Set.of()));
        }

        Optional<Model> sightedBy(String country) {
            Set<String> more = new TreeSet<>(seers);
            more.add(country);
            return Optional.of(
                    new Model(status, custody, arrestedBy, transfer, events, more)
                            .with(status, custody, arrestedBy, transfer, "wanted_person.sighted")
                            .orElseThrow());
        }
    }

    /**
     * What a round ends in: which calls succeeded, the final status and custody, the events
     * emitted.
     */
    record Outcome(
            boolean firstOk,
            boolean secondOk,
            String status,
            String custody,
            List<String> events) {}

    static Outcome serial(Model start, Step first, Step second, boolean firstRunsFirst) {
        Step a = firstRunsFirst ? first : second;
        Step b = firstRunsFirst ? second : first;
        Optional<Model> afterA = a.apply(start);
        Model mid = afterA.orElse(start);
        Optional<Model> afterB = b.apply(mid);
        Model end = afterB.orElse(mid);
        boolean aOk = afterA.isPresent();
        boolean bOk = afterB.isPresent();
        return new Outcome(
                firstRunsFirst ? aOk : bOk,
                firstRunsFirst ? bOk : aOk,
                end.status,
                end.custody,
                end.events);
    }

    private Operation operation;

    private synchronized Operation operation() {
        if (operation == null) {
            operation =
                    operation(
                            kr,
                            Instant.now().minus(Duration.ofDays(1)),
                            Instant.now().plus(Duration.ofDays(30)),
                            "TH",
                            "VN");
        }
        return operation;
    }

    /** A fresh record brought to the start state; the model of it (no events yet counted). */
    private WantedPerson prepare(String state) {
        WantedPerson w =
                record(kr, person("Race Kim " + Long.toHexString(System.nanoTime()), 1984, 4, 4));
        if (state.equals("DRAFT")) {
            return w;
        }
        kr.submitWantedPerson(TransitionRequest.newBuilder().setId(w.getId()).build());
        if (state.equals("UNDER_REVIEW")) {
            return w;
        }
        kr.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(w.getId())
                        .setOperationId(operation().getId())
                        .build());
        WantedPerson published =
                kr.publishWantedPerson(TransitionRequest.newBuilder().setId(w.getId()).build());
        if (state.equals("PUBLISHED")) {
            return published;
        }
        return th.recordArrest(arrest(w.getId()));
    }

    private static RecordArrestRequest arrest(String id) {
        return RecordArrestRequest.newBuilder()
                .setWantedPersonId(id)
                .setArrest(
                        Arrest.newBuilder()
                                .setPlace("Pattaya")
                                .setArrestTime(timestamp(Instant.now().minusSeconds(600)))
                                .setCustody("Bangkok Remand Prison"))
                .build();
    }

    private void call(Step step, WantedPerson w) {
        TransitionRequest id = TransitionRequest.newBuilder().setId(w.getId()).build();
        switch (step) {
            case SUBMIT -> kr.submitWantedPerson(id);
            case PUBLISH -> kr.publishWantedPerson(id);
            case CANCEL ->
                    kr.cancelWantedPerson(
                            CancelWantedPersonRequest.newBuilder()
                                    .setId(w.getId())
                                    .setReason("warrant withdrawn by the court")
                                    .build());
            case UPDATE ->
                    kr.updateWantedPerson(
                            UpdateWantedPersonRequest.newBuilder()
                                    .setWantedPerson(
                                            person(w.getPrimaryName().getValue(), 1984, 4, 5)
                                                    .setId(w.getId()))
                                    .build());
            case ARREST_BY_TH -> th.recordArrest(arrest(w.getId()));
            case ARREST_BY_VN -> vn.recordArrest(arrest(w.getId()));
            case TRANSFER_A, TRANSFER_B ->
                    kr.recordCustodyTransfer(
                            RecordCustodyTransferRequest.newBuilder()
                                    .setWantedPersonId(w.getId())
                                    .setTransfer(
                                            CustodyTransfer.newBuilder()
                                                    .setRepatriationReference(
                                                            step == Step.TRANSFER_A
                                                                    ? "rep-A"
                                                                    : "rep-B")
                                                    .setHandoverTime(
                                                            timestamp(
                                                                    Instant.now().minusSeconds(60)))
                                                    .setFromCountry("TH")
                                                    .setToCountry("KR"))
                                    .build());
            case SIGHTING_BY_TH ->
                    th.reportSighting(
                            ReportSightingRequest.newBuilder()
                                    .setWantedPersonId(w.getId())
                                    .setSighting(
                                            Sighting.newBuilder()
                                                    .setCountry("TH")
                                                    .setPlace("Bangkok, Sukhumvit")
                                                    .setSeenTime(
                                                            timestamp(
                                                                    Instant.now().minusSeconds(60)))
                                                    .setConfidence(Sighting.Confidence.CONFIRMED)
                                                    .setSource("CCTV"))
                                    .build());
        }
    }

    /**
     * True if the call succeeded; a refusal must be one the rules give, never an internal error.
     */
    private boolean attempt(Step step, WantedPerson w) {
        try {
            call(step, w);
            return true;
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode())
                    .as(step + ": " + e.getStatus())
                    .isIn(Status.Code.FAILED_PRECONDITION, Status.Code.NOT_FOUND);
            return false;
        }
    }

    private static synchronized List<String> events(String id) throws SQLException {
        if (owner == null) {
            owner =
                    DriverManager.getConnection(
                            DATABASE.jdbcUrl(), DATABASE.ownerUser(), DATABASE.ownerPassword());
        }
        try (PreparedStatement q =
                owner.prepareStatement(
                        "select event_type from outbox_events where record_type = 'wanted_person' and record_id = ? order by id")) {
            q.setString(1, id);
            List<String> events = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    events.add(rs.getString(1));
                }
            }
            return events;
        }
    }

    /**
     * Who sees a record prepared in {@code state} besides KR: one prepared published is published
     * to the operation of TH and VN.
     */
    private static Set<String> audienceOf(String state) {
        return state.equals("PUBLISHED") || state.equals("ARRESTED")
                ? Set.of("TH", "VN")
                : Set.of();
    }

    /**
     * Fires the pair at once {@value #ROUNDS} times on fresh records in the start state; returns
     * how many rounds ended in each serial order (a round both orders explain counts as "either").
     */
    private Map<String, Integer> race(String state, Step first, Step second) throws Exception {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        Model model =
                new Model(
                        state.equals("ARRESTED") ? "PUBLISHED" : state,
                        state.equals("ARRESTED") ? "ARRESTED" : "AT_LARGE",
                        state.equals("ARRESTED") ? "TH" : "",
                        "",
                        List.of(),
                        audienceOf(state));
        int rounds =
                serial(model, first, second, true).equals(serial(model, first, second, false))
                        ? COMMUTING_ROUNDS
                        : ROUNDS;
        List<WantedPerson> records = RACES.prepared(rounds, round -> prepare(state));
        for (int round = 0; round < rounds; round++) {
            WantedPerson w = records.get(round);
            WantedPerson now =
                    kr.getWantedPerson(
                            GetWantedPersonRequest.newBuilder().setId(w.getId()).build());
            Model start =
                    new Model(
                            now.getNoticeStatus().name(),
                            now.getCustody().name(),
                            now.getCustody() == WantedPerson.Custody.ARRESTED ? "TH" : "",
                            "",
                            List.of(),
                            audienceOf(state));
            int before = events(w.getId()).size();
            List<Boolean> answers = RACES.atOnce(() -> attempt(first, w), () -> attempt(second, w));
            boolean aOk = answers.get(0);
            boolean bOk = answers.get(1);
            WantedPerson end =
                    kr.getWantedPerson(
                            GetWantedPersonRequest.newBuilder().setId(w.getId()).build());
            List<String> all = events(w.getId());
            Outcome actual =
                    new Outcome(
                            aOk,
                            bOk,
                            end.getNoticeStatus().name(),
                            end.getCustody().name(),
                            all.subList(before, all.size()));
            Outcome ab = serial(start, first, second, true);
            Outcome ba = serial(start, first, second, false);
            String order =
                    actual.equals(ab) && actual.equals(ba)
                            ? "either"
                            : actual.equals(ab)
                                    ? first + " first"
                                    : actual.equals(ba) ? second + " first" : "none";
            seen.merge(order, 1, Integer::sum);
            if (order.equals("none")) {
                violations.add(
                        "round " + round + " " + actual + " is neither " + ab + " nor " + ba);
            }
        }
        assertThat(violations).as(first + " | " + second + " from " + state + " " + seen).isEmpty();
        System.out.printf(
                "concurrency %s | %s from %s: %d rounds %s%n", first, second, state, rounds, seen);
        return seen;
    }

    /**
     * Races each pair ("FIRST|SECOND", separated by spaces) from {@code state}, in the order given.
     */
    private void raceEach(String state, String pairs) throws Exception {
        for (String pair : pairs.split(" ")) {
            String[] steps = pair.split("\\|");
            race(state, Step.valueOf(steps[0]), Step.valueOf(steps[1]));
        }
    }

    @Test
    void steps_of_a_draft_sent_at_once_end_as_if_one_came_after_the_other() throws Exception {
        raceEach("DRAFT", "SUBMIT|SUBMIT SUBMIT|CANCEL SUBMIT|UPDATE CANCEL|UPDATE CANCEL|CANCEL");
    }

    @Test
    void steps_of_a_notice_under_review_sent_at_once_end_as_if_one_came_after_the_other()
            throws Exception {
        raceEach("UNDER_REVIEW", "PUBLISH|CANCEL PUBLISH|PUBLISH PUBLISH|UPDATE CANCEL|UPDATE");
    }

    @Test
    void steps_on_a_published_person_at_large_sent_at_once_end_as_if_one_came_after_the_other()
            throws Exception {
        raceEach(
                "PUBLISHED",
                "CANCEL|UPDATE CANCEL|ARREST_BY_TH ARREST_BY_TH|ARREST_BY_VN ARREST_BY_TH|SIGHTING_BY_TH CANCEL|SIGHTING_BY_TH");
    }

    @Test
    void steps_on_an_arrested_person_sent_at_once_end_as_if_one_came_after_the_other()
            throws Exception {
        raceEach(
                "ARRESTED",
                "TRANSFER_A|TRANSFER_B TRANSFER_A|TRANSFER_A TRANSFER_A|CANCEL CANCEL|UPDATE");
    }
}
