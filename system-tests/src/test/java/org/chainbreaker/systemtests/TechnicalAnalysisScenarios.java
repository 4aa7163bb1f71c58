package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.ANALYST_COUNTRY;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.ASSIGNEE;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.NOT_SEEING_ANALYSES;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.OWNER;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.PARTNER;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.RESTRICTED;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.S;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.SHA256;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.analysesFixture;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.analysis;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.analysisState;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.getAnalysis;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.listedAnalyses;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.cases.v1.AssignTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.CreateTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.ListTechnicalAnalysesRequest;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.chainbreaker.cases.v1.UpdateTechnicalAnalysisRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.systemtests.CaseIntelligenceScenarios.Analyses;
import org.chainbreaker.systemtests.CaseServiceScenarios.Fixture;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The case-service's technical-analysis RPCs (parties and fixtures in {@link
 * CaseIntelligenceScenarios}).
 */
final class TechnicalAnalysisScenarios {

    private TechnicalAnalysisScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "CreateTechnicalAnalysis",
                on -> {
                    Fixture f = CaseServiceScenarios.fixture(on);
                    CreateTechnicalAnalysisRequest create =
                            CreateTechnicalAnalysisRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setRequestId("analysis-" + UUID.randomUUID())
                                    .setTechnicalAnalysis(analysis("GoldTrade Pro APK"))
                                    .build();
                    TechnicalAnalysis a =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "CreateTechnicalAnalysis",
                                    create,
                                    TechnicalAnalysis.parser());
                    assertThat(a.getAuthorCountry()).isEqualTo(OWNER);
                    assertThat(a.getHashesList()).containsExactly("sha256:" + SHA256.toLowerCase());
                    assertThat(a.getUrlsList())
                            .containsExactly("https://download.goldtrade-pro.example.com/app.apk");
                    assertThat(
                                    on.ok(
                                                    investigator(OWNER),
                                                    S,
                                                    "CreateTechnicalAnalysis",
                                                    create,
                                                    TechnicalAnalysis.parser())
                                            .getId())
                            .isEqualTo(a.getId());
                    assertThat(listedAnalyses(on, OWNER, f.id())).containsExactly(a.getId());
                    // Only the owner of the case attaches analyses: its readers are refused, the
                    // others find no case.
                    on.deniedTo(
                            CaseServiceScenarios.READERS,
                            S,
                            "CreateTechnicalAnalysis",
                            CreateTechnicalAnalysisRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setTechnicalAnalysis(analysis("Planted"))
                                    .build());
                    on.hiddenFrom(
                            CaseServiceScenarios.NOBODY,
                            S,
                            "CreateTechnicalAnalysis",
                            id ->
                                    CreateTechnicalAnalysisRequest.newBuilder()
                                            .setCaseId(id)
                                            .setTechnicalAnalysis(analysis("Planted"))
                                            .build(),
                            f.id());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "CreateTechnicalAnalysis",
                            CreateTechnicalAnalysisRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setTechnicalAnalysis(
                                            TechnicalAnalysis.newBuilder()
                                                    .setTitle("")
                                                    .setToolName("t".repeat(201))
                                                    .addHashes("sha256:xyz")
                                                    .addUrls("ftp://example.com/x"))
                                    .build(),
                            () -> listedAnalyses(on, OWNER, f.id()),
                            "technical_analysis.kind",
                            "technical_analysis.title",
                            "technical_analysis.tool_name",
                            "technical_analysis.hashes[0]",
                            "technical_analysis.urls[0]");
                });

        scenarios.add(
                S,
                "GetTechnicalAnalysis",
                on -> {
                    Analyses x = analysesFixture(on);
                    String caseId = x.caseId();
                    TechnicalAnalysis owners =
                            getAnalysis(on, OWNER, caseId, x.unassigned().getId());
                    assertThat(getAnalysis(on, PARTNER, caseId, x.unassigned().getId()).getTitle())
                            .isEqualTo(owners.getTitle());
                    assertThat(
                                    getAnalysis(on, ANALYST_COUNTRY, caseId, x.assigned().getId())
                                            .getAssignedCountry())
                            .isEqualTo(ANALYST_COUNTRY);
                    // The assignee sees its analysis, not the others; H3, the lead's assignee, and
                    // the countries without the
                    // case see none.
                    on.hidden(
                            investigator(ANALYST_COUNTRY),
                            S,
                            "GetTechnicalAnalysis",
                            id -> getAnalysis(caseId, id),
                            x.unassigned().getId());
                    on.hiddenFrom(
                            NOT_SEEING_ANALYSES,
                            S,
                            "GetTechnicalAnalysis",
                            id -> getAnalysis(caseId, id),
                            x.assigned().getId());
                    on.hiddenFrom(
                            NOT_SEEING_ANALYSES,
                            S,
                            "GetTechnicalAnalysis",
                            id -> getAnalysis(caseId, id),
                            x.unassigned().getId());
                });

        scenarios.add(
                S,
                "ListTechnicalAnalyses",
                on -> {
                    Analyses x = analysesFixture(on);
                    String caseId = x.caseId();
                    List<String> all = List.of(x.assigned().getId(), x.unassigned().getId());
                    assertThat(listedAnalyses(on, OWNER, caseId)).containsExactlyElementsOf(all);
                    assertThat(listedAnalyses(on, PARTNER, caseId)).containsExactlyElementsOf(all);
                    assertThat(listedAnalyses(on, ANALYST_COUNTRY, caseId))
                            .containsExactly(x.assigned().getId());
                    // Under H3, and through a lead only, the case is seen but its analyses are
                    // withheld.
                    assertThat(listedAnalyses(on, RESTRICTED, caseId)).isEmpty();
                    assertThat(listedAnalyses(on, ASSIGNEE, caseId)).isEmpty();
                    on.hiddenFrom(
                            CaseServiceScenarios.NOBODY,
                            S,
                            "ListTechnicalAnalyses",
                            id -> ListTechnicalAnalysesRequest.newBuilder().setCaseId(id).build(),
                            caseId);
                });

        scenarios.add(
                S,
                "UpdateTechnicalAnalysis",
                on -> {
                    Analyses x = analysesFixture(on);
                    String caseId = x.caseId();
                    TechnicalAnalysis a = x.assigned();
                    Function<String, Message> retitle =
                            id ->
                                    UpdateTechnicalAnalysisRequest.newBuilder()
                                            .setTechnicalAnalysis(
                                                    TechnicalAnalysis.newBuilder()
                                                            .setCaseId(caseId)
                                                            .setId(id)
                                                            .setTitle("Changed"))
                                            .setUpdateMask(FieldMask.newBuilder().addPaths("title"))
                                            .build();
                    on.deniedTo(
                            OnFace.investigators(List.of(PARTNER, ANALYST_COUNTRY)),
                            S,
                            "UpdateTechnicalAnalysis",
                            retitle.apply(a.getId()));
                    on.hiddenFrom(
                            NOT_SEEING_ANALYSES, S, "UpdateTechnicalAnalysis", retitle, a.getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "UpdateTechnicalAnalysis",
                            UpdateTechnicalAnalysisRequest.newBuilder()
                                    .setTechnicalAnalysis(
                                            TechnicalAnalysis.newBuilder()
                                                    .setCaseId(caseId)
                                                    .setId(a.getId())
                                                    .setTitle(" "))
                                    .setUpdateMask(FieldMask.newBuilder().addPaths("title"))
                                    .build(),
                            analysisState(on, caseId, a.getId()),
                            "technical_analysis.title");
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "UpdateTechnicalAnalysis",
                            UpdateTechnicalAnalysisRequest.newBuilder()
                                    .setTechnicalAnalysis(
                                            TechnicalAnalysis.newBuilder()
                                                    .setCaseId(caseId)
                                                    .setId(a.getId()))
                                    .setUpdateMask(
                                            FieldMask.newBuilder().addPaths("author_country"))
                                    .build(),
                            analysisState(on, caseId, a.getId()),
                            "update_mask");
                    TechnicalAnalysis updated =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "UpdateTechnicalAnalysis",
                                    UpdateTechnicalAnalysisRequest.newBuilder()
                                            .setTechnicalAnalysis(
                                                    TechnicalAnalysis.newBuilder()
                                                            .setCaseId(caseId)
                                                            .setId(a.getId())
                                                            .setEtag(a.getEtag())
                                                            .setTitle("Renamed " + RUN)
                                                            .setDescription("not in the mask"))
                                            .setUpdateMask(FieldMask.newBuilder().addPaths("title"))
                                            .build(),
                                    TechnicalAnalysis.parser());
                    assertThat(updated.getTitle()).isEqualTo("Renamed " + RUN);
                    assertThat(updated.getDescription()).isEqualTo(a.getDescription());
                    assertThat(getAnalysis(on, ANALYST_COUNTRY, caseId, a.getId()).getTitle())
                            .isEqualTo("Renamed " + RUN);
                    Supplier<Object> state = analysisState(on, caseId, a.getId());
                    Object before = state.get();
                    on.refused(
                            Status.Code.ABORTED,
                            investigator(OWNER),
                            S,
                            "UpdateTechnicalAnalysis",
                            UpdateTechnicalAnalysisRequest.newBuilder()
                                    .setTechnicalAnalysis(
                                            TechnicalAnalysis.newBuilder()
                                                    .setCaseId(caseId)
                                                    .setId(a.getId())
                                                    .setEtag(a.getEtag())
                                                    .setTitle("Stale"))
                                    .setUpdateMask(FieldMask.newBuilder().addPaths("title"))
                                    .build());
                    assertThat(state.get()).as("a stale etag changes nothing").isEqualTo(before);
                });

        scenarios.add(
                S,
                "AssignTechnicalAnalysis",
                on -> {
                    Analyses x = analysesFixture(on);
                    String caseId = x.caseId();
                    TechnicalAnalysis a = x.unassigned();
                    Function<String, Message> toPh =
                            id ->
                                    AssignTechnicalAnalysisRequest.newBuilder()
                                            .setCaseId(caseId)
                                            .setId(id)
                                            .setCountry("PH")
                                            .setHandlingCode(HandlingCode.H1)
                                            .build();
                    // Negative cases first: a share partner reads but may not assign; the others
                    // find nothing.
                    on.deniedTo(
                            List.of(investigator(PARTNER)),
                            S,
                            "AssignTechnicalAnalysis",
                            toPh.apply(a.getId()));
                    on.hiddenFrom(
                            NOT_SEEING_ANALYSES, S, "AssignTechnicalAnalysis", toPh, a.getId());
                    on.hidden(
                            investigator("PH"),
                            S,
                            "GetTechnicalAnalysis",
                            id -> getAnalysis(caseId, id),
                            a.getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "AssignTechnicalAnalysis",
                            AssignTechnicalAnalysisRequest.newBuilder()
                                    .setCaseId(caseId)
                                    .setId(a.getId())
                                    .setCountry(OWNER)
                                    .build(),
                            analysisState(on, caseId, a.getId()),
                            "country",
                            "handling_code");
                    TechnicalAnalysis assigned =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "AssignTechnicalAnalysis",
                                    toPh.apply(a.getId()),
                                    TechnicalAnalysis.parser());
                    assertThat(assigned.getAssignedCountry()).isEqualTo("PH");
                    assertThat(getAnalysis(on, "PH", caseId, a.getId()).getHandlingCode())
                            .isEqualTo(HandlingCode.H1);
                    assertThat(CaseServiceScenarios.getCase(on, "PH", caseId).getHeaderOnly())
                            .isTrue();
                    // The assignee (H1) may pass it on, never less strictly; it then no longer sees
                    // it.
                    Supplier<Object> state = analysisState(on, caseId, a.getId());
                    Object before = state.get();
                    on.refused(
                            Status.Code.INVALID_ARGUMENT,
                            investigator("PH"),
                            S,
                            "AssignTechnicalAnalysis",
                            AssignTechnicalAnalysisRequest.newBuilder()
                                    .setCaseId(caseId)
                                    .setId(a.getId())
                                    .setCountry("BN")
                                    .setHandlingCode(HandlingCode.H0)
                                    .build());
                    assertThat(state.get()).isEqualTo(before);
                    on.ok(
                            investigator("PH"),
                            S,
                            "AssignTechnicalAnalysis",
                            AssignTechnicalAnalysisRequest.newBuilder()
                                    .setCaseId(caseId)
                                    .setId(a.getId())
                                    .setCountry("BN")
                                    .setHandlingCode(HandlingCode.H2)
                                    .build(),
                            TechnicalAnalysis.parser());
                    on.hidden(
                            investigator("PH"),
                            S,
                            "GetTechnicalAnalysis",
                            id -> getAnalysis(caseId, id),
                            a.getId());
                    assertThat(getAnalysis(on, "BN", caseId, a.getId()).getHandlingCode())
                            .isEqualTo(HandlingCode.H2);
                    // Under H2 it may not be passed on.
                    before = state.get();
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator("BN"),
                            S,
                            "AssignTechnicalAnalysis",
                            AssignTechnicalAnalysisRequest.newBuilder()
                                    .setCaseId(caseId)
                                    .setId(a.getId())
                                    .setCountry("MM")
                                    .setHandlingCode(HandlingCode.H3)
                                    .build());
                    assertThat(state.get()).isEqualTo(before);
                    assertThat(getAnalysis(on, OWNER, caseId, a.getId()).getAssignedCountry())
                            .isEqualTo("BN");
                });
    }
}
