package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.NOT_SEEING_CENTRE;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.OWNER;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.PARTNER;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.S;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.centreFixture;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.centreHiddenFrom;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.centreState;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.getCentre;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.link;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.listedCentres;
import static org.chainbreaker.systemtests.CaseIntelligenceScenarios.unlink;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.timestamp;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.RevokeScamCentreShareRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ShareScamCentreRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.systemtests.CaseServiceScenarios.Fixture;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * The case-service's scam-centre RPCs that decide who sees a centre and which cases it links to:
 * share, revoke a share, link and unlink a case (parties and fixtures in {@link
 * CaseIntelligenceScenarios}).
 */
final class ScamCentreSharingScenarios {

    private ScamCentreSharingScenarios() {}

    static void register(Scenarios scenarios) {
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
    }
}
