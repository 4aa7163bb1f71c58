package org.chainbreaker.platform.errors;

/** The record is not in a state that allows this, e.g. a transition its lifecycle forbids. */
public final class FailedPreconditionException extends ChainbreakerException {

    public FailedPreconditionException(String message) {
        super(message);
    }
}
