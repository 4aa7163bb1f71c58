package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.chainbreaker.common.v1.AuditCheckpoint;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.platform.audit.AuditCheckpoints;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.keys.TokenSigner;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When a checkpoint falls due: the service's own schedule, with the same beans and token, run on a
 * clock the test moves.
 */
class AuditCheckpointScheduleTest extends AuditCheckpointFixture {

    @Autowired JdbcTemplate jdbc;
    @Autowired TenantTransactions transactions;
    @Autowired AuditTrail auditTrail;
    @Autowired TenantDirectory tenants;

    /** A clock the test moves: the schedule's interval passes without waiting for it. */
    private static final class MovedClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static long headOf(String country) throws SQLException {
        try (Connection su = PostgresServer.shared().superuserConnection("cases");
                PreparedStatement head =
                        su.prepareStatement(
                                "select max(owner_seq) from audit_log where record_owner = ?")) {
            head.setString(1, country);
            try (var rs = head.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void a_checkpoint_falls_due_after_every_n_entries_and_once_the_interval_passed_with_newer_ones()
            throws SQLException {
        // The service's own schedule, with the same beans and token, but every 20 entries or every
        // minute of the moved clock (the service's: 1000 entries or 10 minutes).
        MovedClock clock = new MovedClock();
        AuditCheckpoints every20 =
                new AuditCheckpoints(
                        "case-service",
                        jdbc,
                        transactions,
                        auditTrail,
                        new AuditCheckpoints.SigningKeys() {
                            @Override
                            public List<TokenSigner> all() {
                                return keys.auditSigners();
                            }

                            @Override
                            public void refresh(boolean always) {
                                keys.refresh();
                            }
                        },
                        tenants,
                        clock,
                        new AuditCheckpoints.Settings(
                                20, Duration.ofMinutes(1), Duration.ofHours(1)),
                        Duration.ofDays(3650));
        String country = "MY";
        auditSomethingAbout(country, 1);
        AuditCheckpoint base = checkpointNow(country);

        // Fewer than 20 new entries and no time passed: not due.
        auditSomethingAbout(country, 1);
        assertThat(headOf(country) - base.getEntryNumber()).isBetween(1L, 19L);
        every20.signDue();
        assertThat(allCheckpoints(country).getLast().getNumber()).isEqualTo(base.getNumber());

        // 20 new entries or more: due at once.
        auditSomethingAbout(country, 20);
        long head = headOf(country);
        assertThat(head - base.getEntryNumber()).isGreaterThanOrEqualTo(20L);
        every20.signDue();
        AuditCheckpoint byEntries = allCheckpoints(country).getLast();
        assertThat(byEntries.getNumber()).isEqualTo(base.getNumber() + 1);
        assertThat(byEntries.getEntryNumber()).isEqualTo(head);

        // A few newer entries: due once the interval has passed, not before.
        auditSomethingAbout(country, 1);
        every20.signDue();
        assertThat(allCheckpoints(country).getLast().getNumber()).isEqualTo(byEntries.getNumber());
        clock.advance(Duration.ofSeconds(61));
        every20.signDue();
        AuditCheckpoint byTime = allCheckpoints(country).getLast();
        assertThat(byTime.getNumber()).isEqualTo(byEntries.getNumber() + 1);
        assertThat(byTime.getEntryNumber()).isEqualTo(headOf(country));

        // Nothing new: nothing to sign, however long it has been.
        clock.advance(Duration.ofMinutes(5));
        every20.signDue();
        assertThat(allCheckpoints(country).getLast().getNumber()).isEqualTo(byTime.getNumber());
        assertThat(verify(country, List.of(base, byEntries, byTime)).getHolds()).isTrue();
    }
}
