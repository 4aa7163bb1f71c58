package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.api.Test;

/**
 * SearchWantedPersons a page at a time (AIP-158): complete and stable pages, tokens bound to caller
 * and query.
 */
class SearchPagingOverGrpcTest extends RunningFugitiveService {

    private final FugitiveServiceBlockingStub kr = coordinator("KR");
    private final FugitiveServiceBlockingStub th = investigator("TH");

    /** Namesakes of this test run only: the same unique name, different dates of birth. */
    private static List<String> namesakes(FugitiveServiceBlockingStub as, String name, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(record(as, person(name, 1970 + i, 0, 0)).getId());
        }
        return ids;
    }

    private static String uniqueName() {
        return "Park Jiho " + UUID.randomUUID().toString().substring(0, 5).replaceAll("[0-9]", "q");
    }

    private static SearchWantedPersonsRequest.Builder search(String name, int pageSize) {
        return SearchWantedPersonsRequest.newBuilder()
                .setName(name)
                .setPageSize(pageSize)
                .setMinScore(0.75);
    }

    private static List<String> ids(SearchWantedPersonsResponse page) {
        return page.getMatchesList().stream().map(m -> m.getWantedPerson().getId()).toList();
    }

    private static List<String> violatedFields(StatusRuntimeException e) throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        return status.getDetails(0).unpack(BadRequest.class).getFieldViolationsList().stream()
                .map(BadRequest.FieldViolation::getField)
                .toList();
    }

    @Test
    void a_token_presented_by_another_country_is_refused_on_page_token() throws Exception {
        String name = uniqueName();
        List<String> drafts = namesakes(kr, name, 3);
        String token = kr.searchWantedPersons(search(name, 1).build()).getNextPageToken();
        assertThat(token).isNotEmpty();

        StatusRuntimeException refused =
                failureOf(
                        () -> th.searchWantedPersons(search(name, 1).setPageToken(token).build()));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(refused)).containsExactly("page_token");
        assertThat(ids(th.searchWantedPersons(search(name, 100).build())))
                .doesNotContainAnyElementsOf(drafts);
    }

    @Test
    void a_token_sent_with_another_query_is_refused_on_page_token() throws Exception {
        String name = uniqueName();
        namesakes(kr, name, 3);
        String token = kr.searchWantedPersons(search(name, 1).build()).getNextPageToken();

        for (SearchWantedPersonsRequest other :
                List.of(
                        search(name + "x", 1).setPageToken(token).build(),
                        search(name, 1).setMinScore(0.95).setPageToken(token).build(),
                        search(name, 1)
                                .setDateOfBirth(com.google.type.Date.newBuilder().setYear(1970))
                                .setPageToken(token)
                                .build())) {
            StatusRuntimeException refused = failureOf(() -> kr.searchWantedPersons(other));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(violatedFields(refused)).containsExactly("page_token");
        }
    }

    @Test
    void an_altered_or_hand_made_token_is_refused_on_page_token() throws Exception {
        String name = uniqueName();
        namesakes(kr, name, 3);
        String token = kr.searchWantedPersons(search(name, 1).build()).getNextPageToken();
        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[raw.length - 1] ^= 1;
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String handMade =
                Base64.getUrlEncoder().withoutPadding().encodeToString("0.0.100".getBytes());

        for (String bad :
                List.of(altered, handMade, "not a token", token.substring(0, token.length() / 2))) {
            StatusRuntimeException refused =
                    failureOf(
                            () ->
                                    kr.searchWantedPersons(
                                            search(name, 1).setPageToken(bad).build()));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(violatedFields(refused)).containsExactly("page_token");
        }
    }

    @Test
    void pages_hold_every_match_once_in_the_order_of_one_large_page_and_the_last_has_no_token() {
        String name = uniqueName();
        List<String> recorded = namesakes(kr, name, 7);
        List<String> all = ids(kr.searchWantedPersons(search(name, 100).build()));

        List<String> paged = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = "";
        do {
            // page_size may change from page to page (AIP-158); the other fields may not.
            SearchWantedPersonsResponse page =
                    kr.searchWantedPersons(
                            search(name, sizes.size() == 0 ? 3 : 2).setPageToken(token).build());
            paged.addAll(ids(page));
            sizes.add(page.getMatchesCount());
            token = page.getNextPageToken();
        } while (!token.isEmpty());

        // Other tests' Park Jiho namesakes may score above the floor too; the pages must hold
        // exactly the same.
        assertThat(all).containsAll(recorded);
        assertThat(paged).containsExactlyElementsOf(all);
        List<Integer> expected = new ArrayList<>(List.of(3));
        for (int left = all.size() - 3; left > 0; left -= 2) {
            expected.add(Math.min(2, left));
        }
        assertThat(sizes).containsExactlyElementsOf(expected);
    }

    @Test
    void the_pages_of_a_partner_hold_only_what_its_own_search_shows() {
        String name = uniqueName();
        List<String> ids = namesakes(kr, name, 4);
        Operation op =
                operation(
                        kr,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(1)),
                        "TH");
        for (String id : ids.subList(0, 2)) {
            kr.submitWantedPerson(
                    org.chainbreaker.fugitives.v1.TransitionRequest.newBuilder().setId(id).build());
            kr.publishWantedPerson(
                    org.chainbreaker.fugitives.v1.TransitionRequest.newBuilder().setId(id).build());
            kr.publishToOperation(
                    PublishToOperationRequest.newBuilder()
                            .setId(id)
                            .setOperationId(op.getId())
                            .build());
        }

        List<String> paged = new ArrayList<>();
        String token = "";
        do {
            SearchWantedPersonsResponse page =
                    th.searchWantedPersons(search(name, 1).setPageToken(token).build());
            paged.addAll(ids(page));
            token = page.getNextPageToken();
        } while (!token.isEmpty());

        assertThat(paged).containsExactlyInAnyOrderElementsOf(ids.subList(0, 2));
        assertThat(paged)
                .extracting(
                        id ->
                                th.getWantedPerson(
                                                org.chainbreaker.fugitives.v1.GetWantedPersonRequest
                                                        .newBuilder()
                                                        .setId(id)
                                                        .build())
                                        .getNoticeStatus())
                .containsOnly(WantedPerson.NoticeStatus.PUBLISHED);
    }
}
