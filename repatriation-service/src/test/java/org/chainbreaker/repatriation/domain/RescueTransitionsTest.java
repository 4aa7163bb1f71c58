package org.chainbreaker.repatriation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/**
 * The transition rules of a rescue request and the rules of its outcome: one small test per rule.
 */
class RescueTransitionsTest {

    static final Instant RAISED = Instant.parse("2026-12-06T12:00:00Z");
    static final RescueRequest.Outcome THIRTY =
            new RescueRequest.Outcome(
                    LocalDate.parse("2026-12-06"),
                    List.of(new RescueRequest.RescuedGroup("PH", 30)));

    static RescueRequest request(
            RescueRequest.Status status, Optional<RescueRequest.Outcome> outcome) {
        return new RescueRequest(
                UUID.randomUUID(),
                "PH",
                "KH",
                new RescueRequest.Location(
                        "KH", "Preah Sihanouk", "", Optional.empty(), Optional.empty()),
                40,
                List.of("PH"),
                "NGO",
                status,
                RAISED.plusSeconds(7200),
                Optional.empty(),
                "",
                false,
                Optional.empty(),
                outcome,
                List.of(),
                1,
                RAISED,
                RAISED);
    }

    static void refusedField(Runnable rule, String field) {
        assertThatThrownBy(rule::run)
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining(field);
    }

    @Test
    void an_open_request_is_acknowledged_once() {
        assertThat(request(RescueRequest.Status.OPEN, Optional.empty()).acknowledge())
                .isEqualTo(
                        new RescueRequest.Step.Move(
                                RescueRequest.Status.OPEN,
                                RescueRequest.Status.ACKNOWLEDGED,
                                "rescue_request.acknowledged"));
        assertThat(request(RescueRequest.Status.ACKNOWLEDGED, Optional.empty()).acknowledge())
                .isInstanceOf(RescueRequest.Step.Refuse.class);
    }

    @Test
    void the_outcome_comes_after_the_acknowledgement() {
        assertThat(request(RescueRequest.Status.OPEN, Optional.empty()).recordOutcome(THIRTY))
                .isInstanceOf(RescueRequest.Step.Refuse.class);
        assertThat(
                        request(RescueRequest.Status.ACKNOWLEDGED, Optional.empty())
                                .recordOutcome(THIRTY))
                .isInstanceOf(RescueRequest.Step.Move.class);
    }

    @Test
    void the_same_outcome_again_is_a_repeat_and_another_is_refused() {
        RescueRequest resolved = request(RescueRequest.Status.RESOLVED, Optional.of(THIRTY));
        assertThat(resolved.recordOutcome(THIRTY)).isInstanceOf(RescueRequest.Step.Repeat.class);
        assertThat(
                        resolved.recordOutcome(
                                new RescueRequest.Outcome(THIRTY.rescueDate(), List.of())))
                .isInstanceOf(RescueRequest.Step.Refuse.class);
    }

    @Test
    void an_outcome_without_anyone_rescued_is_an_outcome() {
        FieldChecks checks = new FieldChecks();
        RescueRules.outcome(
                new RescueRequest.Outcome(LocalDate.parse("2026-12-06"), List.of()),
                LocalDate.parse("2026-12-07"),
                checks);
        checks.throwIfAny();
    }

    @Test
    void an_outcome_is_not_dated_before_its_request_on_any_calendar() {
        RescueRequest r = request(RescueRequest.Status.ACKNOWLEDGED, Optional.empty());
        refusedField(
                () -> {
                    FieldChecks checks = new FieldChecks();
                    RescueRules.outcomeOf(
                            r,
                            new RescueRequest.Outcome(LocalDate.parse("2026-12-05"), List.of()),
                            checks);
                    checks.throwIfAny();
                },
                "outcome.rescue_date");
        // Raised at 12:00 UTC, it was the 6th from UTC-12 to UTC+11 and the 7th from UTC+12: the
        // 6th is fine.
        FieldChecks fine = new FieldChecks();
        RescueRules.outcomeOf(
                r, new RescueRequest.Outcome(LocalDate.parse("2026-12-06"), List.of()), fine);
        fine.throwIfAny();
    }

    @Test
    void a_coordinator_is_not_a_host() {
        refusedField(
                () -> {
                    FieldChecks checks = new FieldChecks();
                    RescueRules.check(
                            "PH",
                            new RescueRequest.Raise(
                                    "INTERPOL",
                                    new RescueRequest.Location(
                                            "INTERPOL",
                                            "Lyon",
                                            "",
                                            Optional.empty(),
                                            Optional.empty()),
                                    5,
                                    List.of("PH"),
                                    "NGO"),
                            Set.of("PH", "KH", "INTERPOL")::contains,
                            checks);
                    checks.throwIfAny();
                },
                "rescue_request.host_country");
    }
}
