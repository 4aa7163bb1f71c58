package org.chainbreaker.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.domain.Cases.analysis;
import static org.chainbreaker.cases.domain.Cases.lead;
import static org.chainbreaker.cases.domain.Cases.ownedBy;
import static org.chainbreaker.cases.domain.Cases.share;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rules a grant follows: the owner's, or those of a country passing its own grant on. */
class GrantRouteTest {

    @Test
    void a_share_partner_passes_a_case_on_and_the_owner_grants_it() {
        Case seen = ownedBy("KR", share("TH", HandlingCode.H1));
        assertThat(GrantRoute.ofShare(seen, "TH")).isEqualTo(GrantRoute.ONWARD);
        assertThat(GrantRoute.ofShare(seen, "KR")).isEqualTo(GrantRoute.OWNER);
    }

    @Test
    void the_assignee_passes_a_lead_on_and_the_owner_or_anyone_else_asks_to_assign_it() {
        Lead lead = lead(LeadStatus.IN_PROGRESS, "TH", HandlingCode.H1);
        assertThat(GrantRoute.ofHandOver(lead, "TH")).isEqualTo(GrantRoute.ONWARD);
        assertThat(GrantRoute.ofHandOver(lead, "KR")).isEqualTo(GrantRoute.OWNER);
        assertThat(GrantRoute.ofHandOver(lead, "VN")).isEqualTo(GrantRoute.OWNER);
    }

    @Test
    void the_assignee_passes_an_analysis_on_and_the_owner_assigns_it() {
        TechnicalAnalysis analysis = analysis("TH", HandlingCode.H1, List.of());
        assertThat(GrantRoute.ofHandOver(analysis, "TH")).isEqualTo(GrantRoute.ONWARD);
        assertThat(GrantRoute.ofHandOver(analysis, "KR")).isEqualTo(GrantRoute.OWNER);
    }
}
