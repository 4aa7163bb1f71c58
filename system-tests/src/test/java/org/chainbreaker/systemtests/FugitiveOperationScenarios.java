package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.FugitiveServiceScenarios.*;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.timestamp;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.chainbreaker.fugitives.v1.ChangeParticipantRequest;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.GetOperationRequest;
import org.chainbreaker.fugitives.v1.ListOperationsRequest;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/** The fugitive-service scenarios of operations and their participants. */
final class FugitiveOperationScenarios {

    private FugitiveOperationScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "CreateOperation",
                on -> {
                    String requestId = "operation-" + UUID.randomUUID();
                    CreateOperationRequest create =
                            CreateOperationRequest.newBuilder()
                                    .setRequestId(requestId)
                                    .setOperation(
                                            Operation.newBuilder()
                                                    .setName("INFRA-SEAF " + RUN)
                                                    .addParticipants(PARTICIPANT)
                                                    .setStartTime(timestamp(Instant.now()))
                                                    .setEndTime(
                                                            timestamp(
                                                                    Instant.now()
                                                                            .plus(
                                                                                    Duration.ofDays(
                                                                                            90)))))
                                    .build();
                    Operation op =
                            on.ok(coordinator(), S, "CreateOperation", create, Operation.parser());
                    assertThat(op.getCoordinatorCountry()).isEqualTo(COORDINATOR);
                    assertThat(op.getParticipantsList())
                            .containsExactlyInAnyOrder(COORDINATOR, PARTICIPANT);
                    assertThat(
                                    on.ok(
                                                    coordinator(),
                                                    S,
                                                    "CreateOperation",
                                                    create,
                                                    Operation.parser())
                                            .getId())
                            .isEqualTo(op.getId());
                    assertThat(operations(on, investigator(STRANGER))).doesNotContain(op.getId());
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(OWNER),
                            S,
                            "CreateOperation",
                            create.toBuilder()
                                    .setRequestId("not-a-coordinator-" + UUID.randomUUID())
                                    .build());
                    on.invalid(
                            coordinator(),
                            S,
                            "CreateOperation",
                            CreateOperationRequest.newBuilder()
                                    .setOperation(
                                            Operation.newBuilder()
                                                    .setName("Backwards")
                                                    .addParticipants("ZZ")
                                                    .setStartTime(timestamp(Instant.now()))
                                                    .setEndTime(
                                                            timestamp(
                                                                    Instant.now()
                                                                            .minus(
                                                                                    Duration.ofDays(
                                                                                            1)))))
                                    .build(),
                            () -> operations(on, coordinator()),
                            "operation.end_time",
                            "operation.participants[0]");
                });

        scenarios.add(
                S,
                "GetOperation",
                on -> {
                    Fixture f = fixture(on);
                    for (String user :
                            List.of(
                                    coordinator(),
                                    investigator(OWNER),
                                    investigator(PARTICIPANT))) {
                        assertThat(
                                        on.ok(
                                                        user,
                                                        S,
                                                        "GetOperation",
                                                        GetOperationRequest.newBuilder()
                                                                .setId(f.running().getId())
                                                                .build(),
                                                        Operation.parser())
                                                .getParticipantsList())
                                .as(user)
                                .containsExactlyInAnyOrder(COORDINATOR, OWNER, PARTICIPANT);
                    }
                    on.hiddenFrom(
                            OnFace.investigators(List.of(STRANGER, REMOVED, SIGHTED_IN)),
                            S,
                            "GetOperation",
                            id -> GetOperationRequest.newBuilder().setId(id).build(),
                            f.running().getId());
                });

        scenarios.add(
                S,
                "ListOperations",
                on -> {
                    Fixture f = fixture(on);
                    for (String user :
                            List.of(
                                    coordinator(),
                                    investigator(OWNER),
                                    investigator(PARTICIPANT))) {
                        assertThat(operations(on, user)).as(user).contains(f.running().getId());
                    }
                    for (String nobody : List.of(STRANGER, REMOVED, SIGHTED_IN)) {
                        assertThat(operations(on, investigator(nobody)))
                                .as(nobody)
                                .doesNotContain(f.running().getId());
                    }
                    on.invalid(
                            coordinator(),
                            S,
                            "ListOperations",
                            ListOperationsRequest.newBuilder().setPageToken("garbage").build(),
                            NOTHING,
                            "page_token");
                });

        scenarios.add(
                S,
                "AddParticipant",
                on -> {
                    Fixture f = fixture(on);
                    ChangeParticipantRequest add =
                            ChangeParticipantRequest.newBuilder()
                                    .setId(f.running().getId())
                                    .setCountry(STRANGER)
                                    .build();
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(PARTICIPANT),
                            S,
                            "AddParticipant",
                            add);
                    on.hidden(
                            investigator(STRANGER),
                            S,
                            "AddParticipant",
                            id ->
                                    ChangeParticipantRequest.newBuilder()
                                            .setId(id)
                                            .setCountry(STRANGER)
                                            .build(),
                            f.running().getId());
                    Supplier<Object> state =
                            () ->
                                    on.ok(
                                            coordinator(),
                                            S,
                                            "GetOperation",
                                            GetOperationRequest.newBuilder()
                                                    .setId(f.running().getId())
                                                    .build(),
                                            Operation.parser());
                    on.invalid(
                            coordinator(),
                            S,
                            "AddParticipant",
                            add.toBuilder().setCountry("ZZ").build(),
                            state,
                            "country");
                    assertThat(
                                    on.ok(
                                                    coordinator(),
                                                    S,
                                                    "AddParticipant",
                                                    add,
                                                    Operation.parser())
                                            .getParticipantsList())
                            .contains(STRANGER);
                    // The new participant sees at once what was published to the operation.
                    assertThat(get(on, STRANGER, f.id()).getId()).isEqualTo(f.id());
                });

        scenarios.add(
                S,
                "RemoveParticipant",
                on -> {
                    Fixture f = fixture(on);
                    ChangeParticipantRequest remove =
                            ChangeParticipantRequest.newBuilder()
                                    .setId(f.running().getId())
                                    .setCountry(PARTICIPANT)
                                    .build();
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(OWNER),
                            S,
                            "RemoveParticipant",
                            remove);
                    on.hidden(
                            investigator(STRANGER),
                            S,
                            "RemoveParticipant",
                            id ->
                                    ChangeParticipantRequest.newBuilder()
                                            .setId(id)
                                            .setCountry(PARTICIPANT)
                                            .build(),
                            f.running().getId());
                    Supplier<Object> state =
                            () ->
                                    on.ok(
                                            coordinator(),
                                            S,
                                            "GetOperation",
                                            GetOperationRequest.newBuilder()
                                                    .setId(f.running().getId())
                                                    .build(),
                                            Operation.parser());
                    on.invalid(
                            coordinator(),
                            S,
                            "RemoveParticipant",
                            remove.toBuilder().setCountry("").build(),
                            state,
                            "country");
                    assertThat(
                                    on.ok(
                                                    coordinator(),
                                                    S,
                                                    "RemoveParticipant",
                                                    remove,
                                                    Operation.parser())
                                            .getParticipantsList())
                            .doesNotContain(PARTICIPANT);
                    // Removed: the operation and what was published to it are gone for TH at once.
                    on.hidden(
                            investigator(PARTICIPANT),
                            S,
                            "GetWantedPerson",
                            FugitiveServiceScenarios::get,
                            f.id());
                    on.hidden(
                            investigator(PARTICIPANT),
                            S,
                            "GetOperation",
                            id -> GetOperationRequest.newBuilder().setId(id).build(),
                            f.running().getId());
                    assertThat(listed(on, PARTICIPANT)).doesNotContain(f.id());
                });
    }
}
