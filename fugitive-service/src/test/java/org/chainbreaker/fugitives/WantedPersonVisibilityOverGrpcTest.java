package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.ChangeParticipantRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.ListSightingsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonReadsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.WantedPersonMatch;
import org.junit.jupiter.api.Test;

/**
 * Who sees a wanted person: the owner always; an operation participant while the operation runs;
 * the country of a sighting; nobody else, and nobody but the owner after cancellation. Invisible
 * answers exactly like missing.
 */
class WantedPersonVisibilityOverGrpcTest extends RunningFugitiveService {

    private final FugitiveServiceBlockingStub kr = coordinator("KR");
    private final FugitiveServiceBlockingStub th = investigator("TH");
    private final FugitiveServiceBlockingStub vn = investigator("VN");
    private final FugitiveServiceBlockingStub kh = investigator("KH");
    private final FugitiveServiceBlockingStub ph = investigator("PH");

    private static String uniqueName() {
        // Unique per test run so that searches find only this test's records.
        String[] given = {
            "Seo-jun", "Ha-eun", "Do-yun", "Ji-ho", "Ye-jin", "Si-woo", "Eun-woo", "Min-jae"
        };
        return "Kim "
                + given[(int) (Math.random() * given.length)]
                + " "
                + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "x");
    }

    private static WantedPerson get(FugitiveServiceBlockingStub as, String id) {
        return as.getWantedPerson(GetWantedPersonRequest.newBuilder().setId(id).build());
    }

    private static Status getStatus(FugitiveServiceBlockingStub as, String id) {
        return statusOf(() -> get(as, id));
    }

    private static List<String> visibleIds(FugitiveServiceBlockingStub as) {
        List<String> ids = new ArrayList<>();
        String token = "";
        do {
            ListWantedPersonsResponse page =
                    as.listWantedPersons(
                            ListWantedPersonsRequest.newBuilder()
                                    .setPageSize(200)
                                    .setPageToken(token)
                                    .build());
            page.getWantedPersonsList().forEach(w -> ids.add(w.getId()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return ids;
    }

    private static List<String> searchIds(FugitiveServiceBlockingStub as, String name) {
        return as
                .searchWantedPersons(
                        SearchWantedPersonsRequest.newBuilder()
                                .setName(name)
                                .setPageSize(100)
                                .build())
                .getMatchesList()
                .stream()
                .map(m -> m.getWantedPerson().getId())
                .toList();
    }

    /**
     * Invisible: NOT_FOUND with the same text as a never-existing id, absent from lists and
     * searches.
     */
    private void assertInvisible(FugitiveServiceBlockingStub as, WantedPerson person) {
        Status hidden = getStatus(as, person.getId());
        Status missing = getStatus(as, UUID.randomUUID().toString());
        assertThat(hidden.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(hidden.getDescription()).isEqualTo(missing.getDescription());
        assertThat(visibleIds(as)).doesNotContain(person.getId());
        assertThat(searchIds(as, person.getPrimaryName().getValue()))
                .doesNotContain(person.getId());
    }

    private void assertVisible(FugitiveServiceBlockingStub as, WantedPerson person) {
        assertThat(get(as, person.getId()).getReference()).isEqualTo(person.getReference());
        assertThat(visibleIds(as)).contains(person.getId());
        assertThat(searchIds(as, person.getPrimaryName().getValue())).contains(person.getId());
    }

    private Operation running(String... participants) {
        return operation(
                kr,
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)),
                participants);
    }

    private void publishTo(WantedPerson person, Operation op) {
        kr.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(person.getId())
                        .setOperationId(op.getId())
                        .build());
    }

    @Test
    void the_owner_sees_its_drafts_and_nobody_else_does_even_within_an_operation() {
        WantedPerson draft = record(kr, person(uniqueName(), 1985, 3, 12));
        publishTo(draft, running("TH"));
        assertVisible(kr, draft);
        assertThat(get(kr, draft.getId()).getOperationIdsCount()).isEqualTo(1);
        assertInvisible(th, draft);
        assertInvisible(vn, draft);
    }

    @Test
    void
            an_operation_participant_sees_a_published_person_while_the_operation_runs_and_an_unrelated_country_does_not() {
        WantedPerson published = published(kr, person(uniqueName(), 1985, 0, 0));
        Operation op = running("TH");
        assertInvisible(th, published);
        publishTo(published, op);

        assertVisible(th, published);
        WantedPerson seenByTh = get(th, published.getId());
        assertThat(seenByTh.getOwnerCountry()).isEqualTo("KR");
        assertThat(seenByTh.getOperationIdsList())
                .as("operations are shown to the owner only")
                .isEmpty();
        assertInvisible(vn, published);
    }

    @Test
    void the_owner_learns_who_in_other_countries_read_its_record_and_nobody_else_does() {
        WantedPerson published = published(kr, person(uniqueName(), 1983, 5, 5));
        publishTo(published, running("TH"));
        get(th, published.getId());
        get(kr, published.getId());

        var reads =
                kr.listWantedPersonReads(
                                ListWantedPersonReadsRequest.newBuilder()
                                        .setId(published.getId())
                                        .build())
                        .getReadsList();
        assertThat(reads)
                .extracting(r -> r.getActorCountry() + ":" + r.getAction())
                .containsExactly("TH:READ");
        assertThat(
                        statusOf(
                                        () ->
                                                th.listWantedPersonReads(
                                                        ListWantedPersonReadsRequest.newBuilder()
                                                                .setId(published.getId())
                                                                .build()))
                                .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(
                        statusOf(
                                        () ->
                                                vn.listWantedPersonReads(
                                                        ListWantedPersonReadsRequest.newBuilder()
                                                                .setId(published.getId())
                                                                .build()))
                                .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void
            a_name_search_records_one_read_per_foreign_match_for_its_owner_and_the_audit_chain_still_verifies() {
        String name = uniqueName();
        WantedPerson first = published(kr, person(name, 1983, 5, 5));
        WantedPerson second = published(kr, person(name, 1991, 1, 9));
        Operation op = running("TH");
        publishTo(first, op);
        publishTo(second, op);

        var found =
                th.searchWantedPersons(
                                SearchWantedPersonsRequest.newBuilder().setName(name).build())
                        .getMatchesList();

        assertThat(found)
                .extracting(m -> m.getWantedPerson().getId())
                .contains(first.getId(), second.getId());
        for (WantedPerson read : List.of(first, second)) {
            assertThat(
                            kr.listWantedPersonReads(
                                            ListWantedPersonReadsRequest.newBuilder()
                                                    .setId(read.getId())
                                                    .build())
                                    .getReadsList())
                    .extracting(r -> r.getActorCountry() + ":" + r.getAction())
                    .containsExactly("TH:READ");
        }
        var verification =
                kr.verifyAuditTrail(
                        org.chainbreaker.common.v1.VerifyAuditTrailRequest.getDefaultInstance());
        assertThat(verification.getIntact()).isTrue();
        assertThat(verification.getChecked()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void after_the_operation_ends_its_participants_no_longer_see_what_was_published_to_it() {
        WantedPerson published = published(kr, person(uniqueName(), 1979, 11, 2));
        Operation ended =
                operation(
                        kr,
                        Instant.now().minus(Duration.ofDays(60)),
                        Instant.now().minus(Duration.ofSeconds(1)),
                        "TH");
        publishTo(published, ended);
        assertInvisible(th, published);
        assertVisible(kr, published);
    }

    @Test
    void a_removed_participant_stops_seeing_the_operations_records() {
        WantedPerson published = published(kr, person(uniqueName(), 1990, 1, 1));
        Operation op = running("TH", "PH");
        publishTo(published, op);
        assertVisible(ph, published);
        kr.removeParticipant(
                ChangeParticipantRequest.newBuilder().setId(op.getId()).setCountry("PH").build());
        assertInvisible(ph, published);
        assertVisible(th, published);
    }

    @Test
    void
            the_owners_sighting_in_a_country_lets_that_country_see_the_person_and_moves_the_last_known_location() {
        WantedPerson published = published(kr, person(uniqueName(), 1988, 8, 8));
        publishTo(published, running("TH"));
        assertInvisible(kh, published);

        Sighting sighting =
                kr.reportSighting(
                        ReportSightingRequest.newBuilder()
                                .setWantedPersonId(published.getId())
                                .setSighting(
                                        Sighting.newBuilder()
                                                .setCountry("KH")
                                                .setPlace("Sihanoukville, casino hotel")
                                                .setSeenTime(
                                                        timestamp(Instant.now().minusSeconds(3600)))
                                                .setConfidence(Sighting.Confidence.CONFIRMED)
                                                .setSource("informant"))
                                .build());
        assertThat(sighting.getReporterCountry()).isEqualTo("KR");
        assertThat(sighting.getAccessCountry()).isEqualTo("KH");

        assertVisible(kh, published);
        assertThat(get(kh, published.getId()).getLastKnownLocation().getPlace())
                .isEqualTo("Sihanoukville, casino hotel");
        assertThat(get(kr, published.getId()).getLastKnownLocation().getCountry()).isEqualTo("KH");
        // An unconfirmed later sighting does not move the last known location.
        kr.reportSighting(
                ReportSightingRequest.newBuilder()
                        .setWantedPersonId(published.getId())
                        .setSighting(
                                Sighting.newBuilder()
                                        .setCountry("VN")
                                        .setPlace("Ho Chi Minh City")
                                        .setSeenTime(timestamp(Instant.now().minusSeconds(60)))
                                        .setConfidence(Sighting.Confidence.UNCONFIRMED)
                                        .setSource("CCTV"))
                        .build());
        assertThat(get(kr, published.getId()).getLastKnownLocation().getCountry()).isEqualTo("KH");
        assertThat(
                        kr.listSightings(
                                        ListSightingsRequest.newBuilder()
                                                .setWantedPersonId(published.getId())
                                                .build())
                                .getSightingsList())
                .extracting(Sighting::getCountry)
                .containsExactly("VN", "KH");
        assertThat(
                        kh.listSightings(
                                        ListSightingsRequest.newBuilder()
                                                .setWantedPersonId(published.getId())
                                                .build())
                                .getSightingsList())
                .extracting(Sighting::getCountry)
                .containsExactly("KH");
        assertInvisible(ph, published);
    }

    @Test
    void a_country_that_cannot_see_a_person_cannot_report_a_sighting_of_it() {
        WantedPerson published = published(kr, person(uniqueName(), 1970, 0, 0));
        Status refused =
                statusOf(
                        () ->
                                vn.reportSighting(
                                        ReportSightingRequest.newBuilder()
                                                .setWantedPersonId(published.getId())
                                                .setSighting(
                                                        Sighting.newBuilder()
                                                                .setCountry("VN")
                                                                .setPlace("Hanoi")
                                                                .setSeenTime(
                                                                        timestamp(Instant.now()))
                                                                .setConfidence(
                                                                        Sighting.Confidence
                                                                                .PROBABLE)
                                                                .setSource("tip"))
                                                .build()));
        assertThat(refused.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertInvisible(vn, published);
    }

    @Test
    void after_cancellation_only_the_owner_sees_the_record() {
        WantedPerson published = published(kr, person(uniqueName(), 1975, 5, 0));
        publishTo(published, running("TH"));
        kr.reportSighting(
                ReportSightingRequest.newBuilder()
                        .setWantedPersonId(published.getId())
                        .setSighting(
                                Sighting.newBuilder()
                                        .setCountry("KH")
                                        .setPlace("Poipet")
                                        .setSeenTime(timestamp(Instant.now()))
                                        .setConfidence(Sighting.Confidence.CONFIRMED)
                                        .setSource("border police"))
                        .build());
        assertVisible(th, published);
        assertVisible(kh, published);

        WantedPerson cancelled =
                kr.cancelWantedPerson(
                        CancelWantedPersonRequest.newBuilder()
                                .setId(published.getId())
                                .setReason("warrant withdrawn by the court")
                                .build());
        assertThat(cancelled.getNoticeStatus()).isEqualTo(WantedPerson.NoticeStatus.CANCELLED);
        assertThat(cancelled.getCancellationReason()).isEqualTo("warrant withdrawn by the court");
        assertInvisible(th, published);
        assertInvisible(kh, published);
        assertVisible(kr, published);
    }

    @Test
    void search_finds_the_same_person_across_scripts_with_reasons_and_only_among_visible_records() {
        WantedPerson korean =
                published(
                        kr,
                        person("김민수", 1985, 3, 12)
                                .addAliases(
                                        org.chainbreaker.fugitives.v1.PersonName.newBuilder()
                                                .setValue("Kim Min-su")));
        publishTo(korean, running("TH"));

        List<WantedPersonMatch> matches =
                th.searchWantedPersons(
                                SearchWantedPersonsRequest.newBuilder()
                                        .setName("Gim Minsu")
                                        .setDateOfBirth(
                                                com.google.type.Date.newBuilder().setYear(1985))
                                        .build())
                        .getMatchesList();
        WantedPersonMatch match =
                matches.stream()
                        .filter(m -> m.getWantedPerson().getId().equals(korean.getId()))
                        .findFirst()
                        .orElseThrow();
        assertThat(match.getScore()).isGreaterThan(0.75);
        assertThat(match.getReasonsList()).anyMatch(r -> r.contains("date of birth"));
        assertThat(searchIds(vn, "Gim Minsu")).doesNotContain(korean.getId());
    }
}
