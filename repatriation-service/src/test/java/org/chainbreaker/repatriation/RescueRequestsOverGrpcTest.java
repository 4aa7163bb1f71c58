package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import com.google.type.Date;
import com.google.type.LatLng;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chainbreaker.repatriation.v1.CreateRescueRequestRequest;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.GetRescueRequestRequest;
import org.chainbreaker.repatriation.v1.ListRescueRequestsRequest;
import org.chainbreaker.repatriation.v1.RecordRescueOutcomeRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.RepatriationServiceGrpc.RepatriationServiceBlockingStub;
import org.chainbreaker.repatriation.v1.RescueLocation;
import org.chainbreaker.repatriation.v1.RescueOutcome;
import org.chainbreaker.repatriation.v1.RescueRequest;
import org.chainbreaker.repatriation.v1.RescueRequestTransition;
import org.chainbreaker.repatriation.v1.RescuedGroup;
import org.junit.jupiter.api.Test;

/**
 * Emergency rescue requests over gRPC: who may act, who sees what and when, escalation, outcome,
 * idempotency.
 */
class RescueRequestsOverGrpcTest extends RunningRepatriationService {

    /**
     * People held in Cambodia (KH), nationals of the Philippines and Indonesia; raised by the
     * Philippines.
     */
    static RescueRequest.Builder heldInCambodia() {
        return RescueRequest.newBuilder()
                .setHostCountry("KH")
                .setLocation(
                        RescueLocation.newBuilder()
                                .setCountry("KH")
                                .setProvince("Preah Sihanouk")
                                .setDescription(
                                        "compound behind the Golden Sands casino, building C")
                                .setCoordinates(
                                        LatLng.newBuilder()
                                                .setLatitude(10.6093)
                                                .setLongitude(103.5296)))
                .setEstimatedPeople(40)
                .addNationalities("PH")
                .addNationalities("ID")
                .setSource("messages from a victim to her family, forwarded by an NGO");
    }

    static RescueRequest raise(RepatriationServiceBlockingStub as, RescueRequest.Builder request) {
        return as.createRescueRequest(
                CreateRescueRequestRequest.newBuilder().setRescueRequest(request).build());
    }

    static GetRescueRequestRequest get(RescueRequest r) {
        return GetRescueRequestRequest.newBuilder().setId(r.getId()).build();
    }

    static RescueRequestTransition on(RescueRequest r) {
        return RescueRequestTransition.newBuilder().setId(r.getId()).build();
    }

    static RecordRescueOutcomeRequest outcome(
            RescueRequest r, LocalDate day, RescuedGroup... groups) {
        return RecordRescueOutcomeRequest.newBuilder()
                .setId(r.getId())
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

    static List<String> listedIds(RepatriationServiceBlockingStub as) {
        return as
                .listRescueRequests(ListRescueRequestsRequest.newBuilder().setPageSize(200).build())
                .getRescueRequestsList()
                .stream()
                .map(RescueRequest::getId)
                .toList();
    }

    static RescueRequest awaitEscalated(RescueRequest r) throws InterruptedException {
        long deadline = System.nanoTime() + RESCUE_ACKNOWLEDGE_WITHIN.plusSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            RescueRequest seen = liaison("PH").getRescueRequest(get(r));
            if (seen.getEscalated()) {
                return seen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not escalated in time");
    }

    static List<String> fields(StatusRuntimeException e) throws Exception {
        for (var detail : StatusProto.fromThrowable(e).getDetailsList()) {
            if (detail.is(BadRequest.class)) {
                return detail.unpack(BadRequest.class).getFieldViolationsList().stream()
                        .map(BadRequest.FieldViolation::getField)
                        .toList();
            }
        }
        return List.of();
    }

    @Test
    void
            the_wrong_country_cannot_acknowledge_or_record_the_outcome_and_an_unrelated_one_is_told_nothing_exists() {
        RescueRequest r = raise(liaison("PH"), heldInCambodia());
        // The requesting country sees it but does not act for the host.
        assertThat(statusOf(() -> liaison("PH").acknowledgeRescueRequest(on(r))).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(
                        statusOf(
                                        () ->
                                                liaison("PH")
                                                        .recordRescueOutcome(
                                                                outcome(
                                                                        r,
                                                                        LocalDate.now(
                                                                                ZoneOffset.UTC),
                                                                        rescued("PH", 3))))
                                .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        // An investigator of the host is not its liaison officer.
        assertThat(statusOf(() -> investigator("KH").acknowledgeRescueRequest(on(r))).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        // Unrelated countries, and coordinators before any escalation: it does not exist, as an id
        // that never did.
        for (String outsider : List.of("VN", "INTERPOL")) {
            assertThat(statusOf(() -> liaison(outsider).getRescueRequest(get(r))).getCode())
                    .as(outsider)
                    .isEqualTo(Status.Code.NOT_FOUND);
            assertThat(statusOf(() -> liaison(outsider).acknowledgeRescueRequest(on(r))).getCode())
                    .as(outsider)
                    .isEqualTo(Status.Code.NOT_FOUND);
            assertThat(listedIds(liaison(outsider))).as(outsider).doesNotContain(r.getId());
        }
        assertThat(
                        statusOf(
                                        () ->
                                                liaison("VN")
                                                        .getRescueRequest(
                                                                GetRescueRequestRequest.newBuilder()
                                                                        .setId(
                                                                                UUID.randomUUID()
                                                                                        .toString())
                                                                        .build()))
                                .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        // The outcome comes after the acknowledgement.
        assertThat(
                        statusOf(
                                        () ->
                                                liaison("KH")
                                                        .recordRescueOutcome(
                                                                outcome(
                                                                        r,
                                                                        LocalDate.now(
                                                                                ZoneOffset.UTC),
                                                                        rescued("PH", 3))))
                                .getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        RescueRequest unchanged = liaison("PH").getRescueRequest(get(r));
        assertThat(unchanged.getStatus()).isEqualTo(RescueRequest.Status.OPEN);
        assertThat(unchanged.getEtag()).isEqualTo(r.getEtag());
        // Only liaison officers raise requests.
        assertThat(statusOf(() -> raise(investigator("PH"), heldInCambodia())).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void an_impossible_request_is_refused_field_by_field() throws Exception {
        StatusRuntimeException refused =
                failureOf(
                        () ->
                                raise(
                                        liaison("PH"),
                                        RescueRequest.newBuilder()
                                                .setHostCountry("PH")
                                                .setLocation(
                                                        RescueLocation.newBuilder()
                                                                .setCountry("MM")
                                                                .setCoordinates(
                                                                        LatLng.newBuilder()
                                                                                .setLatitude(95)))
                                                .setEstimatedPeople(0)
                                                .addNationalities("philippines")
                                                .addNationalities("ID")
                                                .addNationalities("ID")));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(refused))
                .contains(
                        "rescue_request.host_country",
                        "rescue_request.location.country",
                        "rescue_request.location.province",
                        "rescue_request.location.coordinates.latitude",
                        "rescue_request.estimated_people",
                        "rescue_request.nationalities[0]",
                        "rescue_request.nationalities[2]",
                        "rescue_request.source");
        assertThat(
                        fields(
                                failureOf(
                                        () ->
                                                raise(
                                                        liaison("PH"),
                                                        heldInCambodia().setHostCountry("XX")))))
                .contains("rescue_request.host_country");
    }

    @Test
    void a_repeated_request_id_raises_nothing_new() throws Exception {
        String key = "ph-rescue-" + UUID.randomUUID();
        var request =
                CreateRescueRequestRequest.newBuilder()
                        .setRescueRequest(heldInCambodia())
                        .setRequestId(key)
                        .build();
        RescueRequest first = liaison("PH").createRescueRequest(request);
        RescueRequest again = liaison("PH").createRescueRequest(request);
        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(eventsOf(first.getId())).containsExactly("rescue_request.raised");
        // The same key from another country is that country's own key: no conflict, no hint.
        RescueRequest other = liaison("ID").createRescueRequest(request);
        assertThat(other.getId()).isNotEqualTo(first.getId());
    }

    @Test
    void
            two_host_liaisons_acknowledging_at_once_acknowledge_once_and_an_acknowledged_request_is_not_escalated()
                    throws Exception {
        RescueRequest r = raise(liaison("PH"), heldInCambodia());
        CyclicBarrier together = new CyclicBarrier(2);
        List<Callable<RescueRequest>> calls = new ArrayList<>();
        for (String user : List.of("kh-liaison", "kh-liaison-2")) {
            calls.add(
                    () -> {
                        together.await();
                        return as("KH", user, "liaison").acknowledgeRescueRequest(on(r));
                    });
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int acknowledged = 0;
        int refused = 0;
        try {
            for (Future<RescueRequest> answer : pool.invokeAll(calls)) {
                try {
                    assertThat(answer.get().getStatus())
                            .isEqualTo(RescueRequest.Status.ACKNOWLEDGED);
                    acknowledged++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(((StatusRuntimeException) e.getCause()).getStatus().getCode())
                            .isEqualTo(Status.Code.FAILED_PRECONDITION);
                    refused++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(acknowledged).isEqualTo(1);
        assertThat(refused).isEqualTo(1);
        assertThat(eventsOf(r.getId()))
                .filteredOn("rescue_request.acknowledged"::equals)
                .hasSize(1);
        // Past the deadline and several timer rounds: acknowledged in time, so never escalated.
        Thread.sleep(RESCUE_ACKNOWLEDGE_WITHIN.plusSeconds(1).toMillis());
        RescueRequest later = liaison("PH").getRescueRequest(get(r));
        assertThat(later.getEscalated()).isFalse();
        assertThat(statusOf(() -> liaison("INTERPOL").getRescueRequest(get(r))).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(eventsOf(r.getId())).doesNotContain("rescue_request.escalated");
    }

    @Test
    void an_unacknowledged_request_is_escalated_once_and_then_seen_by_the_coordinators()
            throws Exception {
        RescueRequest r = raise(liaison("PH"), heldInCambodia());
        assertThat(statusOf(() -> liaison("ASEANAPOL").getRescueRequest(get(r))).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        RescueRequest escalated = awaitEscalated(r);
        assertThat(escalated.getStatus()).isEqualTo(RescueRequest.Status.OPEN);
        assertThat(escalated.hasEscalateTime()).isTrue();
        for (String coordinator : List.of("INTERPOL", "ASEANAPOL")) {
            RescueRequest seen =
                    as(coordinator, coordinator.toLowerCase() + "-coordinator", "coordinator")
                            .getRescueRequest(get(r));
            assertThat(seen.getEscalated()).isTrue();
            assertThat(listedIds(liaison(coordinator))).contains(r.getId());
        }
        // Coordinators follow up; they do not act for the host.
        assertThat(statusOf(() -> liaison("INTERPOL").acknowledgeRescueRequest(on(r))).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(statusOf(() -> liaison("VN").getRescueRequest(get(r))).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        Thread.sleep(1000);
        assertThat(eventsOf(r.getId())).filteredOn("rescue_request.escalated"::equals).hasSize(1);
        assertThat(
                        column(
                                DATABASE,
                                "select action from audit_log where record_id = ? order by seq",
                                r.getId()))
                .containsSubsequence("ESCALATE", "READ");
        // The host may still take it on.
        RescueRequest late = liaison("KH").acknowledgeRescueRequest(on(r));
        assertThat(late.getStatus()).isEqualTo(RescueRequest.Status.ACKNOWLEDGED);
        assertThat(late.getEscalated()).isTrue();
    }

    @Test
    void the_outcome_opens_one_victim_return_per_other_member_nationality_once() throws Exception {
        RescueRequest r = raise(liaison("PH"), heldInCambodia());
        liaison("KH").acknowledgeRescueRequest(on(r));
        // Today (UTC): not in the future anywhere, not before the day the request was raised
        // anywhere.
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        StatusRuntimeException impossible =
                failureOf(
                        () ->
                                liaison("KH")
                                        .recordRescueOutcome(
                                                outcome(
                                                        r,
                                                        day.plusDays(30),
                                                        rescued("PH", 0),
                                                        rescued("PH", 2))));
        assertThat(fields(impossible))
                .contains(
                        "outcome.rescue_date",
                        "outcome.rescued[0].count",
                        "outcome.rescued[1].nationality");

        var request = outcome(r, day, rescued("PH", 30), rescued("ID", 12), rescued("KH", 2));
        RescueRequest resolved = liaison("KH").recordRescueOutcome(request);
        assertThat(resolved.getStatus()).isEqualTo(RescueRequest.Status.RESOLVED);
        assertThat(resolved.getOutcome().getRescuedList()).hasSize(3);
        // Nationals of the host are home already: returns to PH and ID only, from KH, as drafts
        // owned by KH.
        assertThat(resolved.getVictimReturnIdsList()).hasSize(2);
        for (String id : resolved.getVictimReturnIdsList()) {
            Repatriation victimReturn =
                    liaison("KH")
                            .getRepatriation(GetRepatriationRequest.newBuilder().setId(id).build());
            assertThat(victimReturn.getKind()).isEqualTo(Repatriation.Kind.VICTIM_RETURN);
            assertThat(victimReturn.getStatus()).isEqualTo(Repatriation.Status.DRAFT);
            assertThat(victimReturn.getSendingCountry()).isEqualTo("KH");
            assertThat(victimReturn.getOwnerCountry()).isEqualTo("KH");
            assertThat(victimReturn.getRescueRequestId()).isEqualTo(r.getId());
            assertThat(victimReturn.getVictimGroup().getCount())
                    .isEqualTo(victimReturn.getReceivingCountry().equals("PH") ? 30 : 12);
        }
        // The requesting country sees the return home of its own nationals, not the one to
        // Indonesia.
        RescueRequest asRequester = liaison("PH").getRescueRequest(get(r));
        assertThat(asRequester.getVictimReturnIdsList()).hasSize(1);
        assertThat(
                        liaison("PH")
                                .getRepatriation(
                                        GetRepatriationRequest.newBuilder()
                                                .setId(asRequester.getVictimReturnIds(0))
                                                .build())
                                .getReceivingCountry())
                .isEqualTo("PH");

        // The same outcome again changes nothing; another one is refused.
        RescueRequest repeated = liaison("KH").recordRescueOutcome(request);
        assertThat(repeated.getVictimReturnIdsList())
                .containsExactlyInAnyOrderElementsOf(resolved.getVictimReturnIdsList());
        assertThat(repeated.getEtag()).isEqualTo(resolved.getEtag());
        assertThat(
                        statusOf(
                                        () ->
                                                liaison("KH")
                                                        .recordRescueOutcome(
                                                                outcome(r, day, rescued("PH", 31))))
                                .getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(eventsOf(r.getId())).filteredOn("rescue_request.resolved"::equals).hasSize(1);
    }

    @Test
    void a_coordinator_is_not_the_host_of_a_rescue() throws Exception {
        StatusRuntimeException refused =
                failureOf(
                        () ->
                                raise(
                                        liaison("PH"),
                                        heldInCambodia()
                                                .setHostCountry("INTERPOL")
                                                .setLocation(
                                                        heldInCambodia().getLocation().toBuilder()
                                                                .setCountry("INTERPOL"))));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(refused)).contains("rescue_request.host_country");
    }

    @Test
    void a_raid_that_finds_the_compound_empty_resolves_the_request_without_opening_returns()
            throws Exception {
        RescueRequest r = raise(liaison("PH"), heldInCambodia());
        liaison("KH").acknowledgeRescueRequest(on(r));
        var nobody = outcome(r, LocalDate.now(ZoneOffset.UTC));
        RescueRequest resolved = liaison("KH").recordRescueOutcome(nobody);
        assertThat(resolved.getStatus()).isEqualTo(RescueRequest.Status.RESOLVED);
        assertThat(resolved.getOutcome().getRescuedList()).isEmpty();
        assertThat(resolved.getVictimReturnIdsList()).isEmpty();
        assertThat(liaison("KH").recordRescueOutcome(nobody).getEtag())
                .isEqualTo(resolved.getEtag());
        assertThat(eventsOf(r.getId())).filteredOn("rescue_request.resolved"::equals).hasSize(1);
    }

    @Test
    void a_rescue_outcome_dated_before_its_request_is_refused() throws Exception {
        RescueRequest r = raise(liaison("PH"), heldInCambodia());
        liaison("KH").acknowledgeRescueRequest(on(r));
        StatusRuntimeException refused =
                failureOf(
                        () ->
                                liaison("KH")
                                        .recordRescueOutcome(
                                                outcome(
                                                        r,
                                                        LocalDate.now(ZoneOffset.UTC).minusDays(3),
                                                        rescued("PH", 2))));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(refused)).contains("outcome.rescue_date");
        assertThat(liaison("PH").getRescueRequest(get(r)).getStatus())
                .isEqualTo(RescueRequest.Status.ACKNOWLEDGED);
    }
}
