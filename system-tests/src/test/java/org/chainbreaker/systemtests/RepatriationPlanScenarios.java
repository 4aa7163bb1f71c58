package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.liaison;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.COORDINATOR;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.RECEIVING;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.S;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.SENDING;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.STRANGER;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.TRANSIT;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.draft;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.get;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.leg;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.on;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.plan;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.stateOf;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.step;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.repatriation.v1.Escort;
import org.chainbreaker.repatriation.v1.Logistics;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.TransitionRequest;
import org.chainbreaker.repatriation.v1.UpdateLogisticsRequest;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The repatriation-service's plan RPCs: update the logistics, waive the escort requirement (parties
 * and fixtures in {@link RepatriationServiceScenarios}).
 */
final class RepatriationPlanScenarios {

    private RepatriationPlanScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "UpdateLogistics",
                on -> {
                    Repatriation r = draft(on);
                    Logistics replanned =
                            plan().toBuilder()
                                    .setEscorts(
                                            1,
                                            Escort.newBuilder()
                                                    .setName("Officer Chea")
                                                    .setCountry(SENDING))
                                    .build();
                    Function<String, com.google.protobuf.Message> update =
                            id ->
                                    UpdateLogisticsRequest.newBuilder()
                                            .setId(id)
                                            .setLogistics(replanned)
                                            .build();
                    for (String refused :
                            List.of(
                                    investigator(RECEIVING),
                                    liaison(TRANSIT),
                                    liaison(COORDINATOR))) {
                        on.refused(
                                Status.Code.PERMISSION_DENIED,
                                refused,
                                S,
                                "UpdateLogistics",
                                update.apply(r.getId()));
                    }
                    on.hidden(liaison(STRANGER), S, "UpdateLogistics", update, r.getId());
                    Instant t = Instant.now().plus(Duration.ofDays(2));
                    on.invalid(
                            liaison(SENDING),
                            S,
                            "UpdateLogistics",
                            UpdateLogisticsRequest.newBuilder()
                                    .setId(r.getId())
                                    .setLogistics(
                                            plan().toBuilder()
                                                    .clearLegs()
                                                    .addLegs(
                                                            leg(
                                                                    "PNH",
                                                                    "BKK",
                                                                    t,
                                                                    t.plus(Duration.ofHours(1))))
                                                    .addLegs(
                                                            leg(
                                                                    "dmk",
                                                                    "ICN",
                                                                    t.plus(Duration.ofHours(2)),
                                                                    t.plus(Duration.ofHours(7)))))
                                    .build(),
                            stateOf(on, r.getId()),
                            "logistics.legs[1].departure_airport");
                    Repatriation updated =
                            on.ok(
                                    liaison(SENDING),
                                    S,
                                    "UpdateLogistics",
                                    update.apply(r.getId()),
                                    Repatriation.parser());
                    assertThat(updated.getLogistics().getEscorts(1).getName())
                            .isEqualTo("Officer Chea");
                    assertThat(
                                    get(on, liaison(TRANSIT), r.getId())
                                            .getLogistics()
                                            .getEscorts(1)
                                            .getName())
                            .isEqualTo("Officer Chea");
                });

        scenarios.add(
                S,
                "WaiveEscortRequirement",
                on -> {
                    Repatriation r = draft(on);
                    for (String refused :
                            List.of(
                                    investigator(RECEIVING),
                                    liaison(TRANSIT),
                                    liaison(COORDINATOR))) {
                        on.refused(
                                Status.Code.PERMISSION_DENIED,
                                refused,
                                S,
                                "WaiveEscortRequirement",
                                on(r.getId()));
                    }
                    on.hidden(
                            liaison(STRANGER),
                            S,
                            "WaiveEscortRequirement",
                            RepatriationServiceScenarios::on,
                            r.getId());
                    Repatriation waived =
                            step(on, liaison(RECEIVING), "WaiveEscortRequirement", r.getId());
                    assertThat(waived.getEscortWaivedByReceiving()).isTrue();
                    assertThat(waived.getEscortWaivedBySending()).isFalse();
                    Supplier<Object> state = stateOf(on, r.getId());
                    Object before = state.get();
                    on.refused(
                            Status.Code.ABORTED,
                            liaison(SENDING),
                            S,
                            "WaiveEscortRequirement",
                            TransitionRequest.newBuilder()
                                    .setId(r.getId())
                                    .setEtag(r.getEtag())
                                    .build());
                    assertThat(state.get()).isEqualTo(before);
                });
    }
}
