package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.code;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.fieldsIn;

import com.google.protobuf.FieldMask;
import com.google.type.LatLng;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ShareScamCentreRequest;
import org.chainbreaker.cases.v1.UpdateScamCentreRequest;
import org.junit.jupiter.api.Test;

/**
 * Creating and updating scam centres over gRPC: bad input names every field and records nothing,
 * updates change only the masked fields (a stale etag nothing), a retried create records one
 * centre.
 */
class ScamCentreChangesOverGrpcTest extends ScamCentreFixture {

    @Test
    void bad_input_names_every_field_and_records_nothing() {
        int before = allVisibleTo(kr).size();
        StatusRuntimeException refused =
                failure(
                        () ->
                                kr.createScamCentre(
                                        CreateScamCentreRequest.newBuilder()
                                                .setRequestId("no spaces allowed")
                                                .setScamCentre(
                                                        ScamCentre.newBuilder()
                                                                .setName(" ")
                                                                .setLocation(
                                                                        ScamCentre.Location
                                                                                .newBuilder()
                                                                                .setCountry("XX")
                                                                                .setCity(
                                                                                        "c"
                                                                                                .repeat(
                                                                                                        201))
                                                                                .setCoordinates(
                                                                                        LatLng
                                                                                                .newBuilder()
                                                                                                .setLatitude(
                                                                                                        91)
                                                                                                .setLongitude(
                                                                                                        Double
                                                                                                                .NaN)))
                                                                .setEstimatedPeopleHeld(-5)
                                                                .setDescription("d".repeat(10_001)))
                                                .build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused))
                .containsExactlyInAnyOrder(
                        "scam_centre.name",
                        "scam_centre.location.country",
                        "scam_centre.location.city",
                        "scam_centre.location.coordinates.latitude",
                        "scam_centre.location.coordinates.longitude",
                        "scam_centre.estimated_people_held",
                        "scam_centre.description",
                        "request_id");
        // No location at all.
        refused =
                failure(
                        () ->
                                kr.createScamCentre(
                                        CreateScamCentreRequest.newBuilder()
                                                .setScamCentre(
                                                        ScamCentre.newBuilder().setName("Nowhere"))
                                                .build()));
        assertThat(fieldsIn(refused)).containsExactly("scam_centre.location.country");
        assertThat(allVisibleTo(kr)).hasSize(before);

        ScamCentre c = record("Valid");
        refused =
                failure(
                        () ->
                                kr.shareScamCentre(
                                        ShareScamCentreRequest.newBuilder()
                                                .setId(c.getId())
                                                .setCountry("ZZ")
                                                .setHandlingCodeValue(77)
                                                .build()));
        assertThat(fieldsIn(refused)).containsExactly("country", "handling_code");
        assertThat(kr.getScamCentre(get(c))).isEqualTo(c);
    }

    @Test
    void updates_change_only_the_masked_fields_and_a_stale_etag_changes_nothing() {
        ScamCentre c = record("Before");
        ScamCentre updated =
                kr.updateScamCentre(
                        UpdateScamCentreRequest.newBuilder()
                                .setScamCentre(
                                        ScamCentre.newBuilder()
                                                .setId(c.getId())
                                                .setEtag(c.getEtag())
                                                .setName("After")
                                                .setEstimatedPeopleHeld(3000)
                                                .setDescription("ignored: not in the mask"))
                                .setUpdateMask(
                                        FieldMask.newBuilder()
                                                .addPaths("name")
                                                .addPaths("estimatedPeopleHeld"))
                                .build());
        assertThat(updated.getName()).isEqualTo("After");
        assertThat(updated.getEstimatedPeopleHeld()).isEqualTo(3000);
        assertThat(updated.getDescription()).isEqualTo(c.getDescription());
        assertThat(updated.getLocation()).isEqualTo(c.getLocation());
        assertThat(updated.getEtag()).isNotEqualTo(c.getEtag());

        assertThat(
                        code(
                                () ->
                                        kr.updateScamCentre(
                                                UpdateScamCentreRequest.newBuilder()
                                                        .setScamCentre(
                                                                ScamCentre.newBuilder()
                                                                        .setId(c.getId())
                                                                        .setEtag(c.getEtag())
                                                                        .setName("Stale"))
                                                        .setUpdateMask(
                                                                FieldMask.newBuilder()
                                                                        .addPaths("name"))
                                                        .build())))
                .isEqualTo(Status.Code.ABORTED);
        StatusRuntimeException bad =
                failure(
                        () ->
                                kr.updateScamCentre(
                                        UpdateScamCentreRequest.newBuilder()
                                                .setScamCentre(
                                                        ScamCentre.newBuilder()
                                                                .setId(c.getId())
                                                                .setLocation(
                                                                        ScamCentre.Location
                                                                                .newBuilder()
                                                                                .setCountry("KH")
                                                                                .setCoordinates(
                                                                                        LatLng
                                                                                                .newBuilder()
                                                                                                .setLatitude(
                                                                                                        10)
                                                                                                .setLongitude(
                                                                                                        181))))
                                                .setUpdateMask(
                                                        FieldMask.newBuilder()
                                                                .addPaths("location")
                                                                .addPaths("owner_country"))
                                                .build()));
        assertThat(fieldsIn(bad)).containsExactly("update_mask");
        bad =
                failure(
                        () ->
                                kr.updateScamCentre(
                                        UpdateScamCentreRequest.newBuilder()
                                                .setScamCentre(
                                                        ScamCentre.newBuilder()
                                                                .setId(c.getId())
                                                                .setLocation(
                                                                        ScamCentre.Location
                                                                                .newBuilder()
                                                                                .setCountry("KH")
                                                                                .setCoordinates(
                                                                                        LatLng
                                                                                                .newBuilder()
                                                                                                .setLatitude(
                                                                                                        10)
                                                                                                .setLongitude(
                                                                                                        181))))
                                                .setUpdateMask(
                                                        FieldMask.newBuilder().addPaths("location"))
                                                .build()));
        assertThat(fieldsIn(bad)).containsExactly("scam_centre.location.coordinates.longitude");
        assertThat(kr.getScamCentre(get(c))).isEqualTo(updated);
        assertThat(
                        code(
                                () ->
                                        th.updateScamCentre(
                                                UpdateScamCentreRequest.newBuilder()
                                                        .setScamCentre(
                                                                ScamCentre.newBuilder()
                                                                        .setId(c.getId())
                                                                        .setName("Hijack"))
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void a_retried_create_with_the_same_request_id_records_one_centre_and_keys_are_per_country() {
        CreateScamCentreRequest request =
                CreateScamCentreRequest.newBuilder()
                        .setRequestId("centre-" + UUID.randomUUID())
                        .setScamCentre(centre("Retried"))
                        .build();
        ScamCentre first = kr.createScamCentre(request);
        assertThat(kr.createScamCentre(request).getId()).isEqualTo(first.getId());
        ScamCentre thCentre = th.createScamCentre(request);
        assertThat(thCentre.getId()).isNotEqualTo(first.getId());
        assertThat(thCentre.getOwnerCountry()).isEqualTo("TH");
        assertThat(allVisibleTo(kr).stream().filter(c -> c.getName().equals("Retried")).count())
                .isEqualTo(1);
    }
}
