package org.chainbreaker.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chainbreaker.platform.ChainbreakerProperties;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    private static final String SECRET = "a-deployment-secret-of-some-length";

    @Test
    void a_cursor_resumes_on_any_replica_of_the_service_that_issued_it() {
        String cursor = new CursorCodec(SECRET, "case-service").encode(4242);
        assertThat(new CursorCodec(SECRET, "case-service").decode(cursor, "cursor"))
                .isEqualTo(4242);
    }

    @Test
    void a_cursor_of_one_service_is_refused_by_another_with_the_same_secret() {
        String cases = new CursorCodec(SECRET, "case-service").encode(4242);
        assertThatThrownBy(
                        () -> new CursorCodec(SECRET, "fugitive-service").decode(cases, "cursor"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("cursor");
        String fugitives = new CursorCodec(SECRET, "fugitive-service").encode(7);
        assertThatThrownBy(
                        () ->
                                new CursorCodec(SECRET, "repatriation-service")
                                        .decode(fugitives, "cursor"))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void a_codec_needs_a_service_and_a_secret_of_some_length() {
        assertThatThrownBy(() -> new CursorCodec(SECRET, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CursorCodec("short", "case-service"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_unset_cursor_secret_stops_the_start_outside_the_development_profile() {
        var unset = new ChainbreakerProperties.Events(null, null, null);
        assertThatThrownBy(() -> unset.effectiveCursorSecret(false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chainbreaker.events.cursor-secret");
        var blank = new ChainbreakerProperties.Events(null, null, "  ");
        assertThatThrownBy(() -> blank.effectiveCursorSecret(false))
                .isInstanceOf(IllegalStateException.class);
        assertThat(unset.effectiveCursorSecret(true))
                .isEqualTo(ChainbreakerProperties.Events.DEVELOPMENT_CURSOR_SECRET);
        assertThat(
                        new ChainbreakerProperties.Events(null, null, SECRET)
                                .effectiveCursorSecret(false))
                .isEqualTo(SECRET);
    }
}
