package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.AuditCheckpoint;
import org.chainbreaker.common.v1.AuditCheckpointVerification;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.ListAuditCheckpointsRequest;
import org.chainbreaker.common.v1.VerifyAuditCheckpointsRequest;
import org.chainbreaker.platform.audit.AuditCheckpoints;
import org.chainbreaker.platform.keys.CountryKeys;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the audit checkpoint tests share: the service's checkpoint schedule and keys, entries about
 * a country's case to checkpoint, and the country's checkpoints as it reads and verifies them over
 * the contract.
 */
abstract class AuditCheckpointFixture extends RunningCaseService {

    @Autowired AuditCheckpoints checkpoints;
    @Autowired CountryKeys keys;

    static CaseServiceBlockingStub coordinator(String country) {
        return casesAs(country, country.toLowerCase() + "-coordinator", "coordinator");
    }

    static CaseServiceBlockingStub investigator(String country) {
        return casesAs(country, country.toLowerCase() + "-investigator", "investigator");
    }

    /** Entries about a KR case: the case shared with TH and read there (each read is audited). */
    static void auditSomethingAboutKr(int reads) {
        auditSomethingAbout("KR", reads);
    }

    /** Entries about a case of {@code country}: shared with TH and read there. */
    static void auditSomethingAbout(String country, int reads) {
        CaseServiceBlockingStub owner = investigator(country);
        Case c =
                owner.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("checkpointed " + UUID.randomUUID())
                                                .setCategory(Case.Category.INVESTMENT_FRAUD))
                                .build());
        owner.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        for (int i = 0; i < reads; i++) {
            investigator("TH").getCase(GetCaseRequest.newBuilder().setId(c.getId()).build());
        }
    }

    /**
     * A checkpoint of the country's current head, as the country receives it over the contract
     * (signed now, or by the schedule just before if it got there first).
     */
    AuditCheckpoint checkpointNow(String country) {
        checkpoints.signNow(country);
        List<AuditCheckpoint> all = allCheckpoints(country);
        assertThat(all).isNotEmpty();
        return all.getLast();
    }

    static List<AuditCheckpoint> allCheckpoints(String country) {
        return coordinator(country)
                .listAuditCheckpoints(
                        ListAuditCheckpointsRequest.newBuilder().setPageSize(1000).build())
                .getCheckpointsList();
    }

    static AuditCheckpointVerification verify(String country, List<AuditCheckpoint> kept) {
        return coordinator(country)
                .verifyAuditCheckpoints(
                        VerifyAuditCheckpointsRequest.newBuilder().addAllCheckpoints(kept).build());
    }
}
