package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.liaison;
import static org.chainbreaker.systemtests.OnFace.timestamp;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.common.v1.AuditRecord;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.Escort;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.Handover;
import org.chainbreaker.repatriation.v1.Leg;
import org.chainbreaker.repatriation.v1.ListRepatriationReadsRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationReadsResponse;
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
import org.chainbreaker.repatriation.v1.UpdateLogisticsRequest;
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
        scenarios.add(
                S,
                "CreateRepatriation",
                on -> {
                    String requestId = "transfer-" + UUID.randomUUID();
                    CreateRepatriationRequest create =
                            CreateRepatriationRequest.newBuilder()
                                    .setRequestId(requestId)
                                    .setRepatriation(transfer())
                                    .build();
                    Repatriation r =
                            on.ok(
                                    investigator(RECEIVING),
                                    S,
                                    "CreateRepatriation",
                                    create,
                                    Repatriation.parser());
                    assertThat(r.getStatus()).isEqualTo(Repatriation.Status.DRAFT);
                    assertThat(r.getOwnerCountry()).isEqualTo(RECEIVING);
                    assertThat(r.getFugitiveCheck())
                            .isEqualTo(Repatriation.FugitiveCheck.NOT_APPLICABLE);
                    assertThat(
                                    on.ok(
                                                    investigator(RECEIVING),
                                                    S,
                                                    "CreateRepatriation",
                                                    create,
                                                    Repatriation.parser())
                                            .getId())
                            .isEqualTo(r.getId());
                    // The same request id is VN's own; VN may open only what it sends or receives.
                    Repatriation vns =
                            on.ok(
                                    investigator(STRANGER),
                                    S,
                                    "CreateRepatriation",
                                    CreateRepatriationRequest.newBuilder()
                                            .setRequestId(requestId)
                                            .setRepatriation(
                                                    Repatriation.newBuilder()
                                                            .setKind(
                                                                    Repatriation.Kind.VICTIM_RETURN)
                                                            .setSendingCountry("MM")
                                                            .setReceivingCountry(STRANGER)
                                                            .setVictimGroup(
                                                                    VictimGroup.newBuilder()
                                                                            .setCount(3)
                                                                            .addNationalities(
                                                                                    "VN")))
                                            .build(),
                                    Repatriation.parser());
                    assertThat(vns.getId()).isNotEqualTo(r.getId());
                    assertThat(listed(on, investigator(STRANGER))).doesNotContain(r.getId());
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(STRANGER),
                            S,
                            "CreateRepatriation",
                            CreateRepatriationRequest.newBuilder()
                                    .setRepatriation(transfer())
                                    .build());
                    on.invalid(
                            investigator(RECEIVING),
                            S,
                            "CreateRepatriation",
                            CreateRepatriationRequest.newBuilder()
                                    .setRepatriation(
                                            transfer()
                                                    .clearKind()
                                                    .setLogistics(
                                                            plan().toBuilder()
                                                                    .setEscorts(
                                                                            0,
                                                                            Escort.newBuilder()
                                                                                    .setName(
                                                                                            "Officer Nguyen")
                                                                                    .setCountry(
                                                                                            STRANGER))))
                                    .build(),
                            () -> listed(on, investigator(RECEIVING)),
                            "repatriation.kind",
                            "repatriation.logistics.escorts[0].country");
                    // A transfer that names a wanted person is checked in the fugitive-service with
                    // the caller's token.
                    WantedPerson wanted =
                            FugitiveServiceScenarios.published(
                                    on,
                                    FugitiveServiceScenarios.uniqueName(),
                                    FugitiveServiceScenarios.documentNumber());
                    on.ok(
                            investigator(RECEIVING),
                            Faces.FUGITIVES,
                            "ReportSighting",
                            ReportSightingRequest.newBuilder()
                                    .setWantedPersonId(wanted.getId())
                                    .setSighting(FugitiveServiceScenarios.sighting(SENDING))
                                    .build(),
                            Sighting.parser());
                    on.ok(
                            investigator(SENDING),
                            Faces.FUGITIVES,
                            "RecordArrest",
                            RecordArrestRequest.newBuilder()
                                    .setWantedPersonId(wanted.getId())
                                    .setArrest(FugitiveServiceScenarios.arrest())
                                    .build(),
                            WantedPerson.parser());
                    arrestDraftCancelled(on, wanted);
                    Repatriation linked =
                            on.ok(
                                    investigator(RECEIVING),
                                    S,
                                    "CreateRepatriation",
                                    CreateRepatriationRequest.newBuilder()
                                            .setRepatriation(
                                                    transfer().setWantedPersonId(wanted.getId()))
                                            .build(),
                                    Repatriation.parser());
                    assertThat(linked.getFugitiveCheck())
                            .isEqualTo(Repatriation.FugitiveCheck.CONFIRMED);
                    assertThat(linked.getWantedPersonReference()).isEqualTo(wanted.getReference());
                });

        scenarios.add(
                S,
                "SyncArrestTransfer",
                on -> {
                    // KR wants the person, KH arrested it: the arrest opens one draft of KH's.
                    WantedPerson wanted =
                            FugitiveServiceScenarios.published(
                                    on,
                                    FugitiveServiceScenarios.uniqueName(),
                                    FugitiveServiceScenarios.documentNumber());
                    on.ok(
                            investigator(RECEIVING),
                            Faces.FUGITIVES,
                            "ReportSighting",
                            ReportSightingRequest.newBuilder()
                                    .setWantedPersonId(wanted.getId())
                                    .setSighting(FugitiveServiceScenarios.sighting(SENDING))
                                    .build(),
                            Sighting.parser());
                    on.ok(
                            investigator(SENDING),
                            Faces.FUGITIVES,
                            "RecordArrest",
                            RecordArrestRequest.newBuilder()
                                    .setWantedPersonId(wanted.getId())
                                    .setArrest(FugitiveServiceScenarios.arrest())
                                    .build(),
                            WantedPerson.parser());
                    Repatriation draft =
                            on.ok(
                                    investigator(SENDING),
                                    S,
                                    "SyncArrestTransfer",
                                    syncArrest(wanted.getId()),
                                    Repatriation.parser());
                    assertThat(draft.getStatus()).isEqualTo(Repatriation.Status.DRAFT);
                    assertThat(draft.getOwnerCountry()).isEqualTo(SENDING);
                    assertThat(draft.getSendingCountry()).isEqualTo(SENDING);
                    assertThat(draft.getReceivingCountry()).isEqualTo(RECEIVING);
                    assertThat(draft.getWantedPersonReference()).isEqualTo(wanted.getReference());
                    assertThat(draft.getArrest().getPlace())
                            .isEqualTo(FugitiveServiceScenarios.arrest().getPlace());
                    // Repeats, by either country (or the relay), answer the same draft.
                    for (String again : List.of(investigator(RECEIVING), investigator(SENDING))) {
                        assertThat(
                                        on.ok(
                                                        again,
                                                        S,
                                                        "SyncArrestTransfer",
                                                        syncArrest(wanted.getId()),
                                                        Repatriation.parser())
                                                .getId())
                                .as(again)
                                .isEqualTo(draft.getId());
                    }
                    // A third country: neither the person nor the draft exists for it.
                    on.hidden(
                            liaison(STRANGER),
                            S,
                            "SyncArrestTransfer",
                            RepatriationServiceScenarios::syncArrest,
                            wanted.getId());
                    on.hidden(
                            liaison(STRANGER),
                            S,
                            "GetRepatriation",
                            RepatriationServiceScenarios::get,
                            draft.getId());
                    assertThat(listed(on, liaison(STRANGER))).doesNotContain(draft.getId());
                    on.invalid(
                            investigator(SENDING),
                            S,
                            "SyncArrestTransfer",
                            SyncArrestTransferRequest.getDefaultInstance(),
                            () -> get(on, investigator(SENDING), draft.getId()),
                            "wanted_person_id");
                });

        scenarios.add(
                S,
                "GetRepatriation",
                on -> {
                    Repatriation r = draft(on);
                    for (String full :
                            List.of(
                                    investigator(RECEIVING),
                                    liaison(SENDING),
                                    liaison(COORDINATOR),
                                    liaison("ASEANAPOL"))) {
                        Repatriation seen = get(on, full, r.getId());
                        assertThat(seen.getLogistics().getPersons(0).getFullName())
                                .as(full)
                                .startsWith("Kim Min-su");
                    }
                    // The transit country sees the logistics it must support, not who travels or
                    // what they need.
                    Person transit =
                            get(on, liaison(TRANSIT), r.getId()).getLogistics().getPersons(0);
                    assertThat(transit.getFullName()).isEmpty();
                    assertThat(transit.getSupportNeedsList()).isEmpty();
                    assertThat(transit.getNationality()).isEqualTo("KR");
                    on.hidden(
                            liaison(STRANGER),
                            S,
                            "GetRepatriation",
                            RepatriationServiceScenarios::get,
                            r.getId());
                });

        scenarios.add(
                S,
                "ListRepatriationReads",
                on -> {
                    Repatriation r = draft(on);
                    get(on, liaison(TRANSIT), r.getId());
                    get(on, liaison(COORDINATOR), r.getId());
                    get(on, liaison(SENDING), r.getId());
                    List<AuditRecord> reads =
                            on.ok(
                                            investigator(RECEIVING),
                                            S,
                                            "ListRepatriationReads",
                                            ListRepatriationReadsRequest.newBuilder()
                                                    .setId(r.getId())
                                                    .build(),
                                            ListRepatriationReadsResponse.parser())
                                    .getReadsList();
                    assertThat(reads)
                            .extracting(AuditRecord::getActorCountry)
                            .contains(TRANSIT, COORDINATOR)
                            .doesNotContain(SENDING, RECEIVING);
                    on.ownerOnly(
                            List.of(liaison(SENDING), liaison(TRANSIT), liaison(COORDINATOR)),
                            List.of(liaison(STRANGER)),
                            S,
                            "ListRepatriationReads",
                            id -> ListRepatriationReadsRequest.newBuilder().setId(id).build(),
                            r.getId());
                });

        scenarios.add(
                S,
                "ListRepatriations",
                on -> {
                    Repatriation r = draft(on);
                    for (String seeing :
                            List.of(
                                    investigator(RECEIVING),
                                    liaison(SENDING),
                                    liaison(TRANSIT),
                                    liaison(COORDINATOR))) {
                        assertThat(listed(on, seeing)).as(seeing).contains(r.getId());
                    }
                    assertThat(listed(on, liaison(STRANGER))).doesNotContain(r.getId());
                    // Listed, the transit country's view withholds the persons' names and needs as
                    // reading it does.
                    assertThat(
                                    on.ok(
                                                    liaison(TRANSIT),
                                                    S,
                                                    "ListRepatriations",
                                                    ListRepatriationsRequest.newBuilder()
                                                            .setPageSize(200)
                                                            .build(),
                                                    ListRepatriationsResponse.parser())
                                            .getRepatriationsList())
                            .filteredOn(x -> x.getId().equals(r.getId()))
                            .singleElement()
                            .satisfies(
                                    x -> {
                                        assertThat(x.getLogistics().getPersons(0).getFullName())
                                                .isEmpty();
                                        assertThat(
                                                        x.getLogistics()
                                                                .getPersons(0)
                                                                .getSupportNeedsList())
                                                .isEmpty();
                                    });
                    on.invalid(
                            investigator(RECEIVING),
                            S,
                            "ListRepatriations",
                            ListRepatriationsRequest.newBuilder().setPageToken("garbage").build(),
                            NOTHING,
                            "page_token");
                });

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

        scenarios.add(
                S,
                "SubmitRepatriation",
                on -> {
                    Repatriation r = draft(on);
                    onlyBy(
                            on,
                            investigator(RECEIVING),
                            "SubmitRepatriation",
                            r,
                            RepatriationServiceScenarios::on,
                            List.of(liaison(SENDING)),
                            Repatriation.Status.REQUESTED);
                });

        scenarios.add(
                S,
                "ApproveRepatriation",
                on -> {
                    Repatriation r = at(on, Repatriation.Status.REQUESTED);
                    Repatriation half =
                            onlyBy(
                                    on,
                                    liaison(SENDING),
                                    "ApproveRepatriation",
                                    r,
                                    RepatriationServiceScenarios::on,
                                    List.of(investigator(RECEIVING), investigator(SENDING)),
                                    Repatriation.Status.APPROVED_BY_SENDING);
                    Supplier<Object> state = stateOf(on, r.getId());
                    Object before = state.get();
                    on.refused(
                            Status.Code.ABORTED,
                            liaison(RECEIVING),
                            S,
                            "ApproveRepatriation",
                            TransitionRequest.newBuilder()
                                    .setId(r.getId())
                                    .setEtag(r.getEtag())
                                    .build());
                    assertThat(state.get()).as("a stale etag changes nothing").isEqualTo(before);
                    assertThat(
                                    step(
                                                    on,
                                                    liaison(RECEIVING),
                                                    "ApproveRepatriation",
                                                    half.getId())
                                            .getStatus())
                            .isEqualTo(Repatriation.Status.CLEARED);
                });

        scenarios.add(
                S,
                "RejectRepatriation",
                on -> {
                    Repatriation r = at(on, Repatriation.Status.REQUESTED);
                    Function<String, com.google.protobuf.Message> reject =
                            id ->
                                    ReasonedTransitionRequest.newBuilder()
                                            .setId(id)
                                            .setReason("pending trial in Cambodia")
                                            .build();
                    on.invalid(
                            liaison(SENDING),
                            S,
                            "RejectRepatriation",
                            ReasonedTransitionRequest.newBuilder().setId(r.getId()).build(),
                            stateOf(on, r.getId()),
                            "reason");
                    Repatriation rejected =
                            onlyBy(
                                    on,
                                    liaison(SENDING),
                                    "RejectRepatriation",
                                    r,
                                    reject,
                                    List.of(investigator(SENDING)),
                                    Repatriation.Status.REJECTED);
                    assertThat(rejected.getStatusReason()).isEqualTo("pending trial in Cambodia");
                });

        scenarios.add(
                S,
                "ScheduleRepatriation",
                on -> {
                    Repatriation requested = at(on, Repatriation.Status.REQUESTED);
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            liaison(RECEIVING),
                            S,
                            "ScheduleRepatriation",
                            on(requested.getId()));
                    Repatriation r = at(on, Repatriation.Status.CLEARED);
                    onlyBy(
                            on,
                            liaison(RECEIVING),
                            "ScheduleRepatriation",
                            r,
                            RepatriationServiceScenarios::on,
                            List.of(investigator(RECEIVING)),
                            Repatriation.Status.SCHEDULED);
                });

        scenarios.add(
                S,
                "StartTransit",
                on -> {
                    Repatriation r = at(on, Repatriation.Status.SCHEDULED);
                    onlyBy(
                            on,
                            liaison(SENDING),
                            "StartTransit",
                            r,
                            RepatriationServiceScenarios::on,
                            List.of(liaison(RECEIVING)),
                            Repatriation.Status.IN_TRANSIT);
                });

        scenarios.add(
                S,
                "RecordHandover",
                on -> {
                    Repatriation r = at(on, Repatriation.Status.IN_TRANSIT);
                    on.invalid(
                            liaison(RECEIVING),
                            S,
                            "RecordHandover",
                            RecordHandoverRequest.newBuilder()
                                    .setId(r.getId())
                                    .setHandover(
                                            handover(r.getId()).getHandover().toBuilder()
                                                    .setPlace("")
                                                    .setHandoverTime(
                                                            timestamp(
                                                                    Instant.now()
                                                                            .plus(
                                                                                    Duration.ofDays(
                                                                                            1)))))
                                    .build(),
                            stateOf(on, r.getId()),
                            "handover.place",
                            "handover.handover_time");
                    Repatriation done =
                            onlyBy(
                                    on,
                                    liaison(RECEIVING),
                                    "RecordHandover",
                                    r,
                                    RepatriationServiceScenarios::handover,
                                    List.of(liaison(SENDING)),
                                    Repatriation.Status.HANDED_OVER);
                    assertThat(done.getHandover().getReceivingOfficer()).isEqualTo("Officer Park");
                });

        scenarios.add(
                S,
                "RetryCustodyTransfer",
                on -> {
                    // KR wants the person, KH arrested it: the handover in KR commits the custody
                    // transfer's delivery.
                    WantedPerson wanted =
                            FugitiveServiceScenarios.published(
                                    on,
                                    FugitiveServiceScenarios.uniqueName(),
                                    FugitiveServiceScenarios.documentNumber());
                    on.ok(
                            investigator(RECEIVING),
                            Faces.FUGITIVES,
                            "ReportSighting",
                            ReportSightingRequest.newBuilder()
                                    .setWantedPersonId(wanted.getId())
                                    .setSighting(FugitiveServiceScenarios.sighting(SENDING))
                                    .build(),
                            Sighting.parser());
                    on.ok(
                            investigator(SENDING),
                            Faces.FUGITIVES,
                            "RecordArrest",
                            RecordArrestRequest.newBuilder()
                                    .setWantedPersonId(wanted.getId())
                                    .setArrest(FugitiveServiceScenarios.arrest())
                                    .build(),
                            WantedPerson.parser());
                    arrestDraftCancelled(on, wanted);
                    Repatriation r =
                            at(
                                    on,
                                    on.ok(
                                            investigator(RECEIVING),
                                            S,
                                            "CreateRepatriation",
                                            CreateRepatriationRequest.newBuilder()
                                                    .setRepatriation(
                                                            transfer()
                                                                    .setWantedPersonId(
                                                                            wanted.getId()))
                                                    .build(),
                                            Repatriation.parser()),
                                    Repatriation.Status.IN_TRANSIT);
                    // Only a liaison officer of the receiving country, and only while a delivery is
                    // pending.
                    Supplier<Object> state = stateOf(on, r.getId());
                    Object before = state.get();
                    for (String refused :
                            List.of(
                                    investigator(RECEIVING),
                                    liaison(SENDING),
                                    liaison(TRANSIT),
                                    liaison(COORDINATOR))) {
                        on.refused(
                                Status.Code.PERMISSION_DENIED,
                                refused,
                                S,
                                "RetryCustodyTransfer",
                                on(r.getId()));
                    }
                    on.hidden(
                            liaison(STRANGER),
                            S,
                            "RetryCustodyTransfer",
                            RepatriationServiceScenarios::on,
                            r.getId());
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            liaison(RECEIVING),
                            S,
                            "RetryCustodyTransfer",
                            on(r.getId()));
                    assertThat(state.get()).as("refused retries change nothing").isEqualTo(before);
                    on.ok(
                            liaison(RECEIVING),
                            S,
                            "RecordHandover",
                            handover(r.getId()),
                            Repatriation.parser());
                    // The relay may have delivered it already (then there is nothing to retry);
                    // otherwise it is sent now.
                    var retried =
                            on.call(liaison(RECEIVING), S, "RetryCustodyTransfer", on(r.getId()));
                    assertThat(retried.code())
                            .as("retry right after the handover over %s: %s", on.face, retried)
                            .isIn(Status.Code.OK, Status.Code.FAILED_PRECONDITION);
                    OnFace.eventually(
                            "the custody transfer of " + r.getId() + " delivered",
                            Duration.ofSeconds(90),
                            () ->
                                    get(on, liaison(RECEIVING), r.getId())
                                                    .getCustodyDelivery()
                                                    .getState()
                                            == org.chainbreaker.repatriation.v1.CustodyDelivery
                                                    .State.DELIVERED);
                    assertThat(
                                    FugitiveServiceScenarios.get(on, RECEIVING, wanted.getId())
                                            .getCustody())
                            .isEqualTo(WantedPerson.Custody.TRANSFERRED);
                    Object delivered = state.get();
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            liaison(RECEIVING),
                            S,
                            "RetryCustodyTransfer",
                            on(r.getId()));
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            liaison(TRANSIT),
                            S,
                            "RetryCustodyTransfer",
                            on(r.getId()));
                    assertThat(state.get()).isEqualTo(delivered);
                });

        scenarios.add(
                S,
                "CompleteRepatriation",
                on -> {
                    Repatriation r = at(on, Repatriation.Status.HANDED_OVER);
                    onlyBy(
                            on,
                            liaison(RECEIVING),
                            "CompleteRepatriation",
                            r,
                            RepatriationServiceScenarios::on,
                            List.of(liaison(SENDING)),
                            Repatriation.Status.COMPLETED);
                });

        scenarios.add(
                S,
                "CancelRepatriation",
                on -> {
                    Function<String, com.google.protobuf.Message> cancel =
                            id ->
                                    ReasonedTransitionRequest.newBuilder()
                                            .setId(id)
                                            .setReason("suspect released on bail")
                                            .build();
                    Repatriation draft = draft(on);
                    on.invalid(
                            investigator(RECEIVING),
                            S,
                            "CancelRepatriation",
                            ReasonedTransitionRequest.newBuilder().setId(draft.getId()).build(),
                            stateOf(on, draft.getId()),
                            "reason");
                    // The opening country cancels its draft; once requested, only the two
                    // countries' liaison officers may.
                    // Once it is no longer a draft, cancelling needs a liaison officer: the
                    // investigator is refused that first.
                    onlyBy(
                            on,
                            investigator(RECEIVING),
                            "CancelRepatriation",
                            draft,
                            cancel,
                            List.of(),
                            Repatriation.Status.CANCELLED,
                            Status.Code.PERMISSION_DENIED);
                    Repatriation requested = at(on, Repatriation.Status.REQUESTED);
                    onlyBy(
                            on,
                            liaison(SENDING),
                            "CancelRepatriation",
                            requested,
                            cancel,
                            List.of(investigator(RECEIVING)),
                            Repatriation.Status.CANCELLED);
                });

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
