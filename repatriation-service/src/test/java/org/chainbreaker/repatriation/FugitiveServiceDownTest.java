package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chainbreaker.repatriation.app.FugitiveCheckReconciler;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.TransitionRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The fugitive-service going down and coming back: the request is accepted as a DRAFT with its
 * check PENDING, and the check is settled exactly once after the service returns, whichever
 * replicas' jobs race for it.
 */
class FugitiveServiceDownTest extends RunningRepatriationService {

    @Autowired FugitiveCheckReconciler reconciler;

    @Test
    void
            a_transfer_opened_while_the_fugitive_service_is_down_is_kept_and_checked_once_when_it_returns()
                    throws Exception {
        String wanted = FUGITIVES.wantedPerson("KR", true, "KH");
        FUGITIVES.stop();
        Repatriation draft;
        try {
            draft =
                    create(
                            investigator("KR"),
                            suspectTransfer("KH", "KR").setWantedPersonId(wanted));
            assertThat(draft.getStatus()).isEqualTo(Repatriation.Status.DRAFT);
            assertThat(draft.getFugitiveCheck()).isEqualTo(Repatriation.FugitiveCheck.PENDING);
            Repatriation pending = draft;
            var refusal =
                    failureOf(
                            () ->
                                    investigator("KR")
                                            .submitRepatriation(
                                                    TransitionRequest.newBuilder()
                                                            .setId(pending.getId())
                                                            .build()));
            assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(refusal.getStatus().getDescription()).contains("pending");
            // Jobs running while the service is still down settle nothing.
            assertThat(reconciler.reconcileDue()).isZero();
        } finally {
            FUGITIVES.start();
        }
        int before = FUGITIVES.authorizations.size();
        // Several replicas' jobs at once (and the service's own background job): one settles it.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Repatriation seen;
        try {
            do {
                Callable<Integer> round = reconciler::reconcileDue;
                Future<Integer> a = pool.submit(round);
                Future<Integer> b = pool.submit(round);
                Future<Integer> c = pool.submit(round);
                a.get();
                b.get();
                c.get();
                seen =
                        investigator("KR")
                                .getRepatriation(
                                        GetRepatriationRequest.newBuilder()
                                                .setId(draft.getId())
                                                .build());
                if (seen.getFugitiveCheck() != Repatriation.FugitiveCheck.PENDING) {
                    break;
                }
                Thread.sleep(200);
            } while (Instant.now().isBefore(deadline));
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen.getFugitiveCheck()).isEqualTo(Repatriation.FugitiveCheck.CONFIRMED);
        assertThat(seen.getWantedPersonReference()).startsWith("KR-WP-2026-");
        assertThat(eventsOf(draft.getId()))
                .filteredOn("repatriation.fugitive_check_confirmed"::equals)
                .hasSize(1);
        // The job asked with the token of the user who opened the request, never a token of its
        // own.
        assertThat(FUGITIVES.authorizations.subList(before, FUGITIVES.authorizations.size()))
                .isNotEmpty()
                .allMatch(a -> a.startsWith("Bearer ey"));
        // Later rounds find nothing left to do.
        assertThat(reconciler.reconcileDue()).isZero();
        assertThat(eventsOf(draft.getId()))
                .filteredOn("repatriation.fugitive_check_confirmed"::equals)
                .hasSize(1);
        assertThat(
                        investigator("KR")
                                .submitRepatriation(
                                        TransitionRequest.newBuilder().setId(draft.getId()).build())
                                .getStatus())
                .isEqualTo(Repatriation.Status.REQUESTED);
    }

    @Test
    void
            a_wanted_person_who_is_not_arrested_or_not_visible_is_refused_at_once_when_the_service_answers() {
        String atLarge = FUGITIVES.wantedPerson("KR", false, "KH");
        assertThat(
                        statusOf(
                                        () ->
                                                create(
                                                        investigator("KR"),
                                                        suspectTransfer("KH", "KR")
                                                                .setWantedPersonId(atLarge)))
                                .getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        String hidden = FUGITIVES.wantedPerson("TH", true, "KH");
        assertThat(
                        statusOf(
                                        () ->
                                                create(
                                                        investigator("KR"),
                                                        suspectTransfer("KH", "KR")
                                                                .setWantedPersonId(hidden)))
                                .getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
}
