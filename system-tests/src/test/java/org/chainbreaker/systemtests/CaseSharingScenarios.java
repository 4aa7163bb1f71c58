package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CaseServiceScenarios.*;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.ListCaseReadsRequest;
import org.chainbreaker.cases.v1.ListCaseReadsResponse;
import org.chainbreaker.cases.v1.ListLeadsRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.ShareCaseWithOperationRequest;
import org.chainbreaker.cases.v1.TransitionCaseRequest;
import org.chainbreaker.cases.v1.UpdateCaseRequest;
import org.chainbreaker.common.v1.AuditRecord;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The case-service scenarios of sharing a case (with a country, with an operation), revoking, who
 * read it, and changing it (update, transition).
 */
final class CaseSharingScenarios {

    private CaseSharingScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "ShareCase",
                on -> {
                    Fixture f = fixture(on);
                    on.hidden(investigator("PH"), S, "GetCase", CaseServiceScenarios::get, f.id());
                    Case shared =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "ShareCase",
                                    ShareCaseRequest.newBuilder()
                                            .setId(f.id())
                                            .setCountry("PH")
                                            .setHandlingCode(HandlingCode.H2)
                                            .setEtag(f.c().getEtag())
                                            .build(),
                                    Case.parser());
                    assertThat(shared.getSharesList())
                            .extracting(CaseShare::getCountry)
                            .containsExactlyInAnyOrder(PARTNER, "PH");
                    assertThat(getCase(on, "PH", f.id()).getHandlingCode())
                            .isEqualTo(HandlingCode.H2);
                    // A grant that has expired gives nothing: the case is gone for ID as if it had
                    // never been shared.
                    expiredShare(on, f.id(), "ID");
                    on.hidden(investigator("ID"), S, "GetCase", CaseServiceScenarios::get, f.id());
                    on.hidden(
                            investigator("ID"),
                            S,
                            "ListLeads",
                            id -> ListLeadsRequest.newBuilder().setCaseId(id).build(),
                            f.id());
                    assertThat(listedCases(on, "ID")).doesNotContain(f.id());
                    // ...and it may not pass the case on (the case does not exist for it).
                    on.hidden(
                            investigator("ID"),
                            S,
                            "ShareCase",
                            id ->
                                    ShareCaseRequest.newBuilder()
                                            .setId(id)
                                            .setCountry("BN")
                                            .setHandlingCode(HandlingCode.H2)
                                            .build(),
                            f.id());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ShareCase",
                            ShareCaseRequest.newBuilder()
                                    .setId(f.id())
                                    .setCountry("BN")
                                    .setHandlingCode(HandlingCode.H1)
                                    .setExpireTime(OnFace.timestamp(Instant.now().minusSeconds(60)))
                                    .build(),
                            stateOf(on, f.id()),
                            "expire_time");
                    // A receiver under H2 may not pass it on; one under H1 (TH) only as strictly or
                    // more, and without
                    // disclosing victims' contacts; the stranger and the revoked partner find
                    // nothing to share.
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator("PH"),
                            S,
                            "ShareCase",
                            ShareCaseRequest.newBuilder()
                                    .setId(f.id())
                                    .setCountry("SG")
                                    .setHandlingCode(HandlingCode.H3)
                                    .build());
                    on.invalid(
                            investigator(PARTNER),
                            S,
                            "ShareCase",
                            ShareCaseRequest.newBuilder()
                                    .setId(f.id())
                                    .setCountry("SG")
                                    .setHandlingCode(HandlingCode.H0)
                                    .build(),
                            stateOf(on, f.id()),
                            "handling_code");
                    Case passedOn =
                            on.ok(
                                    investigator(PARTNER),
                                    S,
                                    "ShareCase",
                                    ShareCaseRequest.newBuilder()
                                            .setId(f.id())
                                            .setCountry("SG")
                                            .setHandlingCode(HandlingCode.H2)
                                            .build(),
                                    Case.parser());
                    assertThat(passedOn.getSharesList())
                            .extracting(CaseShare::getCountry)
                            .containsExactly(PARTNER);
                    assertThat(getCase(on, "SG", f.id()).getHandlingCode())
                            .isEqualTo(HandlingCode.H2);
                    assertThat(getCase(on, OWNER, f.id()).getSharesList())
                            .filteredOn(x -> x.getCountry().equals("SG"))
                            .singleElement()
                            .satisfies(x -> assertThat(x.getGrantedByCountry()).isEqualTo(PARTNER));
                    on.hiddenFrom(
                            NOBODY,
                            S,
                            "ShareCase",
                            id ->
                                    ShareCaseRequest.newBuilder()
                                            .setId(id)
                                            .setCountry("SG")
                                            .setHandlingCode(HandlingCode.H0)
                                            .build(),
                            f.id());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ShareCase",
                            ShareCaseRequest.newBuilder().setId(f.id()).setCountry("ZZ").build(),
                            stateOf(on, f.id()),
                            "country",
                            "handling_code");
                    Supplier<Object> state = stateOf(on, f.id());
                    Object before = state.get();
                    on.refused(
                            Status.Code.ABORTED,
                            investigator(OWNER),
                            S,
                            "ShareCase",
                            ShareCaseRequest.newBuilder()
                                    .setId(f.id())
                                    .setCountry("SG")
                                    .setHandlingCode(HandlingCode.H0)
                                    .setEtag(f.c().getEtag())
                                    .build());
                    assertThat(state.get()).as("a stale etag changes nothing").isEqualTo(before);
                });

        scenarios.add(
                S,
                "ShareCaseWithOperation",
                on -> {
                    Fixture f = fixture(on);
                    Operation op = FugitiveServiceScenarios.running(on, OWNER, "PH", "ID");
                    Function<String, Message> toOperation =
                            id ->
                                    ShareCaseWithOperationRequest.newBuilder()
                                            .setId(id)
                                            .setOperationId(op.getId())
                                            .setHandlingCode(HandlingCode.H2)
                                            .build();
                    // Negative cases first: the partner may not, the countries without the case
                    // find nothing to share.
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(PARTNER),
                            S,
                            "ShareCaseWithOperation",
                            toOperation.apply(f.id()));
                    on.hiddenFrom(NOBODY, S, "ShareCaseWithOperation", toOperation, f.id());
                    Operation notKrs = FugitiveServiceScenarios.running(on, PARTNER, "SG");
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ShareCaseWithOperation",
                            ShareCaseWithOperationRequest.newBuilder()
                                    .setId(f.id())
                                    .setOperationId(notKrs.getId())
                                    .setHandlingCode(HandlingCode.H1)
                                    .build(),
                            stateOf(on, f.id()),
                            "operation_id");
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ShareCaseWithOperation",
                            ShareCaseWithOperationRequest.newBuilder()
                                    .setId(f.id())
                                    .setOperationId("INFRA-SEAF")
                                    .build(),
                            stateOf(on, f.id()),
                            "operation_id",
                            "handling_code");
                    Operation ended =
                            FugitiveServiceScenarios.operation(
                                    on,
                                    Instant.now().minus(Duration.ofDays(30)),
                                    Instant.now().minusSeconds(1),
                                    OWNER,
                                    "SG");
                    Supplier<Object> state = stateOf(on, f.id());
                    Object before = state.get();
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            investigator(OWNER),
                            S,
                            "ShareCaseWithOperation",
                            ShareCaseWithOperationRequest.newBuilder()
                                    .setId(f.id())
                                    .setOperationId(ended.getId())
                                    .setHandlingCode(HandlingCode.H1)
                                    .build());
                    assertThat(state.get())
                            .as("sharing with an ended operation changes nothing")
                            .isEqualTo(before);
                    on.hidden(investigator("SG"), S, "GetCase", CaseServiceScenarios::get, f.id());

                    Case shared =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "ShareCaseWithOperation",
                                    toOperation.apply(f.id()),
                                    Case.parser());
                    // One grant per participant other than the owner: the coordinating country
                    // takes part too.
                    assertThat(shared.getSharesList())
                            .filteredOn(x -> x.getOperationId().equals(op.getId()))
                            .extracting(CaseShare::getCountry)
                            .containsExactlyInAnyOrderElementsOf(
                                    op.getParticipantsList().stream()
                                            .filter(p -> !p.equals(OWNER))
                                            .toList())
                            .contains("PH", "ID", FugitiveServiceScenarios.COORDINATOR);
                    assertThat(shared.getSharesList())
                            .filteredOn(x -> x.getOperationId().equals(op.getId()))
                            .allSatisfy(
                                    x ->
                                            assertThat(x.getExpireTime().getSeconds())
                                                    .isEqualTo(op.getEndTime().getSeconds()));
                    for (String participant : List.of("PH", "ID")) {
                        Case seen = getCase(on, participant, f.id());
                        assertThat(seen.getHandlingCode())
                                .as(participant)
                                .isEqualTo(HandlingCode.H2);
                        assertThat(seen.getSharesList())
                                .as(participant)
                                .extracting(CaseShare::getCountry)
                                .containsExactly(participant);
                        assertThat(listedCases(on, participant)).as(participant).contains(f.id());
                    }
                    // The earlier grants are untouched; the countries outside the operation still
                    // find nothing.
                    assertThat(getCase(on, PARTNER, f.id()).getHandlingCode())
                            .isEqualTo(HandlingCode.H1);
                    on.hiddenFrom(NOBODY, S, "GetCase", CaseServiceScenarios::get, f.id());
                });

        scenarios.add(
                S,
                "RevokeShare",
                on -> {
                    Fixture f = fixture(on);
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(PARTNER),
                            S,
                            "RevokeShare",
                            RevokeShareRequest.newBuilder()
                                    .setId(f.id())
                                    .setCountry(PARTNER)
                                    .build());
                    on.hidden(
                            investigator(STRANGER),
                            S,
                            "RevokeShare",
                            id ->
                                    RevokeShareRequest.newBuilder()
                                            .setId(id)
                                            .setCountry(PARTNER)
                                            .build(),
                            f.id());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "RevokeShare",
                            RevokeShareRequest.newBuilder().setId(f.id()).build(),
                            stateOf(on, f.id()),
                            "country");
                    Case revoked =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "RevokeShare",
                                    RevokeShareRequest.newBuilder()
                                            .setId(f.id())
                                            .setCountry(PARTNER)
                                            .build(),
                                    Case.parser());
                    assertThat(revoked.getSharesList()).isEmpty();
                    on.hidden(
                            investigator(PARTNER), S, "GetCase", CaseServiceScenarios::get, f.id());
                    on.hidden(
                            investigator(PARTNER),
                            S,
                            "ListLeads",
                            id -> ListLeadsRequest.newBuilder().setCaseId(id).build(),
                            f.id());
                    assertThat(listedCases(on, PARTNER)).doesNotContain(f.id());
                    // The lead assigned to LA is a grant of its own: it outlives the shares.
                    assertThat(getCase(on, ASSIGNEE, f.id()).getHeaderOnly()).isTrue();
                });

        scenarios.add(
                S,
                "ListCaseReads",
                on -> {
                    Fixture f = fixture(on);
                    getCase(on, PARTNER, f.id());
                    List<AuditRecord> reads =
                            on.ok(
                                            investigator(OWNER),
                                            S,
                                            "ListCaseReads",
                                            ListCaseReadsRequest.newBuilder().setId(f.id()).build(),
                                            ListCaseReadsResponse.parser())
                                    .getReadsList();
                    assertThat(reads)
                            .extracting(AuditRecord::getActorCountry)
                            .contains(PARTNER)
                            .doesNotContain(OWNER);
                    on.ownerOnly(
                            READERS,
                            NOBODY,
                            S,
                            "ListCaseReads",
                            id -> ListCaseReadsRequest.newBuilder().setId(id).build(),
                            f.id());
                });

        scenarios.add(
                S,
                "UpdateCase",
                on -> {
                    Fixture f = fixture(on);
                    Case changed =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "UpdateCase",
                                    UpdateCaseRequest.newBuilder()
                                            .setCase(
                                                    Case.newBuilder()
                                                            .setId(f.id())
                                                            .setTitle("Renamed " + RUN)
                                                            .setEtag(f.c().getEtag()))
                                            .setUpdateMask(FieldMask.newBuilder().addPaths("title"))
                                            .build(),
                                    Case.parser());
                    assertThat(changed.getTitle()).isEqualTo("Renamed " + RUN);
                    assertThat(changed.getSummary()).isEqualTo(f.c().getSummary());
                    assertThat(getCase(on, PARTNER, f.id()).getTitle()).isEqualTo("Renamed " + RUN);
                    on.deniedTo(
                            READERS,
                            S,
                            "UpdateCase",
                            UpdateCaseRequest.newBuilder()
                                    .setCase(Case.newBuilder().setId(f.id()).setTitle("Taken over"))
                                    .build());
                    on.hiddenFrom(
                            NOBODY,
                            S,
                            "UpdateCase",
                            id ->
                                    UpdateCaseRequest.newBuilder()
                                            .setCase(
                                                    Case.newBuilder()
                                                            .setId(id)
                                                            .setTitle("Taken over"))
                                            .build(),
                            f.id());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "UpdateCase",
                            UpdateCaseRequest.newBuilder()
                                    .setCase(Case.newBuilder().setId(f.id()).setTitle(" "))
                                    .setUpdateMask(FieldMask.newBuilder().addPaths("title"))
                                    .build(),
                            stateOf(on, f.id()),
                            "case.title");
                    Supplier<Object> state = stateOf(on, f.id());
                    Object before = state.get();
                    on.refused(
                            Status.Code.ABORTED,
                            investigator(OWNER),
                            S,
                            "UpdateCase",
                            UpdateCaseRequest.newBuilder()
                                    .setCase(
                                            Case.newBuilder()
                                                    .setId(f.id())
                                                    .setTitle("Stale")
                                                    .setEtag(f.c().getEtag()))
                                    .build());
                    assertThat(state.get()).isEqualTo(before);
                });

        scenarios.add(
                S,
                "TransitionCase",
                on -> {
                    Fixture f = fixture(on);
                    Case moved =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "TransitionCase",
                                    TransitionCaseRequest.newBuilder()
                                            .setId(f.id())
                                            .setStatus(Case.Status.UNDER_INVESTIGATION)
                                            .build(),
                                    Case.parser());
                    assertThat(moved.getStatus()).isEqualTo(Case.Status.UNDER_INVESTIGATION);
                    Supplier<Object> state = stateOf(on, f.id());
                    Object before = state.get();
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            investigator(OWNER),
                            S,
                            "TransitionCase",
                            TransitionCaseRequest.newBuilder()
                                    .setId(f.id())
                                    .setStatus(Case.Status.OPEN)
                                    .build());
                    assertThat(state.get()).isEqualTo(before);
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(PARTNER),
                            S,
                            "TransitionCase",
                            TransitionCaseRequest.newBuilder()
                                    .setId(f.id())
                                    .setStatus(Case.Status.CLOSED)
                                    .build());
                    on.hiddenFrom(
                            NOBODY,
                            S,
                            "TransitionCase",
                            id ->
                                    TransitionCaseRequest.newBuilder()
                                            .setId(id)
                                            .setStatus(Case.Status.CLOSED)
                                            .build(),
                            f.id());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "TransitionCase",
                            TransitionCaseRequest.newBuilder().setId(f.id()).build(),
                            state,
                            "status");
                });
    }
}
