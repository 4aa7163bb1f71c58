package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.IsolationSteps.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import io.grpc.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.chainbreaker.fugitives.v1.Arrest;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.SyncArrestTransferRequest;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * Arrests in the isolation property ("arrest -> transfer request"): a country that sees a PUBLISHED
 * notice of a person at large records the arrest (RecordArrest); a country that does not see it
 * gets NOT_FOUND with the text of an id that never existed, a notice not PUBLISHED or a person
 * already in custody FAILED_PRECONDITION. The arrest opens, through the fugitive-service's arrest
 * relay, exactly one DRAFT suspect transfer owned by the arresting country, from it to the notice's
 * owner; the step waits for the relay, or half the time opens the draft itself as the arresting
 * country would (SyncArrestTransfer, which answers the relay's draft if it came first), and the
 * owner's SyncArrestTransfer answers the same draft. The model then knows: custody and the
 * arresting country, seen by whoever sees the notice; the arrest itself (place, time, custody), by
 * the owner and the arresting country only; the draft, seen by its two countries and the
 * coordinators, the arrest on it by the two countries only; no sighting of a person in custody; and
 * a cancelled notice's DRAFT closed by the relay (see {@link IsolationNoticeWrites}).
 */
abstract class IsolationArrestWrites extends IsolationRequestAnswering {

    /** For the figures: arrests by outcome and drafts by who opened them. */
    static final Map<String, AtomicLong> arrestFigures = new ConcurrentHashMap<>();

    IsolationArrestWrites(int sequence, List<Step> steps) {
        super(sequence, steps);
    }

    static void countArrest(String what) {
        arrestFigures.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    void performArrestStep(Step s, String actor, Face face) {
        if (wanted.isEmpty()) {
            createWanted(actor, face, s.a(), s.b());
            return;
        }
        // Mostly a published notice of a person at large that a country besides its owner sees, by
        // such a country; sometimes any notice, or any country.
        List<WantedM> atLarge =
                wanted.stream()
                        .filter(
                                w ->
                                        !w.tainted
                                                && w.status == WantedPerson.NoticeStatus.PUBLISHED
                                                && w.arrestedBy == null
                                                && TENANTS.stream()
                                                        .anyMatch(
                                                                t ->
                                                                        !t.equals(w.owner)
                                                                                && w.visibleTo(t)))
                        .toList();
        WantedM w =
                atLarge.isEmpty() || s.c() % 5 == 0
                        ? wanted.get(s.a() % wanted.size())
                        : atLarge.get(s.a() % atLarge.size());
        List<String> seeing =
                TENANTS.stream().filter(t -> !t.equals(w.owner) && w.visibleTo(t)).toList();
        String by = seeing.isEmpty() || s.b() % 4 == 0 ? actor : seeing.get(s.b() % seeing.size());
        recordArrest(by, face, w, s.c() % 2 == 0);
    }

    void recordArrest(String by, Face face, WantedM w, boolean openedByHand) {
        if (w.tainted) {
            return;
        }
        Arrest arrest =
                Arrest.newBuilder()
                        .setPlace("Police post " + counter.incrementAndGet() + " (generated)")
                        .setArrestTime(timestamp(Instant.now().minusSeconds(600)))
                        .setCustody("held by the police of " + by)
                        .build();
        Outcome out =
                call(
                        face,
                        investigator(by),
                        Faces.FUGITIVES,
                        "RecordArrest",
                        RecordArrestRequest.newBuilder()
                                .setWantedPersonId(w.id)
                                .setArrest(arrest)
                                .build());
        trace(
                "RecordArrest "
                        + w.id
                        + " ("
                        + w.status
                        + (w.arrestedBy == null ? ", at large" : ", arrested by " + w.arrestedBy)
                        + ", of "
                        + w.owner
                        + ") by "
                        + by
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(WRITES);
        if (!w.visibleTo(by)) {
            expectNotFoundText(
                    out,
                    by,
                    Faces.FUGITIVES,
                    "RecordArrest",
                    RecordArrestRequest.newBuilder()
                            .setWantedPersonId(UUID.randomUUID().toString())
                            .setArrest(arrest)
                            .build(),
                    w.id);
            countArrest("refused: not seen");
        } else if (w.status != WantedPerson.NoticeStatus.PUBLISHED || w.arrestedBy != null) {
            expectCode(
                    out,
                    Status.Code.FAILED_PRECONDITION,
                    "RecordArrest by "
                            + by
                            + " of a "
                            + w.status
                            + " notice"
                            + (w.arrestedBy == null
                                    ? ""
                                    : " of a person arrested by " + w.arrestedBy));
            countArrest("refused: not published or in custody");
        } else {
            expectOk(out, "RecordArrest by " + by + " of a published notice it sees");
            WantedPerson answered = out.as(WantedPerson.parser());
            expect(
                    answered.getCustody() == WantedPerson.Custody.ARRESTED
                            && answered.getArrestingCountry().equals(by)
                            && answered.getArrest().getPlace().equals(arrest.getPlace()),
                    "RecordArrest by "
                            + by
                            + " answered "
                            + answered.getCustody()
                            + " by '"
                            + answered.getArrestingCountry()
                            + "' at '"
                            + answered.getArrest().getPlace()
                            + "'");
            w.arrestedBy = by;
            countArrest(by.equals(w.owner) ? "recorded by the owner" : "recorded");
            if (!by.equals(w.owner)) {
                draftOpened(w, face, openedByHand);
            } else {
                // The contract does not say what the owner's own arrest opens (a transfer from
                // the owner to itself means nothing): the owner's SyncArrestTransfer is counted by
                // its answer, any answer but a server failure.
                countArrest(
                        "arrest by the owner itself, its SyncArrestTransfer answers "
                                + sync(by, face, w).code());
            }
        }
        checkEveryone(t -> checkWanted(w, t, faceFor(t)));
        if (w.draft != null) {
            checkEveryone(t -> checkRepatriation(w.draft, t, faceFor(t)));
        }
    }

    /**
     * The draft transfer of {@code w}'s arrest: opened by the relay (waited for) or by the
     * arresting country's own SyncArrestTransfer; in either case exactly one, which the owner's
     * SyncArrestTransfer answers too.
     */
    private void draftOpened(WantedM w, Face face, boolean openedByHand) {
        String arresting = w.arrestedBy;
        String id;
        if (openedByHand) {
            Outcome out = sync(arresting, face, w);
            expectOk(out, "SyncArrestTransfer by the arresting country " + arresting);
            id = out.as(Repatriation.parser()).getId();
            countArrest("drafts opened by SyncArrestTransfer (or the relay first)");
        } else {
            List<String> found = new ArrayList<>();
            byTheRelay(
                    "the arrest relay opens the draft transfer of " + w.id,
                    () -> {
                        found.clear();
                        found.addAll(draftsOf(arresting, face, w));
                        return !found.isEmpty();
                    });
            id = found.getFirst();
            countArrest("drafts opened by the relay");
        }
        channel(UNIQUENESS);
        List<String> drafts = draftsOf(arresting, face, w);
        expect(
                drafts.equals(List.of(id)),
                "the arrest of "
                        + w.id
                        + " by "
                        + arresting
                        + " opened the transfers "
                        + drafts
                        + " (the answer named "
                        + id
                        + ")");
        Outcome again = sync(w.owner, face == Face.REST ? Face.GRPC : Face.REST, w);
        expectOk(again, "SyncArrestTransfer by the notice's owner " + w.owner);
        expect(
                again.as(Repatriation.parser()).getId().equals(id),
                "SyncArrestTransfer by the owner "
                        + w.owner
                        + " answers "
                        + again.as(Repatriation.parser()).getId()
                        + ", not the draft "
                        + id);
        channel(WRITES);
        expect(!allReps.containsKey(id), "the draft of an arrest is an earlier repatriation " + id);
        RepM draft = RepM.fromArrest(id, arresting, w.owner, w.id);
        allReps.put(id, draft);
        reps.add(draft);
        w.draft = draft;
    }

    private Outcome sync(String by, Face face, WantedM w) {
        Outcome out =
                call(
                        face,
                        investigator(by),
                        Faces.REPATRIATION,
                        "SyncArrestTransfer",
                        SyncArrestTransferRequest.newBuilder().setWantedPersonId(w.id).build());
        trace("SyncArrestTransfer " + w.id + " by " + by + " via " + face + " -> " + brief(out));
        return out;
    }

    /** The transfers naming {@code w} among all the repatriations {@code viewer} lists. */
    private List<String> draftsOf(String viewer, Face face, WantedM w) {
        return allRepatriations(viewer, face).stream()
                .filter(r -> r.getWantedPersonId().equals(w.id))
                .map(Repatriation::getId)
                .toList();
    }
}
