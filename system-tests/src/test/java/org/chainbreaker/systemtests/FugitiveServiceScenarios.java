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
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.chainbreaker.fugitives.v1.Arrest;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.ChangeParticipantRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityResponse;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.GetOperationRequest;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.IdentityDocument;
import org.chainbreaker.fugitives.v1.IdentityHit;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.ListIdentityChecksRequest;
import org.chainbreaker.fugitives.v1.ListIdentityChecksResponse;
import org.chainbreaker.fugitives.v1.ListOperationsRequest;
import org.chainbreaker.fugitives.v1.ListOperationsResponse;
import org.chainbreaker.fugitives.v1.ListSightingsRequest;
import org.chainbreaker.fugitives.v1.ListSightingsResponse;
import org.chainbreaker.fugitives.v1.ListWantedPersonReadsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonReadsResponse;
import org.chainbreaker.fugitives.v1.ListWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.TransitionRequest;
import org.chainbreaker.fugitives.v1.UpdateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.WithdrawSightingAccessRequest;
import org.chainbreaker.common.v1.AuditRecord;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * The fugitive-service's RPCs. The parties: KR owns a published wanted person; INTERPOL coordinates a running
 * operation with KR and TH (PH took part and was removed), to which it was published, and an ended one with MY; TH
 * reported a sighting in KH, which therefore sees the person; VN has nothing.
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

    private FugitiveServiceScenarios() {
    }

    record Fixture(WantedPerson person, Operation running, String document) {

        String id() {
            return person.getId();
        }
    }

    static String coordinator() {
        return liaison(COORDINATOR);
    }

    static String uniqueName() {
        String given = List.of("Seo-jun", "Ha-eun", "Do-yun", "Ji-ho", "Ye-jin", "Min-jae")
                .get(ThreadLocalRandom.current().nextInt(6));
        return "Kim " + given + " " + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "x");
    }

    static String documentNumber() {
        return "M" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    static WantedPerson.Builder wanted(String name, String document) {
        return WantedPerson.newBuilder().setPrimaryName(PersonName.newBuilder().setValue(name))
                .addAliases(PersonName.newBuilder().setValue("Gim " + name.substring(4)))
                .setSex(WantedPerson.Sex.MALE)
                .setDateOfBirth(com.google.type.Date.newBuilder().setYear(1988).setMonth(4))
                .addNationalities("KR").addCharges("fraud by a criminal organisation")
                .setWarrant(Warrant.newBuilder().setReference("SCD-2026-" + RUN).setIssuingAuthority("Seoul Central District Court"))
                .addDocuments(IdentityDocument.newBuilder().setType(IdentityDocument.Type.PASSPORT).setNumber(document)
                        .setIssuingCountry("KR"))
                .addRiskFlags(WantedPerson.RiskFlag.ESCAPE_RISK);
    }

    static WantedPerson create(OnFace on, String owner, String name, String document) {
        return on.ok(investigator(owner), S, "CreateWantedPerson", CreateWantedPersonRequest.newBuilder()
                .setWantedPerson(wanted(name, document)).build(), WantedPerson.parser());
    }

    static WantedPerson step(OnFace on, String user, String method, String id) {
        return on.ok(user, S, method, TransitionRequest.newBuilder().setId(id).build(), WantedPerson.parser());
    }

    static WantedPerson published(OnFace on, String name, String document) {
        WantedPerson draft = create(on, OWNER, name, document);
        step(on, investigator(OWNER), "SubmitWantedPerson", draft.getId());
        return step(on, investigator(OWNER), "PublishWantedPerson", draft.getId());
    }

    static Operation operation(OnFace on, Instant start, Instant end, String... participants) {
        return on.ok(coordinator(), S, "CreateOperation", CreateOperationRequest.newBuilder().setOperation(Operation.newBuilder()
                .setName("INFRA-SEAF " + RUN + " " + UUID.randomUUID().toString().substring(0, 4))
                .addAllParticipants(List.of(participants))
                .setStartTime(timestamp(start)).setEndTime(timestamp(end))).build(), Operation.parser());
    }

    static Operation running(OnFace on, String... participants) {
        return operation(on, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), participants);
    }

    static void publishTo(OnFace on, String personId, String operationId) {
        on.ok(investigator(OWNER), S, "PublishToOperation", PublishToOperationRequest.newBuilder().setId(personId)
                .setOperationId(operationId).build(), WantedPerson.parser());
    }

    static Sighting.Builder sighting(String country) {
        return Sighting.newBuilder().setCountry(country).setPlace("Sihanoukville, Otres beach casino")
                .setSeenTime(timestamp(Instant.now().minus(Duration.ofHours(5)))).setConfidence(Sighting.Confidence.CONFIRMED)
                .setSource("CCTV at the casino entrance");
    }

    static Fixture fixture(OnFace on) {
        String document = documentNumber();
        WantedPerson person = published(on, uniqueName(), document);
        Operation running = running(on, OWNER, PARTICIPANT, REMOVED);
        on.ok(coordinator(), S, "RemoveParticipant", ChangeParticipantRequest.newBuilder().setId(running.getId())
                .setCountry(REMOVED).build(), Operation.parser());
        Operation ended = operation(on, Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofSeconds(1)),
                OWNER, ENDED);
        publishTo(on, person.getId(), running.getId());
        publishTo(on, person.getId(), ended.getId());
        // The owner's sighting lets the country where the person was seen see the record (another country's would not).
        on.ok(investigator(OWNER), S, "ReportSighting", ReportSightingRequest.newBuilder().setWantedPersonId(person.getId())
                .setSighting(sighting(SIGHTED_IN)).build(), Sighting.parser());
        return new Fixture(get(on, OWNER, person.getId()), running, document);
    }

    static WantedPerson get(OnFace on, String tenant, String id) {
        return on.ok(investigator(tenant), S, "GetWantedPerson", GetWantedPersonRequest.newBuilder().setId(id).build(),
                WantedPerson.parser());
    }

    static GetWantedPersonRequest get(String id) {
        return GetWantedPersonRequest.newBuilder().setId(id).build();
    }

    static Supplier<Object> stateOf(OnFace on, String id) {
        return () -> get(on, OWNER, id);
    }

    static List<String> listed(OnFace on, String tenant) {
        return on.ok(investigator(tenant), S, "ListWantedPersons", ListWantedPersonsRequest.newBuilder().setPageSize(200).build(),
                ListWantedPersonsResponse.parser()).getWantedPersonsList().stream().map(WantedPerson::getId).toList();
    }

    static List<String> found(OnFace on, String tenant, String name) {
        return on.ok(investigator(tenant), S, "SearchWantedPersons", SearchWantedPersonsRequest.newBuilder().setName(name)
                .setPageSize(100).build(), SearchWantedPersonsResponse.parser()).getMatchesList().stream()
                .map(m -> m.getWantedPerson().getId()).toList();
    }

    static List<String> operations(OnFace on, String user) {
        return on.ok(user, S, "ListOperations", ListOperationsRequest.newBuilder().setPageSize(200).build(),
                ListOperationsResponse.parser()).getOperationsList().stream().map(Operation::getId).toList();
    }

    static List<AuditRecord> checks(OnFace on, String id) {
        return on.ok(investigator(OWNER), S, "ListIdentityChecks", ListIdentityChecksRequest.newBuilder().setId(id).build(),
                ListIdentityChecksResponse.parser()).getChecksList();
    }

    static List<Sighting> sightings(OnFace on, String tenant, String id) {
        return on.ok(investigator(tenant), S, "ListSightings", ListSightingsRequest.newBuilder().setWantedPersonId(id).build(),
                ListSightingsResponse.parser()).getSightingsList();
    }

    static void register(Scenarios scenarios) {
        scenarios.add(S, "CreateWantedPerson", on -> {
            String requestId = "wanted-" + UUID.randomUUID();
            CreateWantedPersonRequest create = CreateWantedPersonRequest.newBuilder().setRequestId(requestId)
                    .setWantedPerson(wanted(uniqueName(), documentNumber())).build();
            WantedPerson draft = on.ok(investigator(OWNER), S, "CreateWantedPerson", create, WantedPerson.parser());
            assertThat(draft.getNoticeStatus()).isEqualTo(WantedPerson.NoticeStatus.DRAFT);
            assertThat(draft.getOwnerCountry()).isEqualTo(OWNER);
            assertThat(on.ok(investigator(OWNER), S, "CreateWantedPerson", create, WantedPerson.parser()).getId())
                    .isEqualTo(draft.getId());
            WantedPerson vns = on.ok(investigator(STRANGER), S, "CreateWantedPerson", create, WantedPerson.parser());
            assertThat(vns.getId()).isNotEqualTo(draft.getId());
            // A draft is the owner's only, whatever the operations.
            on.hidden(investigator(STRANGER), S, "GetWantedPerson", FugitiveServiceScenarios::get, draft.getId());
            on.invalid(investigator(OWNER), S, "CreateWantedPerson", CreateWantedPersonRequest.newBuilder()
                    .setWantedPerson(wanted(uniqueName(), documentNumber()).clearCharges().clearWarrant()).build(),
                    () -> listed(on, OWNER), "wanted_person.charges", "wanted_person.warrant");
        });

        scenarios.add(S, "IngestWantedPersons", on -> {
            String name = uniqueName();
            List<IngestWantedPersonsRequest> records = List.of(
                    IngestWantedPersonsRequest.newBuilder().setWantedPerson(wanted(name, documentNumber())).build(),
                    IngestWantedPersonsRequest.newBuilder().setWantedPerson(wanted(uniqueName(), documentNumber()).clearCharges()).build());
            if (on.face == Face.REST) {
                // One malformed element refuses the whole array before any record reaches the service: not even
                // the well-formed record before it is loaded, and the problem names the element.
                String first = uniqueName();
                Outcome refused = on.streamJson(investigator(OWNER), S, "IngestWantedPersons", "[{\"wantedPerson\":"
                        + com.google.protobuf.util.JsonFormat.printer().omittingInsignificantWhitespace().print(
                        wanted(first, documentNumber())) + "},{\"wantedPerson\":{\"primaryName\":{\"value\":\""
                        + uniqueName() + "\"},\"sex\":\"ROBOT\"}}]");
                assertThat(refused.http()).as("%s", refused).isEqualTo(400);
                assertThat(refused.text()).contains("{\"field\":\"[1].wantedPerson.sex\"");
                assertThat(on.ok(investigator(OWNER), S, "ListWantedPersons", ListWantedPersonsRequest.newBuilder()
                        .setPageSize(200).build(), ListWantedPersonsResponse.parser()).getWantedPersonsList())
                        .extracting(w -> w.getPrimaryName().getValue()).doesNotContain(first);
            }
            Outcome out = on.stream(investigator(OWNER), S, "IngestWantedPersons", records);
            assertThat(out.ok()).as("%s", out).isTrue();
            IngestWantedPersonsResponse answer = out.as(IngestWantedPersonsResponse.parser());
            assertThat(answer.getRecorded()).isEqualTo(1);
            assertThat(answer.getRefused()).isEqualTo(1);
            assertThat(answer.getResults(1).getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
            assertThat(answer.getResults(1).getError().toString()).contains("wanted_person.charges");
            String id = answer.getResults(0).getId();
            assertThat(get(on, OWNER, id).getOwnerCountry()).isEqualTo(OWNER);
            on.hidden(investigator(STRANGER), S, "GetWantedPerson", FugitiveServiceScenarios::get, id);
            assertThat(found(on, STRANGER, name)).doesNotContain(id);
        });

        scenarios.add(S, "GetWantedPerson", on -> {
            Fixture f = fixture(on);
            assertThat(f.person().getOperationIdsList()).contains(f.running().getId());
            assertThat(f.person().getLastKnownLocation().getCountry()).isEqualTo(SIGHTED_IN);
            for (String seeing : List.of(PARTICIPANT, SIGHTED_IN)) {
                WantedPerson seen = get(on, seeing, f.id());
                assertThat(seen.getReference()).isEqualTo(f.person().getReference());
                assertThat(seen.getOperationIdsList()).as("operations are the owner's to know").isEmpty();
            }
            on.hiddenFrom(NOT_SEEING, S, "GetWantedPerson", FugitiveServiceScenarios::get, f.id());
        });

        scenarios.add(S, "ListWantedPersons", on -> {
            Fixture f = fixture(on);
            for (String seeing : List.of(OWNER, PARTICIPANT, SIGHTED_IN)) {
                assertThat(listed(on, seeing)).as(seeing).contains(f.id());
            }
            // Listed, the record shows what reading it shows: the owner's operations stay the owner's.
            assertThat(on.ok(investigator(PARTICIPANT), S, "ListWantedPersons", ListWantedPersonsRequest.newBuilder()
                    .setPageSize(200).build(), ListWantedPersonsResponse.parser()).getWantedPersonsList())
                    .filteredOn(w -> w.getId().equals(f.id())).singleElement()
                    .satisfies(w -> assertThat(w.getOperationIdsList()).isEmpty());
            for (String nobody : NOBODY) {
                assertThat(listed(on, nobody)).as(nobody).doesNotContain(f.id());
            }
            on.invalid(investigator(OWNER), S, "ListWantedPersons", ListWantedPersonsRequest.newBuilder().setPageToken("garbage")
                    .build(), NOTHING, "page_token");
        });

        scenarios.add(S, "UpdateWantedPerson", on -> {
            Fixture f = fixture(on);
            WantedPerson changed = on.ok(investigator(OWNER), S, "UpdateWantedPerson", UpdateWantedPersonRequest.newBuilder()
                    .setWantedPerson(f.person().toBuilder().addCharges("money laundering")).build(), WantedPerson.parser());
            assertThat(changed.getChargesList()).contains("money laundering");
            assertThat(get(on, PARTICIPANT, f.id()).getChargesList()).contains("money laundering");
            on.refused(Status.Code.PERMISSION_DENIED, investigator(PARTICIPANT), S, "UpdateWantedPerson",
                    UpdateWantedPersonRequest.newBuilder().setWantedPerson(changed.toBuilder().addCharges("planted")).build());
            on.hiddenFrom(NOT_SEEING, S, "UpdateWantedPerson", id -> UpdateWantedPersonRequest.newBuilder()
                        .setWantedPerson(changed.toBuilder().setId(id).clearEtag()).build(), f.id());
            // Clearing a list needs the mask on REST too: a PATCH body without it names only the fields it holds.
            on.invalid(investigator(OWNER), S, "UpdateWantedPerson", UpdateWantedPersonRequest.newBuilder()
                    .setWantedPerson(changed.toBuilder().clearCharges())
                    .setUpdateMask(com.google.protobuf.FieldMask.newBuilder().addPaths("charges")).build(),
                    stateOf(on, f.id()), "wanted_person.charges");
            Supplier<Object> state = stateOf(on, f.id());
            Object before = state.get();
            on.refused(Status.Code.ABORTED, investigator(OWNER), S, "UpdateWantedPerson", UpdateWantedPersonRequest.newBuilder()
                    .setWantedPerson(f.person().toBuilder().addCharges("stale")).build());
            assertThat(state.get()).isEqualTo(before);
        });

        scenarios.add(S, "SubmitWantedPerson", on -> {
            Fixture f = fixture(on);
            WantedPerson draft = create(on, OWNER, uniqueName(), documentNumber());
            publishTo(on, draft.getId(), f.running().getId());
            // Not yet published: even the operation's participants do not see it.
            on.hiddenFrom(OnFace.investigators(List.of(PARTICIPANT, STRANGER)), S, "SubmitWantedPerson",
                    id -> TransitionRequest.newBuilder().setId(id).build(), draft.getId());
            assertThat(step(on, investigator(OWNER), "SubmitWantedPerson", draft.getId()).getNoticeStatus())
                    .isEqualTo(WantedPerson.NoticeStatus.UNDER_REVIEW);
            Supplier<Object> state = stateOf(on, draft.getId());
            Object before = state.get();
            on.refused(Status.Code.FAILED_PRECONDITION, investigator(OWNER), S, "SubmitWantedPerson",
                    TransitionRequest.newBuilder().setId(draft.getId()).build());
            on.refused(Status.Code.PERMISSION_DENIED, investigator(PARTICIPANT), S, "SubmitWantedPerson",
                    TransitionRequest.newBuilder().setId(f.id()).build());
            assertThat(state.get()).isEqualTo(before);
            if (on.face == Face.GRPC) {
                // REST cannot send an empty path segment to this route: /wantedPersons/:submit is another resource.
                on.invalid(investigator(OWNER), S, "SubmitWantedPerson", TransitionRequest.newBuilder().setId("").build(),
                        NOTHING, "id");
            }
        });

        scenarios.add(S, "PublishWantedPerson", on -> {
            Fixture f = fixture(on);
            WantedPerson draft = create(on, OWNER, uniqueName(), documentNumber());
            publishTo(on, draft.getId(), f.running().getId());
            Supplier<Object> state = stateOf(on, draft.getId());
            Object before = state.get();
            on.refused(Status.Code.FAILED_PRECONDITION, investigator(OWNER), S, "PublishWantedPerson",
                    TransitionRequest.newBuilder().setId(draft.getId()).build());
            assertThat(state.get()).isEqualTo(before);
            step(on, investigator(OWNER), "SubmitWantedPerson", draft.getId());
            on.hiddenFrom(OnFace.investigators(List.of(PARTICIPANT, STRANGER)), S, "PublishWantedPerson",
                    id -> TransitionRequest.newBuilder().setId(id).build(), draft.getId());
            assertThat(step(on, investigator(OWNER), "PublishWantedPerson", draft.getId()).getNoticeStatus())
                    .isEqualTo(WantedPerson.NoticeStatus.PUBLISHED);
            // Published: the operation's participants see it now, nobody else does.
            assertThat(get(on, PARTICIPANT, draft.getId()).getId()).isEqualTo(draft.getId());
            on.hidden(investigator(STRANGER), S, "GetWantedPerson", FugitiveServiceScenarios::get, draft.getId());
        });

        scenarios.add(S, "CancelWantedPerson", on -> {
            Fixture f = fixture(on);
            on.refused(Status.Code.PERMISSION_DENIED, investigator(PARTICIPANT), S, "CancelWantedPerson",
                    CancelWantedPersonRequest.newBuilder().setId(f.id()).setReason("not ours").build());
            on.hiddenFrom(NOT_SEEING, S, "CancelWantedPerson", id -> CancelWantedPersonRequest.newBuilder().setId(id)
                        .setReason("not ours").build(), f.id());
            on.invalid(investigator(OWNER), S, "CancelWantedPerson", CancelWantedPersonRequest.newBuilder().setId(f.id()).build(),
                    stateOf(on, f.id()), "reason");
            WantedPerson cancelled = on.ok(investigator(OWNER), S, "CancelWantedPerson", CancelWantedPersonRequest.newBuilder()
                    .setId(f.id()).setReason("warrant withdrawn by the court").build(), WantedPerson.parser());
            assertThat(cancelled.getNoticeStatus()).isEqualTo(WantedPerson.NoticeStatus.CANCELLED);
            // From now on it exists for its owner only, and answers no identity check.
            for (String before : List.of(PARTICIPANT, SIGHTED_IN)) {
                on.hidden(investigator(before), S, "GetWantedPerson", FugitiveServiceScenarios::get, f.id());
                assertThat(listed(on, before)).doesNotContain(f.id());
                assertThat(found(on, before, f.person().getPrimaryName().getValue())).doesNotContain(f.id());
            }
            assertThat(on.ok(investigator(STRANGER), S, "CheckIdentity", CheckIdentityRequest.newBuilder()
                    .setDocumentNumber(f.document()).setPurpose("border control").build(), CheckIdentityResponse.parser())
                    .getHit()).isFalse();
        });

        scenarios.add(S, "PublishToOperation", on -> {
            Fixture f = fixture(on);
            WantedPerson other = published(on, uniqueName(), documentNumber());
            on.hidden(investigator(PARTICIPANT), S, "GetWantedPerson", FugitiveServiceScenarios::get, other.getId());
            on.refused(Status.Code.PERMISSION_DENIED, investigator(PARTICIPANT), S, "PublishToOperation",
                    PublishToOperationRequest.newBuilder().setId(f.id()).setOperationId(f.running().getId()).build());
            on.hiddenFrom(NOT_SEEING, S, "PublishToOperation", id -> PublishToOperationRequest.newBuilder().setId(id)
                        .setOperationId(f.running().getId()).build(), other.getId());
            on.invalid(investigator(OWNER), S, "PublishToOperation", PublishToOperationRequest.newBuilder()
                    .setId(other.getId()).build(), stateOf(on, other.getId()), "operation_id");
            publishTo(on, other.getId(), f.running().getId());
            assertThat(get(on, PARTICIPANT, other.getId()).getId()).isEqualTo(other.getId());
            assertThat(listed(on, PARTICIPANT)).contains(other.getId());
            on.hidden(investigator(REMOVED), S, "GetWantedPerson", FugitiveServiceScenarios::get, other.getId());
        });

        scenarios.add(S, "SearchWantedPersons", on -> {
            Fixture f = fixture(on);
            String name = f.person().getPrimaryName().getValue();
            for (String seeing : List.of(OWNER, PARTICIPANT, SIGHTED_IN)) {
                SearchWantedPersonsResponse answer = on.ok(investigator(seeing), S, "SearchWantedPersons",
                        SearchWantedPersonsRequest.newBuilder().setName(name).setPageSize(100).build(),
                        SearchWantedPersonsResponse.parser());
                assertThat(answer.getMatchesList()).as(seeing).filteredOn(m -> m.getWantedPerson().getId().equals(f.id()))
                        .singleElement().satisfies(m -> {
                            assertThat(m.getReasonsList()).isNotEmpty();
                            if (!seeing.equals(OWNER)) {
                                assertThat(m.getWantedPerson().getOperationIdsList()).as(seeing).isEmpty();
                            }
                        });
            }
            for (String nobody : NOBODY) {
                assertThat(found(on, nobody, name)).as(nobody).doesNotContain(f.id());
            }
            on.invalid(investigator(OWNER), S, "SearchWantedPersons", SearchWantedPersonsRequest.newBuilder().setName("").build(),
                    NOTHING, "name");
        });

        scenarios.add(S, "CheckIdentity", on -> {
            Fixture f = fixture(on);
            CheckIdentityResponse hit = on.ok(investigator(STRANGER), S, "CheckIdentity", CheckIdentityRequest.newBuilder()
                    .setDocumentNumber(f.document()).setPurpose("border control at Moc Bai " + RUN).build(),
                    CheckIdentityResponse.parser());
            assertThat(hit.getHit()).isTrue();
            assertThat(hit.getHitsList()).extracting(IdentityHit::getOwnerCountry, IdentityHit::getReference)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(OWNER, f.person().getReference()));
            assertThat(hit.toString()).doesNotContain(f.id()).doesNotContain(f.person().getPrimaryName().getValue());
            // A draft answers no check.
            WantedPerson draft = create(on, OWNER, uniqueName(), documentNumber());
            assertThat(on.ok(investigator(STRANGER), S, "CheckIdentity", CheckIdentityRequest.newBuilder()
                    .setDocumentNumber(draft.getDocuments(0).getNumber()).setPurpose("border control").build(),
                    CheckIdentityResponse.parser()).getHit()).isFalse();
            on.invalid(investigator(STRANGER), S, "CheckIdentity", CheckIdentityRequest.newBuilder()
                    .setDocumentNumber(f.document()).build(), () -> checks(on, f.id()), "purpose");
        });

        scenarios.add(S, "ListIdentityChecks", on -> {
            Fixture f = fixture(on);
            on.ok(investigator(STRANGER), S, "CheckIdentity", CheckIdentityRequest.newBuilder().setDocumentNumber(f.document())
                    .setPurpose("airport screening " + RUN).build(), CheckIdentityResponse.parser());
            OnFace.assertOneCheck(checks(on, f.id()), STRANGER, "airport screening " + RUN);
            on.ownerOnly(List.of(investigator(PARTICIPANT)), NOT_SEEING, S, "ListIdentityChecks",
                    id -> ListIdentityChecksRequest.newBuilder().setId(id).build(), f.id());
        });

        scenarios.add(S, "ListWantedPersonReads", on -> {
            Fixture f = fixture(on);
            get(on, SIGHTED_IN, f.id());
            List<AuditRecord> reads = on.ok(investigator(OWNER), S, "ListWantedPersonReads",
                    ListWantedPersonReadsRequest.newBuilder().setId(f.id()).build(), ListWantedPersonReadsResponse.parser())
                    .getReadsList();
            assertThat(reads).extracting(AuditRecord::getActorCountry).contains(SIGHTED_IN).doesNotContain(OWNER);
            on.ownerOnly(List.of(investigator(PARTICIPANT)), NOT_SEEING, S, "ListWantedPersonReads",
                    id -> ListWantedPersonReadsRequest.newBuilder().setId(id).build(), f.id());
        });

        scenarios.add(S, "ReportSighting", on -> {
            Fixture f = fixture(on);
            on.hidden(investigator("LA"), S, "GetWantedPerson", FugitiveServiceScenarios::get, f.id());
            // Another country reports sightings in its own territory only, and gains nothing by them.
            on.invalid(investigator(PARTICIPANT), S, "ReportSighting", ReportSightingRequest.newBuilder().setWantedPersonId(f.id())
                    .setSighting(sighting("LA")).build(), () -> sightings(on, OWNER, f.id()), "sighting.country");
            on.hidden(investigator("LA"), S, "GetWantedPerson", FugitiveServiceScenarios::get, f.id());
            Sighting reported = on.ok(investigator(PARTICIPANT), S, "ReportSighting", ReportSightingRequest.newBuilder()
                    .setWantedPersonId(f.id()).setSighting(sighting(PARTICIPANT).setPlace("Pattaya, Walking Street")).build(),
                    Sighting.parser());
            assertThat(reported.getReporterCountry()).isEqualTo(PARTICIPANT);
            assertThat(reported.getAccessCountry()).isEmpty();
            // The owner's sighting lets the country where the person was seen see the record; the location follows.
            Sighting byOwner = on.ok(investigator(OWNER), S, "ReportSighting", ReportSightingRequest.newBuilder()
                    .setWantedPersonId(f.id()).setSighting(sighting("LA").setPlace("Vientiane, Talat Sao")
                            .setSeenTime(timestamp(Instant.now().minusSeconds(60)))).build(), Sighting.parser());
            assertThat(byOwner.getAccessCountry()).isEqualTo("LA");
            assertThat(get(on, "LA", f.id()).getId()).isEqualTo(f.id());
            assertThat(get(on, OWNER, f.id()).getLastKnownLocation().getPlace()).isEqualTo("Vientiane, Talat Sao");
            for (String nobody : NOBODY) {
                on.hidden(investigator(nobody), S, "ReportSighting", id -> ReportSightingRequest.newBuilder()
                        .setWantedPersonId(id).setSighting(sighting(nobody)).build(), f.id());
            }
            on.invalid(investigator(PARTICIPANT), S, "ReportSighting", ReportSightingRequest.newBuilder().setWantedPersonId(f.id())
                    .setSighting(sighting("LA").setPlace("").setSeenTime(timestamp(Instant.now().plus(Duration.ofDays(1)))))
                    .build(), () -> sightings(on, OWNER, f.id()), "sighting.place", "sighting.seen_time");
        });

        scenarios.add(S, "WithdrawSightingAccess", on -> {
            Fixture f = fixture(on);
            // The fixture's sighting is the owner's, in SIGHTED_IN: the one that lets SIGHTED_IN see the record.
            Sighting granting = sightings(on, OWNER, f.id()).stream()
                    .filter(s -> s.getAccessCountry().equals(SIGHTED_IN)).findFirst().orElseThrow();
            WithdrawSightingAccessRequest request = WithdrawSightingAccessRequest.newBuilder().setWantedPersonId(f.id())
                    .setSightingId(granting.getId()).build();
            on.refused(Status.Code.PERMISSION_DENIED, investigator(PARTICIPANT), S, "WithdrawSightingAccess", request);
            on.hiddenFrom(NOT_SEEING, S, "WithdrawSightingAccess", id -> WithdrawSightingAccessRequest.newBuilder()
                    .setWantedPersonId(id).setSightingId(granting.getId()).build(), f.id());
            Sighting withdrawn = on.ok(investigator(OWNER), S, "WithdrawSightingAccess", request, Sighting.parser());
            assertThat(withdrawn.getAccessCountry()).isEmpty();
            assertThat(withdrawn.hasAccessWithdrawTime()).isTrue();
            on.hidden(investigator(SIGHTED_IN), S, "GetWantedPerson", FugitiveServiceScenarios::get, f.id());
        });

        scenarios.add(S, "ListSightings", on -> {
            Fixture f = fixture(on);
            on.ok(investigator(OWNER), S, "ReportSighting", ReportSightingRequest.newBuilder().setWantedPersonId(f.id())
                    .setSighting(sighting("SG").setPlace("Singapore, Marina Bay")
                            .setSeenTime(timestamp(Instant.now().minus(Duration.ofHours(1))))).build(), Sighting.parser());
            // The most recent confirmed sighting is SG's: the owner's last known location, but not one KH may see
            // (it was not in its country). TH sees neither: it reported none, and another country's sighting is not
            // passed on to it.
            assertThat(get(on, OWNER, f.id()).getLastKnownLocation().getCountry()).isEqualTo("SG");
            assertThat(get(on, PARTICIPANT, f.id()).hasLastKnownLocation()).isFalse();
            for (String other : List.of(SIGHTED_IN)) {
                assertThat(get(on, other, f.id()).getLastKnownLocation().getCountry()).as(other).isEqualTo(SIGHTED_IN);
                assertThat(on.ok(investigator(other), S, "ListWantedPersons", ListWantedPersonsRequest.newBuilder()
                        .setPageSize(200).build(), ListWantedPersonsResponse.parser()).getWantedPersonsList())
                        .filteredOn(w -> w.getId().equals(f.id())).singleElement().as("%s lists", other)
                        .satisfies(w -> assertThat(w.getLastKnownLocation().getCountry()).isEqualTo(SIGHTED_IN));
                assertThat(on.ok(investigator(other), S, "SearchWantedPersons", SearchWantedPersonsRequest.newBuilder()
                        .setName(f.person().getPrimaryName().getValue()).setPageSize(100).build(),
                        SearchWantedPersonsResponse.parser()).getMatchesList())
                        .filteredOn(m -> m.getWantedPerson().getId().equals(f.id())).singleElement().as("%s finds", other)
                        .satisfies(m -> assertThat(m.getWantedPerson().getLastKnownLocation().getCountry()).isEqualTo(SIGHTED_IN));
            }
            assertThat(sightings(on, OWNER, f.id())).extracting(Sighting::getCountry).containsExactlyInAnyOrder(SIGHTED_IN, "SG");
            // Others see the sightings they reported or that the owner reported in their country.
            assertThat(sightings(on, PARTICIPANT, f.id())).isEmpty();
            assertThat(sightings(on, SIGHTED_IN, f.id())).extracting(Sighting::getCountry).containsExactly(SIGHTED_IN);
            assertThat(sightings(on, "SG", f.id())).extracting(Sighting::getCountry).containsExactly("SG");
            on.hiddenFrom(NOT_SEEING, S, "ListSightings",
                    id -> ListSightingsRequest.newBuilder().setWantedPersonId(id).build(), f.id());
        });

        scenarios.add(S, "RecordArrest", on -> {
            Fixture f = fixture(on);
            on.hiddenFrom(NOT_SEEING, S, "RecordArrest", id -> RecordArrestRequest.newBuilder().setWantedPersonId(id)
                        .setArrest(arrest()).build(), f.id());
            on.invalid(investigator(SIGHTED_IN), S, "RecordArrest", RecordArrestRequest.newBuilder().setWantedPersonId(f.id())
                    .setArrest(arrest().toBuilder().setCustody("")).build(), stateOf(on, f.id()), "arrest.custody");
            WantedPerson arrested = on.ok(investigator(SIGHTED_IN), S, "RecordArrest", RecordArrestRequest.newBuilder()
                    .setWantedPersonId(f.id()).setArrest(arrest()).build(), WantedPerson.parser());
            assertThat(arrested.getCustody()).isEqualTo(WantedPerson.Custody.ARRESTED);
            assertThat(get(on, OWNER, f.id()).getCustody()).isEqualTo(WantedPerson.Custody.ARRESTED);
        });

        scenarios.add(S, "RecordCustodyTransfer", on -> {
            Fixture f = fixture(on);
            String reference = "repatriation-" + UUID.randomUUID();
            java.util.function.Function<String, com.google.protobuf.Message> transfer = id -> custodyTransfer(id, reference, SIGHTED_IN, OWNER);
            // A person still at large is not transferred.
            Supplier<Object> state = stateOf(on, f.id());
            Object atLarge = state.get();
            on.refused(Status.Code.FAILED_PRECONDITION, investigator(OWNER), S, "RecordCustodyTransfer", transfer.apply(f.id()));
            assertThat(state.get()).isEqualTo(atLarge);
            on.ok(investigator(SIGHTED_IN), S, "RecordArrest", RecordArrestRequest.newBuilder().setWantedPersonId(f.id())
                    .setArrest(arrest()).build(), WantedPerson.parser());
            // Only the two countries between which custody passes: the participant sees the person but is refused,
            // as is an analyst of the owner; for the others the person does not exist.
            on.deniedTo(List.of(investigator(PARTICIPANT), OnFace.analyst(OWNER)), S, "RecordCustodyTransfer", transfer.apply(f.id()));
            on.hiddenFrom(NOT_SEEING, S, "RecordCustodyTransfer", transfer, f.id());
            on.invalid(investigator(OWNER), S, "RecordCustodyTransfer", custodyTransfer(f.id(), reference, STRANGER, OWNER),
                    stateOf(on, f.id()), "transfer.from_country");
            on.invalid(investigator(OWNER), S, "RecordCustodyTransfer", org.chainbreaker.fugitives.v1.RecordCustodyTransferRequest
                    .newBuilder().setWantedPersonId(f.id()).setTransfer(org.chainbreaker.fugitives.v1.CustodyTransfer.newBuilder().setFromCountry(SIGHTED_IN)
                            .setToCountry(SIGHTED_IN)).build(), stateOf(on, f.id()),
                    "transfer.repatriation_reference", "transfer.handover_time", "transfer.to_country");
            WantedPerson transferred = on.ok(investigator(SIGHTED_IN), S, "RecordCustodyTransfer", transfer.apply(f.id()),
                    WantedPerson.parser());
            assertThat(transferred.getCustody()).isEqualTo(WantedPerson.Custody.TRANSFERRED);
            assertThat(transferred.getCustodyTransfer().getRepatriationReference()).isEqualTo(reference);
            assertThat(transferred.getCustodyTransfer().getRecordedByCountry()).isEqualTo(SIGHTED_IN);
            assertThat(get(on, PARTICIPANT, f.id()).getCustody()).isEqualTo(WantedPerson.Custody.TRANSFERRED);
            // Repeating it (the owner retrying) changes nothing; another repatriation is refused.
            WantedPerson repeated = on.ok(investigator(OWNER), S, "RecordCustodyTransfer", transfer.apply(f.id()),
                    WantedPerson.parser());
            assertThat(repeated.getEtag()).isEqualTo(get(on, OWNER, f.id()).getEtag());
            assertThat(repeated.getCustodyTransfer().getRecordedByCountry()).isEqualTo(SIGHTED_IN);
            Object done = state.get();
            on.refused(Status.Code.FAILED_PRECONDITION, investigator(OWNER), S, "RecordCustodyTransfer",
                    custodyTransfer(f.id(), "repatriation-" + UUID.randomUUID(), SIGHTED_IN, OWNER));
            assertThat(state.get()).isEqualTo(done);
        });

        scenarios.add(S, "CreateOperation", on -> {
            String requestId = "operation-" + UUID.randomUUID();
            CreateOperationRequest create = CreateOperationRequest.newBuilder().setRequestId(requestId).setOperation(
                    Operation.newBuilder().setName("INFRA-SEAF " + RUN).addParticipants(PARTICIPANT)
                            .setStartTime(timestamp(Instant.now())).setEndTime(timestamp(Instant.now().plus(Duration.ofDays(90)))))
                    .build();
            Operation op = on.ok(coordinator(), S, "CreateOperation", create, Operation.parser());
            assertThat(op.getCoordinatorCountry()).isEqualTo(COORDINATOR);
            assertThat(op.getParticipantsList()).containsExactlyInAnyOrder(COORDINATOR, PARTICIPANT);
            assertThat(on.ok(coordinator(), S, "CreateOperation", create, Operation.parser()).getId()).isEqualTo(op.getId());
            assertThat(operations(on, investigator(STRANGER))).doesNotContain(op.getId());
            on.refused(Status.Code.PERMISSION_DENIED, investigator(OWNER), S, "CreateOperation",
                    create.toBuilder().setRequestId("not-a-coordinator-" + UUID.randomUUID()).build());
            on.invalid(coordinator(), S, "CreateOperation", CreateOperationRequest.newBuilder().setOperation(Operation.newBuilder()
                    .setName("Backwards").addParticipants("ZZ").setStartTime(timestamp(Instant.now()))
                    .setEndTime(timestamp(Instant.now().minus(Duration.ofDays(1))))).build(),
                    () -> operations(on, coordinator()), "operation.end_time", "operation.participants[0]");
        });

        scenarios.add(S, "GetOperation", on -> {
            Fixture f = fixture(on);
            for (String user : List.of(coordinator(), investigator(OWNER), investigator(PARTICIPANT))) {
                assertThat(on.ok(user, S, "GetOperation", GetOperationRequest.newBuilder().setId(f.running().getId()).build(),
                        Operation.parser()).getParticipantsList()).as(user)
                        .containsExactlyInAnyOrder(COORDINATOR, OWNER, PARTICIPANT);
            }
            on.hiddenFrom(OnFace.investigators(List.of(STRANGER, REMOVED, SIGHTED_IN)), S, "GetOperation", id -> GetOperationRequest.newBuilder().setId(id).build(),
                        f.running().getId());
        });

        scenarios.add(S, "ListOperations", on -> {
            Fixture f = fixture(on);
            for (String user : List.of(coordinator(), investigator(OWNER), investigator(PARTICIPANT))) {
                assertThat(operations(on, user)).as(user).contains(f.running().getId());
            }
            for (String nobody : List.of(STRANGER, REMOVED, SIGHTED_IN)) {
                assertThat(operations(on, investigator(nobody))).as(nobody).doesNotContain(f.running().getId());
            }
            on.invalid(coordinator(), S, "ListOperations", ListOperationsRequest.newBuilder().setPageToken("garbage").build(),
                    NOTHING, "page_token");
        });

        scenarios.add(S, "AddParticipant", on -> {
            Fixture f = fixture(on);
            ChangeParticipantRequest add = ChangeParticipantRequest.newBuilder().setId(f.running().getId()).setCountry(STRANGER).build();
            on.refused(Status.Code.PERMISSION_DENIED, investigator(PARTICIPANT), S, "AddParticipant", add);
            on.hidden(investigator(STRANGER), S, "AddParticipant",
                    id -> ChangeParticipantRequest.newBuilder().setId(id).setCountry(STRANGER).build(), f.running().getId());
            Supplier<Object> state = () -> on.ok(coordinator(), S, "GetOperation",
                    GetOperationRequest.newBuilder().setId(f.running().getId()).build(), Operation.parser());
            on.invalid(coordinator(), S, "AddParticipant", add.toBuilder().setCountry("ZZ").build(), state, "country");
            assertThat(on.ok(coordinator(), S, "AddParticipant", add, Operation.parser()).getParticipantsList()).contains(STRANGER);
            // The new participant sees at once what was published to the operation.
            assertThat(get(on, STRANGER, f.id()).getId()).isEqualTo(f.id());
        });

        scenarios.add(S, "RemoveParticipant", on -> {
            Fixture f = fixture(on);
            ChangeParticipantRequest remove = ChangeParticipantRequest.newBuilder().setId(f.running().getId())
                    .setCountry(PARTICIPANT).build();
            on.refused(Status.Code.PERMISSION_DENIED, investigator(OWNER), S, "RemoveParticipant", remove);
            on.hidden(investigator(STRANGER), S, "RemoveParticipant",
                    id -> ChangeParticipantRequest.newBuilder().setId(id).setCountry(PARTICIPANT).build(), f.running().getId());
            Supplier<Object> state = () -> on.ok(coordinator(), S, "GetOperation",
                    GetOperationRequest.newBuilder().setId(f.running().getId()).build(), Operation.parser());
            on.invalid(coordinator(), S, "RemoveParticipant", remove.toBuilder().setCountry("").build(), state, "country");
            assertThat(on.ok(coordinator(), S, "RemoveParticipant", remove, Operation.parser()).getParticipantsList())
                    .doesNotContain(PARTICIPANT);
            // Removed: the operation and what was published to it are gone for TH at once.
            on.hidden(investigator(PARTICIPANT), S, "GetWantedPerson", FugitiveServiceScenarios::get, f.id());
            on.hidden(investigator(PARTICIPANT), S, "GetOperation", id -> GetOperationRequest.newBuilder().setId(id).build(),
                    f.running().getId());
            assertThat(listed(on, PARTICIPANT)).doesNotContain(f.id());
        });

        scenarios.add(S, "WatchEvents", on -> {
            Operation op = running(on, OWNER, PARTICIPANT);
            EveryRpcOverBothFacesTest.watchEvents(on, S, investigator(OWNER), investigator(PARTICIPANT), investigator(STRANGER),
                    () -> create(on, OWNER, uniqueName(), documentNumber()).getId(),
                    id -> {
                        step(on, investigator(OWNER), "SubmitWantedPerson", id);
                        step(on, investigator(OWNER), "PublishWantedPerson", id);
                        publishTo(on, id, op.getId());
                    },
                    id -> on.ok(coordinator(), S, "RemoveParticipant", ChangeParticipantRequest.newBuilder().setId(op.getId())
                            .setCountry(PARTICIPANT).build(), Operation.parser()),
                    () -> create(on, PARTICIPANT, uniqueName(), documentNumber()).getId(),
                    () -> create(on, STRANGER, uniqueName(), documentNumber()).getId());
        });

        scenarios.add(S, "VerifyAuditTrail", on -> EveryRpcOverBothFacesTest.verifyAuditTrail(on, S));
    }

    static org.chainbreaker.fugitives.v1.RecordCustodyTransferRequest custodyTransfer(String id, String reference, String from,
                                                                              String to) {
        return org.chainbreaker.fugitives.v1.RecordCustodyTransferRequest.newBuilder().setWantedPersonId(id)
                .setTransfer(org.chainbreaker.fugitives.v1.CustodyTransfer.newBuilder()
                .setRepatriationReference(reference).setHandoverTime(timestamp(Instant.now().minusSeconds(60)))
                .setFromCountry(from).setToCountry(to)).build();
    }

    static Arrest arrest() {
        return Arrest.newBuilder().setPlace("Phnom Penh, Toul Kork district").setArrestTime(timestamp(Instant.now().minusSeconds(600)))
                .setCustody("Cambodian National Police, Phnom Penh").build();
    }
}
