package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.IsolationSteps.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import com.google.protobuf.Message;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.fugitives.v1.ChangeParticipantRequest;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * The steps that change operations: open one, add and remove participants, publish a notice to it.
 */
abstract class IsolationOperationWrites extends IsolationNoticeWrites {

    IsolationOperationWrites(int sequence, List<Step> steps) {
        super(sequence, steps);
    }

    void publishToOperation(String by, Face face, WantedM w, OpM o) {
        Outcome out =
                call(
                        face,
                        investigator(by),
                        Faces.FUGITIVES,
                        "PublishToOperation",
                        PublishToOperationRequest.newBuilder()
                                .setId(w.id)
                                .setOperationId(o.id)
                                .build());
        trace(
                "PublishToOperation "
                        + w.id
                        + " ("
                        + w.status
                        + ", "
                        + w.owner
                        + ") to "
                        + o.id
                        + " "
                        + o.participants
                        + (o.running ? " running" : " not running")
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
                    "PublishToOperation",
                    PublishToOperationRequest.newBuilder()
                            .setId(UUID.randomUUID().toString())
                            .setOperationId(o.id)
                            .build(),
                    w.id);
        } else if (!w.owner.equals(by)) {
            expectCode(
                    out,
                    Status.Code.PERMISSION_DENIED,
                    "PublishToOperation by " + by + " of a record of " + w.owner);
        } else if (!o.visibleTo(by)) {
            // The operation is looked up before the notice's rules are asked (they need the
            // operation).
            expectNotFoundText(
                    out,
                    by,
                    Faces.FUGITIVES,
                    "PublishToOperation",
                    PublishToOperationRequest.newBuilder()
                            .setId(w.id)
                            .setOperationId(UUID.randomUUID().toString())
                            .build(),
                    o.id);
        } else if (w.status == WantedPerson.NoticeStatus.CANCELLED) {
            expectCode(
                    out,
                    Status.Code.FAILED_PRECONDITION,
                    "PublishToOperation of a CANCELLED notice");
        } else {
            expectOk(out, "PublishToOperation by the owner, a participant");
            w.operations.add(o);
            WantedPerson seen = out.as(WantedPerson.parser());
            Set<String> expectedOps = new HashSet<>();
            w.operations.forEach(op -> expectedOps.add(op.id));
            expect(
                    new HashSet<>(seen.getOperationIdsList()).equals(expectedOps),
                    "the owner sees operations "
                            + seen.getOperationIdsList()
                            + ", the model "
                            + expectedOps);
        }
        checkEveryone(t -> checkWanted(w, t, faceFor(t)));
    }

    void createOperation(String by, Face face, int a, int b) {
        boolean running = a % 4 != 0;
        Instant now = Instant.now();
        Instant start =
                running
                        ? now.minus(Duration.ofDays(1))
                        : (a % 8 == 0
                                ? now.minus(Duration.ofDays(30))
                                : now.plus(Duration.ofDays(10)));
        Instant end =
                running
                        ? now.plus(Duration.ofDays(60))
                        : (a % 8 == 0
                                ? now.minus(Duration.ofDays(20))
                                : now.plus(Duration.ofDays(20)));
        Set<String> participants = new LinkedHashSet<>();
        for (int i = 0; i < TENANTS.size(); i++) {
            if ((b >> i & 1) == 1) {
                participants.add(TENANTS.get(i));
            }
        }
        String requestId = requestIdFor(a, b);
        CreateOperationRequest.Builder request =
                CreateOperationRequest.newBuilder()
                        .setOperation(
                                Operation.newBuilder()
                                        .setName(
                                                "Operation "
                                                        + RUN
                                                        + " "
                                                        + counter.incrementAndGet())
                                        .addAllParticipants(participants)
                                        .setStartTime(timestamp(start))
                                        .setEndTime(timestamp(end)));
        if (requestId != null) {
            request.setRequestId(requestId);
        }
        String user =
                by.equals(COORDINATOR)
                        ? by.toLowerCase() + "-liaison"
                        : by.toLowerCase() + "-investigator";
        String key = by + "/operation/" + requestId;
        Message sent = retryOrNew(key, request.build(), a);
        Outcome out =
                create(
                        face,
                        RunningSuite.token(user),
                        Faces.FUGITIVES,
                        "CreateOperation",
                        sent,
                        requestId,
                        a);
        trace(
                "CreateOperation by "
                        + user
                        + " with "
                        + participants
                        + (running ? " running" : " not running")
                        + (requestId == null ? "" : " rid=" + requestId)
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(requestId == null ? WRITES : UNIQUENESS);
        if (!by.equals(COORDINATOR)) {
            expectCode(
                    out,
                    Status.Code.PERMISSION_DENIED,
                    "CreateOperation by " + user + " without the coordinator role");
            return;
        }
        if (refusedAsReused(key, sent, out, "CreateOperation by the coordinator")) {
            return;
        }
        expectOk(out, "CreateOperation by the coordinator");
        Operation created = out.as(Operation.parser());
        if (requestId != null && requestIds.containsKey(key)) {
            expect(
                    requestIds.get(key).equals(created.getId()),
                    "a retried CreateOperation made a second operation");
            ops.add(allOps.get(created.getId()));
            return;
        }
        expect(
                !allOps.containsKey(created.getId()),
                "CreateOperation answered an existing operation");
        OpM o = new OpM(created.getId(), by, running);
        o.participants.add(by);
        o.participants.addAll(participants);
        allOps.put(o.id, o);
        ops.add(o);
        if (requestId != null) {
            requestIds.put(key, o.id);
            requestBodies.put(key, sent);
            usedRequestIds.add(requestId);
        }
        checkEveryone(t -> checkOperation(o, t, faceFor(t)));
    }

    void changeParticipant(String by, Face face, OpM o, String country, boolean add) {
        String rpc = add ? "AddParticipant" : "RemoveParticipant";
        String user =
                by.equals(COORDINATOR)
                        ? by.toLowerCase() + "-liaison"
                        : by.toLowerCase() + "-investigator";
        Outcome out =
                call(
                        face,
                        RunningSuite.token(user),
                        Faces.FUGITIVES,
                        rpc,
                        ChangeParticipantRequest.newBuilder()
                                .setId(o.id)
                                .setCountry(country)
                                .build());
        trace(
                rpc
                        + " "
                        + country
                        + " to "
                        + o.id
                        + " "
                        + o.participants
                        + " by "
                        + user
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(WRITES);
        boolean removed = false;
        if (!o.visibleTo(by)) {
            expectNotFoundText(
                    out,
                    by,
                    Faces.FUGITIVES,
                    rpc,
                    ChangeParticipantRequest.newBuilder()
                            .setId(UUID.randomUUID().toString())
                            .setCountry(country)
                            .build(),
                    o.id);
        } else if (!o.coordinator.equals(by)) {
            expectCode(
                    out,
                    Status.Code.PERMISSION_DENIED,
                    rpc + " by a participant that does not coordinate");
        } else if (!add && country.equals(o.coordinator)) {
            expectCode(out, Status.Code.INVALID_ARGUMENT, "RemoveParticipant of the coordinator");
        } else {
            expectOk(out, rpc + " by the coordinator");
            if (add) {
                o.participants.add(country);
            } else {
                // Every notice of the model, not this sequence's: a retried CreateOperation brings
                // back an operation of an earlier sequence with the notices published to it then.
                List<WantedM> sawBefore =
                        allWanted.values().stream()
                                .filter(w -> w.operations.contains(o) && w.visibleTo(country))
                                .toList();
                removed = o.participants.remove(country);
                if (removed) {
                    o.accessEnded.add(country);
                    sawBefore.stream()
                            .filter(w -> !w.visibleTo(country))
                            .forEach(w -> w.accessEnded.add(country));
                }
            }
            Operation seen = out.as(Operation.parser());
            expect(
                    new HashSet<>(seen.getParticipantsList()).equals(o.participants),
                    "participants " + seen.getParticipantsList() + ", the model " + o.participants);
        }
        checkEveryone(t -> checkOperation(o, t, faceFor(t)));
        // Whoever joined or left now sees (or no longer sees) what was published to the operation.
        List<WantedM> affected =
                wanted.stream().filter(w -> w.operations.contains(o)).limit(3).toList();
        for (WantedM w : affected) {
            checkEveryone(t -> checkWanted(w, t, faceFor(t)));
        }
        if (removed) {
            drain(Faces.FUGITIVES, country, faceFor(country));
        }
    }
}
