package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.fugitives.NoticeCooperationRequestsOverGrpcTest.ask;
import static org.chainbreaker.fugitives.NoticeCooperationRequestsOverGrpcTest.grant;
import static org.chainbreaker.fugitives.NoticeCooperationRequestsOverGrpcTest.read;

import com.google.type.Date;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.api.Test;

/**
 * A notice another country may see only through a granted cooperation request is found by name, as
 * it is read by id: the search's spelling step states visibility as the wanted_persons policy does,
 * request grant included (V33; V7's statement lacked it, so such a notice could be read but not
 * found). KR publishes a notice shared with nobody; TH hits it by an identity check and asks KR; VN
 * is unrelated.
 */
class NameSearchFindsNoticesGrantedByRequestOverGrpcTest extends RunningFugitiveService {

    private final FugitiveServiceBlockingStub kr = coordinator("KR");
    private final FugitiveServiceBlockingStub th = investigator("TH");
    private final FugitiveServiceBlockingStub vn = investigator("VN");

    /** A published KR notice of a unique name, in no operation: TH hits it by a check only. */
    private WantedPerson krNoticeHitByTh() {
        String name =
                "Kang Min-" + UUID.randomUUID().toString().substring(0, 6).replaceAll("\\d", "x");
        WantedPerson wanted = published(kr, person(name, 1984, 3, 9));
        var answer =
                th.checkIdentity(
                        CheckIdentityRequest.newBuilder()
                                .setName(name)
                                .setDateOfBirth(Date.newBuilder().setYear(1984))
                                .setPurpose("arrival check BKK")
                                .build());
        assertThat(answer.getHitsList())
                .anySatisfy(h -> assertThat(h.getReference()).isEqualTo(wanted.getReference()));
        return wanted;
    }

    /** The ids a country's search by this name finds, every page. */
    private static List<String> foundByName(FugitiveServiceBlockingStub as, String name) {
        SearchWantedPersonsRequest search =
                SearchWantedPersonsRequest.newBuilder()
                        .setName(name)
                        .setPageSize(100)
                        .setMinScore(0.5)
                        .build();
        List<String> ids = new ArrayList<>();
        SearchWantedPersonsResponse page = as.searchWantedPersons(search);
        for (int pages = 1; ; pages++) {
            page.getMatchesList().forEach(m -> ids.add(m.getWantedPerson().getId()));
            if (page.getNextPageToken().isEmpty() || pages == 10) {
                return ids;
            }
            page =
                    as.searchWantedPersons(
                            search.toBuilder().setPageToken(page.getNextPageToken()).build());
        }
    }

    private static String nameOf(WantedPerson w) {
        return w.getPrimaryName().getValue();
    }

    @Test
    void
            the_requester_finds_the_notice_by_name_once_the_owner_grants_its_request_and_a_third_country_never_does() {
        WantedPerson wanted = krNoticeHitByTh();
        String name = nameOf(wanted);
        // The search finds this notice by this name at all: its owner's search does.
        assertThat(foundByName(kr, name)).contains(wanted.getId());

        CooperationRequest asked =
                th.createNoticeCooperationRequest(ask("KR", wanted.getReference(), Urgency.URGENT));
        assertThat(foundByName(th, name)).doesNotContain(wanted.getId());
        assertThat(statusOf(() -> th.getWantedPerson(read(wanted))).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);

        assertThat(
                        kr.answerNoticeCooperationRequest(
                                        grant(asked, HandlingCode.H2, Duration.ofDays(30)))
                                .getStatus())
                .isEqualTo(CooperationRequestStatus.GRANTED);
        assertThat(th.getWantedPerson(read(wanted)).getId()).isEqualTo(wanted.getId());
        assertThat(foundByName(th, name))
                .as("TH may read %s by id, so its search by the name finds it", name)
                .contains(wanted.getId());

        assertThat(foundByName(vn, name)).doesNotContain(wanted.getId());
        assertThat(statusOf(() -> vn.getWantedPerson(read(wanted))).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void the_requester_no_longer_finds_the_notice_by_name_once_the_grant_has_expired()
            throws InterruptedException {
        WantedPerson wanted = krNoticeHitByTh();
        String name = nameOf(wanted);
        CooperationRequest asked =
                th.createNoticeCooperationRequest(ask("KR", wanted.getReference(), Urgency.URGENT));
        kr.answerNoticeCooperationRequest(grant(asked, HandlingCode.H2, Duration.ofSeconds(15)));
        assertThat(foundByName(th, name)).contains(wanted.getId());

        Instant until = Instant.now().plusSeconds(45);
        while (foundByName(th, name).contains(wanted.getId())) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("TH still finds " + name + " after its grant expired");
            }
            Thread.sleep(250);
        }
        assertThat(statusOf(() -> th.getWantedPerson(read(wanted))).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }
}
