package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;

import com.google.type.LatLng;
import java.util.List;
import java.util.function.Supplier;
import org.chainbreaker.cases.v1.AssignTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.CreateTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.GetScamCentreRequest;
import org.chainbreaker.cases.v1.GetTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.LinkScamCentreCaseRequest;
import org.chainbreaker.cases.v1.ListScamCentresRequest;
import org.chainbreaker.cases.v1.ListScamCentresResponse;
import org.chainbreaker.cases.v1.ListTechnicalAnalysesRequest;
import org.chainbreaker.cases.v1.ListTechnicalAnalysesResponse;
import org.chainbreaker.cases.v1.RevokeScamCentreShareRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ShareScamCentreRequest;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.chainbreaker.cases.v1.UnlinkScamCentreCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.systemtests.CaseServiceScenarios.Fixture;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The case-service's scam centres and technical analyses. Scam centres: KR records one in MM (the
 * host, which does not see it by hosting it), shares it with TH under H2 and with MY, whose grant
 * it revokes; VN has nothing. Technical analyses hang on the case of {@link
 * CaseServiceScenarios.Fixture} (TH shared under H1, LA with an assigned lead only, MY revoked, VN
 * nothing); SG receives the case under H3 (analyses withheld) and KH is assigned one analysis.
 */
final class CaseIntelligenceScenarios {

    static final String S = Faces.CASES;
    static final String OWNER = CaseServiceScenarios.OWNER;
    static final String PARTNER = CaseServiceScenarios.PARTNER;
    static final String REVOKED = CaseServiceScenarios.REVOKED;
    static final String STRANGER = CaseServiceScenarios.STRANGER;
    static final String ASSIGNEE = CaseServiceScenarios.ASSIGNEE;
    static final String HOST = "MM";
    static final String RESTRICTED = "SG";
    static final String ANALYST_COUNTRY = "KH";

    /**
     * Users of the countries a scam centre of the fixture does not exist for (the host included).
     */
    static final List<String> NOT_SEEING_CENTRE =
            OnFace.investigators(List.of(STRANGER, REVOKED, HOST));

    /** Users of the countries the fixture's analyses do not exist for. */
    static final List<String> NOT_SEEING_ANALYSES =
            OnFace.investigators(List.of(STRANGER, REVOKED, ASSIGNEE, RESTRICTED));

    private CaseIntelligenceScenarios() {}

    // ----------------------------------------------------------------------------------------------------------------
    // Scam centres
    // ----------------------------------------------------------------------------------------------------------------

    static ScamCentre.Builder centre(String name) {
        return ScamCentre.newBuilder()
                .setName(name + " " + RUN)
                .setLocation(
                        ScamCentre.Location.newBuilder()
                                .setCountry(HOST)
                                .setProvince("Kayin State")
                                .setCity("Myawaddy")
                                .setCoordinates(
                                        LatLng.newBuilder().setLatitude(16.68).setLongitude(98.51)))
                .setOperatingGroup("Border guard-backed syndicate")
                .setEstimatedPeopleHeld(1200)
                .setDescription("Compound on the Moei river");
    }

    static ScamCentre record(OnFace on, String owner, String name) {
        return on.ok(
                investigator(owner),
                S,
                "CreateScamCentre",
                CreateScamCentreRequest.newBuilder().setScamCentre(centre(name)).build(),
                ScamCentre.parser());
    }

    static ScamCentre shareCentre(OnFace on, String id, String country, HandlingCode code) {
        return on.ok(
                investigator(OWNER),
                S,
                "ShareScamCentre",
                ShareScamCentreRequest.newBuilder()
                        .setId(id)
                        .setCountry(country)
                        .setHandlingCode(code)
                        .build(),
                ScamCentre.parser());
    }

    /** A centre of KR in MM, shared with TH (H2), shared with MY and revoked. */
    static ScamCentre centreFixture(OnFace on) {
        ScamCentre c = record(on, OWNER, "KK Park");
        shareCentre(on, c.getId(), PARTNER, HandlingCode.H2);
        shareCentre(on, c.getId(), REVOKED, HandlingCode.H0);
        on.ok(
                investigator(OWNER),
                S,
                "RevokeScamCentreShare",
                RevokeScamCentreShareRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry(REVOKED)
                        .build(),
                ScamCentre.parser());
        return getCentre(on, OWNER, c.getId());
    }

    static GetScamCentreRequest getCentre(String id) {
        return GetScamCentreRequest.newBuilder().setId(id).build();
    }

    static ScamCentre getCentre(OnFace on, String tenant, String id) {
        return on.ok(investigator(tenant), S, "GetScamCentre", getCentre(id), ScamCentre.parser());
    }

    static List<String> listedCentres(OnFace on, String tenant) {
        return on
                .ok(
                        investigator(tenant),
                        S,
                        "ListScamCentres",
                        ListScamCentresRequest.newBuilder().setPageSize(200).build(),
                        ListScamCentresResponse.parser())
                .getScamCentresList()
                .stream()
                .map(ScamCentre::getId)
                .toList();
    }

    static Supplier<Object> centreState(OnFace on, String id) {
        return () -> getCentre(on, OWNER, id);
    }

    /**
     * The centre does not exist for {@code users}: NOT_FOUND as a never-existing id, and not
     * listed.
     */
    static void centreHiddenFrom(OnFace on, List<String> users, String id) {
        on.hiddenFrom(users, S, "GetScamCentre", CaseIntelligenceScenarios::getCentre, id);
        for (String user : users) {
            assertThat(
                            on.ok(
                                            user,
                                            S,
                                            "ListScamCentres",
                                            ListScamCentresRequest.newBuilder()
                                                    .setPageSize(200)
                                                    .build(),
                                            ListScamCentresResponse.parser())
                                    .getScamCentresList())
                    .as(user)
                    .extracting(ScamCentre::getId)
                    .doesNotContain(id);
        }
    }

    static LinkScamCentreCaseRequest link(String centreId, String caseId) {
        return LinkScamCentreCaseRequest.newBuilder().setId(centreId).setCaseId(caseId).build();
    }

    static UnlinkScamCentreCaseRequest unlink(String centreId, String caseId) {
        return UnlinkScamCentreCaseRequest.newBuilder().setId(centreId).setCaseId(caseId).build();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Technical analyses
    // ----------------------------------------------------------------------------------------------------------------

    static final String SHA256 = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    static TechnicalAnalysis.Builder analysis(String title) {
        return TechnicalAnalysis.newBuilder()
                .setKind(TechnicalAnalysis.Kind.FAKE_INVESTMENT_APP)
                .setTitle(title + " " + RUN)
                .setToolName("GoldTrade Pro")
                .setDescription("APK imitating a broker")
                .addHashes(SHA256)
                .addUrls("HTTPS://Download.GoldTrade-Pro.example.COM:443/app.apk#top");
    }

    static TechnicalAnalysis analyse(OnFace on, String caseId, String title) {
        return on.ok(
                investigator(OWNER),
                S,
                "CreateTechnicalAnalysis",
                CreateTechnicalAnalysisRequest.newBuilder()
                        .setCaseId(caseId)
                        .setTechnicalAnalysis(analysis(title))
                        .build(),
                TechnicalAnalysis.parser());
    }

    /**
     * The case fixture, also shared with SG under H3, with one analysis assigned to KH (H1) and one
     * unassigned.
     */
    record Analyses(Fixture f, TechnicalAnalysis assigned, TechnicalAnalysis unassigned) {

        String caseId() {
            return f.id();
        }
    }

    static Analyses analysesFixture(OnFace on) {
        Fixture f = CaseServiceScenarios.fixture(on);
        CaseServiceScenarios.share(on, f.id(), RESTRICTED, HandlingCode.H3);
        TechnicalAnalysis assigned = analyse(on, f.id(), "Dropper");
        assigned =
                on.ok(
                        investigator(OWNER),
                        S,
                        "AssignTechnicalAnalysis",
                        AssignTechnicalAnalysisRequest.newBuilder()
                                .setCaseId(f.id())
                                .setId(assigned.getId())
                                .setCountry(ANALYST_COUNTRY)
                                .setHandlingCode(HandlingCode.H1)
                                .build(),
                        TechnicalAnalysis.parser());
        TechnicalAnalysis unassigned = analyse(on, f.id(), "Loader");
        return new Analyses(f, assigned, unassigned);
    }

    static GetTechnicalAnalysisRequest getAnalysis(String caseId, String id) {
        return GetTechnicalAnalysisRequest.newBuilder().setCaseId(caseId).setId(id).build();
    }

    static TechnicalAnalysis getAnalysis(OnFace on, String tenant, String caseId, String id) {
        return on.ok(
                investigator(tenant),
                S,
                "GetTechnicalAnalysis",
                getAnalysis(caseId, id),
                TechnicalAnalysis.parser());
    }

    static List<String> listedAnalyses(OnFace on, String tenant, String caseId) {
        return on
                .ok(
                        investigator(tenant),
                        S,
                        "ListTechnicalAnalyses",
                        ListTechnicalAnalysesRequest.newBuilder().setCaseId(caseId).build(),
                        ListTechnicalAnalysesResponse.parser())
                .getTechnicalAnalysesList()
                .stream()
                .map(TechnicalAnalysis::getId)
                .toList();
    }

    static Supplier<Object> analysisState(OnFace on, String caseId, String id) {
        return () -> getAnalysis(on, OWNER, caseId, id);
    }

    static void register(Scenarios scenarios) {
        ScamCentreScenarios.register(scenarios);

        TechnicalAnalysisScenarios.register(scenarios);
    }
}
