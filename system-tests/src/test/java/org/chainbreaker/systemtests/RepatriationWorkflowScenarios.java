package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.liaison;
import static org.chainbreaker.systemtests.OnFace.timestamp;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.COORDINATOR;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.RECEIVING;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.S;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.SENDING;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.STRANGER;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.TRANSIT;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.arrestDraftCancelled;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.at;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.draft;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.get;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.handover;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.on;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.onlyBy;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.stateOf;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.step;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.transfer;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.ReasonedTransitionRequest;
import org.chainbreaker.repatriation.v1.RecordHandoverRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.TransitionRequest;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The repatriation-service's workflow steps, submit to cancel (parties and fixtures in {@link
 * RepatriationServiceScenarios}).
 */
final class RepatriationWorkflowScenarios {

    private RepatriationWorkflowScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "SubmitRepatriation",
                on -> {
                    Repatriation r = draft(on);
                    onlyBy(
                            on,
                            investigator(RECEIVING),
                            "SubmitRepatriation",
                            r,
                            RepatriationServiceScenarios::on,
                            List.of(liaison(SENDING)),
                            Repatriation.Status.REQUESTED);
                });

        scenarios.add(
                S,
                "ApproveRepatriation",
                on -> {
                    Repatriation r = at(on, Repatriation.Status.REQUESTED);
                    Repatriation half =
                            onlyBy(
                                    on,
                                    liaison(SENDING),
                                    "ApproveRepatriation",
                                    r,
                                    RepatriationServiceScenarios::on,
                                    List.of(investigator(RECEIVING), investigator(SENDING)),
                                    Repatriation.Status.APPROVED_BY_SENDING);
                    Supplier<Object> state = stateOf(on, r.getId());
                    Object before = state.get();
                    on.refused(
                            Status.Code.ABORTED,
                            liaison(RECEIVING),
                            S,
                            "ApproveRepatriation",
                            TransitionRequest.newBuilder()
                                    .setId(r.getId())
                                    .setEtag(r.getEtag())
                                    .build());
                    assertThat(state.get()).as("a stale etag changes nothing").isEqualTo(before);
                    assertThat(
                                    step(
                                                    on,
                                                    liaison(RECEIVING),
                                                    "ApproveRepatriation",
                                                    half.getId())
                                            .getStatus())
                            .isEqualTo(Repatriation.Status.CLEARED);
                });

        scenarios.add(
                S,
                "RejectRepatriation",
                on -> {
                    Repatriation r = at(on, Repatriation.Status.REQUESTED);
                    Function<String, com.google.protobuf.Message> reject =
                            id ->
                                    ReasonedTransitionRequest.newBuilder()
                                            .setId(id)
                                            .setReason("pending trial in Cambodia")
                                            .build();
                    on.invalid(
                            liaison(SENDING),
                            S,
                            "RejectRepatriation",
                            ReasonedTransitionRequest.newBuilder().setId(r.getId()).build(),
                            stateOf(on, r.getId()),
                            "reason");
                    Repatriation rejected =
                            onlyBy(
                                    on,
                                    liaison(SENDING),
                                    "RejectRepatriation",
                                    r,
                                    reject,
                                    List.of(investigator(SENDING)),
                                    Repatriation.Status.REJECTED);
                    assertThat(rejected.getStatusReason()).isEqualTo("pending trial in Cambodia");
                });

        scenarios.add(
                S,
                "ScheduleRepatriation",
                on -> {
                    Repatriation requested = at(on, Repatriation.Status.REQUESTED);
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            liaison(RECEIVING),
                            S,
                            "ScheduleRepatriation",
                            on(requested.getId()));
                    Repatriation r = at(on, Repatriation.Status.CLEARED);
                    onlyBy(
                            on,
                            liaison(RECEIVING),
                            "ScheduleRepatriation",
                            r,
                            RepatriationServiceScenarios::on,
                            List.of(investigator(RECEIVING)),
                            Repatriation.Status.SCHEDULED);
                });

        scenarios.add(
                S,
                "StartTransit",
                on -> {
                    Repatriation r = at(on, Repatriation.Status.SCHEDULED);
                    onlyBy(
                            on,
                            liaison(SENDING),
                            "StartTransit",
                            r,
                            RepatriationServiceScenarios::on,
                            List.of(liaison(RECEIVING)),
                            Repatriation.Status.IN_TRANSIT);
                });

        scenarios.add(
                S,
                "RecordHandover",
                on -> {
                    Repatriation r = at(on, Repatriation.Status.IN_TRANSIT);
                    on.invalid(
                            liaison(RECEIVING),
                            S,
                            "RecordHandover",
                            RecordHandoverRequest.newBuilder()
                                    .setId(r.getId())
                                    .setHandover(
                                            handover(r.getId()).getHandover().toBuilder()
                                                    .setPlace("")
                                                    .setHandoverTime(
                                                            timestamp(
                                                                    Instant.now()
                                                                            .plus(
                                                                                    Duration.ofDays(
                                                                                            1)))))
                                    .build(),
                            stateOf(on, r.getId()),
                            "handover.place",
                            "handover.handover_time");
                    Repatriation done =
                            onlyBy(
                                    on,
                                    liaison(RECEIVING),
                                    "RecordHandover",
                                    r,
                                    RepatriationServiceScenarios::handover,
                                    List.of(liaison(SENDING)),
                                    Repatriation.Status.HANDED_OVER);
                    assertThat(done.getHandover().getReceivingOfficer()).isEqualTo("Officer Park");
                });

        scenarios.add(
                S,
                "RetryCustodyTransfer",
                on -> {
                    // KR wants the person, KH arrested it: the handover in KR commits the custody
                    // transfer's delivery.
                    WantedPerson wanted =
                            FugitiveServiceScenarios.published(
                                    on,
                                    FugitiveServiceScenarios.uniqueName(),
                                    FugitiveServiceScenarios.documentNumber());
                    on.ok(
                            investigator(RECEIVING),
                            Faces.FUGITIVES,
                            "ReportSighting",
                            ReportSightingRequest.newBuilder()
                                    .setWantedPersonId(wanted.getId())
                                    .setSighting(FugitiveServiceScenarios.sighting(SENDING))
                                    .build(),
                            Sighting.parser());
                    on.ok(
                            investigator(SENDING),
                            Faces.FUGITIVES,
                            "RecordArrest",
                            RecordArrestRequest.newBuilder()
                                    .setWantedPersonId(wanted.getId())
                                    .setArrest(FugitiveServiceScenarios.arrest())
                                    .build(),
                            WantedPerson.parser());
                    arrestDraftCancelled(on, wanted);
                    Repatriation r =
                            at(
                                    on,
                                    on.ok(
                                            investigator(RECEIVING),
                                            S,
                                            "CreateRepatriation",
                                            CreateRepatriationRequest.newBuilder()
                                                    .setRepatriation(
                                                            transfer()
                                                                    .setWantedPersonId(
                                                                            wanted.getId()))
                                                    .build(),
                                            Repatriation.parser()),
                                    Repatriation.Status.IN_TRANSIT);
                    // Only a liaison officer of the receiving country, and only while a delivery is
                    // pending.
                    Supplier<Object> state = stateOf(on, r.getId());
                    Object before = state.get();
                    for (String refused :
                            List.of(
                                    investigator(RECEIVING),
                                    liaison(SENDING),
                                    liaison(TRANSIT),
                                    liaison(COORDINATOR))) {
                        on.refused(
                                Status.Code.PERMISSION_DENIED,
                                refused,
                                S,
                                "RetryCustodyTransfer",
                                on(r.getId()));
                    }
                    on.hidden(
                            liaison(STRANGER),
                            S,
                            "RetryCustodyTransfer",
                            RepatriationServiceScenarios::on,
                            r.getId());
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            liaison(RECEIVING),
                            S,
                            "RetryCustodyTransfer",
                            on(r.getId()));
                    assertThat(state.get()).as("refused retries change nothing").isEqualTo(before);
                    on.ok(
                            liaison(RECEIVING),
                            S,
                            "RecordHandover",
                            handover(r.getId()),
                            Repatriation.parser());
                    // The relay may have delivered it already (then there is nothing to retry);
                    // otherwise it is sent now.
                    var retried =
                            on.call(liaison(RECEIVING), S, "RetryCustodyTransfer", on(r.getId()));
                    assertThat(retried.code())
                            .as("retry right after the handover over %s: %s", on.face, retried)
                            .isIn(Status.Code.OK, Status.Code.FAILED_PRECONDITION);
                    OnFace.eventually(
                            "the custody transfer of " + r.getId() + " delivered",
                            Duration.ofSeconds(90),
                            () ->
                                    get(on, liaison(RECEIVING), r.getId())
                                                    .getCustodyDelivery()
                                                    .getState()
                                            == org.chainbreaker.repatriation.v1.CustodyDelivery
                                                    .State.DELIVERED);
                    assertThat(
                                    FugitiveServiceScenarios.get(on, RECEIVING, wanted.getId())
                                            .getCustody())
                            .isEqualTo(WantedPerson.Custody.TRANSFERRED);
                    Object delivered = state.get();
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            liaison(RECEIVING),
                            S,
                            "RetryCustodyTransfer",
                            on(r.getId()));
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            liaison(TRANSIT),
                            S,
                            "RetryCustodyTransfer",
                            on(r.getId()));
                    assertThat(state.get()).isEqualTo(delivered);
                });

        scenarios.add(
                S,
                "CompleteRepatriation",
                on -> {
                    Repatriation r = at(on, Repatriation.Status.HANDED_OVER);
                    onlyBy(
                            on,
                            liaison(RECEIVING),
                            "CompleteRepatriation",
                            r,
                            RepatriationServiceScenarios::on,
                            List.of(liaison(SENDING)),
                            Repatriation.Status.COMPLETED);
                });

        scenarios.add(
                S,
                "CancelRepatriation",
                on -> {
                    Function<String, com.google.protobuf.Message> cancel =
                            id ->
                                    ReasonedTransitionRequest.newBuilder()
                                            .setId(id)
                                            .setReason("suspect released on bail")
                                            .build();
                    Repatriation draft = draft(on);
                    on.invalid(
                            investigator(RECEIVING),
                            S,
                            "CancelRepatriation",
                            ReasonedTransitionRequest.newBuilder().setId(draft.getId()).build(),
                            stateOf(on, draft.getId()),
                            "reason");
                    // The opening country cancels its draft; once requested, only the two
                    // countries' liaison officers may.
                    // Once it is no longer a draft, cancelling needs a liaison officer: the
                    // investigator is refused that first.
                    onlyBy(
                            on,
                            investigator(RECEIVING),
                            "CancelRepatriation",
                            draft,
                            cancel,
                            List.of(),
                            Repatriation.Status.CANCELLED,
                            Status.Code.PERMISSION_DENIED);
                    Repatriation requested = at(on, Repatriation.Status.REQUESTED);
                    onlyBy(
                            on,
                            liaison(SENDING),
                            "CancelRepatriation",
                            requested,
                            cancel,
                            List.of(investigator(RECEIVING)),
                            Repatriation.Status.CANCELLED);
                });
    }
}
