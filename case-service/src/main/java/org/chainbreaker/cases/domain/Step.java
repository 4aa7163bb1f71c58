package org.chainbreaker.cases.domain;

import org.chainbreaker.platform.errors.FailedPreconditionException;

/**
 * What a state machine answers when asked to take a step: the move it allows (from the state it was
 * asked in, to the state it leads to), or why it refuses. The application stores a move
 * conditionally on {@code from}, so a move decided on a state that changed meanwhile changes
 * nothing.
 */
public sealed interface Step<S> permits Step.Move, Step.Refusal {

    record Move<S>(S from, S to) implements Step<S> {}

    /** The step is not allowed in the current state (FAILED_PRECONDITION to the caller). */
    record Refusal<S>(String reason) implements Step<S> {}

    static <S> Step<S> move(S from, S to) {
        return new Move<>(from, to);
    }

    static <S> Step<S> refuse(String reason) {
        return new Refusal<>(reason);
    }

    /** The move to store, or the refusal thrown as FAILED_PRECONDITION. */
    default Move<S> orThrow() {
        return switch (this) {
            case Refusal<S> refused -> throw new FailedPreconditionException(refused.reason());
            case Move<S> move -> move;
        };
    }
}
