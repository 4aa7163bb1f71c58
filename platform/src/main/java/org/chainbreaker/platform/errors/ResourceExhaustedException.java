package org.chainbreaker.platform.errors;

/**
 * The caller sent more of something than allowed in a period (e.g. requests about one record);
 * retry later.
 */
public final class ResourceExhaustedException extends ChainbreakerException {

    public ResourceExhaustedException(String message) {
        super(message);
    }
}
