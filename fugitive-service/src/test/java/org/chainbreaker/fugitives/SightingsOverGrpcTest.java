package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.fugitives.v1.Arrest;
import org.chainbreaker.fugitives.v1.ChangeParticipantRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.ListSightingsRequest;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.api.Test;

/**
 * Sightings are no onward grant and do not move a person in custody: another country reports
 * sightings in its own territory only and gains nothing by them; a person arrested is not sighted
 * anywhere.
 */
class SightingsOverGrpcTest extends RunningFugitiveService {

    private final FugitiveServiceBlockingStub kr = coordinator("KR");
    private final FugitiveServiceBlockingStub th = investigator("TH");
    private final FugitiveServiceBlockingStub kh = investigator("KH");
    private final FugitiveServiceBlockingStub ph = investigator("PH");

    private WantedPerson publishedTo(Operation op) {
        WantedPerson w =
                published(
                        kr,
                        person(
                                "Sighted Lee " + UUID.randomUUID().toString().substring(0, 6),
                                1987,
                                7,
                                7));
        kr.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(w.getId())
                        .setOperationId(op.getId())
                        .build());
        return w;
    }

    private Operation running(String... participants) {
        return operation(
                kr,
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)),
                participants);
    }

    private static ReportSightingRequest seen(
            WantedPerson w, String country, String place, Instant when) {
        return ReportSightingRequest.newBuilder()
                .setWantedPersonId(w.getId())
                .setSighting(
                        Sighting.newBuilder()
                                .setCountry(country)
                                .setPlace(place)
                                .setSeenTime(timestamp(when))
                                .setConfidence(Sighting.Confidence.CONFIRMED)
                                .setSource("police"))
                .build();
    }

    private static WantedPerson get(FugitiveServiceBlockingStub as, WantedPerson w) {
        return as.getWantedPerson(GetWantedPersonRequest.newBuilder().setId(w.getId()).build());
    }

    /** NOT_FOUND exactly as for an id that never existed. */
    private static void assertHidden(FugitiveServiceBlockingStub as, WantedPerson w) {
        Status hidden = statusOf(() -> get(as, w));
        Status missing =
                statusOf(
                        () ->
                                as.getWantedPerson(
                                        GetWantedPersonRequest.newBuilder()
                                                .setId(UUID.randomUUID().toString())
                                                .build()));
        assertThat(hidden.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(hidden.getDescription()).isEqualTo(missing.getDescription());
    }

    private static List<String> fields(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream()
                .filter(d -> d.is(BadRequest.class))
                .flatMap(
                        d -> {
                            try {
                                return d.unpack(BadRequest.class).getFieldViolationsList().stream()
                                        .map(BadRequest.FieldViolation::getField);
                            } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                                throw new AssertionError(x);
                            }
                        })
                .toList();
    }

    private RecordArrestRequest arrest(WantedPerson w, Instant when) {
        return RecordArrestRequest.newBuilder()
                .setWantedPersonId(w.getId())
                .setArrest(
                        Arrest.newBuilder()
                                .setPlace("Bangkok, Lat Phrao")
                                .setArrestTime(timestamp(when))
                                .setCustody("Bangkok Remand Prison"))
                .build();
    }

    @Test
    void a_participant_cannot_place_the_person_in_a_third_country_which_then_learns_nothing() {
        WantedPerson w = publishedTo(running("TH"));
        StatusRuntimeException refused =
                failureOf(
                        () ->
                                th.reportSighting(
                                        seen(
                                                w,
                                                "KH",
                                                "Phnom Penh",
                                                Instant.now().minusSeconds(60))));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(refused)).containsExactly("sighting.country");
        assertHidden(kh, w);
        assertThat(
                        kr.listSightings(
                                        ListSightingsRequest.newBuilder()
                                                .setWantedPersonId(w.getId())
                                                .build())
                                .getSightingsList())
                .isEmpty();
    }

    @Test
    void a_participants_own_sighting_gives_it_no_access_beyond_its_membership() {
        Operation op = running("TH");
        WantedPerson w = publishedTo(op);
        Sighting own = th.reportSighting(seen(w, "TH", "Pattaya", Instant.now().minusSeconds(60)));
        assertThat(own.getReporterCountry()).isEqualTo("TH");
        assertThat(get(th, w).getLastKnownLocation().getPlace()).isEqualTo("Pattaya");

        kr.removeParticipant(
                ChangeParticipantRequest.newBuilder().setId(op.getId()).setCountry("TH").build());

        assertHidden(th, w);
        assertThat(
                        statusOf(
                                        () ->
                                                th.listSightings(
                                                        ListSightingsRequest.newBuilder()
                                                                .setWantedPersonId(w.getId())
                                                                .build()))
                                .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(get(kr, w).getLastKnownLocation().getPlace()).isEqualTo("Pattaya");
    }

    @Test
    void
            a_sighting_of_an_arrested_person_is_refused_and_neither_moves_the_location_nor_opens_the_record() {
        WantedPerson w = publishedTo(running("TH"));
        kr.reportSighting(
                seen(w, "TH", "Bangkok, Sukhumvit", Instant.now().minus(Duration.ofHours(3))));
        th.recordArrest(arrest(w, Instant.now().minus(Duration.ofHours(2))));

        Status byOwner =
                statusOf(
                        () ->
                                kr.reportSighting(
                                        seen(
                                                w,
                                                "PH",
                                                "Manila, Malate",
                                                Instant.now().minusSeconds(60))));
        assertThat(byOwner.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(byOwner.getDescription()).contains("ARRESTED");
        assertThat(
                        statusOf(
                                        () ->
                                                th.reportSighting(
                                                        seen(
                                                                w,
                                                                "TH",
                                                                "Chiang Mai",
                                                                Instant.now().minusSeconds(60))))
                                .getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);

        assertThat(get(kr, w).getLastKnownLocation().getPlace()).isEqualTo("Bangkok, Sukhumvit");
        assertHidden(ph, w);
        assertThat(
                        kr.listSightings(
                                        ListSightingsRequest.newBuilder()
                                                .setWantedPersonId(w.getId())
                                                .build())
                                .getSightingsList())
                .extracting(Sighting::getPlace)
                .containsExactly("Bangkok, Sukhumvit");
    }

    @Test
    void what_was_seen_after_the_arrest_does_not_count_as_the_last_known_location() {
        WantedPerson w = publishedTo(running("TH"));
        kr.reportSighting(
                seen(w, "TH", "Bangkok, Sukhumvit", Instant.now().minus(Duration.ofHours(3))));
        // Reported before the arrest was recorded, but seen after the person was already held.
        kr.reportSighting(
                seen(w, "PH", "Manila, Malate", Instant.now().minus(Duration.ofMinutes(10))));
        th.recordArrest(arrest(w, Instant.now().minus(Duration.ofHours(1))));

        assertThat(get(kr, w).getLastKnownLocation().getPlace()).isEqualTo("Bangkok, Sukhumvit");
        assertThat(get(th, w).getLastKnownLocation().getPlace()).isEqualTo("Bangkok, Sukhumvit");
    }
}
