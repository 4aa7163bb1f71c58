package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.liaison;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.COORDINATOR;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.RECEIVING;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.S;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.SENDING;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.STRANGER;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.TRANSIT;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.arrestDraftCancelled;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.draft;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.get;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.listed;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.on;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.plan;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.syncArrest;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.transfer;

import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.common.v1.AuditRecord;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.Escort;
import org.chainbreaker.repatriation.v1.ListRepatriationReadsRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationReadsResponse;
import org.chainbreaker.repatriation.v1.ListRepatriationsRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationsResponse;
import org.chainbreaker.repatriation.v1.Person;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.SyncArrestTransferRequest;
import org.chainbreaker.repatriation.v1.VictimGroup;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The repatriation-service's record RPCs: open, read, list, and who read one (parties and fixtures
 * in {@link RepatriationServiceScenarios}).
 */
final class RepatriationRecordScenarios {

    private RepatriationRecordScenarios() {}

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
                    java.util.Map<String, String> streams = ArrestDraftEvents.cursors(on);
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
                    // ... and is told nothing of it: no event of the draft, the person, the arrest.
                    ArrestDraftEvents.toldOnlyTheTwoCountries(on, wanted, draft, streams);
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
    }
}
