package org.chainbreaker.cases.app;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.records.PageCursor;

/** Keyset pages, newest first: the page size and token a client sends, one row more read to know if more follow. */
final class Pages {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private Pages() {
    }

    /** One page and the cursor of the next one, if any. */
    record Page<T>(List<T> items, Optional<PageCursor> next) {
    }

    /** Reads rows after a cursor, at most {@code limit} of them. */
    @FunctionalInterface
    interface Rows<T> {
        List<T> read(Optional<PageCursor> after, int limit);
    }

    static <T> Page<T> read(int pageSize, String pageToken, Rows<T> rows, Function<T, PageCursor> cursorOf) {
        new FieldChecks().require(pageSize >= 0, "page_size", "must not be negative").throwIfAny();
        int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        Optional<PageCursor> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty() : Optional.of(PageCursor.decode(pageToken));
        List<T> found = rows.read(after, size + 1);
        if (found.size() <= size) {
            return new Page<>(found, Optional.empty());
        }
        List<T> page = found.subList(0, size);
        return new Page<>(page, Optional.of(cursorOf.apply(page.getLast())));
    }
}
