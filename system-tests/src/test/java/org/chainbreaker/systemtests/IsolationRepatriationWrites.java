package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.IsolationSteps.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import com.google.protobuf.Message;
import io.grpc.Status;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.Logistics;
import org.chainbreaker.repatriation.v1.ReasonedTransitionRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.TravelDocument;
import org.chainbreaker.repatriation.v1.VictimGroup;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/** The steps that change repatriations: open one (as a party or not), submit or cancel it. */
abstract class IsolationRepatriationWrites extends IsolationOperationWrites {

    IsolationRepatriationWrites(int sequence, List<Step> steps) {
        super(sequence, steps);
    }

    void createRepatriation(String by, Face face, int a, int b, int c) {
        List<String> countries = List.of("KR", "TH", "VN", "PH");
        // Mostly the caller is a party; sometimes a country (or INTERPOL) tries to open one it is
        // not party to.
        boolean party = countries.contains(by) && c % 7 != 0;
        String sending;
        String receiving;
        String other =
                b % 5 == 0 ? "MY" : countries.get((countries.indexOf(by) + 1 + b % 3 + 4) % 4);
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
            if (!t.equals(sending)
                    && !t.equals(receiving)
                    && (c >> i & 1) == 1
                    && transit.size() < 2) {
                transit.add(t);
            }
        }
        String name = personName(counter.incrementAndGet());
        String need = "interpreter " + counter.get();
        String requestId = requestIdFor(a, b);
        CreateRepatriationRequest.Builder request =
                CreateRepatriationRequest.newBuilder()
                        .setRepatriation(
                                Repatriation.newBuilder()
                                        .setKind(Repatriation.Kind.VICTIM_RETURN)
                                        .setSendingCountry(sending)
                                        .setReceivingCountry(receiving)
                                        .addAllTransitCountries(transit)
                                        .setVictimGroup(
                                                VictimGroup.newBuilder()
                                                        .setCount(1)
                                                        .addSupportNeeds(need))
                                        .setLogistics(
                                                Logistics.newBuilder()
                                                        .addPersons(
                                                                org.chainbreaker.repatriation.v1
                                                                        .Person.newBuilder()
                                                                        .setRole(
                                                                                org.chainbreaker
                                                                                        .repatriation
                                                                                        .v1.Person
                                                                                        .Role
                                                                                        .VICTIM)
                                                                        .setFullName(name)
                                                                        .setNationality(
                                                                                receiving.length()
                                                                                                == 2
                                                                                        ? receiving
                                                                                        : "MY")
                                                                        .addSupportNeeds(need)
                                                                        .setTravelDocument(
                                                                                TravelDocument
                                                                                        .newBuilder()
                                                                                        .setType(
                                                                                                TravelDocument
                                                                                                        .Type
                                                                                                        .EMERGENCY_TRAVEL_DOCUMENT)
                                                                                        .setStatus(
                                                                                                TravelDocument
                                                                                                        .Status
                                                                                                        .NEEDED)))));
        if (requestId != null) {
            request.setRequestId(requestId);
        }
        String key = by + "/repatriation/" + requestId;
        Message sent = retryOrNew(key, request.build(), a);
        Outcome out =
                create(
                        face,
                        investigator(by),
                        Faces.REPATRIATION,
                        "CreateRepatriation",
                        sent,
                        requestId,
                        a + c);
        trace(
                "CreateRepatriation "
                        + sending
                        + "->"
                        + receiving
                        + " via "
                        + transit
                        + " by "
                        + by
                        + " via "
                        + face
                        + (requestId == null ? "" : " rid=" + requestId)
                        + " -> "
                        + brief(out));
        channel(requestId == null ? WRITES : UNIQUENESS);
        // A retry resends the first request, which the caller was a party to; a new body may be
        // anyone's.
        if (sent != requestBodies.get(key) && !sending.equals(by) && !receiving.equals(by)) {
            expectCode(
                    out,
                    Status.Code.PERMISSION_DENIED,
                    "CreateRepatriation by " + by + " for " + sending + "->" + receiving);
            return;
        }
        if (refusedAsReused(key, sent, out, "CreateRepatriation by " + by)) {
            return;
        }
        expectOk(out, "CreateRepatriation by " + by);
        Repatriation created = out.as(Repatriation.parser());
        expect(
                created.getOwnerCountry().equals(by),
                "a repatriation opened by " + by + " is owned by " + created.getOwnerCountry());
        if (requestId != null && requestIds.containsKey(key)) {
            expect(
                    requestIds.get(key).equals(created.getId()),
                    "a retried CreateRepatriation of "
                            + by
                            + " with request id "
                            + requestId
                            + " made a second repatriation");
            reps.add(allReps.get(created.getId()));
            return;
        }
        expect(
                !allReps.containsKey(created.getId()),
                "CreateRepatriation by "
                        + by
                        + " with request id "
                        + requestId
                        + " answered the existing repatriation "
                        + created.getId());
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
        Message request =
                submit
                        ? org.chainbreaker.repatriation.v1.TransitionRequest.newBuilder()
                                .setId(r.id)
                                .build()
                        : ReasonedTransitionRequest.newBuilder()
                                .setId(r.id)
                                .setReason("withdrawn (generated)")
                                .build();
        Message unknown =
                submit
                        ? org.chainbreaker.repatriation.v1.TransitionRequest.newBuilder()
                                .setId(UUID.randomUUID().toString())
                                .build()
                        : ReasonedTransitionRequest.newBuilder()
                                .setId(UUID.randomUUID().toString())
                                .setReason("withdrawn (generated)")
                                .build();
        Outcome out = call(face, investigator(by), Faces.REPATRIATION, rpc, request);
        trace(
                rpc
                        + " "
                        + r.id
                        + " ("
                        + r.status
                        + ", "
                        + r.sending
                        + "->"
                        + r.receiving
                        + " via "
                        + r.transit
                        + ", of "
                        + r.owner
                        + ") by "
                        + by
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(WRITES);
        if (!r.visibleTo(by)) {
            expectNotFoundText(out, by, Faces.REPATRIATION, rpc, unknown, r.id);
        } else if (!r.owner.equals(by) || (!submit && r.status != Repatriation.Status.DRAFT)) {
            // Others, and the owner's investigators past the draft (a liaison officer's step then).
            expectCode(
                    out,
                    Status.Code.PERMISSION_DENIED,
                    rpc + " by " + by + " of a " + r.status + " repatriation of " + r.owner);
        } else if (r.status != Repatriation.Status.DRAFT) {
            expectCode(
                    out,
                    Status.Code.FAILED_PRECONDITION,
                    rpc + " of a " + r.status + " repatriation");
        } else {
            expectOk(out, rpc + " by the owner of a draft");
            r.status = submit ? Repatriation.Status.REQUESTED : Repatriation.Status.CANCELLED;
        }
        checkEveryone(t -> checkRepatriation(r, t, faceFor(t)));
    }
}
