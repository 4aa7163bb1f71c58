package org.chainbreaker.platform.persistence;

import java.util.List;
import java.util.UUID;

/**
 * The ids of the records a query reads rows of, as a condition on a column and the value of its
 * parameter {@code :ids}: {@code = :ids} for one id, {@code = any(:ids)} for several.
 *
 * <p>Why one id is not an array of one: PostgreSQL estimates an array parameter at several
 * elements, so the generic plan of {@code = any($1)} always looks dearer than the custom plan of
 * one id, and a prepared statement is planned again on every call. With the row-level-security
 * policies planned into every statement, that planning was most of what a read by id cost the
 * database (a GetWantedPerson about 2 ms, a GetRepatriation about 1.5 ms). With {@code = $1} both
 * plans cost the same and PostgreSQL keeps the generic one after its five trials.
 */
public record RowIds(List<UUID> ids) {

    public RowIds {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("rows of no record were asked for");
        }
        ids = List.copyOf(ids);
    }

    public static RowIds of(UUID id) {
        return new RowIds(List.of(id));
    }

    /** {@code column = :ids} or {@code column = any(:ids)}. */
    public String match(String column) {
        return ids.size() == 1 ? column + " = :ids" : column + " = any(:ids)";
    }

    /** The value of {@code :ids} for {@link #match}. */
    public Object value() {
        return ids.size() == 1 ? ids.getFirst() : ids.toArray(UUID[]::new);
    }
}
