package org.chainbreaker.repatriation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What an arrest recorded in the fugitive-service opens: one test per rule. */
class ArrestTransferTest {

    static final ArrestOrigin AT_POIPET =
            new ArrestOrigin("Poipet checkpoint", Instant.parse("2026-12-01T08:00:00Z"));

    static ArrestTransfer decide(String owner, String arresting, String caller) {
        return ArrestTransfer.decide(
                new FugitiveLookup.Found(
                        owner + "-WP-2026-000001",
                        owner,
                        true,
                        arresting,
                        false,
                        Optional.of(AT_POIPET)),
                UUID.randomUUID(),
                caller);
    }

    @Test
    void an_arrest_by_another_country_opens_a_draft_from_it_to_the_country_that_wants_the_person() {
        ArrestTransfer outcome = decide("KR", "KH", "KH");
        assertThat(outcome).isInstanceOf(ArrestTransfer.Open.class);
        NewRepatriation draft = ((ArrestTransfer.Open) outcome).draft();
        assertThat(draft.sendingCountry()).isEqualTo("KH");
        assertThat(draft.receivingCountry()).isEqualTo("KR");
    }

    @Test
    void an_arrest_by_the_country_that_wants_the_person_opens_nothing() {
        assertThat(decide("KR", "KR", "KR"))
                .isInstanceOf(ArrestTransfer.Answer.class)
                .extracting(a -> ((ArrestTransfer.Answer) a).reasonIfNone())
                .asString()
                .contains("arrested by the country that wants them");
    }

    @Test
    void only_the_arresting_country_opens_the_draft() {
        assertThat(decide("KR", "KH", "KR")).isInstanceOf(ArrestTransfer.Answer.class);
    }
}
