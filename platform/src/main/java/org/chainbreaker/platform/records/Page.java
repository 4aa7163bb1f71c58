package org.chainbreaker.platform.records;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * One page of records, newest first, and where the next page starts. Keyset paging: the page size
 * and token a client sends, one row more read than asked to know whether more follow.
 */
public record Page<T>(List<T> items, Optional<PageCursor> next) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    /** Reads rows after a cursor (none: from the newest), at most {@code limit} of them. */
    @FunctionalInterface
    public interface Rows<T> {
        List<T> read(Optional<PageCursor> after, int limit);
    }

    /** The token a client sends for the next page; empty on the last page. */
    public String nextToken() {
        return next.map(PageCursor::encode).orElse("");
    }

    /**
     * The page a client asked for: {@code pageSize} 0 means {@value #DEFAULT_SIZE}, more than
     * {@value #MAX_SIZE} is cut to it, a negative one is refused (INVALID_ARGUMENT on {@code
     * page_size}); {@code pageToken} empty or a cursor this service sealed.
     */
    public static <T> Page<T> read(
            int pageSize, String pageToken, Rows<T> rows, Function<T, PageCursor> cursorOf) {
        new FieldChecks().require(pageSize >= 0, "page_size", "must not be negative").throwIfAny();
        int size = pageSize == 0 ? DEFAULT_SIZE : Math.min(pageSize, MAX_SIZE);
        Optional<PageCursor> after =
                pageToken == null || pageToken.isEmpty()
                        ? Optional.empty()
                        : Optional.of(PageCursor.decode(pageToken));
        List<T> found = rows.read(after, size + 1);
        if (found.size() <= size) {
            return new Page<>(found, Optional.empty());
        }
        List<T> page = found.subList(0, size);
        return new Page<>(page, Optional.of(cursorOf.apply(page.getLast())));
    }
}
