package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.ListCaseReadsRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.AuditVerification;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.VerifyAuditTrailRequest;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.platform.events.Retention;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The audit chain: who read what, its verification and its protection in the database. */
class AuditTrailTest extends RunningCaseService {

    @Autowired Retention retention;

    private final CaseServiceGrpc.CaseServiceBlockingStub kr =
            casesAs("KR", "kr-investigator", "investigator");

    @Test
    void the_owner_learns_who_in_other_countries_read_its_case_and_nobody_else_does() {
        Case krCase = openCase(kr, "Read by a partner");
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(krCase.getId())
                        .setCountry("SG")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        casesAs("SG", "sg-analyst", "analyst")
                .getCase(GetCaseRequest.newBuilder().setId(krCase.getId()).build());
        kr.getCase(GetCaseRequest.newBuilder().setId(krCase.getId()).build());

        var reads =
                kr.listCaseReads(ListCaseReadsRequest.newBuilder().setId(krCase.getId()).build())
                        .getReadsList();
        assertThat(reads).hasSize(1);
        assertThat(reads.getFirst().getActorCountry()).isEqualTo("SG");
        assertThat(reads.getFirst().getActorUser()).isEqualTo("sg-analyst");

        var sg = casesAs("SG", "sg-analyst", "analyst");
        assertThatThrownBy(
                        () ->
                                sg.listCaseReads(
                                        ListCaseReadsRequest.newBuilder()
                                                .setId(krCase.getId())
                                                .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e ->
                                assertThat(e.getStatus().getCode())
                                        .isEqualTo(Status.Code.PERMISSION_DENIED));
        var my = casesAs("MY", "my-analyst", "analyst");
        assertThatThrownBy(
                        () ->
                                my.listCaseReads(
                                        ListCaseReadsRequest.newBuilder()
                                                .setId(krCase.getId())
                                                .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    /**
     * The numbers of the audit entries an owner reads count only entries about its own records:
     * other countries' audited activity in between (ID reading PH's case six times) leaves no gap.
     * Before, they were the chain's global numbers and the gap was at least 7.
     */
    @Test
    void the_numbers_of_the_entries_an_owner_reads_tell_nothing_of_other_countries_activity() {
        Case krCase = openCase(kr, "Read twice by a partner");
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(krCase.getId())
                        .setCountry("SG")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        var sg = casesAs("SG", "sg-analyst", "analyst");
        sg.getCase(GetCaseRequest.newBuilder().setId(krCase.getId()).build());
        var ph = casesAs("PH", "ph-investigator", "investigator");
        Case phCase =
                ph.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Read by ID")
                                                .setCategory(Case.Category.ONLINE_SCAM))
                                .build());
        ph.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(phCase.getId())
                        .setCountry("ID")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        var id = casesAs("ID", "id-analyst", "analyst");
        for (int i = 0; i < 6; i++) {
            id.getCase(GetCaseRequest.newBuilder().setId(phCase.getId()).build());
        }
        sg.getCase(GetCaseRequest.newBuilder().setId(krCase.getId()).build());

        var reads =
                kr.listCaseReads(ListCaseReadsRequest.newBuilder().setId(krCase.getId()).build())
                        .getReadsList();
        assertThat(reads).hasSize(2);
        assertThat(reads.get(1).getSequence() - reads.get(0).getSequence())
                .as("numbers %s", reads)
                .isEqualTo(1);
    }

    @Test
    void the_chain_names_an_entry_altered_in_the_database_and_survives_retention()
            throws Exception {
        Case krCase = openCase(kr, "Audited");
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(krCase.getId())
                        .setCountry("ID")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        var coordinator = casesAs("INTERPOL", "interpol-liaison", "liaison", "coordinator");
        assertThat(coordinator.verifyAuditTrail(VerifyAuditTrailRequest.getDefaultInstance()))
                .as(AuditLogAsSuperuser::dump)
                .returns(true, AuditVerification::getIntact);
        assertThatThrownBy(() -> kr.verifyAuditTrail(VerifyAuditTrailRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e ->
                                assertThat(e.getStatus().getCode())
                                        .isEqualTo(Status.Code.PERMISSION_DENIED));

        try (Connection superuser = PostgresServer.shared().superuserConnection("cases")) {
            var rs =
                    superuser
                            .createStatement()
                            .executeQuery(
                                    "select seq, purpose from audit_log where record_id = '"
                                            + krCase.getId()
                                            + "' and action = 'SHARE'");
            assertThat(rs.next()).isTrue();
            long seq = rs.getLong(1);
            String purpose = rs.getString(2);
            superuser
                    .createStatement()
                    .executeUpdate("update audit_log set purpose = 'to nobody' where seq = " + seq);
            try {
                AuditVerification broken =
                        coordinator.verifyAuditTrail(VerifyAuditTrailRequest.getDefaultInstance());
                assertThat(broken.getIntact()).isFalse();
                // INTERPOL may not read KR's entry: it learns that the chain is broken, not where.
                assertThat(broken.getFirstBrokenSequence()).isZero();
                AuditVerification toTheOwner =
                        casesAs("KR", "kr-coordinator", "coordinator")
                                .verifyAuditTrail(VerifyAuditTrailRequest.getDefaultInstance());
                assertThat(toTheOwner.getIntact()).isFalse();
                assertThat(toTheOwner.getFirstBrokenSequence()).isEqualTo(seq);
            } finally {
                try (var restore =
                        superuser.prepareStatement(
                                "update audit_log set purpose = ? where seq = ?")) {
                    restore.setString(1, purpose);
                    restore.setLong(2, seq);
                    restore.executeUpdate();
                }
            }
            assertThat(
                            coordinator
                                    .verifyAuditTrail(VerifyAuditTrailRequest.getDefaultInstance())
                                    .getIntact())
                    .isTrue();

            // Retention removes the oldest entries; what is kept still verifies from the moved
            // anchor.
            var before = superuser.createStatement().executeQuery("select count(*) from audit_log");
            before.next();
            long kept = before.getLong(1);
            superuser
                    .createStatement()
                    .executeQuery(
                            "select audit_prune(now() - interval '0 seconds' - (select (max(at) - min(at)) / 2 from audit_log))");
            var after = superuser.createStatement().executeQuery("select count(*) from audit_log");
            after.next();
            assertThat(after.getLong(1)).isLessThanOrEqualTo(kept);
            AuditVerification pruned =
                    coordinator.verifyAuditTrail(VerifyAuditTrailRequest.getDefaultInstance());
            assertThat(pruned.getIntact()).isTrue();
        }
    }

    @Test
    void verifying_the_chain_counts_only_the_entries_the_caller_may_know_of() throws Exception {
        Case krCase = openCase(kr, "Counted");
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(krCase.getId())
                        .setCountry("ID")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        long total;
        long known;
        try (Connection superuser = PostgresServer.shared().superuserConnection("cases")) {
            var rs =
                    superuser
                            .createStatement()
                            .executeQuery(
                                    "select count(*), count(*) filter (where 'BN' in (actor_tenant, record_owner)) from audit_log");
            rs.next();
            total = rs.getLong(1);
            known = rs.getLong(2);
        }
        AuditVerification seen =
                casesAs("BN", "bn-coordinator", "coordinator")
                        .verifyAuditTrail(VerifyAuditTrailRequest.getDefaultInstance());
        assertThat(seen.getIntact()).isTrue();
        assertThat(seen.getChecked()).isEqualTo(known).isLessThan(total);
    }

    @Test
    void the_application_role_cannot_rewrite_the_audit_trail() throws Exception {
        try (Connection app =
                DriverManager.getConnection(
                        DATABASE.jdbcUrl(), DATABASE.appUser(), DATABASE.appPassword())) {
            assertThatThrownBy(
                            () ->
                                    app.createStatement()
                                            .executeUpdate("update audit_log set purpose = 'x'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> app.createStatement().executeUpdate("delete from audit_log"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(
                            () ->
                                    app.createStatement()
                                            .executeUpdate(
                                                    "insert into audit_log values (999999, now(), 'KR', 'x', 'x', 'READ', 'case', 'x', 'KR', '', '\\x00', '\\x00')"))
                    .hasMessageContaining("permission denied");
            // Retention and the relay are the owner role's (the maintenance connection), never an
            // application session's.
            for (String maintenance :
                    List.of(
                            "select audit_prune(now())",
                            "select outbox_prune(now())",
                            "select outbox_assign_positions()")) {
                assertThatThrownBy(() -> app.createStatement().executeQuery(maintenance))
                        .as(maintenance)
                        .hasMessageContaining("permission denied");
            }
        }
        // An entry names the session's own country as its actor.
        try (Connection mm = org.chainbreaker.devstack.AppRoleSession.open(DATABASE, "MM")) {
            assertThatThrownBy(
                            () ->
                                    mm.createStatement()
                                            .executeQuery(
                                                    "select audit_append('KR', 'kr-x', 'x', 'READ', 'case', 'x', 'TH', 'forged')"))
                    .hasMessageContaining("own country");
            mm.rollback();
        }
        retention.pruneNow();
    }
}
