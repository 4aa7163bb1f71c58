package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.investigator;

import io.grpc.Status;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.devstack.PostgresServer.DatabaseAccess;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Hit;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Kind;
import org.chainbreaker.systemtests.Faces.Face;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hit, request, grant and expiry end to end, through the gateway's REST face against the running
 * suite: TH checks an identity, gets a hit on a KR notice, asks KR for information with urgency
 * urgent; KR grants H2 for 30 days; TH reads the record, cannot pass it on, and loses it when the
 * grant expires. The same from an identifier hit on a case. An unanswered immediate request
 * escalates within its deadline, and the coordinator sees it only from then on.
 *
 * <p>Thirty days pass the way the service tests let a grant run out: the database's owner role
 * moves the grant's end into the past (no row-level security applies to it), and from that moment
 * the services' own rules decide; nothing in the services is told.
 */
class HitToGrantToExpiryEndToEndTest {

    static OnFace on;

    @BeforeAll
    static void start() {
        on = new OnFace(Face.REST, Faces.ofRunningSuite());
    }

    @Test
    void
            a_notice_hit_asked_urgently_granted_h2_for_30_days_is_read_not_passed_on_and_lost_at_expiry()
                    throws SQLException {
        Kind k = CooperationRequestScenarios.NOTICES;
        Hit hit = k.hit().apply(on);
        CooperationRequest r = granted(k, hit);
        assertThat(k.read().read(on, investigator("TH"), hit.recordId()).ok()).isTrue();
        // Passing it on belongs to the owner alone.
        on.refused(
                Status.Code.PERMISSION_DENIED,
                investigator("TH"),
                Faces.FUGITIVES,
                "PublishToOperation",
                PublishToOperationRequest.newBuilder()
                        .setId(hit.recordId())
                        .setOperationId(UUID.randomUUID().toString())
                        .build());
        assertThat(k.read().read(on, investigator("VN"), hit.recordId()).code())
                .isEqualTo(Status.Code.NOT_FOUND);

        thirtyDaysPass(
                "fugitives",
                "update notice_cooperation_requests set grant_until = now() - interval '1 second'"
                        + " where id = ?",
                UUID.fromString(r.getId()));
        assertThat(k.read().read(on, investigator("TH"), hit.recordId()).code())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void
            a_case_identifier_hit_asked_urgently_granted_h2_for_30_days_is_read_not_passed_on_and_lost()
                    throws SQLException {
        Kind k = CooperationRequestScenarios.CASES;
        Hit hit = k.hit().apply(on);
        granted(k, hit);
        assertThat(k.read().read(on, investigator("TH"), hit.recordId()).ok()).isTrue();
        on.refused(
                Status.Code.PERMISSION_DENIED,
                investigator("TH"),
                Faces.CASES,
                "ShareCase",
                ShareCaseRequest.newBuilder()
                        .setId(hit.recordId())
                        .setCountry("VN")
                        .setHandlingCode(HandlingCode.H2)
                        .build());
        assertThat(k.read().read(on, investigator("VN"), hit.recordId()).code())
                .isEqualTo(Status.Code.NOT_FOUND);

        thirtyDaysPass(
                "cases",
                "update case_shares set expire_time = now() - interval '1 second'"
                        + " where case_id = ? and country = 'TH'",
                UUID.fromString(hit.recordId()));
        assertThat(k.read().read(on, investigator("TH"), hit.recordId()).code())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void
            an_unanswered_immediate_request_escalates_within_its_deadline_and_only_then_reaches_the_coordinator() {
        for (Kind k :
                java.util.List.of(
                        CooperationRequestScenarios.CASES, CooperationRequestScenarios.NOTICES)) {
            Hit hit = k.hit().apply(on);
            var immediate = CooperationRequestScenarios.ask(hit, Urgency.IMMEDIATE).toBuilder();
            Instant deadline = Instant.now().plusSeconds(10);
            immediate.getRequestBuilder().setDeadline(OnFace.timestamp(deadline));
            CooperationRequest r =
                    on.ok(
                            investigator("TH"),
                            k.service(),
                            k.rpc("Create"),
                            immediate.build(),
                            CooperationRequest.parser());
            assertThat(
                            on.call(
                                            CooperationRequestScenarios.COORDINATOR,
                                            k.service(),
                                            k.rpc("Get"),
                                            CooperationRequestScenarios.get(r.getId()))
                                    .code())
                    .isEqualTo(Status.Code.NOT_FOUND);
            assertThat(
                            CooperationRequestScenarios.listed(
                                    on, k, CooperationRequestScenarios.COORDINATOR))
                    .doesNotContain(r.getId());
            OnFace.eventually(
                    "the coordinator sees the escalated request",
                    Duration.ofSeconds(30),
                    () ->
                            on.call(
                                            CooperationRequestScenarios.COORDINATOR,
                                            k.service(),
                                            k.rpc("Get"),
                                            CooperationRequestScenarios.get(r.getId()))
                                    .ok());
            CooperationRequest escalated =
                    on.ok(
                            CooperationRequestScenarios.COORDINATOR,
                            k.service(),
                            k.rpc("Get"),
                            CooperationRequestScenarios.get(r.getId()),
                            CooperationRequest.parser());
            Instant escalatedAt =
                    Instant.ofEpochSecond(
                            escalated.getEscalateTime().getSeconds(),
                            escalated.getEscalateTime().getNanos());
            // Escalated once the deadline passed, by the timer's next round (every second in the
            // suite), not hours later.
            assertThat(escalatedAt).isAfterOrEqualTo(deadline.minusMillis(1));
            assertThat(Duration.between(deadline, escalatedAt)).isLessThan(Duration.ofSeconds(10));
            assertThat(
                            CooperationRequestScenarios.listed(
                                    on, k, CooperationRequestScenarios.COORDINATOR))
                    .contains(r.getId());
            assertThat(
                            on.call(
                                            investigator("VN"),
                                            k.service(),
                                            k.rpc("Get"),
                                            CooperationRequestScenarios.get(r.getId()))
                                    .code())
                    .isEqualTo(Status.Code.NOT_FOUND);
        }
    }

    /** TH asks urgently for information; KR grants H2 for 30 days. */
    private static CooperationRequest granted(Kind k, Hit hit) {
        CooperationRequest asked = CooperationRequestScenarios.asked(on, k, hit, Urgency.URGENT);
        assertThat(asked.getUrgency()).isEqualTo(Urgency.URGENT);
        // Before the grant TH knows the record only by the hit's reference.
        assertThat(k.read().read(on, investigator("TH"), hit.recordId()).code())
                .isEqualTo(Status.Code.NOT_FOUND);
        CooperationRequest r =
                on.ok(
                        investigator("KR"),
                        k.service(),
                        k.rpc("Answer"),
                        CooperationRequestScenarios.grant(
                                asked.getId(), HandlingCode.H2, Duration.ofDays(30)),
                        CooperationRequest.parser());
        assertThat(r.getStatus()).isEqualTo(CooperationRequestStatus.GRANTED);
        assertThat(r.getAnswer().getHandlingCode()).isEqualTo(HandlingCode.H2);
        return r;
    }

    /** The grant's end moved into the past by the owner role, as thirty days would. */
    private static void thirtyDaysPass(String database, String sql, UUID id) throws SQLException {
        DatabaseAccess db = RunningSuite.get().database(database);
        try (Connection owner =
                        DriverManager.getConnection(
                                db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
                PreparedStatement statement = owner.prepareStatement(sql)) {
            statement.setObject(1, id);
            assertThat(statement.executeUpdate()).as(sql).isEqualTo(1);
        }
    }
}
