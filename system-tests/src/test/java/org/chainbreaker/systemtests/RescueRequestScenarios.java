package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.liaison;

import com.google.type.Date;
import com.google.type.LatLng;
import io.grpc.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.chainbreaker.repatriation.v1.CreateRescueRequestRequest;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.GetRescueRequestRequest;
import org.chainbreaker.repatriation.v1.ListRescueRequestsRequest;
import org.chainbreaker.repatriation.v1.ListRescueRequestsResponse;
import org.chainbreaker.repatriation.v1.RecordRescueOutcomeRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.RescueLocation;
import org.chainbreaker.repatriation.v1.RescueOutcome;
import org.chainbreaker.repatriation.v1.RescueRequest;
import org.chainbreaker.repatriation.v1.RescueRequestTransition;
import org.chainbreaker.repatriation.v1.RescuedGroup;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;
import org.chainbreaker.systemtests.Faces.Face;

/**
 * The repatriation-service's rescue requests. The parties: PH asks KH, where its nationals (and
 * Indonesians) are held, to act; INTERPOL and ASEANAPOL coordinate and see the request only once it
 * is escalated (the suite lets the host {@link RunningSuite#RESCUE_ACKNOWLEDGE_WITHIN} before
 * that); VN has nothing.
 */
final class RescueRequestScenarios {

    static final String S = RepatriationServiceScenarios.S;
    static final String REQUESTING = "PH";
    static final String HOST = "KH";
    static final String STRANGER = "VN";
    static final List<String> COORDINATORS = List.of(liaison("INTERPOL"), liaison("ASEANAPOL"));

    private RescueRequestScenarios() {}

    static RescueRequest.Builder heldInCambodia() {
        return RescueRequest.newBuilder()
                .setHostCountry(HOST)
                .setLocation(
                        RescueLocation.newBuilder()
                                .setCountry(HOST)
                                .setProvince("Preah Sihanouk")
                                .setDescription(
                                        "compound behind the Golden Sands casino, building C "
                                                + RUN)
                                .setCoordinates(
                                        LatLng.newBuilder()
                                                .setLatitude(10.6093)
                                                .setLongitude(103.5296)))
                .setEstimatedPeople(40)
                .addNationalities("PH")
                .addNationalities("ID")
                .setSource("messages from a victim to her family, forwarded by an NGO");
    }

    static RescueRequest raise(OnFace on) {
        return on.ok(
                liaison(REQUESTING),
                S,
                "CreateRescueRequest",
                CreateRescueRequestRequest.newBuilder().setRescueRequest(heldInCambodia()).build(),
                RescueRequest.parser());
    }

    static GetRescueRequestRequest get(String id) {
        return GetRescueRequestRequest.newBuilder().setId(id).build();
    }

    static RescueRequest get(OnFace on, String user, String id) {
        return on.ok(user, S, "GetRescueRequest", get(id), RescueRequest.parser());
    }

    static RescueRequestTransition on(String id) {
        return RescueRequestTransition.newBuilder().setId(id).build();
    }

    static List<String> listed(OnFace on, String user) {
        return on
                .ok(
                        user,
                        S,
                        "ListRescueRequests",
                        ListRescueRequestsRequest.newBuilder().setPageSize(200).build(),
                        ListRescueRequestsResponse.parser())
                .getRescueRequestsList()
                .stream()
                .map(RescueRequest::getId)
                .toList();
    }

    static Supplier<Object> stateOf(OnFace on, String id) {
        return () -> get(on, liaison(REQUESTING), id);
    }

    static RecordRescueOutcomeRequest outcome(String id, LocalDate day, RescuedGroup... groups) {
        return RecordRescueOutcomeRequest.newBuilder()
                .setId(id)
                .setOutcome(
                        RescueOutcome.newBuilder()
                                .setRescueDate(
                                        Date.newBuilder()
                                                .setYear(day.getYear())
                                                .setMonth(day.getMonthValue())
                                                .setDay(day.getDayOfMonth()))
                                .addAllRescued(List.of(groups)))
                .build();
    }

    static RescuedGroup rescued(String nationality, int count) {
        return RescuedGroup.newBuilder().setNationality(nationality).setCount(count).build();
    }

    /**
     * Before its escalation a request does not exist for the coordinators. Checked only while the
     * deadline has not passed when the answers arrive (the suite is slow at times): afterwards the
     * timer may have escalated it.
     */
    static void hiddenFromCoordinatorsBeforeEscalation(OnFace on, RescueRequest r) {
        Instant deadline =
                Instant.ofEpochSecond(
                        r.getAcknowledgeDeadline().getSeconds(),
                        r.getAcknowledgeDeadline().getNanos());
        for (String coordinator : COORDINATORS) {
            var seen = on.call(coordinator, S, "GetRescueRequest", get(r.getId()));
            List<String> list = listed(on, coordinator);
            if (Instant.now().isBefore(deadline.minusSeconds(1))) {
                assertThat(seen.code())
                        .as("%s before the escalation over %s: %s", coordinator, on.face, seen)
                        .isEqualTo(Status.Code.NOT_FOUND);
                assertThat(list).as(coordinator).doesNotContain(r.getId());
            }
        }
    }

    /** The scenarios that need a request escalated, on each face. */
    private static final List<String> ESCALATING =
            List.of("GetRescueRequest", "ListRescueRequests", "AcknowledgeRescueRequest");

    /** Their requests, by face and scenario, raised together on first use. */
    private static Map<String, RescueRequest> escalating;

    /**
     * The request {@code rpc}'s scenario on this face watches escalate: all of them are raised at
     * the first call, each checked hidden from the coordinators as soon as it is made, so that
     * their deadlines run side by side (one wait in the run instead of one per scenario).
     */
    static synchronized RescueRequest escalating(OnFace on, String rpc) {
        if (escalating == null) {
            Map<String, RescueRequest> all = new HashMap<>();
            for (Face face : Face.values()) {
                OnFace each = new OnFace(face, EveryRpcOverBothFacesTest.faces);
                for (String scenario : ESCALATING) {
                    RescueRequest r = raise(each);
                    hiddenFromCoordinatorsBeforeEscalation(each, r);
                    all.put(face + "/" + scenario, r);
                }
            }
            escalating = all;
        }
        return escalating.get(on.face + "/" + rpc);
    }

    /**
     * Waits, asking as the requesting country, until the escalation timer has escalated the
     * request.
     */
    static RescueRequest escalated(OnFace on, RescueRequest r) {
        OnFace.eventually(
                "rescue request " + r.getId() + " escalated",
                RunningSuite.RESCUE_ACKNOWLEDGE_WITHIN.plusSeconds(60),
                () -> get(on, liaison(REQUESTING), r.getId()).getEscalated());
        return get(on, liaison(REQUESTING), r.getId());
    }

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "CreateRescueRequest",
                on -> {
                    CreateRescueRequestRequest create =
                            CreateRescueRequestRequest.newBuilder()
                                    .setRequestId("rescue-" + UUID.randomUUID())
                                    .setRescueRequest(heldInCambodia())
                                    .build();
                    RescueRequest r =
                            on.ok(
                                    liaison(REQUESTING),
                                    S,
                                    "CreateRescueRequest",
                                    create,
                                    RescueRequest.parser());
                    hiddenFromCoordinatorsBeforeEscalation(on, r);
                    assertThat(r.getRequestingCountry()).isEqualTo(REQUESTING);
                    assertThat(r.getStatus()).isEqualTo(RescueRequest.Status.OPEN);
                    assertThat(r.hasAcknowledgeDeadline()).isTrue();
                    assertThat(
                                    on.ok(
                                                    liaison(REQUESTING),
                                                    S,
                                                    "CreateRescueRequest",
                                                    create,
                                                    RescueRequest.parser())
                                            .getId())
                            .isEqualTo(r.getId());
                    // The same key is ID's own: a request of its own, no hint of PH's.
                    RescueRequest ids =
                            on.ok(
                                    liaison("ID"),
                                    S,
                                    "CreateRescueRequest",
                                    create,
                                    RescueRequest.parser());
                    assertThat(ids.getId()).isNotEqualTo(r.getId());
                    assertThat(ids.getRequestingCountry()).isEqualTo("ID");
                    assertThat(listed(on, liaison(HOST))).contains(r.getId(), ids.getId());
                    assertThat(listed(on, liaison(STRANGER)))
                            .doesNotContain(r.getId(), ids.getId());
                    // Only liaison officers raise requests.
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(REQUESTING),
                            S,
                            "CreateRescueRequest",
                            CreateRescueRequestRequest.newBuilder()
                                    .setRescueRequest(heldInCambodia())
                                    .build());
                    on.invalid(
                            liaison(REQUESTING),
                            S,
                            "CreateRescueRequest",
                            CreateRescueRequestRequest.newBuilder()
                                    .setRescueRequest(
                                            RescueRequest.newBuilder()
                                                    .setHostCountry(REQUESTING)
                                                    .setLocation(
                                                            RescueLocation.newBuilder()
                                                                    .setCountry("MM")
                                                                    .setCoordinates(
                                                                            LatLng.newBuilder()
                                                                                    .setLatitude(
                                                                                            95)))
                                                    .setEstimatedPeople(0)
                                                    .addNationalities("philippines"))
                                    .build(),
                            () -> listed(on, liaison(REQUESTING)),
                            "rescue_request.host_country",
                            "rescue_request.location.province",
                            "rescue_request.location.coordinates.latitude",
                            "rescue_request.estimated_people",
                            "rescue_request.nationalities[0]",
                            "rescue_request.source");
                });

        scenarios.add(
                S,
                "GetRescueRequest",
                on -> {
                    RescueRequest r = escalating(on, "GetRescueRequest");
                    for (String seeing : List.of(liaison(REQUESTING), liaison(HOST))) {
                        RescueRequest seen = get(on, seeing, r.getId());
                        assertThat(seen.getSource()).as(seeing).isEqualTo(r.getSource());
                        assertThat(seen.getLocation()).as(seeing).isEqualTo(r.getLocation());
                    }
                    on.hidden(
                            liaison(STRANGER),
                            S,
                            "GetRescueRequest",
                            RescueRequestScenarios::get,
                            r.getId());
                    RescueRequest escalated = escalated(on, r);
                    assertThat(escalated.getStatus()).isEqualTo(RescueRequest.Status.OPEN);
                    assertThat(escalated.hasEscalateTime()).isTrue();
                    for (String coordinator : COORDINATORS) {
                        assertThat(get(on, coordinator, r.getId()).getEscalated())
                                .as(coordinator)
                                .isTrue();
                    }
                    on.hidden(
                            liaison(STRANGER),
                            S,
                            "GetRescueRequest",
                            RescueRequestScenarios::get,
                            r.getId());
                });

        scenarios.add(
                S,
                "ListRescueRequests",
                on -> {
                    RescueRequest r = escalating(on, "ListRescueRequests");
                    assertThat(listed(on, liaison(REQUESTING))).contains(r.getId());
                    assertThat(listed(on, liaison(HOST))).contains(r.getId());
                    assertThat(listed(on, liaison(STRANGER))).doesNotContain(r.getId());
                    on.invalid(
                            liaison(REQUESTING),
                            S,
                            "ListRescueRequests",
                            ListRescueRequestsRequest.newBuilder().setPageSize(-1).build(),
                            NOTHING,
                            "page_size");
                    on.invalid(
                            liaison(REQUESTING),
                            S,
                            "ListRescueRequests",
                            ListRescueRequestsRequest.newBuilder().setPageToken("garbage").build(),
                            NOTHING,
                            "page_token");
                    escalated(on, r);
                    for (String coordinator : COORDINATORS) {
                        assertThat(listed(on, coordinator)).as(coordinator).contains(r.getId());
                    }
                    assertThat(listed(on, liaison(STRANGER))).doesNotContain(r.getId());
                });

        scenarios.add(
                S,
                "AcknowledgeRescueRequest",
                on -> {
                    RescueRequest r = raise(on);
                    Supplier<Object> state = stateOf(on, r.getId());
                    Object before = state.get();
                    // The requesting country sees it but does not act for the host; nor does the
                    // host's investigator.
                    on.deniedTo(
                            List.of(liaison(REQUESTING), investigator(HOST)),
                            S,
                            "AcknowledgeRescueRequest",
                            on(r.getId()));
                    on.hidden(
                            liaison(STRANGER),
                            S,
                            "AcknowledgeRescueRequest",
                            RescueRequestScenarios::on,
                            r.getId());
                    RescueRequest now = (RescueRequest) state.get();
                    assertThat(now.getStatus())
                            .as("refused acknowledgements change nothing")
                            .isEqualTo(RescueRequest.Status.OPEN);
                    assertThat(now.getAcknowledgedBy()).isEmpty();
                    if (!now.getEscalated()) {
                        assertThat(now).isEqualTo(before);
                    }
                    RescueRequest acknowledged =
                            on.ok(
                                    liaison(HOST),
                                    S,
                                    "AcknowledgeRescueRequest",
                                    on(r.getId()),
                                    RescueRequest.parser());
                    assertThat(acknowledged.getStatus())
                            .isEqualTo(RescueRequest.Status.ACKNOWLEDGED);
                    assertThat(acknowledged.getAcknowledgedBy()).isEqualTo(liaison(HOST));
                    Object after = state.get();
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            liaison(HOST),
                            S,
                            "AcknowledgeRescueRequest",
                            on(r.getId()));
                    assertThat(state.get()).isEqualTo(after);
                    // Escalated, the coordinators see a request but do not act for the host, which
                    // may still take it on.
                    RescueRequest late = escalated(on, escalating(on, "AcknowledgeRescueRequest"));
                    on.deniedTo(COORDINATORS, S, "AcknowledgeRescueRequest", on(late.getId()));
                    RescueRequest lateAck =
                            on.ok(
                                    liaison(HOST),
                                    S,
                                    "AcknowledgeRescueRequest",
                                    on(late.getId()),
                                    RescueRequest.parser());
                    assertThat(lateAck.getStatus()).isEqualTo(RescueRequest.Status.ACKNOWLEDGED);
                    assertThat(lateAck.getEscalated()).isTrue();
                });

        scenarios.add(
                S,
                "RecordRescueOutcome",
                on -> {
                    RescueRequest r = raise(on);
                    // Today (UTC): an outcome is not dated before its request, nor in the future.
                    LocalDate day = LocalDate.now(ZoneOffset.UTC);
                    RecordRescueOutcomeRequest request =
                            outcome(
                                    r.getId(),
                                    day,
                                    rescued("PH", 30),
                                    rescued("ID", 12),
                                    rescued("KH", 2));
                    // The outcome comes after the acknowledgement.
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            liaison(HOST),
                            S,
                            "RecordRescueOutcome",
                            request);
                    on.ok(
                            liaison(HOST),
                            S,
                            "AcknowledgeRescueRequest",
                            on(r.getId()),
                            RescueRequest.parser());
                    on.deniedTo(
                            List.of(liaison(REQUESTING), investigator(HOST)),
                            S,
                            "RecordRescueOutcome",
                            request);
                    on.hidden(
                            liaison(STRANGER),
                            S,
                            "RecordRescueOutcome",
                            id -> outcome(id, day, rescued("PH", 30)),
                            r.getId());
                    on.invalid(
                            liaison(HOST),
                            S,
                            "RecordRescueOutcome",
                            outcome(
                                    r.getId(),
                                    day.plusDays(30),
                                    rescued("PH", 0),
                                    rescued("PH", 2)),
                            stateOf(on, r.getId()),
                            "outcome.rescue_date",
                            "outcome.rescued[0].count",
                            "outcome.rescued[1].nationality");
                    RescueRequest resolved =
                            on.ok(
                                    liaison(HOST),
                                    S,
                                    "RecordRescueOutcome",
                                    request,
                                    RescueRequest.parser());
                    assertThat(resolved.getStatus()).isEqualTo(RescueRequest.Status.RESOLVED);
                    // Nationals of the host are home already: returns to PH and ID only, drafts
                    // owned by KH.
                    assertThat(resolved.getVictimReturnIdsList()).hasSize(2);
                    List<String> toPhilippines =
                            get(on, liaison(REQUESTING), r.getId()).getVictimReturnIdsList();
                    assertThat(toPhilippines).hasSize(1);
                    Repatriation home =
                            on.ok(
                                    liaison(REQUESTING),
                                    S,
                                    "GetRepatriation",
                                    GetRepatriationRequest.newBuilder()
                                            .setId(toPhilippines.getFirst())
                                            .build(),
                                    Repatriation.parser());
                    assertThat(home.getKind()).isEqualTo(Repatriation.Kind.VICTIM_RETURN);
                    assertThat(home.getReceivingCountry()).isEqualTo(REQUESTING);
                    assertThat(home.getOwnerCountry()).isEqualTo(HOST);
                    assertThat(home.getVictimGroup().getCount()).isEqualTo(30);
                    // The same outcome again answers the request as it is; another one is refused.
                    assertThat(
                                    on.ok(
                                                    liaison(HOST),
                                                    S,
                                                    "RecordRescueOutcome",
                                                    request,
                                                    RescueRequest.parser())
                                            .getEtag())
                            .isEqualTo(resolved.getEtag());
                    Object after = stateOf(on, r.getId()).get();
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            liaison(HOST),
                            S,
                            "RecordRescueOutcome",
                            outcome(r.getId(), day, rescued("PH", 31)));
                    assertThat(stateOf(on, r.getId()).get()).isEqualTo(after);
                });
    }
}
