package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.IsolationSteps.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import com.google.protobuf.Message;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.IdentityDocument;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.TransitionRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * The steps that change wanted persons: record one, move its notice through the lifecycle, report
 * sightings.
 */
abstract class IsolationNoticeWrites extends IsolationLeadWrites {

    IsolationNoticeWrites(int sequence, List<Step> steps) {
        super(sequence, steps);
    }

    void createWanted(String owner, Face face, int a, int b) {
        String requestId = requestIdFor(a, b);
        long n = counter.incrementAndGet();
        String name = personName(n);
        String document = "D" + RUN + "X" + n;
        if (b % 7 == 3 && !wanted.isEmpty()) {
            // Document numbers are no unique key: another country's number must neither conflict
            // nor reveal.
            WantedM other = wanted.get(a % wanted.size());
            if (!other.owner.equals(owner)) {
                document = other.document;
            }
        }
        CreateWantedPersonRequest.Builder request =
                CreateWantedPersonRequest.newBuilder()
                        .setWantedPerson(
                                WantedPerson.newBuilder()
                                        .setPrimaryName(PersonName.newBuilder().setValue(name))
                                        .addCharges("fraud (generated)")
                                        .setWarrant(
                                                Warrant.newBuilder()
                                                        .setReference("W-" + n)
                                                        .setIssuingAuthority("Court " + owner))
                                        .addDocuments(
                                                IdentityDocument.newBuilder()
                                                        .setType(IdentityDocument.Type.PASSPORT)
                                                        .setNumber(document)
                                                        .setIssuingCountry(
                                                                owner.length() == 2 ? owner : "")));
        if (requestId != null) {
            request.setRequestId(requestId);
        }
        String key = owner + "/wanted/" + requestId;
        Message sent = retryOrNew(key, request.build(), a);
        Outcome out =
                create(
                        face,
                        investigator(owner),
                        Faces.FUGITIVES,
                        "CreateWantedPerson",
                        sent,
                        requestId,
                        a);
        trace(
                "CreateWantedPerson "
                        + name
                        + " by "
                        + owner
                        + " via "
                        + face
                        + (requestId == null ? "" : " rid=" + requestId)
                        + (document.startsWith("D" + RUN + "X" + n)
                                ? ""
                                : " reusing document " + document)
                        + " -> "
                        + brief(out));
        channel(
                requestId == null && document.startsWith("D" + RUN + "X" + n)
                        ? WRITES
                        : UNIQUENESS);
        if (refusedAsReused(key, sent, out, "CreateWantedPerson by " + owner)) {
            return;
        }
        expectOk(out, "CreateWantedPerson by " + owner);
        WantedPerson created = out.as(WantedPerson.parser());
        expect(
                created.getOwnerCountry().equals(owner),
                "a wanted person recorded by "
                        + owner
                        + " is owned by "
                        + created.getOwnerCountry());
        if (requestId != null && requestIds.containsKey(key)) {
            expect(
                    requestIds.get(key).equals(created.getId()),
                    "a retried create of "
                            + owner
                            + " with request id "
                            + requestId
                            + " made a second wanted person");
            wanted.add(allWanted.get(created.getId()));
            return;
        }
        expect(
                !allWanted.containsKey(created.getId()),
                "CreateWantedPerson by "
                        + owner
                        + " with request id "
                        + requestId
                        + " answered an existing record");
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
        String rpc =
                switch (kind) {
                    case SUBMIT -> "SubmitWantedPerson";
                    case PUBLISH -> "PublishWantedPerson";
                    default -> "CancelWantedPerson";
                };
        Message request =
                kind == Kind.CANCEL
                        ? CancelWantedPersonRequest.newBuilder()
                                .setId(w.id)
                                .setReason("withdrawn (generated)")
                                .build()
                        : TransitionRequest.newBuilder().setId(w.id).build();
        Message unknown =
                kind == Kind.CANCEL
                        ? CancelWantedPersonRequest.newBuilder()
                                .setId(UUID.randomUUID().toString())
                                .setReason("withdrawn (generated)")
                                .build()
                        : TransitionRequest.newBuilder()
                                .setId(UUID.randomUUID().toString())
                                .build();
        Outcome out = call(face, investigator(by), Faces.FUGITIVES, rpc, request);
        trace(
                rpc
                        + " "
                        + w.id
                        + " ("
                        + w.status
                        + ") of "
                        + w.owner
                        + " by "
                        + by
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        WantedPerson.NoticeStatus target =
                switch (kind) {
                    case SUBMIT -> WantedPerson.NoticeStatus.UNDER_REVIEW;
                    case PUBLISH -> WantedPerson.NoticeStatus.PUBLISHED;
                    default -> WantedPerson.NoticeStatus.CANCELLED;
                };
        if (!w.visibleTo(by)) {
            expectNotFoundText(out, by, Faces.FUGITIVES, rpc, unknown, w.id);
        } else if (!w.owner.equals(by)) {
            expectCode(
                    out,
                    Status.Code.PERMISSION_DENIED,
                    rpc + " by " + by + " of a wanted person of " + w.owner);
        } else if (!allowed(w.status, target)) {
            expectCode(out, Status.Code.FAILED_PRECONDITION, rpc + " of a " + w.status + " notice");
        } else {
            expectOk(out, rpc + " by the owner of a " + w.status + " notice");
            if (target == WantedPerson.NoticeStatus.CANCELLED) {
                TENANTS.stream()
                        .filter(t -> !t.equals(w.owner) && w.visibleTo(t))
                        .forEach(w.audienceAtCancel::add);
            }
            w.status = target;
            expect(
                    out.as(WantedPerson.parser()).getNoticeStatus() == target,
                    rpc + " answered another status");
        }
        checkEveryone(t -> checkWanted(w, t, faceFor(t)));
        if (out.ok() && target == WantedPerson.NoticeStatus.CANCELLED && w.draft != null) {
            draftClosed(w);
        }
        if (out.ok() && target == WantedPerson.NoticeStatus.CANCELLED) {
            // Those who could see it hear of the cancellation; the others must hear nothing at all.
            String told = w.audienceAtCancel.stream().findFirst().orElse(null);
            String untold =
                    TENANTS.stream()
                            .filter(t -> !t.equals(w.owner) && !w.audienceAtCancel.contains(t))
                            .skip(index % TENANTS.size() % 2)
                            .findFirst()
                            .orElse(null);
            for (String t : java.util.Arrays.asList(told, untold)) {
                if (t != null) {
                    drain(Faces.FUGITIVES, t, faceFor(t));
                }
            }
        }
    }

    /**
     * The arrest relay cancels the DRAFT an arrest opened once the notice is cancelled (a transfer
     * already submitted is left to the two countries); waited for, then seen by everyone.
     */
    private void draftClosed(WantedM w) {
        RepM draft = w.draft;
        if (draft.status == Repatriation.Status.DRAFT) {
            Face face = faceFor(w.owner);
            byTheRelay(
                    "the arrest relay cancels the draft "
                            + draft.id
                            + " of the cancelled notice "
                            + w.id,
                    () -> {
                        Outcome read =
                                call(
                                        face,
                                        investigator(w.owner),
                                        Faces.REPATRIATION,
                                        "GetRepatriation",
                                        GetRepatriationRequest.newBuilder()
                                                .setId(draft.id)
                                                .build());
                        expectOk(read, "the owner " + w.owner + " reads the draft " + draft.id);
                        return read.as(Repatriation.parser()).getStatus()
                                == Repatriation.Status.CANCELLED;
                    });
            draft.status = Repatriation.Status.CANCELLED;
            trace("the arrest relay cancelled the draft " + draft.id);
            IsolationArrestWrites.countArrest("drafts closed by the relay");
        }
        checkEveryone(t -> checkRepatriation(draft, t, faceFor(t)));
    }

    /** How long the arrest relay may take (it looks every 2 s, exchanging a token each time). */
    static final Duration RELAY = Duration.ofSeconds(60);

    /**
     * Waits for what the arrest relay does in the background; a failed step if not within RELAY.
     */
    static void byTheRelay(String what, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + RELAY.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + RELAY + ": " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    void reportSighting(String by, Face face, WantedM w, String country) {
        Sighting sighting =
                Sighting.newBuilder()
                        .setCountry(country)
                        .setPlace("Border crossing (generated)")
                        .setSeenTime(timestamp(Instant.now().minusSeconds(3600)))
                        .setConfidence(Sighting.Confidence.forNumber(1 + (int) (counter.get() % 3)))
                        .setSource("CCTV")
                        .build();
        Outcome out =
                call(
                        face,
                        investigator(by),
                        Faces.FUGITIVES,
                        "ReportSighting",
                        ReportSightingRequest.newBuilder()
                                .setWantedPersonId(w.id)
                                .setSighting(sighting)
                                .build());
        trace(
                "ReportSighting "
                        + w.id
                        + " ("
                        + w.status
                        + ", "
                        + w.owner
                        + ") in "
                        + country
                        + " by "
                        + by
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        if (!w.visibleTo(by)) {
            expectNotFoundText(
                    out,
                    by,
                    Faces.FUGITIVES,
                    "ReportSighting",
                    ReportSightingRequest.newBuilder()
                            .setWantedPersonId(UUID.randomUUID().toString())
                            .setSighting(sighting)
                            .build(),
                    w.id);
        } else if (!by.equals(w.owner) && !country.equals(by)) {
            // Another country reports sightings in its own territory only: no onward grant on its
            // word.
            expectCode(
                    out,
                    Status.Code.INVALID_ARGUMENT,
                    "ReportSighting by " + by + " in " + country);
        } else if (w.status != WantedPerson.NoticeStatus.PUBLISHED) {
            expectCode(
                    out,
                    Status.Code.FAILED_PRECONDITION,
                    "ReportSighting of a " + w.status + " notice");
        } else if (w.arrestedBy != null) {
            expectCode(
                    out,
                    Status.Code.FAILED_PRECONDITION,
                    "ReportSighting of a person arrested by " + w.arrestedBy);
        } else {
            expectOk(out, "ReportSighting by " + by + " who sees the notice");
            Sighting stored = out.as(Sighting.parser());
            expect(
                    stored.getReporterCountry().equals(by) && stored.getCountry().equals(country),
                    "the sighting as stored: " + stored);
            w.sightings.add(new SightingM(country, by, by.equals(w.owner) && !country.equals(by)));
        }
        checkEveryone(t -> checkWanted(w, t, faceFor(t)));
    }
}
