package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CaseServiceScenarios.*;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;

import java.util.UUID;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/** The case-service scenarios of creating, reading and listing cases. */
final class CaseLifecycleScenarios {

    private CaseLifecycleScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "CreateCase",
                on -> {
                    String requestId = "create-" + UUID.randomUUID();
                    CreateCaseRequest create =
                            CreateCaseRequest.newBuilder()
                                    .setRequestId(requestId)
                                    .setCase(
                                            Case.newBuilder()
                                                    .setTitle("Romance scam ring " + RUN)
                                                    .setCategory(Case.Category.ROMANCE_SCAM))
                                    .build();
                    Case c = on.ok(investigator(OWNER), S, "CreateCase", create, Case.parser());
                    assertThat(c.getOwnerCountry()).isEqualTo(OWNER);
                    assertThat(c.getStatus()).isEqualTo(Case.Status.OPEN);
                    assertThat(
                                    on.ok(
                                                    investigator(OWNER),
                                                    S,
                                                    "CreateCase",
                                                    create,
                                                    Case.parser())
                                            .getId())
                            .isEqualTo(c.getId());
                    // Another country's request id is its own: no hint of KR's case, a case of VN's
                    // own.
                    Case vns =
                            on.ok(investigator(STRANGER), S, "CreateCase", create, Case.parser());
                    assertThat(vns.getId()).isNotEqualTo(c.getId());
                    assertThat(vns.getOwnerCountry()).isEqualTo(STRANGER);
                    assertThat(listedCases(on, STRANGER)).doesNotContain(c.getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "CreateCase",
                            CreateCaseRequest.newBuilder()
                                    .setCase(
                                            Case.newBuilder()
                                                    .setTitle("")
                                                    .setSummary("x".repeat(10_001)))
                                    .build(),
                            () -> listedCases(on, OWNER),
                            "case.title",
                            "case.category",
                            "case.summary");
                    // An undefined enum number: on REST the gateway refuses it before the service
                    // sees it.
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "CreateCase",
                            CreateCaseRequest.newBuilder()
                                    .setCase(
                                            Case.newBuilder()
                                                    .setTitle("Unknown category")
                                                    .setCategoryValue(99))
                                    .build(),
                            () -> listedCases(on, OWNER),
                            "case.category");
                });

        scenarios.add(
                S,
                "GetCase",
                on -> {
                    Fixture f = fixture(on);
                    Case owners = getCase(on, OWNER, f.id());
                    assertThat(owners.getSharesList())
                            .extracting(CaseShare::getCountry)
                            .containsExactly(PARTNER);
                    Case partners = getCase(on, PARTNER, f.id());
                    assertThat(partners.getHandlingCode()).isEqualTo(HandlingCode.H1);
                    assertThat(partners.getSummary()).isEqualTo(owners.getSummary());
                    assertThat(partners.getSharesList())
                            .extracting(CaseShare::getCountry)
                            .containsExactly(PARTNER);
                    Case header = getCase(on, ASSIGNEE, f.id());
                    assertHeaderOnly(header);
                    assertThat(header.getTitle()).isEqualTo(owners.getTitle());
                    on.hidden(
                            investigator(STRANGER),
                            S,
                            "GetCase",
                            CaseServiceScenarios::get,
                            f.id());
                    on.hidden(
                            investigator(REVOKED), S, "GetCase", CaseServiceScenarios::get, f.id());
                });

        scenarios.add(
                S,
                "ListCases",
                on -> {
                    Fixture f = fixture(on);
                    assertThat(listedCases(on, OWNER)).contains(f.id());
                    // Listed, a case shows each country what reading it shows: the partner its own
                    // grant only, the assignee
                    // (if it lists the case at all) the header only.
                    Case partners = listed(on, PARTNER, f.id());
                    assertThat(partners.getSharesList())
                            .extracting(CaseShare::getCountry)
                            .containsExactly(PARTNER);
                    assertThat(partners.getHandlingCode()).isEqualTo(HandlingCode.H1);
                    Case header = listed(on, ASSIGNEE, f.id());
                    if (header != null) {
                        assertHeaderOnly(header);
                    }
                    assertThat(listedCases(on, STRANGER)).doesNotContain(f.id());
                    assertThat(listedCases(on, REVOKED)).doesNotContain(f.id());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ListCases",
                            ListCasesRequest.newBuilder().setPageToken("garbage").build(),
                            NOTHING,
                            "page_token");
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ListCases",
                            ListCasesRequest.newBuilder().setPageSize(-1).build(),
                            NOTHING,
                            "page_size");
                });
    }
}
