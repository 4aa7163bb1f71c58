package org.chainbreaker.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chainbreaker.cases.domain.Cases.NOW;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/** What a share with a country group must name, without a database. */
class GroupShareRulesTest {

    private static final CountryGroup MEKONG =
            new CountryGroup(UUID.randomUUID(), "Mekong", List.of("TH", "VN"), "KR", NOW, NOW, 1);

    @Test
    void a_group_share_names_a_visible_group_a_code_and_a_future_expiry_all_at_once() {
        assertThat(
                        CountryGroup.checkShare(
                                Optional.of(MEKONG),
                                HandlingCode.H1,
                                Optional.of(NOW.plusSeconds(1)),
                                NOW))
                .isEqualTo(MEKONG);
        assertThatThrownBy(
                        () ->
                                CountryGroup.checkShare(
                                        Optional.empty(), null, Optional.of(NOW), NOW))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e ->
                                assertThat(e.violations())
                                        .extracting(InvalidArgumentException.FieldViolation::field)
                                        .containsExactly(
                                                "group_id", "handling_code", "expire_time"));
    }

    @Test
    void a_group_share_is_noted_with_its_group_code_and_expiry() {
        assertThat(MEKONG.describeShare(HandlingCode.H2, Optional.empty()))
                .isEqualTo("to the members of group " + MEKONG.id() + " under H2");
        assertThat(MEKONG.describeShare(HandlingCode.H2, Optional.of(NOW)))
                .endsWith(" until " + NOW);
    }
}
