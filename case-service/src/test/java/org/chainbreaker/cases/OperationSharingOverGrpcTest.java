package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.fieldsIn;
import static org.chainbreaker.cases.SharingRulesOverGrpcTest.get;
import static org.chainbreaker.cases.SharingRulesOverGrpcTest.never;
import static org.chainbreaker.cases.SharingRulesOverGrpcTest.opening;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.ShareCaseWithOperationRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.junit.jupiter.api.Test;

/**
 * ShareCaseWithOperation: its input and the case are checked before the fugitive-service is asked,
 * and nothing changes while that service is down.
 */
class OperationSharingOverGrpcTest extends RunningCaseService {

    private final CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");
    private final CaseServiceBlockingStub th = casesAs("TH", "th-investigator", "investigator");

    private Case open(String title) {
        return kr.createCase(opening(title));
    }

    @Test
    void
            sharing_with_an_operation_while_the_fugitive_service_is_down_answers_unavailable_and_changes_nothing() {
        Case c = open("Operation share, upstream down");
        StatusRuntimeException down =
                failure(
                        () ->
                                kr.shareCaseWithOperation(
                                        ShareCaseWithOperationRequest.newBuilder()
                                                .setId(c.getId())
                                                .setOperationId(UUID.randomUUID().toString())
                                                .setHandlingCode(HandlingCode.H1)
                                                .build()));
        assertThat(down.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        Case after = kr.getCase(get(c));
        assertThat(after.getSharesList()).isEmpty();
        assertThat(after.getEtag()).isEqualTo(c.getEtag());
    }

    @Test
    void sharing_with_an_operation_checks_its_input_and_its_case_before_asking_anyone() {
        Case c = open("Operation share, bad input");
        StatusRuntimeException bad =
                failure(
                        () ->
                                kr.shareCaseWithOperation(
                                        ShareCaseWithOperationRequest.newBuilder()
                                                .setId(c.getId())
                                                .setOperationId("INFRA-SEAF")
                                                .setHandlingCodeValue(42)
                                                .build()));
        assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(bad)).containsExactly("operation_id", "handling_code");
        bad =
                failure(
                        () ->
                                kr.shareCaseWithOperation(
                                        ShareCaseWithOperationRequest.newBuilder()
                                                .setId(c.getId())
                                                .setOperationId(UUID.randomUUID().toString())
                                                .build()));
        assertThat(fieldsIn(bad)).containsExactly("handling_code");
        // Another country's case does not exist for TH, whatever the operation.
        StatusRuntimeException hidden =
                failure(
                        () ->
                                th.shareCaseWithOperation(
                                        ShareCaseWithOperationRequest.newBuilder()
                                                .setId(c.getId())
                                                .setOperationId(UUID.randomUUID().toString())
                                                .setHandlingCode(HandlingCode.H1)
                                                .build()));
        StatusRuntimeException missing = failure(() -> th.getCase(never()));
        assertThat(hidden.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(hidden.getStatus().getDescription())
                .isEqualTo(missing.getStatus().getDescription());
        assertThat(kr.getCase(get(c)).getSharesList()).isEmpty();
    }
}
