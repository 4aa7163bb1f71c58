package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.CASES;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.COORDINATOR;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.OWNER;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.REQUESTER;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.STRANGER;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.ask;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.asked;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.get;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.listed;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.investigator;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.ListCooperationRequestsRequest;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Hit;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Kind;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * Asking and reading cooperation requests over both faces (Create, Get, List): only the two
 * countries see a request, a coordinator once it escalated; bad requests name their fields.
 */
final class CooperationRequestAskScenarios {

    private CooperationRequestAskScenarios() {}

    static void register(Scenarios scenarios, Kind k) {
        scenarios.add(
                k.service(),
                k.rpc("Create"),
                on -> {
                    Hit hit = k.hit().apply(on);
                    CooperationRequest r = asked(on, k, hit, Urgency.URGENT);
                    assertThat(r.getStatus()).isEqualTo(CooperationRequestStatus.OPEN);
                    assertThat(r.getRequesterCountry()).isEqualTo(REQUESTER);
                    // VN never hit it: NOT_FOUND exactly as a reference that never existed.
                    Faces.Outcome unseen =
                            on.refused(
                                    Status.Code.NOT_FOUND,
                                    investigator(STRANGER),
                                    k.service(),
                                    k.rpc("Create"),
                                    ask(hit, Urgency.URGENT));
                    Faces.Outcome never =
                            on.refused(
                                    Status.Code.NOT_FOUND,
                                    investigator(STRANGER),
                                    k.service(),
                                    k.rpc("Create"),
                                    ask(new Hit(OWNER + "-1999-000001", ""), Urgency.URGENT));
                    assertThat(OnFace.comparable(unseen.text()))
                            .isEqualTo(OnFace.comparable(never.text()));
                    var bad = ask(hit, Urgency.URGENCY_UNSPECIFIED).toBuilder();
                    bad.getRequestBuilder().setPurpose("x".repeat(10_000));
                    on.invalid(
                            investigator(REQUESTER),
                            k.service(),
                            k.rpc("Create"),
                            bad.build(),
                            () -> listed(on, k, investigator(REQUESTER)),
                            "request.purpose",
                            "request.urgency");
                    var toItself = ask(hit, Urgency.URGENT).toBuilder();
                    toItself.getRequestBuilder()
                            .setOwnerCountry(REQUESTER)
                            .setDeadline(OnFace.timestamp(Instant.now().minusSeconds(60)));
                    on.invalid(
                            investigator(REQUESTER),
                            k.service(),
                            k.rpc("Create"),
                            toItself.build(),
                            () -> listed(on, k, investigator(REQUESTER)),
                            "request.owner_country",
                            "request.deadline");
                    if (k == CASES) {
                        CentreAndLeadRequestScenarios.run(on);
                    }
                });

        scenarios.add(
                k.service(),
                k.rpc("Get"),
                on -> {
                    Hit hit = k.hit().apply(on);
                    var immediate = ask(hit, Urgency.IMMEDIATE).toBuilder();
                    immediate
                            .getRequestBuilder()
                            .setDeadline(OnFace.timestamp(Instant.now().plusSeconds(2)));
                    CooperationRequest r =
                            on.ok(
                                    investigator(REQUESTER),
                                    k.service(),
                                    k.rpc("Create"),
                                    immediate.build(),
                                    CooperationRequest.parser());
                    for (String user : List.of(investigator(REQUESTER), investigator(OWNER))) {
                        assertThat(
                                        on.ok(
                                                        user,
                                                        k.service(),
                                                        k.rpc("Get"),
                                                        get(r.getId()),
                                                        CooperationRequest.parser())
                                                .getReference())
                                .isEqualTo(hit.reference());
                    }
                    on.hidden(
                            investigator(STRANGER),
                            k.service(),
                            k.rpc("Get"),
                            CooperationRequestScenarios::get,
                            r.getId());
                    on.hidden(
                            COORDINATOR,
                            k.service(),
                            k.rpc("Get"),
                            CooperationRequestScenarios::get,
                            r.getId());
                    // Unanswered past its deadline: escalated (the suite's timer runs every
                    // second), the coordinator sees it.
                    OnFace.eventually(
                            "the coordinator sees the escalated request",
                            Duration.ofSeconds(20),
                            () ->
                                    on.call(COORDINATOR, k.service(), k.rpc("Get"), get(r.getId()))
                                            .ok());
                    assertThat(
                                    on.ok(
                                                    COORDINATOR,
                                                    k.service(),
                                                    k.rpc("Get"),
                                                    get(r.getId()),
                                                    CooperationRequest.parser())
                                            .hasEscalateTime())
                            .isTrue();
                    on.hidden(
                            investigator(STRANGER),
                            k.service(),
                            k.rpc("Get"),
                            CooperationRequestScenarios::get,
                            r.getId());
                    // Every request RPC for the coordinators, before and after escalation.
                    RequestEscalationScenarios.hitRecord(on, k);
                    if (k == CASES) {
                        RequestEscalationScenarios.centreAndLead(on);
                    }
                });

        scenarios.add(
                k.service(),
                k.rpc("List"),
                on -> {
                    CooperationRequest r = asked(on, k, k.hit().apply(on), Urgency.ROUTINE);
                    assertThat(listed(on, k, investigator(REQUESTER))).contains(r.getId());
                    assertThat(listed(on, k, investigator(OWNER))).contains(r.getId());
                    assertThat(listed(on, k, investigator(STRANGER))).doesNotContain(r.getId());
                    assertThat(listed(on, k, COORDINATOR)).doesNotContain(r.getId());
                    on.invalid(
                            investigator(OWNER),
                            k.service(),
                            k.rpc("List"),
                            ListCooperationRequestsRequest.newBuilder()
                                    .setPageToken("garbage")
                                    .build(),
                            NOTHING,
                            "page_token");
                });
    }
}
