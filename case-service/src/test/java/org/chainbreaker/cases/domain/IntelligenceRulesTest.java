package org.chainbreaker.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.domain.Cases.ownedBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chainbreaker.cases.domain.identifiers.IdentifierKind;
import org.junit.jupiter.api.Test;

/** Whom an identifier check answers and whom a scam report concerns, without a database. */
class IntelligenceRulesTest {

    private static NewScamReport reportOf(String... normalizedValues) {
        return new NewScamReport(
                ScamChannel.values()[0],
                ScamMethod.values()[0],
                Optional.empty(),
                "narrative",
                java.util.Arrays.stream(normalizedValues)
                        .map(v -> new ReportedIdentifier(IdentifierKind.PHONE_NUMBER, v, v))
                        .toList(),
                Optional.empty());
    }

    @Test
    void a_case_the_caller_sees_is_answered_in_full_never_again_as_a_hit() {
        Case visible = ownedBy("TH");
        IdentifierMatch.Hit sameCase =
                new IdentifierMatch.Hit(visible.ownerCountry(), visible.reference());
        IdentifierMatch.Hit hidden = new IdentifierMatch.Hit("VN", "VN-2026-000007");
        IdentifierMatch match =
                IdentifierMatch.of(
                        "phone:+66812345678", List.of(visible), List.of(sameCase, hidden));
        assertThat(match.visibleCases()).containsExactly(visible);
        assertThat(match.hits()).containsExactly(hidden);
        assertThat(match.noHit()).isFalse();
    }

    @Test
    void a_check_nothing_holds_is_a_no_hit() {
        assertThat(IdentifierMatch.of("phone:+66812345678", List.of(), List.of()).noHit()).isTrue();
    }

    @Test
    void
            a_scam_report_concerns_its_identifiers_countries_and_the_cases_partners_never_the_reporter() {
        NewScamReport report = reportOf("phone:+66812345678", "phone:+85512345678");
        assertThat(
                        report.concernedCountries(
                                List.of("VN", "KR"), Set.of("TH", "KH", "VN", "KR"), "KR"))
                .containsExactly("KH", "TH", "VN");
    }

    @Test
    void a_scam_report_concerns_only_countries_served_here() {
        NewScamReport report = reportOf("phone:+447700900123");
        assertThat(report.concernedCountries(List.of("XX"), Set.of("TH", "KR"), "KR")).isEmpty();
    }
}
