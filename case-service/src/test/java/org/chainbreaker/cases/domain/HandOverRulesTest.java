package org.chainbreaker.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chainbreaker.cases.domain.Cases.NOW;
import static org.chainbreaker.cases.domain.Cases.analysis;
import static org.chainbreaker.cases.domain.Cases.lead;
import static org.chainbreaker.cases.domain.Cases.ownedBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chainbreaker.platform.errors.EtagMismatchException;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.junit.jupiter.api.Test;

/** Handing a lead or an analysis to a country: by its owner, or passed on by its assignee. */
class HandOverRulesTest {

    private static final Set<String> INVESTIGATOR = Set.of("investigator");
    private final HandOver handOver = new HandOver(new SharingPolicy(TenantDirectory.region()));

    @Test
    void the_owner_assigns_a_lead_and_a_new_assignee_starts_at_assigned() {
        Lead lead = lead(LeadStatus.IN_PROGRESS, "TH", HandlingCode.H1);
        Step.Move<Lead.Assignment> move =
                handOver.assign(
                                ownedBy("KR"),
                                lead,
                                "KR",
                                INVESTIGATOR,
                                "VN",
                                HandlingCode.H2,
                                lead.etag())
                        .orThrow();
        assertThat(move.from().country()).contains("TH");
        assertThat(move.to().status()).isEqualTo(LeadStatus.ASSIGNED);
        assertThat(move.to().country()).contains("VN");
    }

    @Test
    void only_the_owner_of_the_case_assigns_its_leads() {
        Lead lead = lead(LeadStatus.NEW, null, null);
        assertThatThrownBy(
                        () ->
                                handOver.assign(
                                        ownedBy("KR"),
                                        lead,
                                        "TH",
                                        INVESTIGATOR,
                                        "VN",
                                        HandlingCode.H1,
                                        ""))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void a_lead_assigned_on_a_stale_version_is_refused_before_its_state_is_asked() {
        Lead closed = lead(LeadStatus.CONFIRMED, "TH", HandlingCode.H1);
        assertThatThrownBy(
                        () ->
                                handOver.assign(
                                        ownedBy("KR"),
                                        closed,
                                        "KR",
                                        INVESTIGATOR,
                                        "VN",
                                        HandlingCode.H1,
                                        Lead.etagOf(closed.id(), closed.version() - 1)))
                .isInstanceOf(EtagMismatchException.class);
    }

    @Test
    void a_closed_lead_is_not_handed_over() {
        Lead closed = lead(LeadStatus.DISMISSED, "TH", HandlingCode.H1);
        assertThat(
                        handOver.assign(
                                ownedBy("KR"),
                                closed,
                                "KR",
                                INVESTIGATOR,
                                "VN",
                                HandlingCode.H1,
                                ""))
                .isInstanceOf(Step.Refusal.class);
        assertThatThrownBy(
                        () ->
                                handOver.passOn(
                                                closed,
                                                "TH",
                                                INVESTIGATOR,
                                                "VN",
                                                HandlingCode.H1,
                                                "")
                                        .orThrow())
                .isInstanceOf(FailedPreconditionException.class);
    }

    @Test
    void an_assignee_passes_a_lead_on_keeping_its_status_and_is_answered_the_lead_as_handed_over() {
        Lead lead = lead(LeadStatus.IN_PROGRESS, "TH", HandlingCode.H1);
        assertThat(lead.heldAsAssigneeBy("TH")).isTrue();
        assertThat(lead.heldAsAssigneeBy("KR")).isFalse();
        Step.Move<Lead.Assignment> move =
                handOver.passOn(lead, "TH", INVESTIGATOR, "VN", HandlingCode.H1, lead.etag())
                        .orThrow();
        Lead after = lead.handedOver(move.to(), NOW.plusSeconds(1));
        assertThat(after.status()).isEqualTo(LeadStatus.IN_PROGRESS);
        assertThat(after.assignedCountry()).contains("VN");
        assertThat(after.version()).isEqualTo(lead.version() + 1);
        assertThat(after.updateTime()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void an_assignment_under_h2_is_not_passed_on() {
        Lead lead = lead(LeadStatus.ASSIGNED, "TH", HandlingCode.H2);
        assertThatThrownBy(
                        () -> handOver.passOn(lead, "TH", INVESTIGATOR, "VN", HandlingCode.H2, ""))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void a_lead_is_not_passed_on_back_to_the_owner() {
        Lead lead = lead(LeadStatus.ASSIGNED, "TH", HandlingCode.H0);
        assertThatThrownBy(
                        () -> handOver.passOn(lead, "TH", INVESTIGATOR, "KR", HandlingCode.H0, ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("country"));
    }

    @Test
    void an_analysis_is_passed_on_by_a_role_that_works_assignments_and_no_less_strictly() {
        TechnicalAnalysis analysis = analysis("TH", HandlingCode.H1, List.of());
        assertThat(analysis.heldAsAssigneeBy("TH")).isTrue();
        handOver.passOn(analysis, "TH", INVESTIGATOR, "VN", HandlingCode.H1, analysis.etag());
        assertThatThrownBy(
                        () ->
                                handOver.passOn(
                                        analysis,
                                        "TH",
                                        Set.of("analyst"),
                                        "VN",
                                        HandlingCode.H1,
                                        ""))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(
                        () ->
                                handOver.passOn(
                                        analysis, "TH", INVESTIGATOR, "VN", HandlingCode.H0, ""))
                .isInstanceOf(InvalidArgumentException.class);
        TechnicalAnalysis after = analysis.passedOn("VN", HandlingCode.H1, NOW);
        assertThat(after.assignedCountry()).contains("VN");
        assertThat(after.assignHandling()).isEqualTo(Optional.of(HandlingCode.H1));
        assertThat(after.version()).isEqualTo(analysis.version() + 1);
    }
}
