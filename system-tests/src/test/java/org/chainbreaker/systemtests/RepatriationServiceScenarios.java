package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.liaison;
import static org.chainbreaker.systemtests.OnFace.timestamp;

import io.grpc.Status;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.Escort;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.Handover;
import org.chainbreaker.repatriation.v1.Leg;
import org.chainbreaker.repatriation.v1.ListRepatriationsRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationsResponse;
import org.chainbreaker.repatriation.v1.Logistics;
import org.chainbreaker.repatriation.v1.Person;
import org.chainbreaker.repatriation.v1.ReasonedTransitionRequest;
import org.chainbreaker.repatriation.v1.RecordHandoverRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.SyncArrestTransferRequest;
import org.chainbreaker.repatriation.v1.TransitionRequest;
import org.chainbreaker.repatriation.v1.TravelDocument;
import org.chainbreaker.repatriation.v1.VictimGroup;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The repatriation-service's RPCs. The parties: a suspect transfer from KH (sending) to KR
 * (receiving, which opened it) through TH (transit: logistics without the persons' names and
 * needs); INTERPOL and ASEANAPOL coordinate and see it; VN has nothing. Grants here are fixed at
 * creation, so there is nothing to revoke or to expire.
 */
final class RepatriationServiceScenarios {

    static final String S = "chainbreaker.repatriation.v1.RepatriationService";
    static final String SENDING = "KH";
    static final String RECEIVING = "KR";
    static final String TRANSIT = "TH";
    static final String COORDINATOR = "INTERPOL";
    static final String STRANGER = "VN";

    private RepatriationServiceScenarios() {}

    static Leg leg(String from, String to, Instant departs, Instant arrives) {
        return Leg.newBuilder()
                .setCarrier("Korean Air")
                .setFlightNumber("KE 690")
                .setDepartureAirport(from)
                .setArrivalAirport(to)
                .setDepartureTime(timestamp(departs))
                .setArrivalTime(timestamp(arrives))
                .build();
    }

    /**
     * A plan that can be scheduled: it departs 50 s from now (a journey is scheduled before it
     * departs) and lands 7 s later, so that a handover can be recorded right away (see {@link
     * #handover(String)}).
     */
    static Logistics plan() {
        Instant departs = Instant.now().plusSeconds(50);
        return Logistics.newBuilder()
                .addPersons(
                        Person.newBuilder()
                                .setRole(Person.Role.SUSPECT)
                                .setFullName("Kim Min-su " + RUN)
                                .setNationality("KR")
                                .addLanguages("ko")
                                .addSupportNeeds("insulin twice a day")
                                .setTravelDocument(
                                        TravelDocument.newBuilder()
                                                .setType(
                                                        TravelDocument.Type
                                                                .EMERGENCY_TRAVEL_DOCUMENT)
                                                .setStatus(TravelDocument.Status.ISSUED)
                                                .setNumber("ETD-2026-0042")))
                .addLegs(leg("PNH", "BKK", departs, departs.plusSeconds(2)))
                .addLegs(leg("BKK", "ICN", departs.plusSeconds(4), departs.plusSeconds(7)))
                .addEscorts(Escort.newBuilder().setName("Officer Park").setCountry(RECEIVING))
                .addEscorts(Escort.newBuilder().setName("Officer Lee").setCountry(RECEIVING))
                .build();
    }

    static Repatriation.Builder transfer() {
        return Repatriation.newBuilder()
                .setKind(Repatriation.Kind.SUSPECT_TRANSFER)
                .setSendingCountry(SENDING)
                .setReceivingCountry(RECEIVING)
                .addTransitCountries(TRANSIT)
                .setLogistics(plan());
    }

    static Repatriation draft(OnFace on) {
        return on.ok(
                investigator(RECEIVING),
                S,
                "CreateRepatriation",
                CreateRepatriationRequest.newBuilder().setRepatriation(transfer()).build(),
                Repatriation.parser());
    }

    static SyncArrestTransferRequest syncArrest(String wantedPersonId) {
        return SyncArrestTransferRequest.newBuilder().setWantedPersonId(wantedPersonId).build();
    }

    /**
     * An arrest opens a draft transfer by itself (the fugitive-service's arrest relay, in the
     * background); a scenario that opens its own transfer of the person takes that draft out of the
     * way first, as the arresting country would: SyncArrestTransfer answers the draft whether the
     * relay came first or not (one per arrest), and it is cancelled.
     */
    static void arrestDraftCancelled(OnFace on, WantedPerson wanted) {
        Repatriation opened =
                on.ok(
                        investigator(SENDING),
                        S,
                        "SyncArrestTransfer",
                        syncArrest(wanted.getId()),
                        Repatriation.parser());
        on.ok(
                investigator(SENDING),
                S,
                "CancelRepatriation",
                ReasonedTransitionRequest.newBuilder()
                        .setId(opened.getId())
                        .setReason("opened by hand in this scenario")
                        .build(),
                Repatriation.parser());
    }

    static TransitionRequest on(String id) {
        return TransitionRequest.newBuilder().setId(id).build();
    }

    static Repatriation step(OnFace on, String user, String method, String id) {
        return on.ok(user, S, method, on(id), Repatriation.parser());
    }

    /**
     * A handover stated 58 s ahead: after the landing of any {@link #plan()} made before now (it
     * lands 57 s after it was made), within the minute of clock difference the service accepts, so
     * no test waits for a flight.
     */
    static RecordHandoverRequest handover(String id) {
        return RecordHandoverRequest.newBuilder()
                .setId(id)
                .setHandover(
                        Handover.newBuilder()
                                .setPlace("Incheon airport, police post T1")
                                .setHandoverTime(timestamp(Instant.now().plusSeconds(58)))
                                .setHandingOfficer("Officer Sok")
                                .setReceivingOfficer("Officer Park"))
                .build();
    }

    /**
     * A new transfer moved along the workflow up to {@code status} by the countries whose step each
     * is.
     */
    static Repatriation at(OnFace on, Repatriation.Status status) {
        return at(on, draft(on), status);
    }

    /** The draft {@code r} moved along the workflow up to {@code status}. */
    static Repatriation at(OnFace on, Repatriation r, Repatriation.Status status) {
        String id = r.getId();
        List<Function<Repatriation, Repatriation>> steps =
                List.of(
                        x -> step(on, investigator(RECEIVING), "SubmitRepatriation", id),
                        x -> step(on, liaison(SENDING), "ApproveRepatriation", id),
                        x -> step(on, liaison(RECEIVING), "ApproveRepatriation", id),
                        x -> step(on, liaison(RECEIVING), "ScheduleRepatriation", id),
                        x -> step(on, liaison(SENDING), "StartTransit", id),
                        x ->
                                on.ok(
                                        liaison(RECEIVING),
                                        S,
                                        "RecordHandover",
                                        handover(id),
                                        Repatriation.parser()),
                        x -> step(on, liaison(RECEIVING), "CompleteRepatriation", id));
        for (Function<Repatriation, Repatriation> next : steps) {
            if (r.getStatus() == status) {
                return r;
            }
            r = next.apply(r);
        }
        assertThat(r.getStatus()).isEqualTo(status);
        return r;
    }

    static Repatriation get(OnFace on, String user, String id) {
        return on.ok(
                user,
                S,
                "GetRepatriation",
                GetRepatriationRequest.newBuilder().setId(id).build(),
                Repatriation.parser());
    }

    static GetRepatriationRequest get(String id) {
        return GetRepatriationRequest.newBuilder().setId(id).build();
    }

    static Supplier<Object> stateOf(OnFace on, String id) {
        return () -> get(on, investigator(RECEIVING), id);
    }

    static List<String> listed(OnFace on, String user) {
        return on
                .ok(
                        user,
                        S,
                        "ListRepatriations",
                        ListRepatriationsRequest.newBuilder().setPageSize(200).build(),
                        ListRepatriationsResponse.parser())
                .getRepatriationsList()
                .stream()
                .map(Repatriation::getId)
                .toList();
    }

    /**
     * A step that only {@code allowed} may take: the transit country and the coordinator are
     * refused (they see the request), the stranger finds nothing, the step happens for the allowed
     * user, and a repeat is refused (out of order, unless said otherwise), every refusal changing
     * nothing.
     */
    static Repatriation onlyBy(
            OnFace on,
            String allowed,
            String method,
            Repatriation r,
            Function<String, com.google.protobuf.Message> request,
            List<String> alsoRefused,
            Repatriation.Status to) {
        return onlyBy(
                on, allowed, method, r, request, alsoRefused, to, Status.Code.FAILED_PRECONDITION);
    }

    static Repatriation onlyBy(
            OnFace on,
            String allowed,
            String method,
            Repatriation r,
            Function<String, com.google.protobuf.Message> request,
            List<String> alsoRefused,
            Repatriation.Status to,
            Status.Code again) {
        Supplier<Object> state = stateOf(on, r.getId());
        Object before = state.get();
        for (String refused : alsoRefused) {
            on.refused(Status.Code.PERMISSION_DENIED, refused, S, method, request.apply(r.getId()));
        }
        for (String seeing : List.of(liaison(TRANSIT), liaison(COORDINATOR))) {
            on.refused(Status.Code.PERMISSION_DENIED, seeing, S, method, request.apply(r.getId()));
        }
        on.hidden(liaison(STRANGER), S, method, request, r.getId());
        assertThat(state.get()).as("refused steps change nothing").isEqualTo(before);
        Repatriation moved =
                on.ok(allowed, S, method, request.apply(r.getId()), Repatriation.parser());
        assertThat(moved.getStatus()).isEqualTo(to);
        assertThat(moved.getHistoryList().getLast().getActorUser()).isEqualTo(allowed);
        Object after = state.get();
        on.refused(again, allowed, S, method, request.apply(r.getId()));
        assertThat(state.get()).isEqualTo(after);
        return moved;
    }

    static void register(Scenarios scenarios) {
        RepatriationRecordScenarios.register(scenarios);

        RepatriationPlanScenarios.register(scenarios);

        RepatriationWorkflowScenarios.register(scenarios);

        scenarios.add(
                S,
                "WatchEvents",
                on ->
                        EveryRpcOverBothFacesTest.watchEvents(
                                on,
                                S,
                                investigator(RECEIVING),
                                liaison(TRANSIT),
                                liaison(STRANGER),
                                () -> draft(on).getId(),
                                id -> {},
                                null,
                                null,
                                () ->
                                        on.ok(
                                                        investigator(STRANGER),
                                                        S,
                                                        "CreateRepatriation",
                                                        CreateRepatriationRequest.newBuilder()
                                                                .setRepatriation(
                                                                        Repatriation.newBuilder()
                                                                                .setKind(
                                                                                        Repatriation
                                                                                                .Kind
                                                                                                .VICTIM_RETURN)
                                                                                .setSendingCountry(
                                                                                        "MM")
                                                                                .setReceivingCountry(
                                                                                        STRANGER)
                                                                                .setVictimGroup(
                                                                                        VictimGroup
                                                                                                .newBuilder()
                                                                                                .setCount(
                                                                                                        2)
                                                                                                .addNationalities(
                                                                                                        "VN")))
                                                                .build(),
                                                        Repatriation.parser())
                                                .getId()));

        scenarios.add(
                S, "VerifyAuditTrail", on -> EveryRpcOverBothFacesTest.verifyAuditTrail(on, S));
        AuditCheckpointScenarios.register(scenarios, S, "repatriation-service");
    }
}
