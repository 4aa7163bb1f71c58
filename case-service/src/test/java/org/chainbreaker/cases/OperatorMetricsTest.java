package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.common.v1.VerifyAuditTrailRequest;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.events.OutboxBacklog;
import org.chainbreaker.platform.events.OutboxRelay;
import org.chainbreaker.platform.observability.MetricsServer;
import org.chainbreaker.platform.persistence.MaintenanceDatabase;
import org.chainbreaker.platform.requests.app.EscalationTimer;
import org.chainbreaker.platform.requests.app.OverdueRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The figures the operators' alerts read (k8s/components/monitoring/rules.yaml) move when the
 * trouble they stand for happens: the outbox backlog grows while the relay is held back, and the
 * broken-chain counter counts a verification of a tampered audit trail, and a cooperation request
 * past its deadline counts as overdue until the escalation timer escalates it.
 */
class OperatorMetricsTest extends RunningCaseService {

    @Autowired MetricsServer metrics;
    @Autowired MaintenanceDatabase maintenance;
    @Autowired OutboxRelay relay;
    @Autowired AuditTrail audit;
    @Autowired EscalationTimer escalation;
    @Autowired OverdueRequests overdueRequests;

    private final CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");

    @Test
    void the_outbox_backlog_grows_while_the_relay_is_held_back_and_is_cached_between_scrapes()
            throws Exception {
        OutboxBacklog fresh =
                new OutboxBacklog(maintenance.jdbc(), Clock.systemUTC(), Duration.ZERO);
        OutboxBacklog cached =
                new OutboxBacklog(maintenance.jdbc(), Clock.systemUTC(), Duration.ofHours(1));
        try (Connection superuser = PostgresServer.shared().superuserConnection("cases")) {
            // Held back as by another replica's relay stuck in its turn: the relays take turns
            // through this lock.
            superuser
                    .createStatement()
                    .execute("select pg_advisory_lock(hashtext('chainbreaker.outbox_relay'))");
            double before;
            try {
                before = fresh.pending();
                double cachedBefore = cached.pending();
                openCase(kr, "Waiting for the relay");
                openCase(kr, "Waiting for the relay too");
                assertThat(fresh.pending()).isGreaterThanOrEqualTo(before + 2);
                assertThat(cached.pending()).isEqualTo(cachedBefore);
            } finally {
                superuser
                        .createStatement()
                        .execute(
                                "select pg_advisory_unlock(hashtext('chainbreaker.outbox_relay'))");
            }
            while (relay.relayOnce() > 0) {
                // drain what waited (the running relay may take part of it)
            }
            assertThat(fresh.pending()).isZero();
        }
        assertThat(scrape()).containsPattern("(?m)^chainbreaker_outbox_backlog(\\{[^}]*\\})? \\d");
    }

    @Test
    void a_verification_that_finds_the_chain_broken_is_counted_on_the_scrape() throws Exception {
        Case krCase = openCase(kr, "Audited for the operators");
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(krCase.getId())
                        .setCountry("ID")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        var coordinator = casesAs("KR", "kr-coordinator", "coordinator");
        coordinator.verifyAuditTrail(VerifyAuditTrailRequest.getDefaultInstance());
        long verified = audit.verifications();
        long broken = audit.brokenVerifications();

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
                assertThat(
                                coordinator
                                        .verifyAuditTrail(
                                                VerifyAuditTrailRequest.getDefaultInstance())
                                        .getIntact())
                        .isFalse();
                assertThat(audit.brokenVerifications()).isEqualTo(broken + 1);
                assertThat(scrape())
                        .containsPattern(
                                "(?m)^chainbreaker_audit_verifications_broken_total(\\{[^}]*\\})? "
                                        + (broken + 1)
                                        + "(\\.0)?$");
            } finally {
                try (var restore =
                        superuser.prepareStatement(
                                "update audit_log set purpose = ? where seq = ?")) {
                    restore.setString(1, purpose);
                    restore.setLong(2, seq);
                    restore.executeUpdate();
                }
            }
        }
        assertThat(
                        coordinator
                                .verifyAuditTrail(VerifyAuditTrailRequest.getDefaultInstance())
                                .getIntact())
                .isTrue();
        assertThat(audit.brokenVerifications()).isEqualTo(broken + 1);
        assertThat(audit.verifications()).isEqualTo(verified + 2);
        assertThat(scrape()).contains("chainbreaker_audit_verifications_total");
    }

    @Test
    void a_cooperation_request_past_its_deadline_counts_as_overdue_until_it_is_escalated()
            throws Exception {
        OverdueRequests fresh =
                new OverdueRequests(
                        maintenance.jdbc(),
                        "cases_requests_overdue",
                        Clock.systemUTC(),
                        Duration.ZERO);
        escalation.stop();
        try {
            double before = fresh.overdue();
            Case c =
                    CooperationRequestFixture.krCaseHitBy(
                            kr, casesAs("TH", "th-investigator", "investigator"));
            CooperationRequest asked =
                    casesAs("TH", "th-investigator", "investigator")
                            .createCaseCooperationRequest(
                                    CooperationRequestFixture.create(
                                            CooperationRequestFixture.ask(
                                                            "KR",
                                                            c.getReference(),
                                                            Urgency.IMMEDIATE)
                                                    .setDeadline(
                                                            CooperationRequestFixture.in(
                                                                    Duration.ofHours(1)))));
            assertThat(fresh.overdue()).isEqualTo(before);
            try (Connection superuser = PostgresServer.shared().superuserConnection("cases")) {
                assertThat(
                                superuser
                                        .createStatement()
                                        .executeUpdate(
                                                "update case_cooperation_requests set deadline ="
                                                        + " now() - interval '1 minute' where id = '"
                                                        + asked.getId()
                                                        + "'"))
                        .isOne();
            }
            assertThat(fresh.overdue()).isEqualTo(before + 1);
            assertThat(escalation.escalateDue()).isPositive();
            assertThat(fresh.overdue()).isLessThanOrEqualTo(before);
        } finally {
            escalation.start();
        }
        assertThat(scrape())
                .containsPattern(
                        "(?m)^chainbreaker_cooperation_requests_overdue(\\{[^}]*\\})? \\d");
    }

    private String scrape() throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + metrics.port()
                                                                + "/metrics"))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
