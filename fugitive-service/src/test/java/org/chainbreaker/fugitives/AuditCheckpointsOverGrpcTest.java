package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.chainbreaker.common.v1.AuditCheckpoint;
import org.chainbreaker.common.v1.AuditSigningKey;
import org.chainbreaker.common.v1.GetAuditSigningKeyRequest;
import org.chainbreaker.common.v1.ListAuditCheckpointsRequest;
import org.chainbreaker.common.v1.VerifyAuditCheckpointsRequest;
import org.chainbreaker.common.v1.VerifyAuditTrailRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.platform.audit.AuditCheckpoints;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The fugitive-service signs checkpoints of its audit chain with the key in the real SoftHSM2
 * token, through the platform's AuditCheckpoints as the other services do (the rewritten-chain
 * attack itself is proved in case-service's AuditCheckpointsTest). Refusals first.
 */
class AuditCheckpointsOverGrpcTest extends RunningFugitiveService {

    @Autowired AuditCheckpoints checkpoints;

    private static FugitiveServiceBlockingStub auditor(String country) {
        return fugitivesAs(country, country.toLowerCase() + "-coordinator", "coordinator");
    }

    /** A checkpoint of the country's head, after an entry of its own (the verification's). */
    private AuditCheckpoint checkpointOf(String country) {
        auditor(country).verifyAuditTrail(VerifyAuditTrailRequest.getDefaultInstance());
        checkpoints.signNow(country);
        List<AuditCheckpoint> all =
                auditor(country)
                        .listAuditCheckpoints(
                                ListAuditCheckpointsRequest.newBuilder().setPageSize(1000).build())
                        .getCheckpointsList();
        assertThat(all).isNotEmpty().allSatisfy(c -> assertThat(c.getCountry()).isEqualTo(country));
        return all.getLast();
    }

    private static List<String> fieldsIn(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream()
                .filter(d -> d.is(BadRequest.class))
                .flatMap(
                        d -> {
                            try {
                                return d.unpack(BadRequest.class).getFieldViolationsList().stream()
                                        .map(BadRequest.FieldViolation::getField);
                            } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                                throw new AssertionError(x);
                            }
                        })
                .toList();
    }

    @Test
    void another_countrys_or_another_services_or_an_altered_checkpoint_is_refused_naming_it() {
        AuditCheckpoint kr = checkpointOf("KR");
        checkpointOf("TH");
        for (var presented :
                List.of(
                        kr,
                        kr.toBuilder().setCountry("TH").build(),
                        kr.toBuilder().setService("case-service").setCountry("TH").build(),
                        kr.toBuilder()
                                .setCountry("TH")
                                .setSignature(ByteString.copyFrom(new byte[] {0x30, 0x00}))
                                .build())) {
            var refused =
                    failureOf(
                            () ->
                                    auditor("TH")
                                            .verifyAuditCheckpoints(
                                                    VerifyAuditCheckpointsRequest.newBuilder()
                                                            .addCheckpoints(presented)
                                                            .build()));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(fieldsIn(refused)).containsExactly("checkpoints[0].signature");
        }
        assertThat(
                        failureOf(
                                        () ->
                                                investigator("KR")
                                                        .listAuditCheckpoints(
                                                                ListAuditCheckpointsRequest
                                                                        .getDefaultInstance()))
                                .getStatus()
                                .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void the_fugitive_service_signs_checkpoints_that_hold_and_verify_with_its_published_key() {
        AuditCheckpoint first = checkpointOf("KR");
        AuditCheckpoint second = checkpointOf("KR");
        assertThat(first.getService()).isEqualTo("fugitive-service");
        assertThat(second.getNumber()).isGreaterThan(first.getNumber());
        var result =
                auditor("KR")
                        .verifyAuditCheckpoints(
                                VerifyAuditCheckpointsRequest.newBuilder()
                                        .addCheckpoints(first)
                                        .addCheckpoints(second)
                                        .build());
        assertThat(result.getHolds()).isTrue();
        assertThat(result.getChecked()).isEqualTo(2);
        AuditSigningKey key =
                investigator("VN")
                        .getAuditSigningKey(
                                GetAuditSigningKeyRequest.newBuilder()
                                        .setKeyLabel(second.getKeyLabel())
                                        .build());
        assertThat(key.getKeyLabel()).isEqualTo(second.getKeyLabel());
        assertThat(key.getPublicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(key.getKeyLabelsList()).contains(second.getKeyLabel());
    }
}
