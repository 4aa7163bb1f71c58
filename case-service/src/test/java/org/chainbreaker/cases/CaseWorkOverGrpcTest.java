package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.TransitionCaseRequest;
import org.chainbreaker.cases.v1.UpdateCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.junit.jupiter.api.Test;

/** Case updates and lifecycle over gRPC; the shared helpers that the other gRPC tests import. */
class CaseWorkOverGrpcTest extends CaseWorkFixture {

    // ----- update and lifecycle
    // -------------------------------------------------------------------------------

    @Test
    void an_update_by_anyone_but_the_owner_is_refused_and_changes_nothing() {
        Case c = open("Fake crypto exchange");
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        UpdateCaseRequest update =
                UpdateCaseRequest.newBuilder()
                        .setCase(Case.newBuilder().setId(c.getId()).setTitle("changed"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("title"))
                        .build();

        assertThat(code(() -> th.updateCase(update))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(code(() -> vn.updateCase(update))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(
                        code(
                                () ->
                                        th.transitionCase(
                                                TransitionCaseRequest.newBuilder()
                                                        .setId(c.getId())
                                                        .setStatus(Case.Status.CLOSED)
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(kr.getCase(get(c)).getTitle()).isEqualTo("Fake crypto exchange");
    }

    @Test
    void bad_updates_name_their_fields_and_a_stale_etag_aborts() {
        Case c = open("Pig butchering ring");
        StatusRuntimeException refused =
                failure(
                        () ->
                                kr.updateCase(
                                        UpdateCaseRequest.newBuilder()
                                                .setCase(
                                                        Case.newBuilder()
                                                                .setId(c.getId())
                                                                .setTitle("")
                                                                .addOperationTags("bad tag!"))
                                                .setUpdateMask(
                                                        FieldMask.newBuilder()
                                                                .addPaths("title")
                                                                .addPaths("operation_tags")
                                                                .addPaths("status"))
                                                .build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused))
                .containsExactly("update_mask", "case.title", "case.operation_tags[0]");

        Case renamed =
                kr.updateCase(
                        UpdateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setId(c.getId())
                                                .setTitle("Pig butchering ring, Sihanoukville")
                                                .setEtag(c.getEtag()))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("title"))
                                .build());
        assertThat(renamed.getTitle()).isEqualTo("Pig butchering ring, Sihanoukville");
        assertThat(renamed.getSummary()).as("not in the mask").isEqualTo("secret summary");
        assertThat(renamed.getOperationTagsList()).containsExactly("BREAKING-THE-CHAINS");

        StatusRuntimeException stale =
                failure(
                        () ->
                                kr.updateCase(
                                        UpdateCaseRequest.newBuilder()
                                                .setCase(
                                                        Case.newBuilder()
                                                                .setId(c.getId())
                                                                .setSummary("lost update")
                                                                .setEtag(c.getEtag()))
                                                .setUpdateMask(
                                                        FieldMask.newBuilder().addPaths("summary"))
                                                .build()));
        assertThat(stale.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(kr.getCase(get(c)).getSummary()).isEqualTo("secret summary");

        Case tagged =
                kr.updateCase(
                        UpdateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setId(c.getId())
                                                .addOperationTags("breaking-the-chains")
                                                .addOperationTags("SEAF-2026")
                                                .setEtag(renamed.getEtag()))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("operationTags"))
                                .build());
        assertThat(tagged.getOperationTagsList())
                .containsExactly("BREAKING-THE-CHAINS", "SEAF-2026");
    }

    @Test
    void the_lifecycle_allows_only_its_steps() {
        Case c = open("Voice phishing, fake prosecutors");
        assertThat(
                        code(
                                () ->
                                        kr.transitionCase(
                                                TransitionCaseRequest.newBuilder()
                                                        .setId(c.getId())
                                                        .setStatus(Case.Status.EVIDENCE_SUFFICIENT)
                                                        .build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(
                        code(
                                () ->
                                        kr.transitionCase(
                                                TransitionCaseRequest.newBuilder()
                                                        .setId(c.getId())
                                                        .setStatusValue(42)
                                                        .build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(
                        code(
                                () ->
                                        kr.transitionCase(
                                                TransitionCaseRequest.newBuilder()
                                                        .setId(c.getId())
                                                        .setStatus(Case.Status.UNDER_INVESTIGATION)
                                                        .setEtag("0000000000000000")
                                                        .build())))
                .isEqualTo(Status.Code.ABORTED);
        assertThat(kr.getCase(get(c)).getStatus()).isEqualTo(Case.Status.OPEN);

        Case investigating =
                kr.transitionCase(
                        TransitionCaseRequest.newBuilder()
                                .setId(c.getId())
                                .setStatus(Case.Status.UNDER_INVESTIGATION)
                                .setEtag(c.getEtag())
                                .build());
        Case sufficient =
                kr.transitionCase(
                        TransitionCaseRequest.newBuilder()
                                .setId(c.getId())
                                .setStatus(Case.Status.EVIDENCE_SUFFICIENT)
                                .build());
        assertThat(investigating.getStatus()).isEqualTo(Case.Status.UNDER_INVESTIGATION);
        assertThat(sufficient.getStatus()).isEqualTo(Case.Status.EVIDENCE_SUFFICIENT);
        assertThat(
                        code(
                                () ->
                                        kr.transitionCase(
                                                TransitionCaseRequest.newBuilder()
                                                        .setId(c.getId())
                                                        .setStatus(Case.Status.OPEN)
                                                        .build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    // ----- leads

    static Status.Code code(Runnable call) {
        return failure(call).getStatus().getCode();
    }

    static StatusRuntimeException failure(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    static List<String> fieldsIn(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        return status.getDetailsList().stream()
                .filter(d -> d.is(BadRequest.class))
                .flatMap(
                        d -> {
                            try {
                                return d.unpack(BadRequest.class).getFieldViolationsList().stream();
                            } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                                throw new AssertionError(x);
                            }
                        })
                .map(BadRequest.FieldViolation::getField)
                .toList();
    }
}
