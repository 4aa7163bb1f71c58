package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.FugitiveServiceScenarios.*;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.timestamp;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.chainbreaker.fugitives.v1.ListSightingsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.WithdrawSightingAccessRequest;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/** The fugitive-service scenarios of sightings, their access, arrest and custody transfer. */
final class FugitiveCustodyScenarios {

    private FugitiveCustodyScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "ReportSighting",
                on -> {
                    Fixture f = fixture(on);
                    on.hidden(
                            investigator("LA"),
                            S,
                            "GetWantedPerson",
                            FugitiveServiceScenarios::get,
                            f.id());
                    // Another country reports sightings in its own territory only, and gains
                    // nothing by them.
                    on.invalid(
                            investigator(PARTICIPANT),
                            S,
                            "ReportSighting",
                            ReportSightingRequest.newBuilder()
                                    .setWantedPersonId(f.id())
                                    .setSighting(sighting("LA"))
                                    .build(),
                            () -> sightings(on, OWNER, f.id()),
                            "sighting.country");
                    on.hidden(
                            investigator("LA"),
                            S,
                            "GetWantedPerson",
                            FugitiveServiceScenarios::get,
                            f.id());
                    Sighting reported =
                            on.ok(
                                    investigator(PARTICIPANT),
                                    S,
                                    "ReportSighting",
                                    ReportSightingRequest.newBuilder()
                                            .setWantedPersonId(f.id())
                                            .setSighting(
                                                    sighting(PARTICIPANT)
                                                            .setPlace("Pattaya, Walking Street"))
                                            .build(),
                                    Sighting.parser());
                    assertThat(reported.getReporterCountry()).isEqualTo(PARTICIPANT);
                    assertThat(reported.getAccessCountry()).isEmpty();
                    // The owner's sighting lets the country where the person was seen see the
                    // record; the location follows.
                    Sighting byOwner =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "ReportSighting",
                                    ReportSightingRequest.newBuilder()
                                            .setWantedPersonId(f.id())
                                            .setSighting(
                                                    sighting("LA")
                                                            .setPlace("Vientiane, Talat Sao")
                                                            .setSeenTime(
                                                                    timestamp(
                                                                            Instant.now()
                                                                                    .minusSeconds(
                                                                                            60))))
                                            .build(),
                                    Sighting.parser());
                    assertThat(byOwner.getAccessCountry()).isEqualTo("LA");
                    assertThat(get(on, "LA", f.id()).getId()).isEqualTo(f.id());
                    assertThat(get(on, OWNER, f.id()).getLastKnownLocation().getPlace())
                            .isEqualTo("Vientiane, Talat Sao");
                    for (String nobody : NOBODY) {
                        on.hidden(
                                investigator(nobody),
                                S,
                                "ReportSighting",
                                id ->
                                        ReportSightingRequest.newBuilder()
                                                .setWantedPersonId(id)
                                                .setSighting(sighting(nobody))
                                                .build(),
                                f.id());
                    }
                    on.invalid(
                            investigator(PARTICIPANT),
                            S,
                            "ReportSighting",
                            ReportSightingRequest.newBuilder()
                                    .setWantedPersonId(f.id())
                                    .setSighting(
                                            sighting("LA")
                                                    .setPlace("")
                                                    .setSeenTime(
                                                            timestamp(
                                                                    Instant.now()
                                                                            .plus(
                                                                                    Duration.ofDays(
                                                                                            1)))))
                                    .build(),
                            () -> sightings(on, OWNER, f.id()),
                            "sighting.place",
                            "sighting.seen_time");
                });

        scenarios.add(
                S,
                "WithdrawSightingAccess",
                on -> {
                    Fixture f = fixture(on);
                    // The fixture's sighting is the owner's, in SIGHTED_IN: the one that lets
                    // SIGHTED_IN see the record.
                    Sighting granting =
                            sightings(on, OWNER, f.id()).stream()
                                    .filter(s -> s.getAccessCountry().equals(SIGHTED_IN))
                                    .findFirst()
                                    .orElseThrow();
                    WithdrawSightingAccessRequest request =
                            WithdrawSightingAccessRequest.newBuilder()
                                    .setWantedPersonId(f.id())
                                    .setSightingId(granting.getId())
                                    .build();
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(PARTICIPANT),
                            S,
                            "WithdrawSightingAccess",
                            request);
                    on.hiddenFrom(
                            NOT_SEEING,
                            S,
                            "WithdrawSightingAccess",
                            id ->
                                    WithdrawSightingAccessRequest.newBuilder()
                                            .setWantedPersonId(id)
                                            .setSightingId(granting.getId())
                                            .build(),
                            f.id());
                    Sighting withdrawn =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "WithdrawSightingAccess",
                                    request,
                                    Sighting.parser());
                    assertThat(withdrawn.getAccessCountry()).isEmpty();
                    assertThat(withdrawn.hasAccessWithdrawTime()).isTrue();
                    on.hidden(
                            investigator(SIGHTED_IN),
                            S,
                            "GetWantedPerson",
                            FugitiveServiceScenarios::get,
                            f.id());
                });

        scenarios.add(
                S,
                "ListSightings",
                on -> {
                    Fixture f = fixture(on);
                    on.ok(
                            investigator(OWNER),
                            S,
                            "ReportSighting",
                            ReportSightingRequest.newBuilder()
                                    .setWantedPersonId(f.id())
                                    .setSighting(
                                            sighting("SG")
                                                    .setPlace("Singapore, Marina Bay")
                                                    .setSeenTime(
                                                            timestamp(
                                                                    Instant.now()
                                                                            .minus(
                                                                                    Duration
                                                                                            .ofHours(
                                                                                                    1)))))
                                    .build(),
                            Sighting.parser());
                    // The most recent confirmed sighting is SG's: the owner's last known location,
                    // but not one KH may see
                    // (it was not in its country). TH sees neither: it reported none, and another
                    // country's sighting is not
                    // passed on to it.
                    assertThat(get(on, OWNER, f.id()).getLastKnownLocation().getCountry())
                            .isEqualTo("SG");
                    assertThat(get(on, PARTICIPANT, f.id()).hasLastKnownLocation()).isFalse();
                    for (String other : List.of(SIGHTED_IN)) {
                        assertThat(get(on, other, f.id()).getLastKnownLocation().getCountry())
                                .as(other)
                                .isEqualTo(SIGHTED_IN);
                        assertThat(
                                        on.ok(
                                                        investigator(other),
                                                        S,
                                                        "ListWantedPersons",
                                                        ListWantedPersonsRequest.newBuilder()
                                                                .setPageSize(200)
                                                                .build(),
                                                        ListWantedPersonsResponse.parser())
                                                .getWantedPersonsList())
                                .filteredOn(w -> w.getId().equals(f.id()))
                                .singleElement()
                                .as("%s lists", other)
                                .satisfies(
                                        w ->
                                                assertThat(w.getLastKnownLocation().getCountry())
                                                        .isEqualTo(SIGHTED_IN));
                        assertThat(
                                        on.ok(
                                                        investigator(other),
                                                        S,
                                                        "SearchWantedPersons",
                                                        SearchWantedPersonsRequest.newBuilder()
                                                                .setName(
                                                                        f.person()
                                                                                .getPrimaryName()
                                                                                .getValue())
                                                                .setPageSize(100)
                                                                .build(),
                                                        SearchWantedPersonsResponse.parser())
                                                .getMatchesList())
                                .filteredOn(m -> m.getWantedPerson().getId().equals(f.id()))
                                .singleElement()
                                .as("%s finds", other)
                                .satisfies(
                                        m ->
                                                assertThat(
                                                                m.getWantedPerson()
                                                                        .getLastKnownLocation()
                                                                        .getCountry())
                                                        .isEqualTo(SIGHTED_IN));
                    }
                    assertThat(sightings(on, OWNER, f.id()))
                            .extracting(Sighting::getCountry)
                            .containsExactlyInAnyOrder(SIGHTED_IN, "SG");
                    // Others see the sightings they reported or that the owner reported in their
                    // country.
                    assertThat(sightings(on, PARTICIPANT, f.id())).isEmpty();
                    assertThat(sightings(on, SIGHTED_IN, f.id()))
                            .extracting(Sighting::getCountry)
                            .containsExactly(SIGHTED_IN);
                    assertThat(sightings(on, "SG", f.id()))
                            .extracting(Sighting::getCountry)
                            .containsExactly("SG");
                    on.hiddenFrom(
                            NOT_SEEING,
                            S,
                            "ListSightings",
                            id -> ListSightingsRequest.newBuilder().setWantedPersonId(id).build(),
                            f.id());
                });

        scenarios.add(
                S,
                "RecordArrest",
                on -> {
                    Fixture f = fixture(on);
                    on.hiddenFrom(
                            NOT_SEEING,
                            S,
                            "RecordArrest",
                            id ->
                                    RecordArrestRequest.newBuilder()
                                            .setWantedPersonId(id)
                                            .setArrest(arrest())
                                            .build(),
                            f.id());
                    on.invalid(
                            investigator(SIGHTED_IN),
                            S,
                            "RecordArrest",
                            RecordArrestRequest.newBuilder()
                                    .setWantedPersonId(f.id())
                                    .setArrest(arrest().toBuilder().setCustody(""))
                                    .build(),
                            stateOf(on, f.id()),
                            "arrest.custody");
                    WantedPerson arrested =
                            on.ok(
                                    investigator(SIGHTED_IN),
                                    S,
                                    "RecordArrest",
                                    RecordArrestRequest.newBuilder()
                                            .setWantedPersonId(f.id())
                                            .setArrest(arrest())
                                            .build(),
                                    WantedPerson.parser());
                    assertThat(arrested.getCustody()).isEqualTo(WantedPerson.Custody.ARRESTED);
                    assertThat(get(on, OWNER, f.id()).getCustody())
                            .isEqualTo(WantedPerson.Custody.ARRESTED);
                });

        scenarios.add(
                S,
                "RecordCustodyTransfer",
                on -> {
                    Fixture f = fixture(on);
                    String reference = "repatriation-" + UUID.randomUUID();
                    java.util.function.Function<String, com.google.protobuf.Message> transfer =
                            id -> custodyTransfer(id, reference, SIGHTED_IN, OWNER);
                    // A person still at large is not transferred.
                    Supplier<Object> state = stateOf(on, f.id());
                    Object atLarge = state.get();
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            investigator(OWNER),
                            S,
                            "RecordCustodyTransfer",
                            transfer.apply(f.id()));
                    assertThat(state.get()).isEqualTo(atLarge);
                    on.ok(
                            investigator(SIGHTED_IN),
                            S,
                            "RecordArrest",
                            RecordArrestRequest.newBuilder()
                                    .setWantedPersonId(f.id())
                                    .setArrest(arrest())
                                    .build(),
                            WantedPerson.parser());
                    // Only the two countries between which custody passes: the participant sees the
                    // person but is refused,
                    // as is an analyst of the owner; for the others the person does not exist.
                    on.deniedTo(
                            List.of(investigator(PARTICIPANT), OnFace.analyst(OWNER)),
                            S,
                            "RecordCustodyTransfer",
                            transfer.apply(f.id()));
                    on.hiddenFrom(NOT_SEEING, S, "RecordCustodyTransfer", transfer, f.id());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "RecordCustodyTransfer",
                            custodyTransfer(f.id(), reference, STRANGER, OWNER),
                            stateOf(on, f.id()),
                            "transfer.from_country");
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "RecordCustodyTransfer",
                            org.chainbreaker.fugitives.v1.RecordCustodyTransferRequest.newBuilder()
                                    .setWantedPersonId(f.id())
                                    .setTransfer(
                                            org.chainbreaker.fugitives.v1.CustodyTransfer
                                                    .newBuilder()
                                                    .setFromCountry(SIGHTED_IN)
                                                    .setToCountry(SIGHTED_IN))
                                    .build(),
                            stateOf(on, f.id()),
                            "transfer.repatriation_reference",
                            "transfer.handover_time",
                            "transfer.to_country");
                    WantedPerson transferred =
                            on.ok(
                                    investigator(SIGHTED_IN),
                                    S,
                                    "RecordCustodyTransfer",
                                    transfer.apply(f.id()),
                                    WantedPerson.parser());
                    assertThat(transferred.getCustody())
                            .isEqualTo(WantedPerson.Custody.TRANSFERRED);
                    assertThat(transferred.getCustodyTransfer().getRepatriationReference())
                            .isEqualTo(reference);
                    assertThat(transferred.getCustodyTransfer().getRecordedByCountry())
                            .isEqualTo(SIGHTED_IN);
                    assertThat(get(on, PARTICIPANT, f.id()).getCustody())
                            .isEqualTo(WantedPerson.Custody.TRANSFERRED);
                    // Repeating it (the owner retrying) changes nothing; another repatriation is
                    // refused.
                    WantedPerson repeated =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "RecordCustodyTransfer",
                                    transfer.apply(f.id()),
                                    WantedPerson.parser());
                    assertThat(repeated.getEtag()).isEqualTo(get(on, OWNER, f.id()).getEtag());
                    assertThat(repeated.getCustodyTransfer().getRecordedByCountry())
                            .isEqualTo(SIGHTED_IN);
                    Object done = state.get();
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            investigator(OWNER),
                            S,
                            "RecordCustodyTransfer",
                            custodyTransfer(
                                    f.id(),
                                    "repatriation-" + UUID.randomUUID(),
                                    SIGHTED_IN,
                                    OWNER));
                    assertThat(state.get()).isEqualTo(done);
                });
    }
}
