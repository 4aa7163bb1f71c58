package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.analyst;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.timestamp;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.type.LatLng;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.cases.v1.AssignTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseShare;
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
import org.chainbreaker.cases.v1.UpdateScamCentreRequest;
import org.chainbreaker.cases.v1.UpdateTechnicalAnalysisRequest;
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
        scenarios.add(
                S,
                "CreateScamCentre",
                on -> {
                    CreateScamCentreRequest create =
                            CreateScamCentreRequest.newBuilder()
                                    .setRequestId("centre-" + UUID.randomUUID())
                                    .setScamCentre(centre("Shwe Kokko"))
                                    .build();
                    ScamCentre c =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "CreateScamCentre",
                                    create,
                                    ScamCentre.parser());
                    assertThat(c.getOwnerCountry()).isEqualTo(OWNER);
                    assertThat(c.getLocation().getCountry()).isEqualTo(HOST);
                    assertThat(c.getEstimatedPeopleHeld()).isEqualTo(1200);
                    assertThat(
                                    on.ok(
                                                    investigator(OWNER),
                                                    S,
                                                    "CreateScamCentre",
                                                    create,
                                                    ScamCentre.parser())
                                            .getId())
                            .isEqualTo(c.getId());
                    // Another country's request id is its own; the host country does not see a
                    // centre for hosting it.
                    ScamCentre vns =
                            on.ok(
                                    investigator(STRANGER),
                                    S,
                                    "CreateScamCentre",
                                    create,
                                    ScamCentre.parser());
                    assertThat(vns.getId()).isNotEqualTo(c.getId());
                    assertThat(vns.getOwnerCountry()).isEqualTo(STRANGER);
                    centreHiddenFrom(on, OnFace.investigators(List.of(STRANGER, HOST)), c.getId());
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            analyst(OWNER),
                            S,
                            "CreateScamCentre",
                            CreateScamCentreRequest.newBuilder()
                                    .setScamCentre(centre("By an analyst"))
                                    .build());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "CreateScamCentre",
                            CreateScamCentreRequest.newBuilder()
                                    .setScamCentre(
                                            centre("x")
                                                    .setName(" ")
                                                    .setEstimatedPeopleHeld(-5)
                                                    .setLocation(
                                                            ScamCentre.Location.newBuilder()
                                                                    .setCountry("XX")
                                                                    .setCoordinates(
                                                                            LatLng.newBuilder()
                                                                                    .setLatitude(91)
                                                                                    .setLongitude(
                                                                                            10))))
                                    .build(),
                            () -> listedCentres(on, OWNER),
                            "scam_centre.name",
                            "scam_centre.location.country",
                            "scam_centre.location.coordinates.latitude",
                            "scam_centre.estimated_people_held");
                });

        scenarios.add(
                S,
                "GetScamCentre",
                on -> {
                    ScamCentre c = centreFixture(on);
                    ScamCentre owners = getCentre(on, OWNER, c.getId());
                    assertThat(owners.getSharesList())
                            .extracting(CaseShare::getCountry)
                            .containsExactly(PARTNER);
                    ScamCentre partners = getCentre(on, PARTNER, c.getId());
                    assertThat(partners.getHandlingCode()).isEqualTo(HandlingCode.H2);
                    assertThat(partners.getSharesList())
                            .extracting(CaseShare::getCountry)
                            .containsExactly(PARTNER);
                    assertThat(partners.getName()).isEqualTo(owners.getName());
                    on.hiddenFrom(
                            NOT_SEEING_CENTRE,
                            S,
                            "GetScamCentre",
                            CaseIntelligenceScenarios::getCentre,
                            c.getId());
                });

        scenarios.add(
                S,
                "ListScamCentres",
                on -> {
                    ScamCentre c = centreFixture(on);
                    assertThat(listedCentres(on, OWNER)).contains(c.getId());
                    assertThat(
                                    on.ok(
                                                    investigator(PARTNER),
                                                    S,
                                                    "ListScamCentres",
                                                    ListScamCentresRequest.newBuilder()
                                                            .setPageSize(200)
                                                            .build(),
                                                    ListScamCentresResponse.parser())
                                            .getScamCentresList())
                            .filteredOn(x -> x.getId().equals(c.getId()))
                            .singleElement()
                            .satisfies(
                                    x -> {
                                        assertThat(x.getHandlingCode()).isEqualTo(HandlingCode.H2);
                                        assertThat(x.getSharesList())
                                                .extracting(CaseShare::getCountry)
                                                .containsExactly(PARTNER);
                                    });
                    for (String tenant : List.of(STRANGER, REVOKED, HOST)) {
                        assertThat(listedCentres(on, tenant)).as(tenant).doesNotContain(c.getId());
                    }
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ListScamCentres",
                            ListScamCentresRequest.newBuilder().setPageSize(-1).build(),
                            NOTHING,
                            "page_size");
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ListScamCentres",
                            ListScamCentresRequest.newBuilder().setPageToken("garbage").build(),
                            NOTHING,
                            "page_token");
                });

        scenarios.add(
                S,
                "UpdateScamCentre",
                on -> {
                    ScamCentre c = centreFixture(on);
                    Function<String, Message> rename =
                            id ->
                                    UpdateScamCentreRequest.newBuilder()
                                            .setScamCentre(
                                                    ScamCentre.newBuilder()
                                                            .setId(id)
                                                            .setName("Taken over"))
                                            .setUpdateMask(FieldMask.newBuilder().addPaths("name"))
                                            .build();
                    on.deniedTo(
                            List.of(investigator(PARTNER)),
                            S,
                            "UpdateScamCentre",
                            rename.apply(c.getId()));
                    on.hiddenFrom(NOT_SEEING_CENTRE, S, "UpdateScamCentre", rename, c.getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "UpdateScamCentre",
                            UpdateScamCentreRequest.newBuilder()
                                    .setScamCentre(
                                            ScamCentre.newBuilder()
                                                    .setId(c.getId())
                                                    .setLocation(
                                                            ScamCentre.Location.newBuilder()
                                                                    .setCountry("KH")
                                                                    .setCoordinates(
                                                                            LatLng.newBuilder()
                                                                                    .setLatitude(10)
                                                                                    .setLongitude(
                                                                                            181))))
                                    .setUpdateMask(FieldMask.newBuilder().addPaths("location"))
                                    .build(),
                            centreState(on, c.getId()),
                            "scam_centre.location.coordinates.longitude");
                    ScamCentre updated =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "UpdateScamCentre",
                                    UpdateScamCentreRequest.newBuilder()
                                            .setScamCentre(
                                                    ScamCentre.newBuilder()
                                                            .setId(c.getId())
                                                            .setEtag(c.getEtag())
                                                            .setName("After " + RUN)
                                                            .setEstimatedPeopleHeld(3000)
                                                            .setDescription("not in the mask"))
                                            .setUpdateMask(
                                                    FieldMask.newBuilder()
                                                            .addPaths("name")
                                                            .addPaths("estimated_people_held"))
                                            .build(),
                                    ScamCentre.parser());
                    assertThat(updated.getName()).isEqualTo("After " + RUN);
                    assertThat(updated.getEstimatedPeopleHeld()).isEqualTo(3000);
                    assertThat(updated.getDescription()).isEqualTo(c.getDescription());
                    assertThat(getCentre(on, PARTNER, c.getId()).getName())
                            .isEqualTo("After " + RUN);
                    Supplier<Object> state = centreState(on, c.getId());
                    Object before = state.get();
                    on.refused(
                            Status.Code.ABORTED,
                            investigator(OWNER),
                            S,
                            "UpdateScamCentre",
                            UpdateScamCentreRequest.newBuilder()
                                    .setScamCentre(
                                            ScamCentre.newBuilder()
                                                    .setId(c.getId())
                                                    .setEtag(c.getEtag())
                                                    .setName("Stale"))
                                    .setUpdateMask(FieldMask.newBuilder().addPaths("name"))
                                    .build());
                    assertThat(state.get()).as("a stale etag changes nothing").isEqualTo(before);
                });

        scenarios.add(
                S,
                "ShareScamCentre",
                on -> {
                    ScamCentre c = centreFixture(on);
                    centreHiddenFrom(on, List.of(investigator("PH")), c.getId());
                    ScamCentre shared =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "ShareScamCentre",
                                    ShareScamCentreRequest.newBuilder()
                                            .setId(c.getId())
                                            .setCountry("PH")
                                            .setHandlingCode(HandlingCode.H1)
                                            .setEtag(c.getEtag())
                                            .build(),
                                    ScamCentre.parser());
                    assertThat(shared.getSharesList())
                            .extracting(CaseShare::getCountry)
                            .containsExactlyInAnyOrder(PARTNER, "PH");
                    assertThat(getCentre(on, "PH", c.getId()).getHandlingCode())
                            .isEqualTo(HandlingCode.H1);
                    assertThat(listedCentres(on, "PH")).contains(c.getId());
                    // A receiving country cannot pass a centre on; for the others there is nothing
                    // to share.
                    on.deniedTo(
                            List.of(investigator(PARTNER), investigator("PH")),
                            S,
                            "ShareScamCentre",
                            ShareScamCentreRequest.newBuilder()
                                    .setId(c.getId())
                                    .setCountry("BN")
                                    .setHandlingCode(HandlingCode.H3)
                                    .build());
                    on.hiddenFrom(
                            NOT_SEEING_CENTRE,
                            S,
                            "ShareScamCentre",
                            id ->
                                    ShareScamCentreRequest.newBuilder()
                                            .setId(id)
                                            .setCountry("BN")
                                            .setHandlingCode(HandlingCode.H3)
                                            .build(),
                            c.getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ShareScamCentre",
                            ShareScamCentreRequest.newBuilder()
                                    .setId(c.getId())
                                    .setCountry("ZZ")
                                    .build(),
                            centreState(on, c.getId()),
                            "country",
                            "handling_code");
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "ShareScamCentre",
                            ShareScamCentreRequest.newBuilder()
                                    .setId(c.getId())
                                    .setCountry("BN")
                                    .setHandlingCode(HandlingCode.H1)
                                    .setExpireTime(timestamp(Instant.now().minusSeconds(60)))
                                    .build(),
                            centreState(on, c.getId()),
                            "expire_time");
                    // A grant that expired gives nothing, exactly as if there had been none.
                    on.ok(
                            investigator(OWNER),
                            S,
                            "ShareScamCentre",
                            ShareScamCentreRequest.newBuilder()
                                    .setId(c.getId())
                                    .setCountry("ID")
                                    .setHandlingCode(HandlingCode.H1)
                                    .setExpireTime(timestamp(Instant.now().plusSeconds(3)))
                                    .build(),
                            ScamCentre.parser());
                    OnFace.eventually(
                            "the share of centre " + c.getId() + " to ID expires",
                            Duration.ofSeconds(60),
                            () ->
                                    on.call(
                                                            investigator("ID"),
                                                            S,
                                                            "GetScamCentre",
                                                            getCentre(c.getId()))
                                                    .code()
                                            == Status.Code.NOT_FOUND);
                    centreHiddenFrom(on, List.of(investigator("ID")), c.getId());
                    Supplier<Object> state = centreState(on, c.getId());
                    Object before = state.get();
                    on.refused(
                            Status.Code.ABORTED,
                            investigator(OWNER),
                            S,
                            "ShareScamCentre",
                            ShareScamCentreRequest.newBuilder()
                                    .setId(c.getId())
                                    .setCountry("BN")
                                    .setHandlingCode(HandlingCode.H0)
                                    .setEtag(c.getEtag())
                                    .build());
                    assertThat(state.get()).as("a stale etag changes nothing").isEqualTo(before);
                });

        scenarios.add(
                S,
                "RevokeScamCentreShare",
                on -> {
                    ScamCentre c = centreFixture(on);
                    on.deniedTo(
                            List.of(investigator(PARTNER)),
                            S,
                            "RevokeScamCentreShare",
                            RevokeScamCentreShareRequest.newBuilder()
                                    .setId(c.getId())
                                    .setCountry(PARTNER)
                                    .build());
                    on.hiddenFrom(
                            NOT_SEEING_CENTRE,
                            S,
                            "RevokeScamCentreShare",
                            id ->
                                    RevokeScamCentreShareRequest.newBuilder()
                                            .setId(id)
                                            .setCountry(PARTNER)
                                            .build(),
                            c.getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "RevokeScamCentreShare",
                            RevokeScamCentreShareRequest.newBuilder().setId(c.getId()).build(),
                            centreState(on, c.getId()),
                            "country");
                    ScamCentre revoked =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "RevokeScamCentreShare",
                                    RevokeScamCentreShareRequest.newBuilder()
                                            .setId(c.getId())
                                            .setCountry(PARTNER)
                                            .build(),
                                    ScamCentre.parser());
                    assertThat(revoked.getSharesList()).isEmpty();
                    centreHiddenFrom(on, List.of(investigator(PARTNER)), c.getId());
                });

        scenarios.add(
                S,
                "LinkScamCentreCase",
                on -> {
                    ScamCentre c = centreFixture(on);
                    Fixture shared = CaseServiceScenarios.fixture(on);
                    Case own = CaseServiceScenarios.open(on, OWNER, "Unshared compound case");
                    // Negative cases first: the partner of the centre may not link; a case KR
                    // cannot see does not exist.
                    on.deniedTo(
                            List.of(investigator(PARTNER)),
                            S,
                            "LinkScamCentreCase",
                            link(c.getId(), shared.id()));
                    on.hiddenFrom(
                            NOT_SEEING_CENTRE,
                            S,
                            "LinkScamCentreCase",
                            id -> link(id, shared.id()),
                            c.getId());
                    Case thais = CaseServiceScenarios.open(on, PARTNER, "TH's own compound case");
                    on.hidden(
                            investigator(OWNER),
                            S,
                            "LinkScamCentreCase",
                            caseId -> link(c.getId(), caseId),
                            thais.getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "LinkScamCentreCase",
                            link(c.getId(), ""),
                            centreState(on, c.getId()),
                            "case_id");
                    on.ok(
                            investigator(OWNER),
                            S,
                            "LinkScamCentreCase",
                            link(c.getId(), shared.id()),
                            ScamCentre.parser());
                    ScamCentre linked =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "LinkScamCentreCase",
                                    link(c.getId(), own.getId()),
                                    ScamCentre.parser());
                    assertThat(linked.getCaseIdsList())
                            .containsExactlyInAnyOrder(shared.id(), own.getId());
                    assertThat(
                                    on.ok(
                                                    investigator(OWNER),
                                                    S,
                                                    "LinkScamCentreCase",
                                                    link(c.getId(), own.getId()),
                                                    ScamCentre.parser())
                                            .getEtag())
                            .as("linking again changes nothing")
                            .isEqualTo(linked.getEtag());
                    // TH sees the centre and the shared case: only that link.
                    assertThat(getCentre(on, PARTNER, c.getId()).getCaseIdsList())
                            .containsExactly(shared.id());
                });

        scenarios.add(
                S,
                "UnlinkScamCentreCase",
                on -> {
                    ScamCentre c = centreFixture(on);
                    Fixture shared = CaseServiceScenarios.fixture(on);
                    on.ok(
                            investigator(OWNER),
                            S,
                            "LinkScamCentreCase",
                            link(c.getId(), shared.id()),
                            ScamCentre.parser());
                    on.deniedTo(
                            List.of(investigator(PARTNER)),
                            S,
                            "UnlinkScamCentreCase",
                            unlink(c.getId(), shared.id()));
                    on.hiddenFrom(
                            NOT_SEEING_CENTRE,
                            S,
                            "UnlinkScamCentreCase",
                            id -> unlink(id, shared.id()),
                            c.getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "UnlinkScamCentreCase",
                            unlink(c.getId(), ""),
                            centreState(on, c.getId()),
                            "case_id");
                    assertThat(getCentre(on, PARTNER, c.getId()).getCaseIdsList())
                            .containsExactly(shared.id());
                    ScamCentre unlinked =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "UnlinkScamCentreCase",
                                    unlink(c.getId(), shared.id()),
                                    ScamCentre.parser());
                    assertThat(unlinked.getCaseIdsList()).isEmpty();
                    assertThat(getCentre(on, PARTNER, c.getId()).getCaseIdsList()).isEmpty();
                    assertThat(
                                    on.ok(
                                                    investigator(OWNER),
                                                    S,
                                                    "UnlinkScamCentreCase",
                                                    unlink(c.getId(), shared.id()),
                                                    ScamCentre.parser())
                                            .getEtag())
                            .as("unlinking what is not linked changes nothing")
                            .isEqualTo(unlinked.getEtag());
                });

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
