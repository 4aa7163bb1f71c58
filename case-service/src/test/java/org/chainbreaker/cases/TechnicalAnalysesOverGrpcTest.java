package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.code;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.fieldsIn;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.cases.v1.AssignTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.ListTechnicalAnalysesRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.chainbreaker.cases.v1.UpdateTechnicalAnalysisRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.junit.jupiter.api.Test;

/**
 * Technical analyses over gRPC: owner, partner with a share (H0-H2 see them, H3 does not), partner
 * with only an assigned analysis (it and the case header), partner with nothing, expired and
 * revoked shares; bad input; etags.
 */
class TechnicalAnalysesOverGrpcTest extends RunningCaseService {

    private static final String SHA256 =
            "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    private final CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");
    private final CaseServiceBlockingStub th = casesAs("TH", "th-investigator", "investigator");
    private final CaseServiceBlockingStub vn = casesAs("VN", "vn-investigator", "investigator");
    private final CaseServiceBlockingStub kh = casesAs("KH", "kh-investigator", "investigator");

    private Case open(String title) {
        return kr.createCase(
                CreateCaseRequest.newBuilder()
                        .setCase(
                                Case.newBuilder()
                                        .setTitle(title)
                                        .setCategory(Case.Category.INVESTMENT_FRAUD))
                        .build());
    }

    private TechnicalAnalysis analyse(Case c, String title) {
        return kr.createTechnicalAnalysis(
                CreateTechnicalAnalysisRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setTechnicalAnalysis(
                                TechnicalAnalysis.newBuilder()
                                        .setKind(TechnicalAnalysis.Kind.FAKE_INVESTMENT_APP)
                                        .setTitle(title)
                                        .setToolName("GoldTrade Pro")
                                        .setDescription("APK imitating a broker")
                                        .addHashes(SHA256)
                                        .addHashes("sha256:" + SHA256.toLowerCase())
                                        .addUrls(
                                                "HTTPS://Download.GoldTrade-Pro.example.COM:443/app.apk#top"))
                        .build());
    }

    private static GetTechnicalAnalysisRequest get(TechnicalAnalysis a) {
        return GetTechnicalAnalysisRequest.newBuilder()
                .setCaseId(a.getCaseId())
                .setId(a.getId())
                .build();
    }

    private static ListTechnicalAnalysesRequest list(Case c) {
        return ListTechnicalAnalysesRequest.newBuilder().setCaseId(c.getId()).build();
    }

    private static void assertHiddenFrom(CaseServiceBlockingStub as, TechnicalAnalysis a) {
        StatusRuntimeException hidden = failure(() -> as.getTechnicalAnalysis(get(a)));
        StatusRuntimeException missing =
                failure(
                        () ->
                                as.getTechnicalAnalysis(
                                        GetTechnicalAnalysisRequest.newBuilder()
                                                .setCaseId(a.getCaseId())
                                                .setId(UUID.randomUUID().toString())
                                                .build()));
        assertThat(hidden.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(hidden.getStatus().getDescription())
                .isEqualTo(missing.getStatus().getDescription());
    }

    @Test
    void the_owner_attaches_an_analysis_with_normalised_indicators_and_a_stranger_sees_nothing() {
        Case c = open("Fake broker app");
        TechnicalAnalysis a = analyse(c, "GoldTrade Pro APK");
        assertThat(a.getAuthorCountry()).isEqualTo("KR");
        assertThat(a.getHashesList()).containsExactly("sha256:" + SHA256.toLowerCase());
        assertThat(a.getUrlsList())
                .containsExactly("https://download.goldtrade-pro.example.com/app.apk");
        assertThat(kr.getTechnicalAnalysis(get(a))).isEqualTo(a);
        assertThat(kr.listTechnicalAnalyses(list(c)).getTechnicalAnalysesList()).containsExactly(a);

        assertHiddenFrom(th, a);
        assertThat(code(() -> th.listTechnicalAnalyses(list(c)))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(
                        code(
                                () ->
                                        th.createTechnicalAnalysis(
                                                CreateTechnicalAnalysisRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setTechnicalAnalysis(
                                                                a.toBuilder().clearId())
                                                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void
            share_partners_see_analyses_under_h0_to_h2_but_not_under_h3_nor_after_expiry_or_revocation() {
        Case c = open("Deepfake investment ads");
        TechnicalAnalysis a = analyse(c, "Deepfake tool");
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H2)
                        .build());
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("VN")
                        .setHandlingCode(HandlingCode.H3)
                        .build());
        assertThat(th.getTechnicalAnalysis(get(a)).getTitle()).isEqualTo("Deepfake tool");
        assertThat(th.listTechnicalAnalyses(list(c)).getTechnicalAnalysesList())
                .extracting(TechnicalAnalysis::getId)
                .containsExactly(a.getId());
        assertHiddenFrom(vn, a);
        assertThat(vn.listTechnicalAnalyses(list(c)).getTechnicalAnalysesList()).isEmpty();
        // Partners read; only the owner writes.
        assertThat(
                        code(
                                () ->
                                        th.updateTechnicalAnalysis(
                                                UpdateTechnicalAnalysisRequest.newBuilder()
                                                        .setTechnicalAnalysis(
                                                                a.toBuilder().setTitle("Changed"))
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);

        letGrantExpire("case_shares", "case_id", c.getId(), "TH");
        assertHiddenFrom(th, a);
        assertThat(code(() -> th.listTechnicalAnalyses(list(c)))).isEqualTo(Status.Code.NOT_FOUND);

        kr.revokeShare(RevokeShareRequest.newBuilder().setId(c.getId()).setCountry("VN").build());
        assertHiddenFrom(vn, a);
        assertThat(code(() -> vn.listTechnicalAnalyses(list(c)))).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void an_assigned_analysis_shows_the_partner_that_analysis_and_the_case_header_only() {
        Case c = open("Malware dropper");
        TechnicalAnalysis assigned = analyse(c, "Dropper");
        TechnicalAnalysis other = analyse(c, "Loader");
        TechnicalAnalysis done =
                kr.assignTechnicalAnalysis(
                        AssignTechnicalAnalysisRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setId(assigned.getId())
                                .setCountry("KH")
                                .setHandlingCode(HandlingCode.H1)
                                .setEtag(assigned.getEtag())
                                .build());
        assertThat(done.getAssignedCountry()).isEqualTo("KH");
        assertThat(done.getHandlingCode()).isEqualTo(HandlingCode.H1);

        assertThat(kh.getTechnicalAnalysis(get(assigned)).getId()).isEqualTo(assigned.getId());
        assertHiddenFrom(kh, other);
        assertThat(kh.listTechnicalAnalyses(list(c)).getTechnicalAnalysesList())
                .extracting(TechnicalAnalysis::getId)
                .containsExactly(assigned.getId());
        Case header = kh.getCase(GetCaseRequest.newBuilder().setId(c.getId()).build());
        assertThat(header.getHeaderOnly()).isTrue();
        assertThat(header.getSummary()).isEmpty();
        // The assignee may not change it, nor pass it on less strictly than H1.
        assertThat(
                        code(
                                () ->
                                        kh.updateTechnicalAnalysis(
                                                UpdateTechnicalAnalysisRequest.newBuilder()
                                                        .setTechnicalAnalysis(
                                                                done.toBuilder()
                                                                        .setTitle("Changed"))
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(
                        code(
                                () ->
                                        kh.assignTechnicalAnalysis(
                                                AssignTechnicalAnalysisRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(assigned.getId())
                                                        .setCountry("VN")
                                                        .setHandlingCode(HandlingCode.H0)
                                                        .build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertHiddenFrom(vn, assigned);

        // Under H1 it may hand it on under H2: VN then holds it, KH no longer sees it; VN (H2) may
        // not pass it on.
        TechnicalAnalysis handedOver =
                kh.assignTechnicalAnalysis(
                        AssignTechnicalAnalysisRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setId(assigned.getId())
                                .setCountry("VN")
                                .setHandlingCode(HandlingCode.H2)
                                .build());
        assertThat(handedOver.getAssignedCountry()).isEqualTo("VN");
        assertHiddenFrom(kh, assigned);
        assertThat(vn.getTechnicalAnalysis(get(assigned)).getHandlingCode())
                .isEqualTo(HandlingCode.H2);
        String etag = kr.getTechnicalAnalysis(get(assigned)).getEtag();
        assertThat(
                        code(
                                () ->
                                        vn.assignTechnicalAnalysis(
                                                AssignTechnicalAnalysisRequest.newBuilder()
                                                        .setCaseId(c.getId())
                                                        .setId(assigned.getId())
                                                        .setCountry("PH")
                                                        .setHandlingCode(HandlingCode.H3)
                                                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(kr.getTechnicalAnalysis(get(assigned)).getEtag()).isEqualTo(etag);
    }

    @Test
    void bad_input_names_every_field_and_a_stale_etag_changes_nothing() {
        Case c = open("Bad analyses");
        StatusRuntimeException refused =
                failure(
                        () ->
                                kr.createTechnicalAnalysis(
                                        CreateTechnicalAnalysisRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .setRequestId("bad key")
                                                .setTechnicalAnalysis(
                                                        TechnicalAnalysis.newBuilder()
                                                                .setKindValue(99)
                                                                .setTitle("")
                                                                .setToolName("t".repeat(201))
                                                                .setDescription("d".repeat(20_001))
                                                                .addHashes("sha256:xyz")
                                                                .addUrls("ftp://example.com/x")
                                                                .addUrls("https://ok.example.com"))
                                                .build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused))
                .containsExactlyInAnyOrder(
                        "technical_analysis.kind",
                        "technical_analysis.title",
                        "technical_analysis.tool_name",
                        "technical_analysis.description",
                        "technical_analysis.hashes[0]",
                        "technical_analysis.urls[0]",
                        "request_id");
        assertThat(kr.listTechnicalAnalyses(list(c)).getTechnicalAnalysesList()).isEmpty();

        TechnicalAnalysis a = analyse(c, "Valid");
        TechnicalAnalysis updated =
                kr.updateTechnicalAnalysis(
                        UpdateTechnicalAnalysisRequest.newBuilder()
                                .setTechnicalAnalysis(
                                        TechnicalAnalysis.newBuilder()
                                                .setCaseId(c.getId())
                                                .setId(a.getId())
                                                .setEtag(a.getEtag())
                                                .setTitle("Renamed")
                                                .setDescription("not in the mask"))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("title"))
                                .build());
        assertThat(updated.getTitle()).isEqualTo("Renamed");
        assertThat(updated.getDescription()).isEqualTo(a.getDescription());
        assertThat(
                        code(
                                () ->
                                        kr.updateTechnicalAnalysis(
                                                UpdateTechnicalAnalysisRequest.newBuilder()
                                                        .setTechnicalAnalysis(
                                                                TechnicalAnalysis.newBuilder()
                                                                        .setCaseId(c.getId())
                                                                        .setId(a.getId())
                                                                        .setEtag(a.getEtag())
                                                                        .setTitle("Stale"))
                                                        .setUpdateMask(
                                                                FieldMask.newBuilder()
                                                                        .addPaths("title"))
                                                        .build())))
                .isEqualTo(Status.Code.ABORTED);
        StatusRuntimeException badMask =
                failure(
                        () ->
                                kr.updateTechnicalAnalysis(
                                        UpdateTechnicalAnalysisRequest.newBuilder()
                                                .setTechnicalAnalysis(
                                                        TechnicalAnalysis.newBuilder()
                                                                .setCaseId(c.getId())
                                                                .setId(a.getId()))
                                                .setUpdateMask(
                                                        FieldMask.newBuilder()
                                                                .addPaths("author_country"))
                                                .build()));
        assertThat(fieldsIn(badMask)).containsExactly("update_mask");
        StatusRuntimeException badAssign =
                failure(
                        () ->
                                kr.assignTechnicalAnalysis(
                                        AssignTechnicalAnalysisRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .setId(a.getId())
                                                .setCountry("KR")
                                                .build()));
        assertThat(fieldsIn(badAssign)).containsExactly("country", "handling_code");
        assertThat(kr.getTechnicalAnalysis(get(a))).isEqualTo(updated);
    }

    @Test
    void a_retried_create_with_the_same_request_id_attaches_one_analysis() {
        Case c = open("Retried analysis");
        CreateTechnicalAnalysisRequest request =
                CreateTechnicalAnalysisRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setRequestId("analysis-" + UUID.randomUUID())
                        .setTechnicalAnalysis(
                                TechnicalAnalysis.newBuilder()
                                        .setKind(TechnicalAnalysis.Kind.PHISHING_KIT)
                                        .setTitle("Kit"))
                        .build();
        TechnicalAnalysis first = kr.createTechnicalAnalysis(request);
        assertThat(kr.createTechnicalAnalysis(request).getId()).isEqualTo(first.getId());
        assertThat(kr.listTechnicalAnalyses(list(c)).getTechnicalAnalysesList()).hasSize(1);
        List<String> fields =
                fieldsIn(
                        failure(
                                () ->
                                        kr.createTechnicalAnalysis(
                                                request.toBuilder()
                                                        .setTechnicalAnalysis(
                                                                request
                                                                        .getTechnicalAnalysis()
                                                                        .toBuilder()
                                                                        .addHashes("abc"))
                                                        .setRequestId("")
                                                        .build())));
        assertThat(fields).containsExactly("technical_analysis.hashes[0]");
    }
}
