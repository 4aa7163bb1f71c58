package org.chainbreaker.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chainbreaker.cases.domain.Cases.NOW;
import static org.chainbreaker.cases.domain.Cases.ownedBy;
import static org.chainbreaker.cases.domain.Cases.share;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.junit.jupiter.api.Test;

/** What a grant of a case to another country is, by the owner, passed on, or for an operation. */
class ShareRulesTest {

    private static final Set<String> LIAISON = Set.of("liaison");
    private final SharingPolicy sharing = new SharingPolicy(TenantDirectory.region());

    private static InvalidArgumentException.FieldViolation onlyViolation(Throwable e) {
        return ((InvalidArgumentException) e).violations().getFirst();
    }

    @Test
    void an_owner_grant_is_made_by_the_owner_with_the_requested_code_contacts_and_expiry() {
        Optional<Instant> until = Optional.of(NOW.plusSeconds(3600));
        Share grant =
                sharing.ownerGrant(
                        "KR",
                        "kr-liaison",
                        new ShareRequest("TH", HandlingCode.H1, true, until),
                        NOW);
        assertThat(grant)
                .isEqualTo(
                        new Share(
                                "TH",
                                HandlingCode.H1,
                                "kr-liaison",
                                NOW,
                                true,
                                until,
                                "KR",
                                Optional.empty(),
                                Optional.empty()));
    }

    @Test
    void an_owner_grant_may_not_expire_in_the_past() {
        assertThatThrownBy(
                        () ->
                                sharing.ownerGrant(
                                        "KR",
                                        "kr-liaison",
                                        ShareRequest.of("TH", HandlingCode.H1, Optional.of(NOW)),
                                        NOW))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(onlyViolation(e).field()).isEqualTo("expire_time"));
    }

    @Test
    void a_partner_passes_a_case_on_only_under_a_code_that_permits_it() {
        Case seen = ownedBy("KR", share("TH", HandlingCode.H2));
        assertThatThrownBy(
                        () ->
                                sharing.onwardGrant(
                                        seen,
                                        "TH",
                                        LIAISON,
                                        "th-liaison",
                                        ShareRequest.of("VN", HandlingCode.H2, Optional.empty()),
                                        NOW))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("H2");
    }

    @Test
    void an_onward_grant_ends_with_the_received_one_and_is_made_by_the_partner() {
        Optional<Instant> received = Optional.of(NOW.plusSeconds(600));
        Case seen = ownedBy("KR", share("TH", HandlingCode.H1, received));
        Share onward =
                sharing.onwardGrant(
                        seen,
                        "TH",
                        LIAISON,
                        "th-liaison",
                        ShareRequest.of("VN", HandlingCode.H1, Optional.empty()),
                        NOW);
        assertThat(onward.expireTime()).isEqualTo(received);
        assertThat(onward.grantedBy()).isEqualTo("TH");
        assertThat(onward.sharedBy()).isEqualTo("th-liaison");
        assertThat(onward.victimContacts()).isFalse();
    }

    @Test
    void an_onward_grant_is_no_less_strict_than_the_received_one() {
        Case seen = ownedBy("KR", share("TH", HandlingCode.H1));
        assertThatThrownBy(
                        () ->
                                sharing.onwardGrant(
                                        seen,
                                        "TH",
                                        LIAISON,
                                        "th-liaison",
                                        ShareRequest.of("VN", HandlingCode.H0, Optional.empty()),
                                        NOW))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(onlyViolation(e).field()).isEqualTo("handling_code"));
    }

    @Test
    void only_the_owner_discloses_victims_contacts() {
        Case seen = ownedBy("KR", share("TH", HandlingCode.H0));
        assertThatThrownBy(
                        () ->
                                sharing.onwardGrant(
                                        seen,
                                        "TH",
                                        LIAISON,
                                        "th-liaison",
                                        new ShareRequest(
                                                "VN", HandlingCode.H0, true, Optional.empty()),
                                        NOW))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e ->
                                assertThat(onlyViolation(e).field())
                                        .isEqualTo("disclose_victim_contacts"));
    }

    @Test
    void a_country_seeing_the_case_only_through_a_lead_passes_nothing_on() {
        Case header = ownedBy("KR").header();
        assertThatThrownBy(
                        () ->
                                sharing.onwardGrant(
                                        header,
                                        "TH",
                                        LIAISON,
                                        "th-liaison",
                                        ShareRequest.of("VN", HandlingCode.H1, Optional.empty()),
                                        NOW))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void an_operation_grants_every_other_participant_until_it_ends() {
        Operation seaf =
                new Operation(
                        UUID.randomUUID(),
                        "SEAF",
                        Set.of("VN", "KR", "TH"),
                        NOW,
                        NOW.plusSeconds(86_400));
        List<Share> grants =
                sharing.operationGrants("KR", seaf, HandlingCode.H2, "kr-liaison", NOW);
        assertThat(grants).extracting(Share::country).containsExactly("TH", "VN");
        assertThat(grants)
                .allSatisfy(
                        g -> {
                            assertThat(g.expireTime()).contains(seaf.endTime());
                            assertThat(g.operation())
                                    .contains(new Share.ShareOperation(seaf.id(), "SEAF"));
                            assertThat(g.grantedBy()).isEqualTo("KR");
                        });
    }

    @Test
    void an_operation_with_a_participant_not_served_here_grants_nobody() {
        Operation withUnknown =
                new Operation(
                        UUID.randomUUID(), "SEAF", Set.of("KR", "XX"), NOW, NOW.plusSeconds(60));
        assertThatThrownBy(
                        () ->
                                sharing.operationGrants(
                                        "KR", withUnknown, HandlingCode.H2, "kr-liaison", NOW))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void a_grant_is_noted_with_its_country_code_disclosure_and_expiry() {
        assertThat(Cases.share("TH", HandlingCode.H1).note()).isEqualTo("to TH under H1");
        Share full =
                sharing.ownerGrant(
                        "KR",
                        "kr-liaison",
                        new ShareRequest(
                                "TH", HandlingCode.H0, true, Optional.of(NOW.plusSeconds(60))),
                        NOW);
        assertThat(full.note())
                .isEqualTo("to TH under H0 with victims' contacts until " + NOW.plusSeconds(60));
    }
}
