package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.FugitiveServiceScenarios.*;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;

import java.util.List;
import org.chainbreaker.common.v1.AuditRecord;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityResponse;
import org.chainbreaker.fugitives.v1.IdentityHit;
import org.chainbreaker.fugitives.v1.ListIdentityChecksRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonReadsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonReadsResponse;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The fugitive-service scenarios of name search, hit/no-hit identity checks and who checked or read
 * a notice.
 */
final class FugitiveSearchScenarios {

    private FugitiveSearchScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "SearchWantedPersons",
                on -> {
                    Fixture f = fixture(on);
                    String name = f.person().getPrimaryName().getValue();
                    for (String seeing : List.of(OWNER, PARTICIPANT, SIGHTED_IN)) {
                        SearchWantedPersonsResponse answer =
                                on.ok(
                                        investigator(seeing),
                                        S,
                                        "SearchWantedPersons",
                                        SearchWantedPersonsRequest.newBuilder()
                                                .setName(name)
                                                .setPageSize(100)
                                                .build(),
                                        SearchWantedPersonsResponse.parser());
                        assertThat(answer.getMatchesList())
                                .as(seeing)
                                .filteredOn(m -> m.getWantedPerson().getId().equals(f.id()))
                                .singleElement()
                                .satisfies(
                                        m -> {
                                            assertThat(m.getReasonsList()).isNotEmpty();
                                            if (!seeing.equals(OWNER)) {
                                                assertThat(
                                                                m.getWantedPerson()
                                                                        .getOperationIdsList())
                                                        .as(seeing)
                                                        .isEmpty();
                                            }
                                        });
                    }
                    for (String nobody : NOBODY) {
                        assertThat(found(on, nobody, name)).as(nobody).doesNotContain(f.id());
                    }
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "SearchWantedPersons",
                            SearchWantedPersonsRequest.newBuilder().setName("").build(),
                            NOTHING,
                            "name");
                });

        scenarios.add(
                S,
                "CheckIdentity",
                on -> {
                    Fixture f = fixture(on);
                    CheckIdentityResponse hit =
                            on.ok(
                                    investigator(STRANGER),
                                    S,
                                    "CheckIdentity",
                                    CheckIdentityRequest.newBuilder()
                                            .setDocumentNumber(f.document())
                                            .setPurpose("border control at Moc Bai " + RUN)
                                            .build(),
                                    CheckIdentityResponse.parser());
                    assertThat(hit.getHit()).isTrue();
                    assertThat(hit.getHitsList())
                            .extracting(IdentityHit::getOwnerCountry, IdentityHit::getReference)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple(
                                            OWNER, f.person().getReference()));
                    assertThat(hit.toString())
                            .doesNotContain(f.id())
                            .doesNotContain(f.person().getPrimaryName().getValue());
                    // A draft answers no check.
                    WantedPerson draft = create(on, OWNER, uniqueName(), documentNumber());
                    assertThat(
                                    on.ok(
                                                    investigator(STRANGER),
                                                    S,
                                                    "CheckIdentity",
                                                    CheckIdentityRequest.newBuilder()
                                                            .setDocumentNumber(
                                                                    draft.getDocuments(0)
                                                                            .getNumber())
                                                            .setPurpose("border control")
                                                            .build(),
                                                    CheckIdentityResponse.parser())
                                            .getHit())
                            .isFalse();
                    on.invalid(
                            investigator(STRANGER),
                            S,
                            "CheckIdentity",
                            CheckIdentityRequest.newBuilder()
                                    .setDocumentNumber(f.document())
                                    .build(),
                            () -> checks(on, f.id()),
                            "purpose");
                });

        scenarios.add(
                S,
                "ListIdentityChecks",
                on -> {
                    Fixture f = fixture(on);
                    on.ok(
                            investigator(STRANGER),
                            S,
                            "CheckIdentity",
                            CheckIdentityRequest.newBuilder()
                                    .setDocumentNumber(f.document())
                                    .setPurpose("airport screening " + RUN)
                                    .build(),
                            CheckIdentityResponse.parser());
                    OnFace.assertOneCheck(checks(on, f.id()), STRANGER, "airport screening " + RUN);
                    on.ownerOnly(
                            List.of(investigator(PARTICIPANT)),
                            NOT_SEEING,
                            S,
                            "ListIdentityChecks",
                            id -> ListIdentityChecksRequest.newBuilder().setId(id).build(),
                            f.id());
                });

        scenarios.add(
                S,
                "ListWantedPersonReads",
                on -> {
                    Fixture f = fixture(on);
                    get(on, SIGHTED_IN, f.id());
                    List<AuditRecord> reads =
                            on.ok(
                                            investigator(OWNER),
                                            S,
                                            "ListWantedPersonReads",
                                            ListWantedPersonReadsRequest.newBuilder()
                                                    .setId(f.id())
                                                    .build(),
                                            ListWantedPersonReadsResponse.parser())
                                    .getReadsList();
                    assertThat(reads)
                            .extracting(AuditRecord::getActorCountry)
                            .contains(SIGHTED_IN)
                            .doesNotContain(OWNER);
                    on.ownerOnly(
                            List.of(investigator(PARTICIPANT)),
                            NOT_SEEING,
                            S,
                            "ListWantedPersonReads",
                            id -> ListWantedPersonReadsRequest.newBuilder().setId(id).build(),
                            f.id());
                });
    }
}
