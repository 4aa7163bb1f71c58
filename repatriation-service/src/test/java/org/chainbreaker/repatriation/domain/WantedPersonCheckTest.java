package org.chainbreaker.repatriation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fugitive check of a transfer KH -> KR: one test per rule. */
class WantedPersonCheckTest {

    static WantedPersonCheck check(FugitiveLookup lookup) {
        return WantedPersonCheck.of(lookup, "KH", "KR");
    }

    @Test
    void a_person_wanted_by_the_receiving_country_and_held_by_the_sending_one_may_travel() {
        assertThat(check(new FugitiveLookup.Found("KR-WP-1", "KR", true, "KH")))
                .isEqualTo(new WantedPersonCheck.Holds("KR-WP-1"));
    }

    @Test
    void a_person_not_arrested_or_transferred_already_may_not() {
        assertThat(check(new FugitiveLookup.Found("KR-WP-1", "KR", false, "KH")))
                .isInstanceOf(WantedPersonCheck.Fails.class);
        assertThat(check(new FugitiveLookup.Found("KR-WP-1", "KR", false, "")))
                .isInstanceOf(WantedPersonCheck.Fails.class);
    }

    @Test
    void a_person_held_by_another_country_than_the_sending_one_may_not() {
        assertThat(
                        ((WantedPersonCheck.Fails)
                                        check(
                                                new FugitiveLookup.Found(
                                                        "KR-WP-1", "KR", true, "TH")))
                                .reason())
                .contains("arrested by another country");
    }

    @Test
    void a_person_not_wanted_by_the_receiving_country_may_not_go_there() {
        assertThat(
                        ((WantedPersonCheck.Fails)
                                        check(
                                                new FugitiveLookup.Found(
                                                        "VN-WP-1", "VN", true, "KH")))
                                .reason())
                .contains("does not own");
    }

    @Test
    void no_answer_is_unknown_and_an_invisible_person_is_not_visible() {
        assertThat(check(new FugitiveLookup.Unavailable("down")))
                .isEqualTo(new WantedPersonCheck.Unknown("down"));
        assertThat(check(new FugitiveLookup.NotVisible()))
                .isInstanceOf(WantedPersonCheck.NotVisible.class);
    }
}
