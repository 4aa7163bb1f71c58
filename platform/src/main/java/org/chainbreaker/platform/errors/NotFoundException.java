package org.chainbreaker.platform.errors;

/**
 * The record does not exist for the caller - it never existed, or its owner has not granted it to
 * the caller's country. Both answer alike.
 */
public final class NotFoundException extends ChainbreakerException {

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
