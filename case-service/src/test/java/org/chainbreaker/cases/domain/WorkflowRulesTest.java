package org.chainbreaker.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The case and lead state machines, one rule per test, without a database. */
class WorkflowRulesTest {

    private static Case caseIn(CaseStatus status) {
        return new Case(
                UUID.randomUUID(),
                "KR-2026-000001",
                "KR",
                "t",
                CaseCategory.ONLINE_SCAM,
                status,
                "",
                Instant.EPOCH,
                Instant.EPOCH,
                3,
                List.of());
    }

    private static Lead leadIn(LeadStatus status, String assignee, HandlingCode code) {
        return new Lead(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "KR",
                LeadKind.OTHER,
                "v",
                Optional.empty(),
                "",
                status,
                Optional.ofNullable(assignee),
                Optional.ofNullable(code),
                Instant.EPOCH,
                Instant.EPOCH,
                2,
                List.of());
    }

    private static Lead.Assignment at(LeadStatus status, String country, HandlingCode code) {
        return new Lead.Assignment(status, Optional.ofNullable(country), Optional.ofNullable(code));
    }

    // ------------------------------------------------------------------------------------------------ cases

    @Test
    void a_case_step_of_its_lifecycle_moves_from_the_status_it_was_decided_on() {
        assertThat(caseIn(CaseStatus.OPEN).moveTo(CaseStatus.UNDER_INVESTIGATION))
                .isEqualTo(Step.move(CaseStatus.OPEN, CaseStatus.UNDER_INVESTIGATION));
    }

    @Test
    void a_case_step_outside_its_lifecycle_is_refused() {
        assertThat(caseIn(CaseStatus.OPEN).moveTo(CaseStatus.EVIDENCE_SUFFICIENT))
                .isInstanceOf(Step.Refusal.class);
    }

    @Test
    void a_case_does_not_move_to_the_status_it_has() {
        for (CaseStatus status : CaseStatus.values()) {
            assertThat(caseIn(status).moveTo(status)).isInstanceOf(Step.Refusal.class);
        }
    }

    @Test
    void a_closed_case_is_only_reopened_for_investigation() {
        assertThat(caseIn(CaseStatus.CLOSED).moveTo(CaseStatus.UNDER_INVESTIGATION))
                .isEqualTo(Step.move(CaseStatus.CLOSED, CaseStatus.UNDER_INVESTIGATION));
        assertThat(caseIn(CaseStatus.CLOSED).moveTo(CaseStatus.OPEN))
                .isInstanceOf(Step.Refusal.class);
    }

    // ------------------------------------------------------------------------------------------------ leads

    @Test
    void a_lead_status_step_moves_from_the_status_it_was_decided_on() {
        assertThat(
                        leadIn(LeadStatus.IN_PROGRESS, "TH", HandlingCode.H1)
                                .moveTo(LeadStatus.CONFIRMED))
                .isEqualTo(Step.move(LeadStatus.IN_PROGRESS, LeadStatus.CONFIRMED));
    }

    @Test
    void a_lead_status_step_outside_its_lifecycle_is_refused() {
        assertThat(leadIn(LeadStatus.ASSIGNED, "TH", HandlingCode.H1).moveTo(LeadStatus.CONFIRMED))
                .isInstanceOf(Step.Refusal.class);
        assertThat(
                        leadIn(LeadStatus.IN_PROGRESS, "TH", HandlingCode.H1)
                                .moveTo(LeadStatus.IN_PROGRESS))
                .isInstanceOf(Step.Refusal.class);
    }

    @Test
    void assigning_a_new_lead_makes_it_assigned() {
        assertThat(leadIn(LeadStatus.NEW, null, null).assign("TH", HandlingCode.H1))
                .isEqualTo(
                        Step.move(
                                at(LeadStatus.NEW, null, null),
                                at(LeadStatus.ASSIGNED, "TH", HandlingCode.H1)));
    }

    @Test
    void the_owner_takes_an_in_progress_lead_to_another_country_which_starts_at_assigned() {
        assertThat(
                        leadIn(LeadStatus.IN_PROGRESS, "TH", HandlingCode.H1)
                                .assign("VN", HandlingCode.H2))
                .isEqualTo(
                        Step.move(
                                at(LeadStatus.IN_PROGRESS, "TH", HandlingCode.H1),
                                at(LeadStatus.ASSIGNED, "VN", HandlingCode.H2)));
    }

    @Test
    void reassigning_to_the_same_country_under_another_code_keeps_the_status() {
        assertThat(
                        leadIn(LeadStatus.IN_PROGRESS, "TH", HandlingCode.H1)
                                .assign("TH", HandlingCode.H3))
                .isEqualTo(
                        Step.move(
                                at(LeadStatus.IN_PROGRESS, "TH", HandlingCode.H1),
                                at(LeadStatus.IN_PROGRESS, "TH", HandlingCode.H3)));
    }

    @Test
    void a_closed_lead_is_not_reassigned() {
        assertThat(
                        leadIn(LeadStatus.CONFIRMED, "TH", HandlingCode.H1)
                                .assign("VN", HandlingCode.H1))
                .isInstanceOf(Step.Refusal.class);
        assertThat(
                        leadIn(LeadStatus.DISMISSED, "TH", HandlingCode.H1)
                                .assign("VN", HandlingCode.H1))
                .isInstanceOf(Step.Refusal.class);
    }

    @Test
    void a_lead_passed_on_keeps_its_status() {
        assertThat(
                        leadIn(LeadStatus.IN_PROGRESS, "TH", HandlingCode.H1)
                                .passOn("VN", HandlingCode.H1))
                .isEqualTo(
                        Step.move(
                                at(LeadStatus.IN_PROGRESS, "TH", HandlingCode.H1),
                                at(LeadStatus.IN_PROGRESS, "VN", HandlingCode.H1)));
    }

    @Test
    void a_closed_lead_is_not_passed_on() {
        assertThat(
                        leadIn(LeadStatus.DISMISSED, "TH", HandlingCode.H0)
                                .passOn("VN", HandlingCode.H1))
                .isInstanceOf(Step.Refusal.class);
    }

    @Test
    void only_confirmed_and_dismissed_leads_are_closed() {
        assertThat(List.of(LeadStatus.values()))
                .filteredOn(LeadStatus::closed)
                .containsExactly(LeadStatus.CONFIRMED, LeadStatus.DISMISSED);
    }
}
