package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.platform.events.GrantEndings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Losing access is told (issue 16): a country whose share is revoked or runs out receives one event naming the case
 * and that its access ended, and no other country (not the owner, not another partner, not a stranger) receives it.
 * Before, the partner's stream said nothing at all.
 */
class AccessEndedEventsTest extends RunningCaseService {

    @Autowired
    GrantEndings grantEndings;

    private final CaseServiceGrpc.CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");

    private static String token(String tenant) {
        return TOKENS.token(tenant, tenant.toLowerCase() + "-investigator", "investigator");
    }

    private Case sharedWithThAndVn(String title, Instant thUntil) {
        Case c = kr.createCase(CreateCaseRequest.newBuilder()
                .setCase(Case.newBuilder().setTitle(title).setCategory(Case.Category.ONLINE_SCAM)).build());
        ShareCaseRequest.Builder toTh = ShareCaseRequest.newBuilder().setId(c.getId()).setCountry("TH")
                .setHandlingCode(HandlingCode.H0);
        if (thUntil != null) {
            toTh.setExpireTime(Timestamp.newBuilder().setSeconds(thUntil.getEpochSecond()));
        }
        kr.shareCase(toTh.build());
        kr.shareCase(ShareCaseRequest.newBuilder().setId(c.getId()).setCountry("VN").setHandlingCode(HandlingCode.H0).build());
        return c;
    }

    /** The subscribers of KR (owner), TH (loses access), VN (keeps it) and MY (never had it), started. */
    private static List<EventSubscriber> subscribers() throws InterruptedException {
        List<EventSubscriber> all = new ArrayList<>();
        for (String country : List.of("KR", "TH", "VN", "MY")) {
            EventSubscriber s = new EventSubscriber(channel, token(country), "", true);
            assertThat(s.received.poll(30, TimeUnit.SECONDS)).as("%s's stream started", country).isNotNull();
            all.add(s);
        }
        return all;
    }

    /** The events about one record a subscriber receives until nothing came for {@code quiet}. */
    private static List<String> eventsAbout(EventSubscriber subscriber, String recordId, Duration quiet)
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

    private static void assertOnlyThIsTold(List<EventSubscriber> subscribers, Case c) throws InterruptedException {
        Event told = subscribers.get(1).nextEvent(5, TimeUnit.SECONDS);
        assertThat(told).as("TH is told").isNotNull();
        assertThat(told.getType()).isEqualTo("case.access_ended");
        assertThat(told.getRecordId()).isEqualTo(c.getId());
        assertThat(told.getRecordType()).isEqualTo("case");
        assertThat(told.getOwnerCountry()).isEqualTo("KR");
        assertThat(eventsAbout(subscribers.get(1), c.getId(), Duration.ofMillis(800))).as("TH, once").isEmpty();
        for (int i : new int[] {0, 2, 3}) {
            assertThat(eventsAbout(subscribers.get(i), c.getId(), Duration.ofMillis(300)))
                    .as("what the others receive").doesNotContain("case.access_ended");
        }
    }

    @Test
    void a_revoked_partner_is_told_its_access_ended_and_nobody_else_is() throws Exception {
        Case c = sharedWithThAndVn("Revoked from TH", null);
        List<EventSubscriber> subscribers = subscribers();
        try {
            kr.revokeShare(RevokeShareRequest.newBuilder().setId(c.getId()).setCountry("TH").build());
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
            assertThat(eventsAbout(subscribers.get(1), c.getId(), Duration.ofMillis(500))).isEmpty();
        } finally {
            subscribers.forEach(EventSubscriber::close);
        }
    }
}
