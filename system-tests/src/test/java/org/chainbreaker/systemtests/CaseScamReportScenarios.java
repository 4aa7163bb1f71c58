package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CaseServiceScenarios.*;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.investigator;

import com.google.type.Money;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetScamReportRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListScamReportsRequest;
import org.chainbreaker.cases.v1.RegisterScamReportRequest;
import org.chainbreaker.cases.v1.ScamReport;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/** The case-service scenarios of scam reports. */
final class CaseScamReportScenarios {

    private CaseScamReportScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "RegisterScamReport",
                on -> {
                    String requestId = "intake-" + UUID.randomUUID();
                    RegisterScamReportRequest register =
                            RegisterScamReportRequest.newBuilder()
                                    .setRequestId(requestId)
                                    .setScamReport(report(thaiPhone()))
                                    .build();
                    ScamReport filed =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "RegisterScamReport",
                                    register,
                                    ScamReport.parser());
                    assertThat(filed.getReportingCountry()).isEqualTo(OWNER);
                    assertThat(filed.getIdentifiers(0).getNormalizedValue())
                            .startsWith("phone:+66");
                    assertThat(
                                    on.ok(
                                                    investigator(OWNER),
                                                    S,
                                                    "RegisterScamReport",
                                                    register,
                                                    ScamReport.parser())
                                            .getId())
                            .isEqualTo(filed.getId());
                    ScamReport vns =
                            on.ok(
                                    investigator(STRANGER),
                                    S,
                                    "RegisterScamReport",
                                    register,
                                    ScamReport.parser());
                    assertThat(vns.getId()).isNotEqualTo(filed.getId());
                    assertThat(reports(on, STRANGER)).doesNotContain(filed.getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "RegisterScamReport",
                            RegisterScamReportRequest.newBuilder()
                                    .setScamReport(
                                            report(thaiPhone())
                                                    .clearChannel()
                                                    .setAmountLost(
                                                            Money.newBuilder()
                                                                    .setCurrencyCode("XYZ1")))
                                    .build(),
                            () -> reports(on, OWNER),
                            "scam_report.channel",
                            "scam_report.amount_lost.currency_code");
                });

        scenarios.add(
                S,
                "GetScamReport",
                on -> {
                    ScamReport filed =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "RegisterScamReport",
                                    RegisterScamReportRequest.newBuilder()
                                            .setScamReport(report(thaiPhone()))
                                            .build(),
                                    ScamReport.parser());
                    for (String concerned : List.of(OWNER, PARTNER)) {
                        assertThat(
                                        on.ok(
                                                        investigator(concerned),
                                                        S,
                                                        "GetScamReport",
                                                        GetScamReportRequest.newBuilder()
                                                                .setId(filed.getId())
                                                                .build(),
                                                        ScamReport.parser())
                                                .getNarrative())
                                .isEqualTo(filed.getNarrative());
                    }
                    on.hidden(
                            investigator(STRANGER),
                            S,
                            "GetScamReport",
                            id -> GetScamReportRequest.newBuilder().setId(id).build(),
                            filed.getId());
                    // A report whose wallet (no country of its own) is a lead of KR's case concerns
                    // KR and its share partner
                    // TH; not the country whose share was revoked before, nor one with nothing.
                    Fixture f = fixture(on);
                    String wallet =
                            "eth:0x" + UUID.randomUUID().toString().replace("-", "") + "abcdef01";
                    on.ok(
                            investigator(OWNER),
                            S,
                            "CreateLead",
                            CreateLeadRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setLead(
                                            Lead.newBuilder()
                                                    .setKind(Lead.Kind.CRYPTO_WALLET)
                                                    .setValue(wallet))
                                    .build(),
                            Lead.parser());
                    ScamReport fromPh =
                            on.ok(
                                    investigator("PH"),
                                    S,
                                    "RegisterScamReport",
                                    RegisterScamReportRequest.newBuilder()
                                            .setScamReport(
                                                    report(thaiPhone())
                                                            .clearIdentifiers()
                                                            .addIdentifiers(
                                                                    Identifier.newBuilder()
                                                                            .setKind(
                                                                                    Identifier.Kind
                                                                                            .CRYPTO_WALLET)
                                                                            .setValue(wallet)))
                                            .build(),
                                    ScamReport.parser());
                    for (String concerned : List.of("PH", OWNER, PARTNER)) {
                        assertThat(
                                        on.ok(
                                                        investigator(concerned),
                                                        S,
                                                        "GetScamReport",
                                                        GetScamReportRequest.newBuilder()
                                                                .setId(fromPh.getId())
                                                                .build(),
                                                        ScamReport.parser())
                                                .getReportingCountry())
                                .isEqualTo("PH");
                    }
                    on.hiddenFrom(
                            NOBODY,
                            S,
                            "GetScamReport",
                            id -> GetScamReportRequest.newBuilder().setId(id).build(),
                            fromPh.getId());
                    assertThat(reports(on, REVOKED)).doesNotContain(fromPh.getId());
                });

        scenarios.add(
                S,
                "ListScamReports",
                on -> {
                    ScamReport filed =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "RegisterScamReport",
                                    RegisterScamReportRequest.newBuilder()
                                            .setScamReport(report(thaiPhone()))
                                            .build(),
                                    ScamReport.parser());
                    assertThat(reports(on, OWNER)).contains(filed.getId());
                    assertThat(reports(on, PARTNER)).contains(filed.getId());
                    assertThat(reports(on, STRANGER)).doesNotContain(filed.getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ListScamReports",
                            ListScamReportsRequest.newBuilder().setPageSize(-1).build(),
                            NOTHING,
                            "page_size");
                });
    }
}
