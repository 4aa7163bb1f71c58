package org.chainbreaker.fugitives.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.chainbreaker.fugitives.domain.names.NameMatcher;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/** What a name search and an identity check ask, checked and with their defaults. */
class SearchQueryRulesTest {

    private static final int YEAR = 2026;
    private static final PartialDate BORN = new PartialDate(1985, 3, 0);

    @Test
    void a_search_without_a_page_size_gets_pages_of_twenty() {
        assertThat(new NameSearchQuery("Somchai", BORN, 0, 0).check(YEAR).pageSize())
                .isEqualTo(NameSearchQuery.DEFAULT_PAGE_SIZE)
                .isEqualTo(20);
        assertThat(new NameSearchQuery("Somchai", BORN, 7, 0).check(YEAR).pageSize()).isEqualTo(7);
    }

    @Test
    void a_search_without_a_lowest_score_keeps_what_the_matcher_calls_a_match() {
        assertThat(new NameSearchQuery("Somchai", BORN, 0, 0).check(YEAR).floor())
                .isEqualTo(NameMatcher.THRESHOLD);
        assertThat(new NameSearchQuery("Somchai", BORN, 0, 0.9).check(YEAR).floor()).isEqualTo(0.9);
    }

    @Test
    void a_search_names_each_field_it_refuses() {
        assertThatThrownBy(
                        () ->
                                new NameSearchQuery(" ", new PartialDate(1985, 0, 12), 101, 1.5)
                                        .check(YEAR))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e ->
                                assertThat(e.violations())
                                        .extracting(v -> v.field())
                                        .containsExactlyInAnyOrder(
                                                "name", "page_size", "min_score", "date_of_birth"));
    }

    @Test
    void an_identity_check_needs_a_name_or_a_document_number_and_a_purpose() {
        assertThatThrownBy(() -> new IdentityCheckQuery(" ", BORN, "", "").check(YEAR))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e ->
                                assertThat(e.violations())
                                        .extracting(v -> v.field())
                                        .containsExactlyInAnyOrder("name", "purpose"));
    }

    @Test
    void an_identity_check_by_document_alone_compares_the_number_without_spaces_dashes_or_case() {
        IdentityCheckQuery.Checked check =
                new IdentityCheckQuery("", PartialDate.UNKNOWN, " aa-123 45 ", " border check ")
                        .check(YEAR);
        assertThat(check.name()).isEqualTo(Optional.empty());
        assertThat(check.document()).isEqualTo("AA12345");
        assertThat(check.purpose()).isEqualTo("border check");
    }
}
