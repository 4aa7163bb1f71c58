package org.chainbreaker.fugitives.domain;

import java.util.function.Function;
import org.chainbreaker.platform.errors.ChainbreakerException;

/**
 * What a record's rules answer to a requested step: the change to store, or the refusal to give the
 * caller. The rules decide on the state read under the record's lock and change nothing themselves;
 * the application stores an accepted change conditionally on the state it was decided from.
 */
public sealed interface Decision<T> {

    /** The step is allowed; {@code change} is what to store and announce. */
    record Accepted<T>(T change) implements Decision<T> {}

    /** The step is refused, with the error the caller gets (nothing changes). */
    record Refused<T>(ChainbreakerException reason) implements Decision<T> {}

    static <T> Decision<T> accept(T change) {
        return new Accepted<>(change);
    }

    static <T> Decision<T> refuse(ChainbreakerException reason) {
        return new Refused<>(reason);
    }

    default boolean accepted() {
        return this instanceof Accepted<T>;
    }

    /** The accepted change, or the refusal thrown. */
    default T orThrow() {
        return switch (this) {
            case Accepted<T> a -> a.change();
            case Refused<T> r -> throw r.reason();
        };
    }

    default <R> Decision<R> map(Function<T, R> f) {
        return switch (this) {
            case Accepted<T> a -> new Accepted<>(f.apply(a.change()));
            case Refused<T> r -> new Refused<>(r.reason());
        };
    }
}
