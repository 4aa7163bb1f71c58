package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.chainbreaker.platform.persistence.MaintenanceDatabase;
import org.chainbreaker.repatriation.app.CustodyTransferRelay;
import org.chainbreaker.repatriation.app.RescueEscalationTimer;
import org.chainbreaker.repatriation.store.Backlogs;
import org.chainbreaker.repatriation.v1.RescueRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The gauges of the operators' backlog alerts move when their timer is held back: a rescue request
 * past its deadline counts as overdue until the escalation timer escalates it, and a due custody
 * delivery counts while the relay does not send it.
 */
class BacklogMetricsTest extends RunningRepatriationService {

    @Autowired MaintenanceDatabase maintenance;
    @Autowired RescueEscalationTimer escalations;
    @Autowired CustodyTransferRelay relay;
    @Autowired MeterRegistry meters;

    private Backlogs fresh() {
        return new Backlogs(maintenance.jdbc(), Clock.systemUTC(), Duration.ZERO);
    }

    private static Connection owner() throws Exception {
        return DriverManager.getConnection(
                DATABASE.jdbcUrl(), DATABASE.ownerUser(), DATABASE.ownerPassword());
    }

    @Test
    void a_rescue_request_past_its_deadline_counts_as_overdue_until_it_is_escalated()
            throws Exception {
        escalations.stop();
        try {
            double before = fresh().figures().rescueOverdue();
            RescueRequest raised =
                    RescueRequestsOverGrpcTest.raise(
                            liaison("PH"), RescueRequestsOverGrpcTest.heldInCambodia());
            assertThat(fresh().figures().rescueOverdue()).isEqualTo(before);
            try (Connection owner = owner();
                    PreparedStatement late =
                            owner.prepareStatement(
                                    "update rescue_requests set acknowledge_deadline = now() - interval '1 minute' where id = ?")) {
                late.setObject(1, UUID.fromString(raised.getId()));
                assertThat(late.executeUpdate()).isOne();
            }
            assertThat(fresh().figures().rescueOverdue()).isEqualTo(before + 1);
            assertThat(escalations.escalateDue()).isPositive();
            assertThat(fresh().figures().rescueOverdue()).isLessThanOrEqualTo(before);
        } finally {
            escalations.start();
        }
        assertThat(meters.find("chainbreaker.rescue.requests.overdue").gauge()).isNotNull();
    }

    @Test
    void a_due_custody_delivery_counts_while_the_relay_does_not_send_it() throws Exception {
        var repatriation = create(investigator("PH"), suspectTransfer("PH", "ID", "BN"));
        relay.stop();
        try (Connection owner = owner()) {
            Backlogs.Figures before = fresh().figures();
            try (PreparedStatement delivery =
                    owner.prepareStatement(
                            """
                    insert into custody_deliveries (repatriation_id, wanted_person_id, handover_time, from_country,
                                                    to_country, tenant, actor_subject, actor_user, actor_client,
                                                    next_attempt_time)
                    values (?, ?, now(), 'PH', 'ID', 'ID', 'id-liaison-subject', 'id-liaison', 'portal',
                            now() - interval '1 minute')""")) {
                delivery.setObject(1, UUID.fromString(repatriation.getId()));
                delivery.setObject(2, UUID.randomUUID());
                delivery.executeUpdate();
            }
            Backlogs.Figures held = fresh().figures();
            assertThat(held.custodyPending()).isEqualTo(before.custodyPending() + 1);
            assertThat(held.custodyDue()).isEqualTo(before.custodyDue() + 1);
            // Cached between scrapes: a long-lived reader keeps its figure for its max age.
            Backlogs cached =
                    new Backlogs(maintenance.jdbc(), Clock.systemUTC(), Duration.ofHours(1));
            double seen = cached.figures().custodyDue();
            owner.createStatement()
                    .executeUpdate(
                            "delete from custody_deliveries where repatriation_id = '"
                                    + repatriation.getId()
                                    + "'");
            assertThat(cached.figures().custodyDue()).isEqualTo(seen);
            assertThat(fresh().figures().custodyDue()).isEqualTo(before.custodyDue());
        } finally {
            relay.start();
        }
        assertThat(meters.find("chainbreaker.custody.deliveries.due").gauge()).isNotNull();
        assertThat(meters.find("chainbreaker.custody.deliveries.pending").gauge()).isNotNull();
    }
}
