package org.chainbreaker.fugitives.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class NoticeRulesTest {

    @Test
    void the_notice_lifecycle_allows_only_its_own_steps() {
        assertThat(NoticeStatus.DRAFT.next())
                .containsExactlyInAnyOrder(NoticeStatus.UNDER_REVIEW, NoticeStatus.CANCELLED);
        assertThat(NoticeStatus.UNDER_REVIEW.next())
                .containsExactlyInAnyOrder(
                        NoticeStatus.DRAFT, NoticeStatus.PUBLISHED, NoticeStatus.CANCELLED);
        assertThat(NoticeStatus.PUBLISHED.next()).containsExactly(NoticeStatus.CANCELLED);
        assertThat(NoticeStatus.CANCELLED.next()).isEmpty();
        assertThatThrownBy(() -> NoticeStatus.DRAFT.moveTo(NoticeStatus.PUBLISHED))
                .isInstanceOf(FailedPreconditionException.class)
                .hasMessageContaining("DRAFT");
        assertThat(NoticeStatus.values())
                .filteredOn(NoticeStatus::visibleToOthers)
                .containsExactly(NoticeStatus.PUBLISHED);
    }

    @Test
    void partial_dates_of_birth_agree_conflict_or_say_nothing() {
        PartialDate year = new PartialDate(1985, 0, 0);
        PartialDate month = new PartialDate(1985, 3, 0);
        PartialDate full = new PartialDate(1985, 3, 12);
        assertThat(year.compare(full)).isEqualTo(PartialDate.Agreement.COMPATIBLE);
        assertThat(month.compare(full)).isEqualTo(PartialDate.Agreement.COMPATIBLE);
        assertThat(full.compare(new PartialDate(1985, 3, 12)))
                .isEqualTo(PartialDate.Agreement.EXACT);
        assertThat(full.compare(new PartialDate(1985, 4, 12)))
                .isEqualTo(PartialDate.Agreement.CONFLICT);
        assertThat(full.compare(new PartialDate(1986, 3, 12)))
                .isEqualTo(PartialDate.Agreement.NEAR);
        assertThat(year.compare(new PartialDate(1962, 0, 0)))
                .isEqualTo(PartialDate.Agreement.CONFLICT);
        assertThat(PartialDate.UNKNOWN.compare(full)).isEqualTo(PartialDate.Agreement.UNKNOWN);
    }

    @Test
    void a_day_without_a_month_or_an_impossible_date_is_refused_by_field() {
        for (int[] bad :
                new int[][] {
                    {1985, 0, 12}, {1985, 2, 30}, {1850, 0, 0}, {2999, 0, 0}, {1985, 13, 0}
                }) {
            FieldChecks checks = new FieldChecks();
            assertThat(PartialDate.check(bad[0], bad[1], bad[2], "date_of_birth", 2026, checks))
                    .isEmpty();
            assertThatThrownBy(checks::throwIfAny)
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageStartingWith("date_of_birth:");
        }
        assertThat(PartialDate.check(0, 0, 0, "date_of_birth", 2026, new FieldChecks()))
                .contains(PartialDate.UNKNOWN);
    }
}
