package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.FugitiveServiceScenarios.*;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.investigator;

import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityResponse;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.ListWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.TransitionRequest;
import org.chainbreaker.fugitives.v1.UpdateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * The fugitive-service scenarios of the notice lifecycle: create, ingest, read, list, update,
 * submit, publish, cancel, publish to an operation.
 */
final class FugitiveNoticeScenarios {

    private FugitiveNoticeScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "CreateWantedPerson",
                on -> {
                    String requestId = "wanted-" + UUID.randomUUID();
                    CreateWantedPersonRequest create =
                            CreateWantedPersonRequest.newBuilder()
                                    .setRequestId(requestId)
                                    .setWantedPerson(wanted(uniqueName(), documentNumber()))
                                    .build();
                    WantedPerson draft =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "CreateWantedPerson",
                                    create,
                                    WantedPerson.parser());
                    assertThat(draft.getNoticeStatus()).isEqualTo(WantedPerson.NoticeStatus.DRAFT);
                    assertThat(draft.getOwnerCountry()).isEqualTo(OWNER);
                    assertThat(
                                    on.ok(
                                                    investigator(OWNER),
                                                    S,
                                                    "CreateWantedPerson",
                                                    create,
                                                    WantedPerson.parser())
                                            .getId())
                            .isEqualTo(draft.getId());
                    WantedPerson vns =
                            on.ok(
                                    investigator(STRANGER),
                                    S,
                                    "CreateWantedPerson",
                                    create,
                                    WantedPerson.parser());
                    assertThat(vns.getId()).isNotEqualTo(draft.getId());
                    // A draft is the owner's only, whatever the operations.
                    on.hidden(
                            investigator(STRANGER),
                            S,
                            "GetWantedPerson",
                            FugitiveServiceScenarios::get,
                            draft.getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "CreateWantedPerson",
                            CreateWantedPersonRequest.newBuilder()
                                    .setWantedPerson(
                                            wanted(uniqueName(), documentNumber())
                                                    .clearCharges()
                                                    .clearWarrant())
                                    .build(),
                            () -> listed(on, OWNER),
                            "wanted_person.charges",
                            "wanted_person.warrant");
                });

        scenarios.add(
                S,
                "IngestWantedPersons",
                on -> {
                    String name = uniqueName();
                    List<IngestWantedPersonsRequest> records =
                            List.of(
                                    IngestWantedPersonsRequest.newBuilder()
                                            .setWantedPerson(wanted(name, documentNumber()))
                                            .build(),
                                    IngestWantedPersonsRequest.newBuilder()
                                            .setWantedPerson(
                                                    wanted(uniqueName(), documentNumber())
                                                            .clearCharges())
                                            .build());
                    if (on.face == Face.REST) {
                        // One malformed element refuses the whole array before any record reaches
                        // the service: not even
                        // the well-formed record before it is loaded, and the problem names the
                        // element.
                        String first = uniqueName();
                        Outcome refused =
                                on.streamJson(
                                        investigator(OWNER),
                                        S,
                                        "IngestWantedPersons",
                                        "[{\"wantedPerson\":"
                                                + com.google.protobuf.util.JsonFormat.printer()
                                                        .omittingInsignificantWhitespace()
                                                        .print(wanted(first, documentNumber()))
                                                + "},{\"wantedPerson\":{\"primaryName\":{\"value\":\""
                                                + uniqueName()
                                                + "\"},\"sex\":\"ROBOT\"}}]");
                        assertThat(refused.http()).as("%s", refused).isEqualTo(400);
                        assertThat(refused.text()).contains("{\"field\":\"[1].wantedPerson.sex\"");
                        assertThat(
                                        on.ok(
                                                        investigator(OWNER),
                                                        S,
                                                        "ListWantedPersons",
                                                        ListWantedPersonsRequest.newBuilder()
                                                                .setPageSize(200)
                                                                .build(),
                                                        ListWantedPersonsResponse.parser())
                                                .getWantedPersonsList())
                                .extracting(w -> w.getPrimaryName().getValue())
                                .doesNotContain(first);
                    }
                    Outcome out = on.stream(investigator(OWNER), S, "IngestWantedPersons", records);
                    assertThat(out.ok()).as("%s", out).isTrue();
                    IngestWantedPersonsResponse answer =
                            out.as(IngestWantedPersonsResponse.parser());
                    assertThat(answer.getRecorded()).isEqualTo(1);
                    assertThat(answer.getRefused()).isEqualTo(1);
                    assertThat(answer.getResults(1).getError().getCode())
                            .isEqualTo(Status.Code.INVALID_ARGUMENT.value());
                    assertThat(answer.getResults(1).getError().toString())
                            .contains("wanted_person.charges");
                    String id = answer.getResults(0).getId();
                    assertThat(get(on, OWNER, id).getOwnerCountry()).isEqualTo(OWNER);
                    on.hidden(
                            investigator(STRANGER),
                            S,
                            "GetWantedPerson",
                            FugitiveServiceScenarios::get,
                            id);
                    assertThat(found(on, STRANGER, name)).doesNotContain(id);
                });

        scenarios.add(
                S,
                "GetWantedPerson",
                on -> {
                    Fixture f = fixture(on);
                    assertThat(f.person().getOperationIdsList()).contains(f.running().getId());
                    assertThat(f.person().getLastKnownLocation().getCountry())
                            .isEqualTo(SIGHTED_IN);
                    for (String seeing : List.of(PARTICIPANT, SIGHTED_IN)) {
                        WantedPerson seen = get(on, seeing, f.id());
                        assertThat(seen.getReference()).isEqualTo(f.person().getReference());
                        assertThat(seen.getOperationIdsList())
                                .as("operations are the owner's to know")
                                .isEmpty();
                    }
                    on.hiddenFrom(
                            NOT_SEEING,
                            S,
                            "GetWantedPerson",
                            FugitiveServiceScenarios::get,
                            f.id());
                });

        scenarios.add(
                S,
                "ListWantedPersons",
                on -> {
                    Fixture f = fixture(on);
                    for (String seeing : List.of(OWNER, PARTICIPANT, SIGHTED_IN)) {
                        assertThat(listed(on, seeing)).as(seeing).contains(f.id());
                    }
                    // Listed, the record shows what reading it shows: the owner's operations stay
                    // the owner's.
                    assertThat(
                                    on.ok(
                                                    investigator(PARTICIPANT),
                                                    S,
                                                    "ListWantedPersons",
                                                    ListWantedPersonsRequest.newBuilder()
                                                            .setPageSize(200)
                                                            .build(),
                                                    ListWantedPersonsResponse.parser())
                                            .getWantedPersonsList())
                            .filteredOn(w -> w.getId().equals(f.id()))
                            .singleElement()
                            .satisfies(w -> assertThat(w.getOperationIdsList()).isEmpty());
                    for (String nobody : NOBODY) {
                        assertThat(listed(on, nobody)).as(nobody).doesNotContain(f.id());
                    }
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ListWantedPersons",
                            ListWantedPersonsRequest.newBuilder().setPageToken("garbage").build(),
                            NOTHING,
                            "page_token");
                });

        scenarios.add(
                S,
                "UpdateWantedPerson",
                on -> {
                    Fixture f = fixture(on);
                    WantedPerson changed =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "UpdateWantedPerson",
                                    UpdateWantedPersonRequest.newBuilder()
                                            .setWantedPerson(
                                                    f.person().toBuilder()
                                                            .addCharges("money laundering"))
                                            .build(),
                                    WantedPerson.parser());
                    assertThat(changed.getChargesList()).contains("money laundering");
                    assertThat(get(on, PARTICIPANT, f.id()).getChargesList())
                            .contains("money laundering");
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(PARTICIPANT),
                            S,
                            "UpdateWantedPerson",
                            UpdateWantedPersonRequest.newBuilder()
                                    .setWantedPerson(changed.toBuilder().addCharges("planted"))
                                    .build());
                    on.hiddenFrom(
                            NOT_SEEING,
                            S,
                            "UpdateWantedPerson",
                            id ->
                                    UpdateWantedPersonRequest.newBuilder()
                                            .setWantedPerson(
                                                    changed.toBuilder().setId(id).clearEtag())
                                            .build(),
                            f.id());
                    // Clearing a list needs the mask on REST too: a PATCH body without it names
                    // only the fields it holds.
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "UpdateWantedPerson",
                            UpdateWantedPersonRequest.newBuilder()
                                    .setWantedPerson(changed.toBuilder().clearCharges())
                                    .setUpdateMask(
                                            com.google.protobuf.FieldMask.newBuilder()
                                                    .addPaths("charges"))
                                    .build(),
                            stateOf(on, f.id()),
                            "wanted_person.charges");
                    Supplier<Object> state = stateOf(on, f.id());
                    Object before = state.get();
                    on.refused(
                            Status.Code.ABORTED,
                            investigator(OWNER),
                            S,
                            "UpdateWantedPerson",
                            UpdateWantedPersonRequest.newBuilder()
                                    .setWantedPerson(f.person().toBuilder().addCharges("stale"))
                                    .build());
                    assertThat(state.get()).isEqualTo(before);
                });

        scenarios.add(
                S,
                "SubmitWantedPerson",
                on -> {
                    Fixture f = fixture(on);
                    WantedPerson draft = create(on, OWNER, uniqueName(), documentNumber());
                    publishTo(on, draft.getId(), f.running().getId());
                    // Not yet published: even the operation's participants do not see it.
                    on.hiddenFrom(
                            OnFace.investigators(List.of(PARTICIPANT, STRANGER)),
                            S,
                            "SubmitWantedPerson",
                            id -> TransitionRequest.newBuilder().setId(id).build(),
                            draft.getId());
                    assertThat(
                                    step(
                                                    on,
                                                    investigator(OWNER),
                                                    "SubmitWantedPerson",
                                                    draft.getId())
                                            .getNoticeStatus())
                            .isEqualTo(WantedPerson.NoticeStatus.UNDER_REVIEW);
                    Supplier<Object> state = stateOf(on, draft.getId());
                    Object before = state.get();
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            investigator(OWNER),
                            S,
                            "SubmitWantedPerson",
                            TransitionRequest.newBuilder().setId(draft.getId()).build());
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(PARTICIPANT),
                            S,
                            "SubmitWantedPerson",
                            TransitionRequest.newBuilder().setId(f.id()).build());
                    assertThat(state.get()).isEqualTo(before);
                    if (on.face == Face.GRPC) {
                        // REST cannot send an empty path segment to this route:
                        // /wantedPersons/:submit is another resource.
                        on.invalid(
                                investigator(OWNER),
                                S,
                                "SubmitWantedPerson",
                                TransitionRequest.newBuilder().setId("").build(),
                                NOTHING,
                                "id");
                    }
                });

        scenarios.add(
                S,
                "PublishWantedPerson",
                on -> {
                    Fixture f = fixture(on);
                    WantedPerson draft = create(on, OWNER, uniqueName(), documentNumber());
                    publishTo(on, draft.getId(), f.running().getId());
                    Supplier<Object> state = stateOf(on, draft.getId());
                    Object before = state.get();
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            investigator(OWNER),
                            S,
                            "PublishWantedPerson",
                            TransitionRequest.newBuilder().setId(draft.getId()).build());
                    assertThat(state.get()).isEqualTo(before);
                    step(on, investigator(OWNER), "SubmitWantedPerson", draft.getId());
                    on.hiddenFrom(
                            OnFace.investigators(List.of(PARTICIPANT, STRANGER)),
                            S,
                            "PublishWantedPerson",
                            id -> TransitionRequest.newBuilder().setId(id).build(),
                            draft.getId());
                    assertThat(
                                    step(
                                                    on,
                                                    investigator(OWNER),
                                                    "PublishWantedPerson",
                                                    draft.getId())
                                            .getNoticeStatus())
                            .isEqualTo(WantedPerson.NoticeStatus.PUBLISHED);
                    // Published: the operation's participants see it now, nobody else does.
                    assertThat(get(on, PARTICIPANT, draft.getId()).getId())
                            .isEqualTo(draft.getId());
                    on.hidden(
                            investigator(STRANGER),
                            S,
                            "GetWantedPerson",
                            FugitiveServiceScenarios::get,
                            draft.getId());
                });

        scenarios.add(
                S,
                "CancelWantedPerson",
                on -> {
                    Fixture f = fixture(on);
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(PARTICIPANT),
                            S,
                            "CancelWantedPerson",
                            CancelWantedPersonRequest.newBuilder()
                                    .setId(f.id())
                                    .setReason("not ours")
                                    .build());
                    on.hiddenFrom(
                            NOT_SEEING,
                            S,
                            "CancelWantedPerson",
                            id ->
                                    CancelWantedPersonRequest.newBuilder()
                                            .setId(id)
                                            .setReason("not ours")
                                            .build(),
                            f.id());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "CancelWantedPerson",
                            CancelWantedPersonRequest.newBuilder().setId(f.id()).build(),
                            stateOf(on, f.id()),
                            "reason");
                    WantedPerson cancelled =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "CancelWantedPerson",
                                    CancelWantedPersonRequest.newBuilder()
                                            .setId(f.id())
                                            .setReason("warrant withdrawn by the court")
                                            .build(),
                                    WantedPerson.parser());
                    assertThat(cancelled.getNoticeStatus())
                            .isEqualTo(WantedPerson.NoticeStatus.CANCELLED);
                    // From now on it exists for its owner only, and answers no identity check.
                    for (String before : List.of(PARTICIPANT, SIGHTED_IN)) {
                        on.hidden(
                                investigator(before),
                                S,
                                "GetWantedPerson",
                                FugitiveServiceScenarios::get,
                                f.id());
                        assertThat(listed(on, before)).doesNotContain(f.id());
                        assertThat(found(on, before, f.person().getPrimaryName().getValue()))
                                .doesNotContain(f.id());
                    }
                    assertThat(
                                    on.ok(
                                                    investigator(STRANGER),
                                                    S,
                                                    "CheckIdentity",
                                                    CheckIdentityRequest.newBuilder()
                                                            .setDocumentNumber(f.document())
                                                            .setPurpose("border control")
                                                            .build(),
                                                    CheckIdentityResponse.parser())
                                            .getHit())
                            .isFalse();
                });

        scenarios.add(
                S,
                "PublishToOperation",
                on -> {
                    Fixture f = fixture(on);
                    WantedPerson other = published(on, uniqueName(), documentNumber());
                    on.hidden(
                            investigator(PARTICIPANT),
                            S,
                            "GetWantedPerson",
                            FugitiveServiceScenarios::get,
                            other.getId());
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(PARTICIPANT),
                            S,
                            "PublishToOperation",
                            PublishToOperationRequest.newBuilder()
                                    .setId(f.id())
                                    .setOperationId(f.running().getId())
                                    .build());
                    on.hiddenFrom(
                            NOT_SEEING,
                            S,
                            "PublishToOperation",
                            id ->
                                    PublishToOperationRequest.newBuilder()
                                            .setId(id)
                                            .setOperationId(f.running().getId())
                                            .build(),
                            other.getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "PublishToOperation",
                            PublishToOperationRequest.newBuilder().setId(other.getId()).build(),
                            stateOf(on, other.getId()),
                            "operation_id");
                    publishTo(on, other.getId(), f.running().getId());
                    assertThat(get(on, PARTICIPANT, other.getId()).getId())
                            .isEqualTo(other.getId());
                    assertThat(listed(on, PARTICIPANT)).contains(other.getId());
                    on.hidden(
                            investigator(REMOVED),
                            S,
                            "GetWantedPerson",
                            FugitiveServiceScenarios::get,
                            other.getId());
                });
    }
}
