package org.chainbreaker.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chainbreaker.cases.domain.Cases.NOW;
import static org.chainbreaker.cases.domain.Cases.analysis;
import static org.chainbreaker.cases.domain.Cases.ownedBy;
import static org.chainbreaker.cases.domain.Cases.share;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.junit.jupiter.api.Test;

/** Who learns what about a case, and what a change request must name, without a database. */
class CaseAccessRulesTest {

    private static Person person(PersonRole role) {
        return new Person(
                UUID.randomUUID(),
                UUID.randomUUID(),
                role,
                "name",
                "TH",
                OptionalInt.empty(),
                "",
                Optional.of("+66812345678"),
                false,
                NOW,
                List.of());
    }

    @Test
    void only_the_owning_country_sees_who_read_or_checked_its_case() {
        Case shared = ownedBy("KR", share("TH", HandlingCode.H0));
        CasePermissions.maySeeReads(shared, "KR");
        CasePermissions.maySeeChecks(shared, "KR");
        assertThatThrownBy(() -> CasePermissions.maySeeReads(shared, "TH"))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> CasePermissions.maySeeChecks(shared, "TH"))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void scam_reports_are_registered_by_investigators_liaison_officers_and_analysts() {
        for (String role : List.of("investigator", "liaison", "analyst", "admin")) {
            CasePermissions.mayReport(Set.of(role));
        }
        assertThatThrownBy(() -> CasePermissions.mayReport(Set.of("viewer")))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void a_partner_under_h2_sees_suspects_but_no_victims() {
        Case shared = ownedBy("KR", share("TH", HandlingCode.H2));
        List<Person> visible =
                VictimProtection.visible(
                        shared,
                        "TH",
                        Set.of("investigator"),
                        List.of(person(PersonRole.SUSPECT), person(PersonRole.VICTIM)));
        assertThat(visible).extracting(Person::role).containsExactly(PersonRole.SUSPECT);
    }

    @Test
    void a_victims_contact_is_withheld_unless_the_owner_disclosed_it() {
        Case shared = ownedBy("KR", share("TH", HandlingCode.H1));
        List<Person> visible =
                VictimProtection.visible(
                        shared, "TH", Set.of("liaison"), List.of(person(PersonRole.VICTIM)));
        assertThat(visible).singleElement().satisfies(p -> assertThat(p.contact()).isEmpty());
        assertThat(
                        VictimProtection.visible(
                                shared,
                                "KR",
                                Set.of("analyst"),
                                List.of(person(PersonRole.VICTIM))))
                .singleElement()
                .satisfies(p -> assertThat(p.contact()).isPresent());
    }

    @Test
    void a_country_seeing_only_the_header_sees_no_persons() {
        Case header = ownedBy("KR").header();
        assertThat(
                        VictimProtection.visible(
                                header,
                                "TH",
                                Set.of("investigator"),
                                List.of(person(PersonRole.SUSPECT))))
                .isEmpty();
    }

    @Test
    void a_case_transition_names_the_status_it_moves_to() {
        assertThat(CaseStatus.requireTarget(CaseStatus.CLOSED)).isEqualTo(CaseStatus.CLOSED);
        assertThatThrownBy(() -> CaseStatus.requireTarget(null))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("status"));
    }

    @Test
    void a_lead_status_change_names_its_target_and_never_asks_for_assigned() {
        LeadStatus.checkRequested(LeadStatus.CONFIRMED);
        assertThatThrownBy(() -> LeadStatus.checkRequested(null))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> LeadStatus.checkRequested(LeadStatus.ASSIGNED))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("assigning");
    }

    @Test
    void a_refused_step_is_answered_as_a_failed_precondition_and_a_move_is_stored() {
        assertThatThrownBy(() -> Step.<CaseStatus>refuse("no").orThrow())
                .isInstanceOf(FailedPreconditionException.class)
                .hasMessageContaining("no");
        assertThat(Step.move(CaseStatus.OPEN, CaseStatus.CLOSED).orThrow())
                .isEqualTo(new Step.Move<>(CaseStatus.OPEN, CaseStatus.CLOSED));
    }

    @Test
    void an_analysis_with_a_field_that_cannot_be_opened_is_not_edited() {
        assertThat(analysis(null, null, List.of()).refusesEditing()).isEmpty();
        assertThat(analysis(null, null, List.of("description")).refusesEditing())
                .get()
                .isInstanceOf(FailedPreconditionException.class)
                .extracting(Throwable::getMessage)
                .asString()
                .contains("description");
    }

    @Test
    void a_read_by_another_country_is_audited_for_the_owner_and_the_owners_own_is_not() {
        Case shared = ownedBy("KR", share("TH", HandlingCode.H1));
        assertThat(shared.auditsReadBy("TH")).isTrue();
        assertThat(shared.auditsReadBy("KR")).isFalse();
        Lead assigned = Cases.lead(LeadStatus.ASSIGNED, "TH", HandlingCode.H1);
        assertThat(assigned.auditsReadBy("TH")).isTrue();
        assertThat(assigned.auditsReadBy("KR")).isFalse();
    }

    @Test
    void the_owner_grants_a_share_and_a_country_holding_one_passes_it_on() {
        Case shared = ownedBy("KR", share("TH", HandlingCode.H1));
        assertThat(shared.sharedOnBy("KR")).isFalse();
        assertThat(shared.sharedOnBy("TH")).isTrue();
    }
}
