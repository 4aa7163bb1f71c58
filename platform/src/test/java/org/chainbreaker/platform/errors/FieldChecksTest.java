package org.chainbreaker.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldChecksTest {

    @Test
    void every_wrong_field_is_named_until_a_bound_then_the_rest_are_counted() {
        FieldChecks checks = new FieldChecks();
        for (int i = 0; i < 5_000; i++) {
            checks.require(false, "nationalities[" + i + "]", "must be an ISO 3166-1 alpha-2 code");
        }
        assertThatThrownBy(checks::throwIfAny)
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> {
                            assertThat(e.violations()).hasSize(FieldChecks.MAX_REPORTED + 1);
                            assertThat(e.violations().getFirst().field())
                                    .isEqualTo("nationalities[0]");
                            assertThat(e.violations().getLast().description())
                                    .isEqualTo("and 4980 more problems of the same kind");
                            assertThat(e.getMessage().length()).isLessThan(2_000);
                        });
    }

    @Test
    void a_request_with_nothing_wrong_passes() {
        new FieldChecks()
                .require(true, "title", "is required")
                .text("a title", "title", 1, 200)
                .throwIfAny();
    }
}
