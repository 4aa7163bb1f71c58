package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.liaison;
import static org.chainbreaker.systemtests.OnFace.timestamp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.chainbreaker.common.v1.AuditRecord;
import org.chainbreaker.fugitives.v1.Arrest;
import org.chainbreaker.fugitives.v1.ChangeParticipantRequest;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.IdentityDocument;
import org.chainbreaker.fugitives.v1.ListIdentityChecksRequest;
import org.chainbreaker.fugitives.v1.ListIdentityChecksResponse;
import org.chainbreaker.fugitives.v1.ListOperationsRequest;
import org.chainbreaker.fugitives.v1.ListOperationsResponse;
import org.chainbreaker.fugitives.v1.ListSightingsRequest;
import org.chainbreaker.fugitives.v1.ListSightingsResponse;
import org.chainbreaker.fugitives.v1.ListWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.TransitionRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The fugitive-service's RPCs. The parties: KR owns a published wanted person; INTERPOL coordinates
 * a running operation with KR and TH (PH took part and was removed), to which it was published, and
 * an ended one with MY; TH reported a sighting in KH, which therefore sees the person; VN has
 * nothing.
 */
final class FugitiveServiceScenarios {

    static final String S = Faces.FUGITIVES;
    static final String OWNER = "KR";
    static final String COORDINATOR = "INTERPOL";
    static final String PARTICIPANT = "TH";
    static final String REMOVED = "PH";
    static final String ENDED = "MY";
    static final String SIGHTED_IN = "KH";
    static final String STRANGER = "VN";

    /** Everyone who may not see the fixture's person. */
    static final List<String> NOBODY = List.of(STRANGER, ENDED, REMOVED);

    static final List<String> NOT_SEEING = OnFace.investigators(NOBODY);

    private FugitiveServiceScenarios() {}

    record Fixture(WantedPerson person, Operation running, String document) {

        String id() {
            return person.getId();
        }
    }

    static String coordinator() {
        return liaison(COORDINATOR);
    }

    static String uniqueName() {
        String given =
                List.of("Seo-jun", "Ha-eun", "Do-yun", "Ji-ho", "Ye-jin", "Min-jae")
                        .get(ThreadLocalRandom.current().nextInt(6));
        return "Kim "
                + given
                + " "
                + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "x");
    }

    static String documentNumber() {
        return "M" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    static WantedPerson.Builder wanted(String name, String document) {
        return WantedPerson.newBuilder()
                .setPrimaryName(PersonName.newBuilder().setValue(name))
                .addAliases(PersonName.newBuilder().setValue("Gim " + name.substring(4)))
                .setSex(WantedPerson.Sex.MALE)
                .setDateOfBirth(com.google.type.Date.newBuilder().setYear(1988).setMonth(4))
                .addNationalities("KR")
                .addCharges("fraud by a criminal organisation")
                .setWarrant(
                        Warrant.newBuilder()
                                .setReference("SCD-2026-" + RUN)
                                .setIssuingAuthority("Seoul Central District Court"))
                .addDocuments(
                        IdentityDocument.newBuilder()
                                .setType(IdentityDocument.Type.PASSPORT)
                                .setNumber(document)
                                .setIssuingCountry("KR"))
                .addRiskFlags(WantedPerson.RiskFlag.ESCAPE_RISK);
    }

    static WantedPerson create(OnFace on, String owner, String name, String document) {
        return on.ok(
                investigator(owner),
                S,
                "CreateWantedPerson",
                CreateWantedPersonRequest.newBuilder()
                        .setWantedPerson(wanted(name, document))
                        .build(),
                WantedPerson.parser());
    }

    static WantedPerson step(OnFace on, String user, String method, String id) {
        return on.ok(
                user,
                S,
                method,
                TransitionRequest.newBuilder().setId(id).build(),
                WantedPerson.parser());
    }

    static WantedPerson published(OnFace on, String name, String document) {
        WantedPerson draft = create(on, OWNER, name, document);
        step(on, investigator(OWNER), "SubmitWantedPerson", draft.getId());
        return step(on, investigator(OWNER), "PublishWantedPerson", draft.getId());
    }

    static Operation operation(OnFace on, Instant start, Instant end, String... participants) {
        return on.ok(
                coordinator(),
                S,
                "CreateOperation",
                CreateOperationRequest.newBuilder()
                        .setOperation(
                                Operation.newBuilder()
                                        .setName(
                                                "INFRA-SEAF "
                                                        + RUN
                                                        + " "
                                                        + UUID.randomUUID()
                                                                .toString()
                                                                .substring(0, 4))
                                        .addAllParticipants(List.of(participants))
                                        .setStartTime(timestamp(start))
                                        .setEndTime(timestamp(end)))
                        .build(),
                Operation.parser());
    }

    static Operation running(OnFace on, String... participants) {
        return operation(
                on,
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)),
                participants);
    }

    static void publishTo(OnFace on, String personId, String operationId) {
        on.ok(
                investigator(OWNER),
                S,
                "PublishToOperation",
                PublishToOperationRequest.newBuilder()
                        .setId(personId)
                        .setOperationId(operationId)
                        .build(),
                WantedPerson.parser());
    }

    static Sighting.Builder sighting(String country) {
        return Sighting.newBuilder()
                .setCountry(country)
                .setPlace("Sihanoukville, Otres beach casino")
                .setSeenTime(timestamp(Instant.now().minus(Duration.ofHours(5))))
                .setConfidence(Sighting.Confidence.CONFIRMED)
                .setSource("CCTV at the casino entrance");
    }

    static Fixture fixture(OnFace on) {
        String document = documentNumber();
        WantedPerson person = published(on, uniqueName(), document);
        Operation running = running(on, OWNER, PARTICIPANT, REMOVED);
        on.ok(
                coordinator(),
                S,
                "RemoveParticipant",
                ChangeParticipantRequest.newBuilder()
                        .setId(running.getId())
                        .setCountry(REMOVED)
                        .build(),
                Operation.parser());
        Operation ended =
                operation(
                        on,
                        Instant.now().minus(Duration.ofDays(60)),
                        Instant.now().minus(Duration.ofSeconds(1)),
                        OWNER,
                        ENDED);
        publishTo(on, person.getId(), running.getId());
        publishTo(on, person.getId(), ended.getId());
        // The owner's sighting lets the country where the person was seen see the record (another
        // country's would not).
        on.ok(
                investigator(OWNER),
                S,
                "ReportSighting",
                ReportSightingRequest.newBuilder()
                        .setWantedPersonId(person.getId())
                        .setSighting(sighting(SIGHTED_IN))
                        .build(),
                Sighting.parser());
        return new Fixture(get(on, OWNER, person.getId()), running, document);
    }

    static WantedPerson get(OnFace on, String tenant, String id) {
        return on.ok(
                investigator(tenant),
                S,
                "GetWantedPerson",
                GetWantedPersonRequest.newBuilder().setId(id).build(),
                WantedPerson.parser());
    }

    static GetWantedPersonRequest get(String id) {
        return GetWantedPersonRequest.newBuilder().setId(id).build();
    }

    static Supplier<Object> stateOf(OnFace on, String id) {
        return () -> get(on, OWNER, id);
    }

    static List<String> listed(OnFace on, String tenant) {
        return on
                .ok(
                        investigator(tenant),
                        S,
                        "ListWantedPersons",
                        ListWantedPersonsRequest.newBuilder().setPageSize(200).build(),
                        ListWantedPersonsResponse.parser())
                .getWantedPersonsList()
                .stream()
                .map(WantedPerson::getId)
                .toList();
    }

    static List<String> found(OnFace on, String tenant, String name) {
        return on
                .ok(
                        investigator(tenant),
                        S,
                        "SearchWantedPersons",
                        SearchWantedPersonsRequest.newBuilder()
                                .setName(name)
                                .setPageSize(100)
                                .build(),
                        SearchWantedPersonsResponse.parser())
                .getMatchesList()
                .stream()
                .map(m -> m.getWantedPerson().getId())
                .toList();
    }

    static List<String> operations(OnFace on, String user) {
        return on
                .ok(
                        user,
                        S,
                        "ListOperations",
                        ListOperationsRequest.newBuilder().setPageSize(200).build(),
                        ListOperationsResponse.parser())
                .getOperationsList()
                .stream()
                .map(Operation::getId)
                .toList();
    }

    static List<AuditRecord> checks(OnFace on, String id) {
        return on.ok(
                        investigator(OWNER),
                        S,
                        "ListIdentityChecks",
                        ListIdentityChecksRequest.newBuilder().setId(id).build(),
                        ListIdentityChecksResponse.parser())
                .getChecksList();
    }

    static List<Sighting> sightings(OnFace on, String tenant, String id) {
        return on.ok(
                        investigator(tenant),
                        S,
                        "ListSightings",
                        ListSightingsRequest.newBuilder().setWantedPersonId(id).build(),
                        ListSightingsResponse.parser())
                .getSightingsList();
    }

    static void register(Scenarios scenarios) {
        FugitiveNoticeScenarios.register(scenarios);
        FugitiveSearchScenarios.register(scenarios);
        FugitiveCustodyScenarios.register(scenarios);
        FugitiveOperationScenarios.register(scenarios);
        FugitiveEventsAndAuditScenarios.register(scenarios);
    }

    static org.chainbreaker.fugitives.v1.RecordCustodyTransferRequest custodyTransfer(
            String id, String reference, String from, String to) {
        return org.chainbreaker.fugitives.v1.RecordCustodyTransferRequest.newBuilder()
                .setWantedPersonId(id)
                .setTransfer(
                        org.chainbreaker.fugitives.v1.CustodyTransfer.newBuilder()
                                .setRepatriationReference(reference)
                                .setHandoverTime(timestamp(Instant.now().minusSeconds(60)))
                                .setFromCountry(from)
                                .setToCountry(to))
                .build();
    }

    static Arrest arrest() {
        return Arrest.newBuilder()
                .setPlace("Phnom Penh, Toul Kork district")
                .setArrestTime(timestamp(Instant.now().minusSeconds(600)))
                .setCustody("Cambodian National Police, Phnom Penh")
                .build();
    }
}
