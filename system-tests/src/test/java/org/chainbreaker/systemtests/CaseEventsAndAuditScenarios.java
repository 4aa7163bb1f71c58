package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CaseServiceScenarios.*;
import static org.chainbreaker.systemtests.OnFace.investigator;

import io.grpc.Status;
import java.util.List;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.common.v1.AuditCheckpoint;
import org.chainbreaker.common.v1.AuditCheckpointVerification;
import org.chainbreaker.common.v1.AuditSigningKey;
import org.chainbreaker.common.v1.GetAuditSigningKeyRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.ListAuditCheckpointsRequest;
import org.chainbreaker.common.v1.ListAuditCheckpointsResponse;
import org.chainbreaker.common.v1.VerifyAuditCheckpointsRequest;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/** The case-service scenarios of the event stream and the audit trail. */
final class CaseEventsAndAuditScenarios {

    private CaseEventsAndAuditScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "WatchEvents",
                on ->
                        EveryRpcOverBothFacesTest.watchEvents(
                                on,
                                S,
                                investigator(OWNER),
                                investigator(PARTNER),
                                investigator(STRANGER),
                                () -> open(on, OWNER, "Watched case").getId(),
                                id -> share(on, id, PARTNER, HandlingCode.H1),
                                id ->
                                        on.ok(
                                                investigator(OWNER),
                                                S,
                                                "RevokeShare",
                                                RevokeShareRequest.newBuilder()
                                                        .setId(id)
                                                        .setCountry(PARTNER)
                                                        .build(),
                                                Case.parser()),
                                () -> open(on, PARTNER, "Partner's own case").getId(),
                                () -> open(on, STRANGER, "Stranger's own case").getId()));

        scenarios.add(
                S, "VerifyAuditTrail", on -> EveryRpcOverBothFacesTest.verifyAuditTrail(on, S));
        scenarios.add(S, "GetAuditSigningKey", CaseEventsAndAuditScenarios::getAuditSigningKey);
        scenarios.add(S, "ListAuditCheckpoints", CaseEventsAndAuditScenarios::listAuditCheckpoints);
        scenarios.add(
                S, "VerifyAuditCheckpoints", CaseEventsAndAuditScenarios::verifyAuditCheckpoints);
    }

    /** GetAuditSigningKey: any caller gets the public key of the checkpoints. */
    static void getAuditSigningKey(OnFace on) {
        AuditSigningKey key =
                on.ok(
                        investigator("VN"),
                        S,
                        "GetAuditSigningKey",
                        GetAuditSigningKeyRequest.getDefaultInstance(),
                        AuditSigningKey.parser());
        assertThat(key.getKeyLabel()).startsWith("audit-signing-");
        assertThat(key.getPublicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    /**
     * ListAuditCheckpoints: a coordinator sees its own country's checkpoints only; investigators
     * may not ask; a page size over 1000 is INVALID_ARGUMENT.
     */
    static void listAuditCheckpoints(OnFace on) {
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
                investigator(OWNER),
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
    static void verifyAuditCheckpoints(OnFace on) {
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
                                        .setService("case-service")
                                        .setCountry("INTERPOL")
                                        .setNumber(1)
                                        .setEntryNumber(1)
                                        .setKeyLabel("audit-signing-1"))
                        .build(),
                () -> "",
                "checkpoints[0].signature");
    }
}
