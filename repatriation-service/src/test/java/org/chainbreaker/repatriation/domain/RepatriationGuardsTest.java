package org.chainbreaker.repatriation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chainbreaker.repatriation.domain.RepatriationTransitionsTest.delivery;
import static org.chainbreaker.repatriation.domain.RepatriationTransitionsTest.transfer;
import static org.chainbreaker.repatriation.domain.RepatriationTransitionsTest.withCheck;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.junit.jupiter.api.Test;

/**
 * The guards around a repatriation's steps that the use cases ask before acting (who may, and
 * whether a step has a consequence elsewhere): one small test per rule, on records in memory. The
 * transfer of {@link RepatriationTransitionsTest} is owned by KR, sent by KH and received by KR.
 */
class RepatriationGuardsTest {

    private static final Set<String> LIAISON = Set.of("liaison");
    private static final Set<String> INVESTIGATOR = Set.of("investigator");

    @Test
    void a_pending_fugitive_check_is_asked_again_when_its_draft_is_submitted() {
        assertThat(withCheck(FugitiveCheck.PENDING).checksWantedPersonAgainOnSubmit()).isTrue();
        assertThat(withCheck(FugitiveCheck.CONFIRMED).checksWantedPersonAgainOnSubmit()).isFalse();
        assertThat(
                        transfer(RepatriationStatus.REQUESTED)
                                .withFugitiveCheck(FugitiveCheck.PENDING)
                                .checksWantedPersonAgainOnSubmit())
                .isFalse();
    }

    @Test
    void the_end_of_an_arrest_closes_only_a_draft_transfer() {
        assertThat(transfer(RepatriationStatus.DRAFT).closesWhenTheArrestEnds()).isTrue();
        for (RepatriationStatus later : RepatriationStatus.values()) {
            if (later != RepatriationStatus.DRAFT) {
                assertThat(transfer(later).closesWhenTheArrestEnds()).as(later.name()).isFalse();
            }
        }
    }

    @Test
    void a_handover_delivers_custody_only_of_a_wanted_person_the_fugitive_service_confirmed() {
        assertThat(transfer(RepatriationStatus.IN_TRANSIT).deliversCustodyAtHandover()).isTrue();
        assertThat(withCheck(FugitiveCheck.REFUSED).deliversCustodyAtHandover()).isFalse();
        assertThat(withCheck(FugitiveCheck.PENDING).deliversCustodyAtHandover()).isFalse();
        assertThat(
                        RepatriationTransitionsTest.victimReturn(
                                        RepatriationStatus.IN_TRANSIT, 1, 1)
                                .deliversCustodyAtHandover())
                .isFalse();
    }

    @Test
    void a_custody_transfer_is_sent_again_only_while_its_delivery_is_pending() {
        assertThat(withDelivery(delivery(CustodyDelivery.State.PENDING, "")).refusesCustodyRetry())
                .isEmpty();
        for (CustodyDelivery.State settled :
                List.of(CustodyDelivery.State.DELIVERED, CustodyDelivery.State.REFUSED)) {
            assertThat(withDelivery(delivery(settled, "")).refusesCustodyRetry())
                    .get()
                    .isInstanceOf(FailedPreconditionException.class);
        }
        assertThat(transfer(RepatriationStatus.HANDED_OVER).refusesCustodyRetry())
                .get()
                .extracting(Throwable::getMessage)
                .asString()
                .contains("waiting for delivery");
    }

    @Test
    void the_owner_cancels_its_draft_as_draft_handler_and_anything_else_takes_a_liaison() {
        Repatriation draft = transfer(RepatriationStatus.DRAFT);
        assertThatCode(() -> RepatriationPermissions.mayCancel(draft, "KR", INVESTIGATOR))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> RepatriationPermissions.mayCancel(draft, "KH", INVESTIGATOR))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("liaison");
        assertThatCode(() -> RepatriationPermissions.mayCancel(draft, "KH", LIAISON))
                .doesNotThrowAnyException();
        Repatriation requested = transfer(RepatriationStatus.REQUESTED);
        assertThatThrownBy(() -> RepatriationPermissions.mayCancel(requested, "KR", INVESTIGATOR))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> RepatriationPermissions.mayCancel(requested, "TH", LIAISON))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void only_the_country_that_opened_a_repatriation_sees_who_read_it() {
        Repatriation opened = transfer(RepatriationStatus.REQUESTED);
        assertThatCode(() -> RepatriationPermissions.mayReadWhoRead(opened, "KR"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> RepatriationPermissions.mayReadWhoRead(opened, "KH"))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("opened");
    }

    @Test
    void an_arrests_draft_transfer_is_asked_for_by_an_investigator_or_liaison_officer() {
        assertThatCode(() -> RepatriationPermissions.mayTransferArrest(INVESTIGATOR))
                .doesNotThrowAnyException();
        assertThatCode(() -> RepatriationPermissions.mayTransferArrest(LIAISON))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> RepatriationPermissions.mayTransferArrest(Set.of("admin")))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void rescued_victims_of_another_country_that_takes_part_go_home_as_a_victim_return() {
        RescueRequest.Outcome outcome =
                new RescueRequest.Outcome(
                        LocalDate.parse("2026-12-06"),
                        List.of(
                                new RescueRequest.RescuedGroup("PH", 30),
                                new RescueRequest.RescuedGroup("KH", 4),
                                new RescueRequest.RescuedGroup("XX", 2)));
        assertThat(outcome.returningHomeFrom("KH", Set.of("PH", "KH")::contains))
                .containsExactly(new RescueRequest.RescuedGroup("PH", 30));
    }

    private static Repatriation withDelivery(CustodyDelivery delivery) {
        return transfer(
                RepatriationStatus.HANDED_OVER,
                transfer(RepatriationStatus.HANDED_OVER).logistics(),
                Optional.of(delivery),
                List.of());
    }
}
