package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.WatchEventsRequest;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.platform.events.EventFeed;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.events.OutboxRelay;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The transactional outbox and the event stream, against the real service and PostgreSQL. */
class EventStreamTest extends RunningCaseService {

    @Autowired TenantTransactions transactions;
    @Autowired Outbox outbox;
    @Autowired OutboxRelay relay;
    @Autowired EventFeed feed;

    private final CaseServiceGrpc.CaseServiceBlockingStub kr =
            casesAs("KR", "kr-investigator", "investigator");

    /**
     * Waits until the stream has started (it starts at the head when subscribed without a cursor).
     */
    private static void settle() throws InterruptedException {
        Thread.sleep(300);
    }

    @Test
    void a_committed_change_reaches_its_owner_and_nobody_else() throws Exception {
        try (EventSubscriber krEvents =
                        EventSubscriber.reading(
                                TOKENS.token("KR", "kr-investigator", "investigator"), "");
                EventSubscriber bnEvents =
                        EventSubscriber.reading(
                                TOKENS.token("BN", "bn-investigator", "investigator"), "")) {
            settle();
            Case opened = openCase(kr, "Seen by KR only");
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
        String recordId = openCase(kr, "Rolled back").getId();
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
        try (EventSubscriber first = EventSubscriber.reading(token, "")) {
            settle();
            openCase(kr, "Before the drop 1");
            openCase(kr, "Before the drop 2");
            seen.add(first.next().getRecordId());
            Event last = first.next();
            seen.add(last.getRecordId());
            cursor = last.getCursor();
        }
        List<String> missed =
                List.of(
                        openCase(kr, "During the outage 1").getId(),
                        openCase(kr, "During the outage 2").getId(),
                        openCase(kr, "During the outage 3").getId());
        try (EventSubscriber resumed = EventSubscriber.reading(token, cursor)) {
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
        Case krCase = openCase(kr, "Shared for a while");
        try (EventSubscriber thEvents =
                EventSubscriber.reading(
                        TOKENS.token("TH", "th-investigator", "investigator"), "")) {
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
        Case krCase = openCase(kr, "Passed on by a partner");
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
        try (EventSubscriber thEvents =
                        EventSubscriber.reading(
                                TOKENS.token("TH", "th-investigator", "investigator"), "");
                EventSubscriber myEvents =
                        EventSubscriber.reading(
                                TOKENS.token("MY", "my-investigator", "investigator"), "");
                EventSubscriber krEvents =
                        EventSubscriber.reading(
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
        assertThatThrownBy(
                        () ->
                                kr.watchEvents(
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
}
