package org.chainbreaker.fugitives.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.fugitives.domain.WantedPersonRulesTest.notice;

import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The notice lifecycle's transition table ({@link NoticeStatus#next()}), one small test per rule,
 * and that a record's status changes are exactly the moves the table lists.
 */
class NoticeStatusTableTest {

    @Test
    void a_cancelled_notice_cannot_change_status() {
        assertThat(NoticeStatus.CANCELLED.next()).isEmpty();
    }

    @Test
    void every_notice_not_yet_cancelled_can_be_cancelled() {
        assertThat(EnumSet.complementOf(EnumSet.of(NoticeStatus.CANCELLED)))
                .allMatch(s -> s.canMoveTo(NoticeStatus.CANCELLED));
    }

    @Test
    void a_notice_is_published_only_from_review() {
        assertThat(EnumSet.allOf(NoticeStatus.class))
                .filteredOn(s -> s.canMoveTo(NoticeStatus.PUBLISHED))
                .containsExactly(NoticeStatus.UNDER_REVIEW);
    }

    @Test
    void review_may_send_a_notice_back_to_draft_but_a_published_one_never_goes_back() {
        assertThat(NoticeStatus.UNDER_REVIEW.canMoveTo(NoticeStatus.DRAFT)).isTrue();
        assertThat(NoticeStatus.PUBLISHED.next()).containsExactly(NoticeStatus.CANCELLED);
    }

    @Test
    void only_a_published_notice_is_seen_by_other_countries() {
        assertThat(EnumSet.allOf(NoticeStatus.class))
                .filteredOn(NoticeStatus::visibleToOthers)
                .containsExactly(NoticeStatus.PUBLISHED);
    }

    @Test
    void a_records_status_change_is_accepted_exactly_when_the_table_lists_it() {
        int accepted = 0;
        for (NoticeStatus from : NoticeStatus.values()) {
            for (NoticeStatus to : NoticeStatus.values()) {
                Decision<NoticeSteps.StatusChange> decision =
                        notice(from).moveTo(to, Optional.of("withdrawn by the court"));
                assertThat(decision.accepted())
                        .as(from + " -> " + to)
                        .isEqualTo(from.canMoveTo(to));
                if (decision.accepted()) {
                    assertThat(decision.orThrow().from()).isEqualTo(from);
                    assertThat(decision.orThrow().to()).isEqualTo(to);
                    accepted++;
                }
            }
        }
        assertThat(accepted).isEqualTo(6);
    }
}
