package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.FaultSuite.*;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import org.chainbreaker.fugitives.v1.Arrest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.TransitionRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * The arrest-to-draft path under faults: wanted persons of KR seen in TH, TH's arrests of them
 * through both faces of the gateway, and what the two databases hold afterwards (drafts and their
 * events in the repatriation-service, handoffs still queued in the fugitive-service).
 */
final class FaultArrests {

    static final String OWNER = "KR";
    static final String ARRESTING = "TH";

    /** Persons arrested, and when each arrest was acknowledged (System.nanoTime). */
    final Map<String, Long> arrested = new ConcurrentHashMap<>();

    final ConcurrentSkipListSet<Long> ackTimes = new ConcurrentSkipListSet<>();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    /** KR's published notices, each with a sighting in TH (which lets TH see, and arrest). */
    static List<String> wantedByKoreaSeenInThailand(int count) {
        List<String> ids = new ArrayList<>(count);
        String user = "kr-investigator";
        for (int i = 0; i < count; i++) {
            WantedPerson draft =
                    ok(
                                    user,
                                    "CreateWantedPerson",
                                    CreateWantedPersonRequest.newBuilder()
                                            .setWantedPerson(
                                                    WantedPerson.newBuilder()
                                                            .setPrimaryName(
                                                                    PersonName.newBuilder()
                                                                            .setValue(
                                                                                    "Fault Arrest "
                                                                                            + i))
                                                            .addCharges("fraud (investment scam)")
                                                            .setWarrant(
                                                                    Warrant.newBuilder()
                                                                            .setReference(
                                                                                    "FAULT-W-"
                                                                                            + UUID
                                                                                                    .randomUUID())
                                                                            .setIssuingAuthority(
                                                                                    "Busan District Court")))
                                            .setRequestId("fault-arrest-" + UUID.randomUUID())
                                            .build())
                            .as(WantedPerson.parser());
            TransitionRequest on = TransitionRequest.newBuilder().setId(draft.getId()).build();
            ok(user, "SubmitWantedPerson", on);
            ok(user, "PublishWantedPerson", on);
            ok(
                    user,
                    "ReportSighting",
                    ReportSightingRequest.newBuilder()
                            .setWantedPersonId(draft.getId())
                            .setSighting(
                                    Sighting.newBuilder()
                                            .setCountry(ARRESTING)
                                            .setPlace("Bangkok")
                                            .setSource("informant")
                                            .setConfidence(Sighting.Confidence.CONFIRMED)
                                            .setSeenTime(
                                                    timestamp(
                                                            Instant.now()
                                                                    .minus(Duration.ofDays(1)))))
                            .build());
            ids.add(draft.getId());
        }
        return ids;
    }

    private static Outcome ok(String user, String method, Message request) {
        Outcome out =
                faces.call(Face.GRPC, Faces.endpoint(FUGITIVES, method), token(user), request);
        if (!out.ok()) {
            throw new IllegalStateException(method + " as " + user + ": " + out);
        }
        return out;
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    /**
     * TH arrests {@code person} through {@code face}; the fugitive-service is not disturbed here,
     * so a fault answer is retried (RecordArrest of the same arrest again is refused as a second
     * arrest, which would show as a failure) and any other refusal is a failure.
     */
    void arrest(String person, Face face) {
        RecordArrestRequest request =
                RecordArrestRequest.newBuilder()
                        .setWantedPersonId(person)
                        .setArrest(
                                Arrest.newBuilder()
                                        .setPlace("Bangkok, Sukhumvit Soi 11")
                                        .setArrestTime(
                                                timestamp(
                                                        Instant.now()
                                                                .minus(Duration.ofMinutes(30))))
                                        .setCustody("Royal Thai Police, Lumpini"))
                        .build();
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        while (true) {
            Outcome out =
                    faces.call(
                            face,
                            Faces.endpoint(FUGITIVES, "RecordArrest"),
                            token("th-investigator"),
                            request);
            if (out.ok()) {
                long now = System.nanoTime();
                arrested.put(person, now);
                while (!ackTimes.add(now)) {
                    now++;
                }
                return;
            }
            boolean fault =
                    face == Face.REST
                            ? out.http() == 0 || out.http() >= 500
                            : FaultClients.UNACKNOWLEDGED.contains(out.code());
            if (!fault || System.nanoTime() > giveUp) {
                failures.add("RecordArrest of " + person + " via " + face + ": " + out);
                return;
            }
            pause(RETRY_PAUSE);
        }
    }

    long acksBetween(long from, long to) {
        return ackTimes.subSet(from, to).size();
    }

    /** Per wanted person: its repatriations, read as superuser. */
    record Drafts(
            Map<String, Integer> rows,
            Map<String, Integer> openedEvents,
            Map<String, String> statusAndOwner) {

        int persons() {
            return rows.size();
        }
    }

    static Drafts drafts(List<String> persons) throws SQLException {
        Map<String, Integer> rows = new HashMap<>();
        Map<String, Integer> events = new HashMap<>();
        Map<String, String> state = new HashMap<>();
        try (Connection c = postgres.superuserConnection("repatriation");
                PreparedStatement s =
                        c.prepareStatement(
                                "select r.wanted_person_id::text, r.id::text, r.status, r.owner_country,"
                                        + " r.sending_country, r.receiving_country,"
                                        + " (select count(*) from outbox_events e where e.record_id = r.id::text"
                                        + "  and e.event_type = 'repatriation.opened_from_arrest')"
                                        + " from repatriations r where r.wanted_person_id = any(?::uuid[])")) {
            s.setArray(1, c.createArrayOf("text", persons.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String person = rs.getString(1);
                    rows.merge(person, 1, Integer::sum);
                    events.merge(person, rs.getInt(7), Integer::sum);
                    state.put(
                            person,
                            rs.getString(3)
                                    + " owner "
                                    + rs.getString(4)
                                    + " "
                                    + rs.getString(5)
                                    + "->"
                                    + rs.getString(6));
                }
            }
        }
        return new Drafts(rows, events, state);
    }

    /** Handoffs the fugitive-service still holds for {@code persons}: how many, most attempts. */
    static long[] queuedHandoffs(List<String> persons) throws SQLException {
        try (Connection c = postgres.superuserConnection("fugitives");
                PreparedStatement s =
                        c.prepareStatement(
                                "select count(*), coalesce(max(attempts), 0) from arrest_handoffs"
                                        + " where wanted_person_id = any(?::uuid[])")) {
            s.setArray(1, c.createArrayOf("text", persons.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}
