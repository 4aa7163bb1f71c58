package org.chainbreaker.platform.errors;

/**
 * Something this request depends on (another service) cannot answer now; nothing was changed, try
 * again later.
 */
public final class UnavailableException extends ChainbreakerException {

    public UnavailableException(String message) {
        super(message);
    }
}
