package org.chainbreaker.platform.records;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of one {@link Page} of records, newest first: after the cursor on (creation time, id),
 * ordered the same way, one row more than the page (see {@link Page#read}). Every list pages this
 * one way, so that a token means the same position in each.
 *
 * @param time the creation time column, qualified as the query names it ("w.create_time")
 * @param id the id column, qualified likewise
 */
public record Keyset(String time, String id, Optional<PageCursor> after, int limit) {

    /** The page of a table aliased {@code alias} with the usual columns create_time and id. */
    public static Keyset of(String alias, Optional<PageCursor> after, int limit) {
        return new Keyset(alias + ".create_time", alias + ".id", after, limit);
    }

    /** The condition to add to a where clause: empty for the first page. */
    public String andAfter() {
        return after.isPresent() ? " and (" + time + ", " + id + ") < (:afterTime, :afterId)" : "";
    }

    /** The order and limit that end the query. */
    public String orderAndLimit() {
        return " order by " + time + " desc, " + id + " desc limit :limit";
    }

    /** Binds the limit and, after the first page, the cursor. */
    public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        JdbcClient.StatementSpec bound = statement.param("limit", limit);
        if (after.isPresent()) {
            bound =
                    bound.param("afterTime", Timestamp.from(after.get().createTime()))
                            .param("afterId", after.get().id());
        }
        return bound;
    }
}
