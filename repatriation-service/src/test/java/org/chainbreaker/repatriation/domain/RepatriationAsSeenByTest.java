package org.chainbreaker.repatriation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each country that sees a transfer KH -> KR (transit TH) sees of it: one test per rule. */
class RepatriationAsSeenByTest {

    /** A transfer opened from KH's arrest, through TH. */
    static Repatriation fromArrest() {
        Repatriation r =
                RepatriationTransitionsTest.transfer(
                        RepatriationStatus.DRAFT,
                        RepatriationTransitionsTest.plan(
                                RepatriationTransitionsTest.NOW.plus(Duration.ofDays(1))),
                        Optional.empty(),
                        List.of());
        return r.withTransitCountries(List.of("TH"))
                .withArrest(Optional.of(ArrestTransferTest.AT_POIPET));
    }

    @Test
    void the_sending_and_receiving_countries_see_all_of_it() {
        Repatriation r = fromArrest();
        assertThat(r.asSeenBy("KH")).isEqualTo(r);
        assertThat(r.asSeenBy("KR")).isEqualTo(r);
    }

    @Test
    void a_coordinator_does_not_see_where_and_when_the_person_was_arrested() {
        Repatriation seen = fromArrest().asSeenBy("INTERPOL");
        assertThat(seen.arrest()).isEmpty();
        assertThat(seen.logistics()).isEqualTo(fromArrest().logistics());
    }

    @Test
    void a_transit_country_sees_neither_the_arrest_nor_the_persons_names() {
        Repatriation seen = fromArrest().asSeenBy("TH");
        assertThat(seen.arrest()).isEmpty();
        assertThat(seen.logistics().persons())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.fullName()).isEmpty());
    }
}
