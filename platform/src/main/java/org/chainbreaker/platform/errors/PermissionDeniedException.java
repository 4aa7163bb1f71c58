package org.chainbreaker.platform.errors;

/**
 * The caller sees the record but may not do this to it, e.g. a partner trying to share the owner's
 * case.
 */
public final class PermissionDeniedException extends ChainbreakerException {

    public PermissionDeniedException(String message) {
        super(message);
    }
}
