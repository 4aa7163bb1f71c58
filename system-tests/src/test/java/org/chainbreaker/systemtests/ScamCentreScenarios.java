package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.HOST;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.NOT_SEEING_CENTRE;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.OWNER;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.PARTNER;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.REVOKED;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.S;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.STRANGER;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.centre;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.centreFixture;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.centreHiddenFrom;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.centreState;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.getCentre;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.listedCentres;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.analyst;
import static org.chainbreaker.systemtests.OnFace.investigator;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.type.LatLng;
import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.ListScamCentresRequest;
import org.chainbreaker.cases.v1.ListScamCentresResponse;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.UpdateScamCentreRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The case-service's scam-centre RPCs that make and change the centre's own record: create, get,
 * list, update (who sees it and what it links to: {@link ScamCentreSharingScenarios}; parties and
 * fixtures in {@link CaseIntelligenceScenarios}).
 */
final class ScamCentreScenarios {

    private ScamCentreScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "CreateScamCentre",
                on -> {
                    CreateScamCentreRequest create =
                            CreateScamCentreRequest.newBuilder()
                                    .setRequestId("centre-" + UUID.randomUUID())
                                    .setScamCentre(centre("Shwe Kokko"))
                                    .build();
                    ScamCentre c =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "CreateScamCentre",
                                    create,
                                    ScamCentre.parser());
                    assertThat(c.getOwnerCountry()).isEqualTo(OWNER);
                    assertThat(c.getLocation().getCountry()).isEqualTo(HOST);
                    assertThat(c.getEstimatedPeopleHeld()).isEqualTo(1200);
                    assertThat(
                                    on.ok(
                                                    investigator(OWNER),
                                                    S,
                                                    "CreateScamCentre",
                                                    create,
                                                    ScamCentre.parser())
                                            .getId())
                            .isEqualTo(c.getId());
                    // Another country's request id is its own; the host country does not see a
                    // centre for hosting it.
                    ScamCentre vns =
                            on.ok(
                                    investigator(STRANGER),
                                    S,
                                    "CreateScamCentre",
                                    create,
                                    ScamCentre.parser());
                    assertThat(vns.getId()).isNotEqualTo(c.getId());
                    assertThat(vns.getOwnerCountry()).isEqualTo(STRANGER);
                    centreHiddenFrom(on, OnFace.investigators(List.of(STRANGER, HOST)), c.getId());
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            analyst(OWNER),
                            S,
                            "CreateScamCentre",
                            CreateScamCentreRequest.newBuilder()
                                    .setScamCentre(centre("By an analyst"))
                                    .build());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "CreateScamCentre",
                            CreateScamCentreRequest.newBuilder()
                                    .setScamCentre(
                                            centre("x")
                                                    .setName(" ")
                                                    .setEstimatedPeopleHeld(-5)
                                                    .setLocation(
                                                            ScamCentre.Location.newBuilder()
                                                                    .setCountry("XX")
                                                                    .setCoordinates(
                                                                            LatLng.newBuilder()
                                                                                    .setLatitude(91)
                                                                                    .setLongitude(
                                                                                            10))))
                                    .build(),
                            () -> listedCentres(on, OWNER),
                            "scam_centre.name",
                            "scam_centre.location.country",
                            "scam_centre.location.coordinates.latitude",
                            "scam_centre.estimated_people_held");
                });

        scenarios.add(
                S,
                "GetScamCentre",
                on -> {
                    ScamCentre c = centreFixture(on);
                    ScamCentre owners = getCentre(on, OWNER, c.getId());
                    assertThat(owners.getSharesList())
                            .extracting(CaseShare::getCountry)
                            .containsExactly(PARTNER);
                    ScamCentre partners = getCentre(on, PARTNER, c.getId());
                    assertThat(partners.getHandlingCode()).isEqualTo(HandlingCode.H2);
                    assertThat(partners.getSharesList())
                            .extracting(CaseShare::getCountry)
                            .containsExactly(PARTNER);
                    assertThat(partners.getName()).isEqualTo(owners.getName());
                    on.hiddenFrom(
                            NOT_SEEING_CENTRE,
                            S,
                            "GetScamCentre",
                            CaseIntelligenceScenarios::getCentre,
                            c.getId());
                });

        scenarios.add(
                S,
                "ListScamCentres",
                on -> {
                    ScamCentre c = centreFixture(on);
                    assertThat(listedCentres(on, OWNER)).contains(c.getId());
                    assertThat(
                                    on.ok(
                                                    investigator(PARTNER),
                                                    S,
                                                    "ListScamCentres",
                                                    ListScamCentresRequest.newBuilder()
                                                            .setPageSize(200)
                                                            .build(),
                                                    ListScamCentresResponse.parser())
                                            .getScamCentresList())
                            .filteredOn(x -> x.getId().equals(c.getId()))
                            .singleElement()
                            .satisfies(
                                    x -> {
                                        assertThat(x.getHandlingCode()).isEqualTo(HandlingCode.H2);
                                        assertThat(x.getSharesList())
                                                .extracting(CaseShare::getCountry)
                                                .containsExactly(PARTNER);
                                    });
                    for (String tenant : List.of(STRANGER, REVOKED, HOST)) {
                        assertThat(listedCentres(on, tenant)).as(tenant).doesNotContain(c.getId());
                    }
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ListScamCentres",
                            ListScamCentresRequest.newBuilder().setPageSize(-1).build(),
                            NOTHING,
                            "page_size");
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ListScamCentres",
                            ListScamCentresRequest.newBuilder().setPageToken("garbage").build(),
                            NOTHING,
                            "page_token");
                });

        scenarios.add(
                S,
                "UpdateScamCentre",
                on -> {
                    ScamCentre c = centreFixture(on);
                    Function<String, Message> rename =
                            id ->
                                    UpdateScamCentreRequest.newBuilder()
                                            .setScamCentre(
                                                    ScamCentre.newBuilder()
                                                            .setId(id)
                                                            .setName("Taken over"))
                                            .setUpdateMask(FieldMask.newBuilder().addPaths("name"))
                                            .build();
                    on.deniedTo(
                            List.of(investigator(PARTNER)),
                            S,
                            "UpdateScamCentre",
                            rename.apply(c.getId()));
                    on.hiddenFrom(NOT_SEEING_CENTRE, S, "UpdateScamCentre", rename, c.getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "UpdateScamCentre",
                            UpdateScamCentreRequest.newBuilder()
                                    .setScamCentre(
                                            ScamCentre.newBuilder()
                                                    .setId(c.getId())
                                                    .setLocation(
                                                            ScamCentre.Location.newBuilder()
                                                                    .setCountry("KH")
                                                                    .setCoordinates(
                                                                            LatLng.newBuilder()
                                                                                    .setLatitude(10)
                                                                                    .setLongitude(
                                                                                            181))))
                                    .setUpdateMask(FieldMask.newBuilder().addPaths("location"))
                                    .build(),
                            centreState(on, c.getId()),
                            "scam_centre.location.coordinates.longitude");
                    ScamCentre updated =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "UpdateScamCentre",
                                    UpdateScamCentreRequest.newBuilder()
                                            .setScamCentre(
                                                    ScamCentre.newBuilder()
                                                            .setId(c.getId())
                                                            .setEtag(c.getEtag())
                                                            .setName("After " + RUN)
                                                            .setEstimatedPeopleHeld(3000)
                                                            .setDescription("not in the mask"))
                                            .setUpdateMask(
                                                    FieldMask.newBuilder()
                                                            .addPaths("name")
                                                            .addPaths("estimated_people_held"))
                                            .build(),
                                    ScamCentre.parser());
                    assertThat(updated.getName()).isEqualTo("After " + RUN);
                    assertThat(updated.getEstimatedPeopleHeld()).isEqualTo(3000);
                    assertThat(updated.getDescription()).isEqualTo(c.getDescription());
                    assertThat(getCentre(on, PARTNER, c.getId()).getName())
                            .isEqualTo("After " + RUN);
                    Supplier<Object> state = centreState(on, c.getId());
                    Object before = state.get();
                    on.refused(
                            Status.Code.ABORTED,
                            investigator(OWNER),
                            S,
                            "UpdateScamCentre",
                            UpdateScamCentreRequest.newBuilder()
                                    .setScamCentre(
                                            ScamCentre.newBuilder()
                                                    .setId(c.getId())
                                                    .setEtag(c.getEtag())
                                                    .setName("Stale"))
                                    .setUpdateMask(FieldMask.newBuilder().addPaths("name"))
                                    .build());
                    assertThat(state.get()).as("a stale etag changes nothing").isEqualTo(before);
                });

        ScamCentreSharingScenarios.register(scenarios);
    }
}
