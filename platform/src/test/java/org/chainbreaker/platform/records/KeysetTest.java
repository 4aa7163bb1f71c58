package org.chainbreaker.platform.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeysetTest {

    @Test
    void the_first_page_has_no_cursor_condition_and_later_pages_start_after_the_cursor() {
        Keyset first = Keyset.of("w", Optional.empty(), 51);
        assertThat(first.andAfter()).isEmpty();
        assertThat(first.orderAndLimit())
                .isEqualTo(" order by w.create_time desc, w.id desc limit :limit");
        Keyset next =
                Keyset.of("r", Optional.of(new PageCursor(Instant.EPOCH, new UUID(0, 1))), 51);
        assertThat(next.andAfter())
                .isEqualTo(" and (r.create_time, r.id) < (:afterTime, :afterId)");
    }
}
