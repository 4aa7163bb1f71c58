package org.chainbreaker.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.junit.jupiter.api.Test;

/**
 * The rules a case's sharing through an operation and its linking to a scam centre follow, without
 * a database.
 */
class CaseLinkAndOperationRulesTest {

    private static final Instant NOON = Instant.parse("2026-06-01T12:00:00Z");

    private static Case ownedBy(String country) {
        return new Case(
                UUID.randomUUID(),
                "KR-2026-000001",
                country,
                "t",
                CaseCategory.ONLINE_SCAM,
                CaseStatus.OPEN,
                "",
                Instant.EPOCH,
                Instant.EPOCH,
                1,
                List.of());
    }

    private static Operation endingAt(Instant end) {
        return new Operation(UUID.randomUUID(), "SEAF", Set.of("KR", "TH"), Instant.EPOCH, end);
    }

    @Test
    void a_case_is_shared_through_an_operation_only_while_it_runs() {
        assertThat(endingAt(NOON.plusSeconds(1)).refusesSharingAt(NOON)).isEmpty();
        assertThat(endingAt(NOON).refusesSharingAt(NOON))
                .get()
                .isInstanceOf(FailedPreconditionException.class);
        assertThat(endingAt(NOON.minusSeconds(1)).refusesSharingAt(NOON))
                .get()
                .extracting(Throwable::getMessage)
                .asString()
                .contains("SEAF")
                .contains("ended");
    }

    @Test
    void a_case_seen_only_through_an_assigned_lead_cannot_be_linked_to_a_scam_centre() {
        Case owned = ownedBy("KR");
        assertThat(owned.refusesLinkingBy("KR")).isEmpty();
        assertThat(owned.header().refusesLinkingBy("TH"))
                .get()
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(owned.refusesLinkingBy("TH"))
                .get()
                .isInstanceOf(PermissionDeniedException.class);
    }
}
