package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.ListCaseReadsRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.AuditVerification;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.VerifyAuditTrailRequest;
import org.chainbreaker.common.v1.WatchEventsRequest;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.platform.events.EventFeed;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.events.OutboxRelay;
import org.chainbreaker.platform.events.Retention;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The transactional outbox, the event stream and the audit chain, against the real service and
 * PostgreSQL.
 */
class EventsAndAuditTest extends RunningCaseService {

    @Autowired TenantTransactions transactions;
    @Autowired Outbox outbox;
    @Autowired OutboxRelay relay;
    @Autowired EventFeed feed;
    @Autowired Retention retention;

    private final CaseServiceGrpc.CaseServiceBlockingStub kr =
            casesAs("KR", "kr-investigator", "investigator");

    /** A subscriber that collects what the stream delivers. */
    final class Subscription implements AutoCloseable {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final Context.CancellableContext context = Context.current().withCancellation();

        Subscription(String token, String cursor) {
            Metadata headers = new Metadata();
            headers.put(
                    Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    "Bearer " + token);
            var stub =
                    CaseServiceGrpc.newStub(channel)
                            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            context.run(
                    () ->
                            stub.watchEvents(
                                    WatchEventsRequest.newBuilder().setCursor(cursor).build(),
                                    new StreamObserver<>() {
                                        public void onNext(Event event) {
                                            if (!event.getHeartbeat()) {
                                                events.add(event);
                                            }
                                        }

                                        public void onError(Throwable t) {}

                                        public void onCompleted() {}
                                    }));
        }

        Event next() throws InterruptedException {
            Event event = events.poll(5, TimeUnit.SECONDS);
            assertThat(event).as("an event within 5 s").isNotNull();
            return event;
        }

        List<Event> drainFor(Duration quiet) throws InterruptedException {
            List<Event> all = new ArrayList<>();
            Event event;
            while ((event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                all.add(event);
            }
            return all;
        }

        @Override
        public void close() {
            context.cancel(null);
        }
    }

    private Case open(String title) {
        return kr.createCase(
                CreateCaseRequest.newBuilder()
                        .setCase(
                                Case.newBuilder()
                                        .setTitle(title)
                                        .setCategory(Case.Category.ONLINE_SCAM))
                        .build());
    }

    /**
     * Waits until the stream has started (it starts at the head when subscribed without a cursor).
     */
    private static void settle() throws InterruptedException {
        Thread.sleep(300);
    }

    @Test
    void a_committed_change_reaches_its_owner_and_nobody_else() throws Exception {
        try (Subscription krEvents =
                        new Subscription(
                                TOKENS.token("KR", "kr-investigator", "investigator"), "");
                Subscription bnEvents =
                        new Subscription(
                                TOKENS.token("BN", "bn-investigator", "investigator"), "")) {
            settle();
            Case opened = open("Seen by KR only");
            Event event = krEvents.next();
            assertThat(event.getType()).isEqualTo("case.opened");
            assertThat(event.getRecordId()).isEqualTo(opened.getId());
            assertThat(event.getOwnerCountry()).isEqualTo("KR");
            assertThat(bnEvents.drainFor(Duration.ofMillis(700)))
                    .extracting(Event::getRecordId)
                    .doesNotContain(opened.getId());
        }
    }

    @Test
    void a_rolled_back_change_leaves_no_event() {
        Caller actor = new Caller("s", "kr-investigator", "KR", Set.of("investigator"), "cli", "t");
        // An event about a real case of KR's (the database refuses events about records the writer
        // does not see).
        String recordId = open("Rolled back").getId();
        long head = feed.head();
        assertThatThrownBy(
                        () ->
                                transactions.write(
                                        "KR",
                                        () -> {
                                            outbox.append(
                                                    actor,
                                                    "KR",
                                                    "case",
                                                    recordId,
                                                    "case.rolled_back");
                                            throw new IllegalStateException(
                                                    "the change fails after its event was written");
                                        }))
                .isInstanceOf(IllegalStateException.class);
        relay.relayOnce();
        try (Connection superuser = PostgresServer.shared().superuserConnection("cases")) {
            var rs =
                    superuser
                            .createStatement()
                            .executeQuery(
                                    "select count(*) from outbox_events where record_id = '"
                                            + recordId
                                            + "' and event_type = 'case.rolled_back'");
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        assertThat(feed.head()).isGreaterThanOrEqualTo(head);
    }

    @Test
    void a_stream_resumed_from_its_last_cursor_misses_nothing_and_repeats_nothing()
            throws Exception {
        String token = TOKENS.token("KR", "kr-investigator", "investigator");
        List<String> seen = new ArrayList<>();
        String cursor;
        try (Subscription first = new Subscription(token, "")) {
            settle();
            open("Before the drop 1");
            open("Before the drop 2");
            seen.add(first.next().getRecordId());
            Event last = first.next();
            seen.add(last.getRecordId());
            cursor = last.getCursor();
        }
        List<String> missed =
                List.of(
                        open("During the outage 1").getId(),
                        open("During the outage 2").getId(),
                        open("During the outage 3").getId());
        try (Subscription resumed = new Subscription(token, cursor)) {
            List<String> delivered = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                delivered.add(resumed.next().getRecordId());
            }
            assertThat(delivered).containsExactlyElementsOf(missed);
            assertThat(resumed.drainFor(Duration.ofMillis(700))).isEmpty();
            assertThat(delivered).doesNotContainAnyElementsOf(seen);
        }
    }

    @Test
    void a_partner_receives_a_cases_events_only_while_it_is_shared() throws Exception {
        Case krCase = open("Shared for a while");
        try (Subscription thEvents =
                new Subscription(TOKENS.token("TH", "th-investigator", "investigator"), "")) {
            settle();
            kr.shareCase(
                    ShareCaseRequest.newBuilder()
                            .setId(krCase.getId())
                            .setCountry("TH")
                            .setHandlingCode(HandlingCode.H0)
                            .build());
            assertThat(thEvents.next().getType()).isEqualTo("case.shared");
            kr.revokeShare(
                    RevokeShareRequest.newBuilder().setId(krCase.getId()).setCountry("TH").build());
            kr.shareCase(
                    ShareCaseRequest.newBuilder()
                            .setId(krCase.getId())
                            .setCountry("VN")
                            .setHandlingCode(HandlingCode.H0)
                            .build());
            // After the revocation TH is told that its access ended, and nothing more of the case.
            assertThat(thEvents.drainFor(Duration.ofMillis(800)))
                    .filteredOn(e -> e.getRecordId().equals(krCase.getId()))
                    .extracting(Event::getType)
                    .containsExactly("case.access_ended");
        }
    }

    /**
     * A grant's event is for the owner and the country granted. A partner passing a case on sees no
     * event whether its pass-on made a grant (MY) or found one the receiver already held (VN, from
     * the owner), nor an event of the owner's grant to another country (SG): before, the event
     * appeared for MY and SG and not for VN.
     */
    @Test
    void a_partner_learns_nothing_of_other_countries_grants_from_the_event_stream()
            throws Exception {
        Case krCase = open("Passed on by a partner");
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(krCase.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(krCase.getId())
                        .setCountry("VN")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        var th = casesAs("TH", "th-investigator", "investigator");
        try (Subscription thEvents =
                        new Subscription(
                                TOKENS.token("TH", "th-investigator", "investigator"), "");
                Subscription myEvents =
                        new Subscription(
                                TOKENS.token("MY", "my-investigator", "investigator"), "");
                Subscription krEvents =
                        new Subscription(
                                TOKENS.token("KR", "kr-investigator", "investigator"), "")) {
            settle();
            kr.shareCase(
                    ShareCaseRequest.newBuilder()
                            .setId(krCase.getId())
                            .setCountry("SG")
                            .setHandlingCode(HandlingCode.H2)
                            .build());
            th.shareCase(
                    ShareCaseRequest.newBuilder()
                            .setId(krCase.getId())
                            .setCountry("VN")
                            .setHandlingCode(HandlingCode.H1)
                            .build());
            th.shareCase(
                    ShareCaseRequest.newBuilder()
                            .setId(krCase.getId())
                            .setCountry("MY")
                            .setHandlingCode(HandlingCode.H1)
                            .build());

            assertThat(myEvents.next())
                    .satisfies(
                            e -> {
                                assertThat(e.getType()).isEqualTo("case.shared");
                                assertThat(e.getRecordId()).isEqualTo(krCase.getId());
                            });
            assertThat(krEvents.drainFor(Duration.ofMillis(800)))
                    .filteredOn(e -> e.getRecordId().equals(krCase.getId()))
                    .extracting(Event::getType)
                    .containsExactly("case.shared", "case.shared");
            assertThat(thEvents.drainFor(Duration.ofMillis(800)))
                    .extracting(Event::getRecordId)
                    .doesNotContain(krCase.getId());
        }
    }

    @Test
    void a_forged_cursor_is_refused_naming_the_field() {
        var stub =
                CaseServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth("KR")));
        assertThatThrownBy(
                        () ->
                                stub.watchEvents(
                                                WatchEventsRequest.newBuilder()
                                                        .setCursor("MTIz")
                                                        .build())
                                        .hasNext())
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> {
                            assertThat(e.getStatus().getCode())
                                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
                            assertThat(e.getStatus().getDescription()).contains("cursor");
                        });
    }

    @Test
    void the_owner_learns_who_in_other_countries_read_its_case_and_nobody_else_does() {
        Case krCase = open("Read by a partner");
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
        Case krCase = open("Read twice by a partner");
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
        Case krCase = open("Audited");
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(krCase.getId())
                        .setCountry("ID")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        var coordinator = casesAs("INTERPOL", "interpol-liaison", "liaison", "coordinator");
        assertThat(coordinator.verifyAuditTrail(VerifyAuditTrailRequest.getDefaultInstance()))
                .as(this::auditDump)
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
        Case krCase = open("Counted");
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

    private String auditDump() {
        try (Connection superuser = PostgresServer.shared().superuserConnection("cases")) {
            var rs =
                    superuser
                            .createStatement()
                            .executeQuery(
                                    "select seq, at, actor_tenant, action, record_id, purpose, encode(prev_hash, 'hex') p, encode(hash, 'hex') h from audit_log order by seq");
            StringBuilder dump = new StringBuilder();
            while (rs.next()) {
                dump.append(rs.getLong(1))
                        .append(' ')
                        .append(rs.getString(2))
                        .append(' ')
                        .append(rs.getString(3))
                        .append(' ')
                        .append(rs.getString(4))
                        .append(' ')
                        .append(rs.getString(6))
                        .append(' ')
                        .append(rs.getString(7), 0, 8)
                        .append(' ')
                        .append(rs.getString(8), 0, 8)
                        .append('\n');
            }
            var anchor =
                    superuser
                            .createStatement()
                            .executeQuery("select seq, encode(hash, 'hex') from audit_anchor");
            anchor.next();
            return dump.append("anchor ")
                    .append(anchor.getLong(1))
                    .append(' ')
                    .append(anchor.getString(2), 0, 8)
                    .toString();
        } catch (java.sql.SQLException e) {
            return e.toString();
        }
    }

    private static Metadata auth(String tenant) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer "
                        + TOKENS.token(
                                tenant, tenant.toLowerCase() + "-investigator", "investigator"));
        return headers;
    }
}
