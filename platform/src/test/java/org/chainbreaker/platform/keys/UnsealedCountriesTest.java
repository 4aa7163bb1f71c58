package org.chainbreaker.platform.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Protected fields stored in clear exist for {@code bin/bench protected-fields} alone: the setting
 * that asks for them stops the start anywhere else.
 */
class UnsealedCountriesTest {

    private static StandardEnvironment environment(String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(
                        new MapPropertySource(
                                "test", Map.of(KeysConfiguration.UNSEALED_COUNTRIES, "TH, SG")));
        environment.setActiveProfiles(profiles);
        return environment;
    }

    @Test
    void countries_in_clear_are_refused_outside_the_benchmark_profile() {
        for (String[] profiles : new String[][] {{}, {"dev"}, {"production"}}) {
            assertThatThrownBy(
                            () ->
                                    new KeysConfiguration()
                                            .fieldCipher(null, null, environment(profiles)))
                    .isInstanceOf(KeyStoreUnavailableException.class)
                    .hasMessageContaining(KeysConfiguration.UNSEALED_COUNTRIES)
                    .hasMessageContaining("bin/bench protected-fields only");
        }
    }

    @Test
    void under_the_benchmark_profile_only_the_named_countries_are_stored_in_clear() {
        FieldCipher cipher =
                new KeysConfiguration()
                        .fieldCipher(
                                null,
                                null,
                                environment("dev", KeysConfiguration.BENCHMARK_PROFILE));
        // No data key is asked for (there is none here): the value is stored as given.
        assertThat(cipher.seal("TH", java.util.UUID.randomUUID(), "t.f", "in clear"))
                .isEqualTo("in clear");
        assertThat(cipher.seal("SG", java.util.UUID.randomUUID(), "t.f", "in clear"))
                .isEqualTo("in clear");
    }
}
