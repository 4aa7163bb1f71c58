package org.chainbreaker.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.junit.jupiter.api.Test;

class CaseRulesTest {

    private final SharingPolicy sharing = new SharingPolicy(TenantDirectory.region());

    @Test
    void references_carry_owner_year_and_six_digit_sequence() {
        assertThat(new CaseReference("KR", 2026, 123)).hasToString("KR-2026-000123");
        assertThat(new CaseReference("INTERPOL", 2026, 1_234_567))
                .hasToString("INTERPOL-2026-1234567");
    }

    @Test
    void a_new_case_names_every_wrong_field_at_once() {
        assertThatThrownBy(
                        () ->
                                NewCase.of(
                                        " ",
                                        null,
                                        // The summary's length limit is the contract's
                                        // (ContractRulesOverGrpcTest), not repeated here.
                                        "x".repeat(10_001),
                                        "no spaces allowed"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e ->
                                assertThat(e.violations())
                                        .extracting(InvalidArgumentException.FieldViolation::field)
                                        .containsExactly(
                                                "case.title", "case.category", "request_id"));
    }

    @Test
    void titles_with_control_characters_are_refused() {
        assertThatThrownBy(() -> NewCase.of("bad\u0000title", CaseCategory.ONLINE_SCAM, "", ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("case.title"));
    }

    @Test
    void a_case_is_shared_only_with_a_known_other_country_under_a_handling_code() {
        sharing.checkGrant("KR", "TH", HandlingCode.H2);
        assertThatThrownBy(() -> sharing.checkGrant("KR", "KR", HandlingCode.H0))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("country");
        assertThatThrownBy(() -> sharing.checkGrant("KR", "XX", HandlingCode.H0))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("country");
        assertThatThrownBy(() -> sharing.checkGrant("KR", "TH", null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("handling_code");
    }

    @Test
    void only_the_owner_with_a_granting_role_may_share() {
        Case krCase =
                new Case(
                        UUID.randomUUID(),
                        "KR-2026-000001",
                        "KR",
                        "t",
                        CaseCategory.ONLINE_SCAM,
                        CaseStatus.OPEN,
                        "",
                        Instant.now(),
                        Instant.now(),
                        1,
                        List.of(
                                new Share(
                                        "TH", HandlingCode.H1, "kr-investigator", Instant.now())));
        CasePermissions.mayGrant(krCase, "KR", Set.of("liaison"));
        assertThatThrownBy(() -> CasePermissions.mayGrant(krCase, "TH", Set.of("investigator")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> CasePermissions.mayGrant(krCase, "KR", Set.of("analyst")))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void lifecycle_allows_only_its_steps() {
        assertThat(CaseStatus.OPEN.canMoveTo(CaseStatus.UNDER_INVESTIGATION)).isTrue();
        assertThat(CaseStatus.OPEN.canMoveTo(CaseStatus.EVIDENCE_SUFFICIENT)).isFalse();
        assertThat(CaseStatus.CLOSED.canMoveTo(CaseStatus.OPEN)).isFalse();
    }

    @Test
    void etags_change_with_the_version_and_page_tokens_round_trip() {
        UUID id = UUID.randomUUID();
        assertThat(Case.etagOf(id, 1)).isNotEqualTo(Case.etagOf(id, 2)).hasSize(16);
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-23T10:15:30.123456Z"), id);
        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThatThrownBy(() -> PageCursor.decode("not-a-token"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("page_token");
    }
}
