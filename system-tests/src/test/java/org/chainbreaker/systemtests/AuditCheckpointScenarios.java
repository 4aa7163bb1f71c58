package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.investigator;

import io.grpc.Status;
import java.util.List;
import org.chainbreaker.common.v1.AuditCheckpoint;
import org.chainbreaker.common.v1.AuditCheckpointVerification;
import org.chainbreaker.common.v1.AuditSigningKey;
import org.chainbreaker.common.v1.GetAuditSigningKeyRequest;
import org.chainbreaker.common.v1.ListAuditCheckpointsRequest;
import org.chainbreaker.common.v1.ListAuditCheckpointsResponse;
import org.chainbreaker.common.v1.VerifyAuditCheckpointsRequest;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The signed audit checkpoints' RPCs, the same in every key-holding service: the rewritten-chain
 * attack itself is case-service's AuditCheckpointsTest.
 */
final class AuditCheckpointScenarios {

    private AuditCheckpointScenarios() {}

    static void register(Scenarios scenarios, String S, String serviceName) {
        scenarios.add(S, "GetAuditSigningKey", on -> getAuditSigningKey(on, S));
        scenarios.add(S, "ListAuditCheckpoints", on -> listAuditCheckpoints(on, S));
        scenarios.add(
                S, "VerifyAuditCheckpoints", on -> verifyAuditCheckpoints(on, S, serviceName));
    }

    /** GetAuditSigningKey: any caller gets the public key of the checkpoints. */
    static void getAuditSigningKey(OnFace on, String S) {
        AuditSigningKey key =
                on.ok(
                        investigator("VN"),
                        S,
                        "GetAuditSigningKey",
                        GetAuditSigningKeyRequest.getDefaultInstance(),
                        AuditSigningKey.parser());
        assertThat(key.getKeyLabel()).startsWith("audit-signing-");
        assertThat(key.getPublicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(key.getKeyLabelsList()).endsWith(key.getKeyLabel());
        // Asked by the label a checkpoint names: the same key; a label the service has no key of
        // does not exist; a malformed one is named.
        AuditSigningKey named =
                on.ok(
                        investigator("VN"),
                        S,
                        "GetAuditSigningKey",
                        GetAuditSigningKeyRequest.newBuilder()
                                .setKeyLabel(key.getKeyLabel())
                                .build(),
                        AuditSigningKey.parser());
        assertThat(named.getPublicKey()).isEqualTo(key.getPublicKey());
        on.refused(
                Status.Code.NOT_FOUND,
                investigator("VN"),
                S,
                "GetAuditSigningKey",
                GetAuditSigningKeyRequest.newBuilder().setKeyLabel("audit-signing-999").build());
        on.invalid(
                investigator("VN"),
                S,
                "GetAuditSigningKey",
                GetAuditSigningKeyRequest.newBuilder().setKeyLabel("kek-KR-1").build(),
                () -> "",
                "key_label");
    }

    /**
     * ListAuditCheckpoints: a coordinator sees its own country's checkpoints only; investigators
     * may not ask; a page size over 1000 is INVALID_ARGUMENT.
     */
    static void listAuditCheckpoints(OnFace on, String S) {
        ListAuditCheckpointsResponse own =
                on.ok(
                        OnFace.liaison("INTERPOL"),
                        S,
                        "ListAuditCheckpoints",
                        ListAuditCheckpointsRequest.getDefaultInstance(),
                        ListAuditCheckpointsResponse.parser());
        assertThat(own.getCheckpointsList())
                .allSatisfy(c -> assertThat(c.getCountry()).isEqualTo("INTERPOL"));
        on.refused(
                Status.Code.PERMISSION_DENIED,
                investigator("KR"),
                S,
                "ListAuditCheckpoints",
                ListAuditCheckpointsRequest.getDefaultInstance());
        on.invalid(
                OnFace.liaison("INTERPOL"),
                S,
                "ListAuditCheckpoints",
                ListAuditCheckpointsRequest.newBuilder().setPageSize(1001).build(),
                () -> "",
                "page_size");
    }

    /**
     * VerifyAuditCheckpoints: the caller's own checkpoints hold; one not signed by the service for
     * the caller's country is INVALID_ARGUMENT naming it.
     */
    static void verifyAuditCheckpoints(OnFace on, String S, String serviceName) {
        List<AuditCheckpoint> own =
                on.ok(
                                OnFace.liaison("INTERPOL"),
                                S,
                                "ListAuditCheckpoints",
                                ListAuditCheckpointsRequest.getDefaultInstance(),
                                ListAuditCheckpointsResponse.parser())
                        .getCheckpointsList();
        if (!own.isEmpty()) {
            AuditCheckpointVerification verified =
                    on.ok(
                            OnFace.liaison("INTERPOL"),
                            S,
                            "VerifyAuditCheckpoints",
                            VerifyAuditCheckpointsRequest.newBuilder()
                                    .addAllCheckpoints(own)
                                    .build(),
                            AuditCheckpointVerification.parser());
            assertThat(verified.getHolds()).as("%s over %s", verified, on.face).isTrue();
        }
        on.invalid(
                OnFace.liaison("INTERPOL"),
                S,
                "VerifyAuditCheckpoints",
                VerifyAuditCheckpointsRequest.newBuilder()
                        .addCheckpoints(
                                AuditCheckpoint.newBuilder()
                                        .setService(serviceName)
                                        .setCountry("INTERPOL")
                                        .setNumber(1)
                                        .setEntryNumber(1)
                                        .setKeyLabel("audit-signing-1"))
                        .build(),
                () -> "",
                "checkpoints[0].signature");
    }
}
