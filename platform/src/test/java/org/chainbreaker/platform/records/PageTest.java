package org.chainbreaker.platform.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageTest {

    record Row(Instant time, UUID id) {}

    /** Five rows, newest first, as a store lists them. */
    private static final List<Row> ROWS =
            IntStream.range(0, 5)
                    .mapToObj(i -> new Row(Instant.ofEpochSecond(100 - i), new UUID(0, i)))
                    .toList();

    private static Page<Row> read(int size, String token) {
        return Page.read(
                size,
                token,
                (after, limit) ->
                        ROWS.stream()
                                .filter(
                                        r ->
                                                after.isEmpty()
                                                        || r.time()
                                                                .isBefore(after.get().createTime()))
                                .limit(limit)
                                .toList(),
                r -> new PageCursor(r.time(), r.id()));
    }

    @Test
    void a_page_with_more_rows_after_it_gives_the_token_of_its_last_row() {
        Page<Row> first = read(2, "");
        assertThat(first.items()).containsExactly(ROWS.get(0), ROWS.get(1));
        assertThat(first.nextToken())
                .isEqualTo(new PageCursor(ROWS.get(1).time(), ROWS.get(1).id()).encode());
        assertThat(read(2, first.nextToken()).items()).containsExactly(ROWS.get(2), ROWS.get(3));
    }

    @Test
    void the_last_page_gives_an_empty_token() {
        Page<Row> last = read(2, read(2, read(2, "").nextToken()).nextToken());
        assertThat(last.items()).containsExactly(ROWS.get(4));
        assertThat(last.nextToken()).isEmpty();
    }
}
