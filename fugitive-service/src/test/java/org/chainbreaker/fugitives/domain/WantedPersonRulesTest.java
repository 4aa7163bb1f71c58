package org.chainbreaker.fugitives.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.NoticeSteps.SightingStep;
import org.chainbreaker.fugitives.domain.NoticeSteps.StatusChange;
import org.chainbreaker.fugitives.domain.NoticeSteps.TransferStep;
import org.chainbreaker.fugitives.domain.NoticeSteps.Withdrawal;
import org.chainbreaker.platform.errors.ChainbreakerException;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.junit.jupiter.api.Test;

/**
 * The rules of a wanted person, one rule per test, on records in memory: what each step decides in
 * each state.
 */
class WantedPersonRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final WantedPersonDetails DETAILS =
            new WantedPersonDetails(
                    new PersonName("Kim Min-su", "Latn"),
                    List.of(),
                    Optional.empty(),
                    PartialDate.UNKNOWN,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of("fraud"),
                    new Warrant("W-1", "Seoul Central District Court"),
                    Set.of(),
                    "");
    private static final Arrest BY_TH =
            new Arrest("TH", "Pattaya", NOW.minusSeconds(3600), "Bangkok Remand Prison");

    static WantedPerson notice(NoticeStatus status) {
        return person(status, Custody.AT_LARGE, Optional.empty(), Optional.empty());
    }

    private static WantedPerson person(
            NoticeStatus status,
            Custody custody,
            Optional<Arrest> arrest,
            Optional<CustodyTransfer> transfer) {
        return new WantedPerson(
                UUID.randomUUID(),
                "KR-WP-2026-000001",
                "KR",
                DETAILS,
                status,
                custody,
                arrest,
                transfer,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                NOW,
                NOW,
                3);
    }

    private static WantedPerson arrested() {
        return person(
                NoticeStatus.PUBLISHED, Custody.ARRESTED, Optional.of(BY_TH), Optional.empty());
    }

    private static CustodyTransfer transfer(String reference, String from) {
        return new CustodyTransfer(reference, NOW.minusSeconds(60), from, "KR", "KR", NOW);
    }

    private static NewSighting seenIn(String country) {
        return new NewSighting(
                country, "Bangkok", NOW.minusSeconds(60), Confidence.CONFIRMED, "CCTV");
    }

    private static Sighting sighting(Optional<String> granted, Optional<Instant> withdrawn) {
        return new Sighting(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "KH",
                "Poipet",
                NOW,
                Confidence.CONFIRMED,
                "police",
                "KR",
                NOW,
                granted,
                withdrawn);
    }

    private static ChainbreakerException refusal(Decision<?> decision) {
        assertThat(decision).isInstanceOf(Decision.Refused.class);
        return ((Decision.Refused<?>) decision).reason();
    }

    private static <T> T accepted(Decision<T> decision) {
        assertThat(decision).isInstanceOf(Decision.Accepted.class);
        return decision.orThrow();
    }

    @Test
    void a_draft_is_submitted_and_the_change_names_the_status_it_moves_from() {
        StatusChange change = accepted(notice(NoticeStatus.DRAFT).submit());
        assertThat(change.from()).isEqualTo(NoticeStatus.DRAFT);
        assertThat(change.to()).isEqualTo(NoticeStatus.UNDER_REVIEW);
        assertThat(change.event()).isEqualTo("wanted_person.submitted");
    }

    @Test
    void only_a_notice_under_review_is_published() {
        assertThat(accepted(notice(NoticeStatus.UNDER_REVIEW).publish()).from())
                .isEqualTo(NoticeStatus.UNDER_REVIEW);
        for (NoticeStatus other :
                List.of(NoticeStatus.DRAFT, NoticeStatus.PUBLISHED, NoticeStatus.CANCELLED)) {
            assertThat(refusal(notice(other).publish()))
                    .isInstanceOf(FailedPreconditionException.class)
                    .hasMessageContaining(other.name());
        }
    }

    @Test
    void a_cancelled_notice_is_never_published_again_nor_cancelled_twice() {
        assertThat(refusal(notice(NoticeStatus.CANCELLED).publish()))
                .isInstanceOf(FailedPreconditionException.class);
        assertThat(refusal(notice(NoticeStatus.CANCELLED).cancel("again")))
                .isInstanceOf(FailedPreconditionException.class);
        assertThat(refusal(notice(NoticeStatus.CANCELLED).submit()))
                .isInstanceOf(FailedPreconditionException.class);
    }

    @Test
    void a_cancellation_keeps_its_reason_and_the_status_it_came_from() {
        StatusChange change =
                accepted(notice(NoticeStatus.PUBLISHED).cancel("  warrant withdrawn "));
        assertThat(change.from()).isEqualTo(NoticeStatus.PUBLISHED);
        assertThat(change.cancellationReason()).contains("warrant withdrawn");
        assertThat(accepted(notice(NoticeStatus.DRAFT).cancel("x")).from())
                .isEqualTo(NoticeStatus.DRAFT);
    }

    @Test
    void a_cancellation_needs_a_reason_named_as_the_reason_field() {
        FieldChecks blank = new FieldChecks();
        NoticeStatus.checkReason(NoticeStatus.CANCELLED, "  ", blank);
        assertThatThrownBy(blank::throwIfAny)
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("reason:");
        FieldChecks otherStep = new FieldChecks();
        NoticeStatus.checkReason(NoticeStatus.PUBLISHED, "", otherStep);
        otherStep.throwIfAny();
        FieldChecks given = new FieldChecks();
        NoticeStatus.checkReason(NoticeStatus.CANCELLED, "warrant withdrawn", given);
        given.throwIfAny();
    }

    @Test
    void cancelling_the_notice_of_an_arrested_person_closes_the_arrests_draft_transfer() {
        assertThat(accepted(arrested().cancel("warrant withdrawn")).closesArrestDraft()).isTrue();
        assertThat(accepted(notice(NoticeStatus.PUBLISHED).cancel("x")).closesArrestDraft())
                .isFalse();
        assertThat(
                        accepted(arrested().moveTo(NoticeStatus.CANCELLED, Optional.of("x")))
                                .closesArrestDraft())
                .isTrue();
    }

    @Test
    void only_a_cancellation_ends_the_access_of_the_countries_that_saw_the_notice() {
        assertThat(accepted(notice(NoticeStatus.PUBLISHED).cancel("x")).endsAccess()).isTrue();
        assertThat(accepted(notice(NoticeStatus.DRAFT).submit()).endsAccess()).isFalse();
        assertThat(accepted(notice(NoticeStatus.UNDER_REVIEW).publish()).endsAccess()).isFalse();
        assertThat(
                        accepted(
                                        notice(NoticeStatus.UNDER_REVIEW)
                                                .moveTo(NoticeStatus.DRAFT, Optional.empty()))
                                .endsAccess())
                .isFalse();
    }

    @Test
    void only_the_owning_country_sees_who_read_or_checked_its_wanted_person() {
        FugitivePermissions.mayReadAuditOf(notice(NoticeStatus.PUBLISHED), "KR", "owner only");
        assertThatThrownBy(() -> FugitivePermissions.mayReadAuditOf(arrested(), "TH", "owner only"))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessage("owner only");
    }

    @Test
    void a_cancelled_notice_cannot_be_edited_and_any_other_is_edited_from_its_status() {
        assertThat(refusal(notice(NoticeStatus.CANCELLED).edit(DETAILS)))
                .isInstanceOf(FailedPreconditionException.class);
        assertThat(accepted(notice(NoticeStatus.PUBLISHED).edit(DETAILS)).from())
                .isEqualTo(NoticeStatus.PUBLISHED);
    }

    private static WantedPersonDetails holding(IdentityDocument document) {
        return new WantedPersonDetails(
                DETAILS.primaryName(),
                DETAILS.aliases(),
                DETAILS.sex(),
                DETAILS.dateOfBirth(),
                DETAILS.nationalities(),
                DETAILS.identifyingMarks(),
                List.of(
                        new IdentityDocument(DocumentType.NATIONAL_ID, "850101-1234567", "KR"),
                        document),
                DETAILS.charges(),
                DETAILS.warrant(),
                DETAILS.riskFlags(),
                DETAILS.photoReference());
    }

    @Test
    void
            a_withheld_document_number_is_not_kept_by_an_edit_but_re_entered_or_the_document_removed() {
        var withheld = new IdentityDocument(DocumentType.PASSPORT, "", "KR", true);
        assertThat(refusal(notice(NoticeStatus.PUBLISHED).edit(holding(withheld))))
                .isInstanceOf(FailedPreconditionException.class)
                .hasMessageContaining("documents[1].number is withheld")
                .hasMessageContaining("re-entering");
        var reentered = new IdentityDocument(DocumentType.PASSPORT, "M12345678", "KR");
        assertThat(accepted(notice(NoticeStatus.PUBLISHED).edit(holding(reentered))).details())
                .isEqualTo(holding(reentered));
        assertThat(accepted(notice(NoticeStatus.PUBLISHED).edit(DETAILS)).details())
                .as("the document removed")
                .isEqualTo(DETAILS);
    }

    @Test
    void a_notice_is_published_to_an_operation_only_if_not_cancelled_and_the_owner_takes_part() {
        Operation withKr =
                new Operation(
                        UUID.randomUUID(),
                        "op",
                        "KR",
                        List.of("KR", "TH"),
                        NOW,
                        NOW.plusSeconds(60),
                        NOW);
        Operation withoutKr =
                new Operation(
                        UUID.randomUUID(),
                        "op",
                        "TH",
                        List.of("TH"),
                        NOW,
                        NOW.plusSeconds(60),
                        NOW);
        assertThat(accepted(notice(NoticeStatus.DRAFT).publishTo(withKr))).isEqualTo(withKr);
        assertThat(refusal(notice(NoticeStatus.DRAFT).publishTo(withoutKr)))
                .isInstanceOf(FailedPreconditionException.class);
        assertThat(refusal(notice(NoticeStatus.CANCELLED).publishTo(withKr)))
                .isInstanceOf(FailedPreconditionException.class);
    }

    @Test
    void an_arrest_needs_a_published_notice_of_a_person_at_large() {
        assertThat(accepted(notice(NoticeStatus.PUBLISHED).arrest(BY_TH))).isEqualTo(BY_TH);
        assertThat(refusal(notice(NoticeStatus.CANCELLED).arrest(BY_TH)))
                .isInstanceOf(FailedPreconditionException.class);
        assertThat(refusal(notice(NoticeStatus.UNDER_REVIEW).arrest(BY_TH)))
                .isInstanceOf(FailedPreconditionException.class);
        assertThat(refusal(arrested().arrest(BY_TH)))
                .isInstanceOf(FailedPreconditionException.class)
                .hasMessageContaining("ARRESTED");
    }

    @Test
    void custody_is_transferred_once_from_the_arresting_country() {
        TransferStep step = accepted(arrested().transferCustody(transfer("rep-1", "TH")));
        assertThat(step.repeat()).isFalse();
        assertThat(refusal(arrested().transferCustody(transfer("rep-1", "VN"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("transfer.from_country");
        assertThat(refusal(notice(NoticeStatus.PUBLISHED).transferCustody(transfer("rep-1", "TH"))))
                .isInstanceOf(FailedPreconditionException.class);
    }

    @Test
    void a_repeated_transfer_is_answered_without_change_and_another_repatriation_is_refused() {
        WantedPerson transferred =
                person(
                        NoticeStatus.PUBLISHED,
                        Custody.TRANSFERRED,
                        Optional.of(BY_TH),
                        Optional.of(transfer("rep-1", "TH")));
        assertThat(accepted(transferred.transferCustody(transfer("rep-1", "TH"))).repeat())
                .isTrue();
        assertThat(refusal(transferred.transferCustody(transfer("rep-2", "TH"))))
                .isInstanceOf(FailedPreconditionException.class);
    }

    @Test
    void another_country_reports_a_sighting_in_its_own_territory_only_and_it_grants_nothing() {
        assertThat(refusal(notice(NoticeStatus.PUBLISHED).sight(seenIn("KH"), "TH")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("sighting.country:");
        SightingStep own = accepted(notice(NoticeStatus.PUBLISHED).sight(seenIn("TH"), "TH"));
        assertThat(own.grantedCountry()).isEmpty();
    }

    @Test
    void the_owners_sighting_in_another_country_lets_that_country_see_the_record() {
        assertThat(
                        accepted(notice(NoticeStatus.PUBLISHED).sight(seenIn("KH"), "KR"))
                                .grantedCountry())
                .contains("KH");
        assertThat(
                        accepted(notice(NoticeStatus.PUBLISHED).sight(seenIn("KR"), "KR"))
                                .grantedCountry())
                .isEmpty();
    }

    @Test
    void sightings_are_reported_only_of_a_published_notice() {
        assertThat(refusal(notice(NoticeStatus.UNDER_REVIEW).sight(seenIn("KH"), "KR")))
                .isInstanceOf(FailedPreconditionException.class);
        assertThat(refusal(notice(NoticeStatus.CANCELLED).sight(seenIn("TH"), "TH")))
                .isInstanceOf(FailedPreconditionException.class);
    }

    @Test
    void a_person_in_custody_is_not_sighted_anywhere() {
        assertThat(refusal(arrested().sight(seenIn("PH"), "KR")))
                .isInstanceOf(FailedPreconditionException.class)
                .hasMessageContaining("ARRESTED");
        WantedPerson transferred =
                person(
                        NoticeStatus.PUBLISHED,
                        Custody.TRANSFERRED,
                        Optional.of(BY_TH),
                        Optional.of(transfer("rep-1", "TH")));
        assertThat(refusal(transferred.sight(seenIn("TH"), "TH")))
                .isInstanceOf(FailedPreconditionException.class);
    }

    @Test
    void only_the_owner_withdraws_the_access_a_sighting_gave() {
        Sighting granting = sighting(Optional.of("KH"), Optional.empty());
        Withdrawal withdrawal =
                accepted(notice(NoticeStatus.PUBLISHED).withdrawAccess(granting, "KR"));
        assertThat(withdrawal.fromCountry()).isEqualTo("KH");
        assertThat(withdrawal.repeat()).isFalse();
        assertThat(refusal(notice(NoticeStatus.PUBLISHED).withdrawAccess(granting, "TH")))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void
            withdrawing_twice_is_a_repeat_and_a_sighting_that_grants_nothing_has_nothing_to_withdraw() {
        Sighting withdrawn = sighting(Optional.empty(), Optional.of(NOW));
        assertThat(
                        accepted(notice(NoticeStatus.PUBLISHED).withdrawAccess(withdrawn, "KR"))
                                .repeat())
                .isTrue();
        assertThat(
                        refusal(
                                notice(NoticeStatus.PUBLISHED)
                                        .withdrawAccess(
                                                sighting(Optional.empty(), Optional.empty()),
                                                "KR")))
                .isInstanceOf(FailedPreconditionException.class);
        assertThat(
                        refusal(
                                notice(NoticeStatus.CANCELLED)
                                        .withdrawAccess(
                                                sighting(Optional.of("KH"), Optional.empty()),
                                                "KR")))
                .isInstanceOf(FailedPreconditionException.class);
    }
}
