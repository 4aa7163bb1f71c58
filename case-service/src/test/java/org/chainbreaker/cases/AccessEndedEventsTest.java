package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.RevokeScamCentreShareRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.ShareScamCentreRequest;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.platform.events.GrantEndings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Losing access is told: a country whose share is revoked or runs out receives one event naming the
 * case and that its access ended, and no other country (not the owner, not another partner, not a
 * stranger) receives it. Before, the partner's stream said nothing at all.
 */
class AccessEndedEventsTest extends RunningCaseService {

    @Autowired GrantEndings grantEndings;

    private final CaseServiceGrpc.CaseServiceBlockingStub kr =
            casesAs("KR", "kr-investigator", "investigator");

    private static String token(String tenant) {
        return TOKENS.token(tenant, tenant.toLowerCase() + "-investigator", "investigator");
    }

    private Case sharedWithThAndVn(String title, Instant thUntil) {
        Case c = openCase(kr, title);
        ShareCaseRequest.Builder toTh =
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H0);
        if (thUntil != null) {
            toTh.setExpireTime(Timestamp.newBuilder().setSeconds(thUntil.getEpochSecond()));
        }
        kr.shareCase(toTh.build());
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("VN")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        return c;
    }

    /**
     * The subscribers of KR (owner), TH (loses access), VN (keeps it) and MY (never had it),
     * started.
     */
    private static List<EventSubscriber> subscribers() throws InterruptedException {
        List<EventSubscriber> all = new ArrayList<>();
        for (String country : List.of("KR", "TH", "VN", "MY")) {
            EventSubscriber s = new EventSubscriber(channel, token(country), "", true);
            assertThat(s.received.poll(30, TimeUnit.SECONDS))
                    .as("%s's stream started", country)
                    .isNotNull();
            all.add(s);
        }
        return all;
    }

    /** The events about one record a subscriber receives until nothing came for {@code quiet}. */
    private static List<String> eventsAbout(
            EventSubscriber subscriber, String recordId, Duration quiet)
            throws InterruptedException {
        List<String> types = new ArrayList<>();
        Event event;
        while ((event = subscriber.nextEvent(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            if (event.getRecordId().equals(recordId)) {
                types.add(event.getType());
            }
        }
        return types;
    }

    private static void assertOnlyThIsTold(List<EventSubscriber> subscribers, Case c)
            throws InterruptedException {
        Event told = subscribers.get(1).nextEvent(5, TimeUnit.SECONDS);
        assertThat(told).as("TH is told").isNotNull();
        assertThat(told.getType()).isEqualTo("case.access_ended");
        assertThat(told.getRecordId()).isEqualTo(c.getId());
        assertThat(told.getRecordType()).isEqualTo("case");
        assertThat(told.getOwnerCountry()).isEqualTo("KR");
        assertThat(eventsAbout(subscribers.get(1), c.getId(), Duration.ofMillis(800)))
                .as("TH, once")
                .isEmpty();
        for (int i : new int[] {0, 2, 3}) {
            assertThat(eventsAbout(subscribers.get(i), c.getId(), Duration.ofMillis(300)))
                    .as("what the others receive")
                    .doesNotContain("case.access_ended");
        }
    }

    @Test
    void a_revoked_partner_is_told_its_access_ended_and_nobody_else_is() throws Exception {
        Case c = sharedWithThAndVn("Revoked from TH", null);
        List<EventSubscriber> subscribers = subscribers();
        try {
            kr.revokeShare(
                    RevokeShareRequest.newBuilder().setId(c.getId()).setCountry("TH").build());
            assertOnlyThIsTold(subscribers, c);
        } finally {
            subscribers.forEach(EventSubscriber::close);
        }
    }

    @Test
    void a_partner_whose_share_runs_out_is_told_once_and_nobody_else_is() throws Exception {
        Case c = sharedWithThAndVn("Runs out for TH", Instant.now().plus(Duration.ofDays(1)));
        List<EventSubscriber> subscribers = subscribers();
        try {
            letGrantExpire("case_shares", "case_id", c.getId(), "TH");
            assertThat(grantEndings.tellNow()).isGreaterThanOrEqualTo(1);
            assertOnlyThIsTold(subscribers, c);
            // Every replica's timer runs: a second round tells nothing again.
            grantEndings.tellNow();
            assertThat(eventsAbout(subscribers.get(1), c.getId(), Duration.ofMillis(500)))
                    .isEmpty();
        } finally {
            subscribers.forEach(EventSubscriber::close);
        }
    }

    /** A lead of the case assigned to TH: a second path by which TH sees the case (header). */
    private void leadAssignedToTh(Case c) {
        Lead lead =
                kr.createLead(
                        CreateLeadRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setLead(
                                        Lead.newBuilder()
                                                .setKind(Lead.Kind.PHONE_NUMBER)
                                                .setValue("+66 81 000 4242")
                                                .setDescription("second path"))
                                .build());
        kr.assignLead(
                AssignLeadRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setId(lead.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H1)
                        .setEtag(lead.getEtag())
                        .build());
    }

    private static List<String> accessEnded(EventSubscriber subscriber, String id, Duration quiet)
            throws InterruptedException {
        return eventsAbout(subscriber, id, quiet).stream()
                .filter(t -> t.endsWith(".access_ended"))
                .toList();
    }

    @Test
    void a_revoked_partner_that_still_sees_the_case_through_an_assigned_lead_is_not_told()
            throws Exception {
        Case c = sharedWithThAndVn("Revoked from TH, lead kept", null);
        leadAssignedToTh(c);
        EventSubscriber th = new EventSubscriber(channel, token("TH"), "", true);
        try {
            assertThat(th.received.poll(30, TimeUnit.SECONDS)).isNotNull();
            kr.revokeShare(
                    RevokeShareRequest.newBuilder().setId(c.getId()).setCountry("TH").build());
            assertThat(accessEnded(th, c.getId(), Duration.ofMillis(1500))).isEmpty();
            assertThat(
                            casesAs("TH", "th-investigator", "investigator")
                                    .getCase(GetCaseRequest.newBuilder().setId(c.getId()).build())
                                    .getId())
                    .as("TH still sees the case")
                    .isEqualTo(c.getId());
        } finally {
            th.close();
        }
    }

    @Test
    void a_partner_whose_share_runs_out_but_holds_an_assigned_lead_is_not_told() throws Exception {
        Case c =
                sharedWithThAndVn(
                        "Runs out for TH, lead kept", Instant.now().plus(Duration.ofDays(1)));
        leadAssignedToTh(c);
        EventSubscriber th = new EventSubscriber(channel, token("TH"), "", true);
        try {
            assertThat(th.received.poll(30, TimeUnit.SECONDS)).isNotNull();
            letGrantExpire("case_shares", "case_id", c.getId(), "TH");
            grantEndings.tellNow();
            assertThat(accessEnded(th, c.getId(), Duration.ofMillis(1500))).isEmpty();
        } finally {
            th.close();
        }
    }

    @Test
    void a_case_share_told_as_run_out_and_then_revoked_is_told_once() throws Exception {
        Case c =
                sharedWithThAndVn("Runs out, then revoked", Instant.now().plus(Duration.ofDays(1)));
        EventSubscriber th = new EventSubscriber(channel, token("TH"), "", true);
        try {
            assertThat(th.received.poll(30, TimeUnit.SECONDS)).isNotNull();
            letGrantExpire("case_shares", "case_id", c.getId(), "TH");
            grantEndings.tellNow();
            kr.revokeShare(
                    RevokeShareRequest.newBuilder().setId(c.getId()).setCountry("TH").build());
            assertThat(accessEnded(th, c.getId(), Duration.ofMillis(1500)))
                    .containsExactly("case.access_ended");
        } finally {
            th.close();
        }
    }

    @Test
    void a_scam_centre_partner_is_told_once_when_its_share_runs_out_and_is_then_revoked()
            throws Exception {
        ScamCentre centre =
                kr.createScamCentre(
                        CreateScamCentreRequest.newBuilder()
                                .setScamCentre(
                                        ScamCentre.newBuilder()
                                                .setName("Access ended compound")
                                                .setLocation(
                                                        ScamCentre.Location.newBuilder()
                                                                .setCountry("KH")
                                                                .setProvince("Preah Sihanouk")))
                                .build());
        for (String country : List.of("TH", "VN")) {
            kr.shareScamCentre(
                    ShareScamCentreRequest.newBuilder()
                            .setId(centre.getId())
                            .setCountry(country)
                            .setHandlingCode(HandlingCode.H0)
                            .setExpireTime(
                                    Timestamp.newBuilder()
                                            .setSeconds(
                                                    Instant.now()
                                                            .plus(Duration.ofDays(1))
                                                            .getEpochSecond()))
                            .build());
        }
        EventSubscriber th = new EventSubscriber(channel, token("TH"), "", true);
        EventSubscriber vn = new EventSubscriber(channel, token("VN"), "", true);
        try {
            assertThat(th.received.poll(30, TimeUnit.SECONDS)).isNotNull();
            assertThat(vn.received.poll(30, TimeUnit.SECONDS)).isNotNull();
            letGrantExpire("scam_centre_shares", "centre_id", centre.getId(), "TH");
            grantEndings.tellNow();
            kr.revokeScamCentreShare(
                    RevokeScamCentreShareRequest.newBuilder()
                            .setId(centre.getId())
                            .setCountry("TH")
                            .build());
            assertThat(accessEnded(th, centre.getId(), Duration.ofMillis(1500)))
                    .containsExactly("scam_centre.access_ended");
            // VN's live share is revoked: told by the revocation, once.
            kr.revokeScamCentreShare(
                    RevokeScamCentreShareRequest.newBuilder()
                            .setId(centre.getId())
                            .setCountry("VN")
                            .build());
            assertThat(accessEnded(vn, centre.getId(), Duration.ofMillis(1500)))
                    .containsExactly("scam_centre.access_ended");
            assertThat(accessEnded(th, centre.getId(), Duration.ofMillis(300))).isEmpty();
        } finally {
            th.close();
            vn.close();
        }
    }
}
