package org.chainbreaker.platform.records;

import java.util.Set;

/**
 * The one shape of a record's lifecycle in every service: a status enum lists the statuses
 * reachable from each status in one step, and a step is allowed only if it is listed. The record's
 * own step methods ask {@link #canMoveTo} and answer the refusal as their outcome.
 */
public interface StatusTable<S extends Enum<S>> {

    /** Statuses reachable from this one in a single step (empty: final). */
    Set<S> next();

    default boolean canMoveTo(S target) {
        return next().contains(target);
    }

    default boolean isFinal() {
        return next().isEmpty();
    }
}
