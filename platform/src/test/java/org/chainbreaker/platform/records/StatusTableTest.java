package org.chainbreaker.platform.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusTableTest {

    enum Light implements StatusTable<Light> {
        GREEN,
        AMBER,
        RED,
        OFF;

        @Override
        public Set<Light> next() {
            return switch (this) {
                case GREEN -> EnumSet.of(AMBER, OFF);
                case AMBER -> EnumSet.of(RED);
                case RED -> EnumSet.of(GREEN, OFF);
                case OFF -> EnumSet.noneOf(Light.class);
            };
        }
    }

    @Test
    void a_step_is_allowed_only_if_the_table_lists_it() {
        assertThat(Light.GREEN.canMoveTo(Light.AMBER)).isTrue();
        assertThat(Light.GREEN.canMoveTo(Light.RED)).isFalse();
        assertThat(Light.AMBER.canMoveTo(Light.AMBER)).isFalse();
    }

    @Test
    void a_status_with_no_step_is_final() {
        assertThat(Light.OFF.isFinal()).isTrue();
        assertThat(Light.RED.isFinal()).isFalse();
    }
}
