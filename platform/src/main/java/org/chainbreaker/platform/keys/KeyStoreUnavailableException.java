package org.chainbreaker.platform.keys;

/**
 * The PKCS#11 token cannot be used (library missing, no token, wrong PIN): the service must not
 * start.
 */
public final class KeyStoreUnavailableException extends RuntimeException {

    public KeyStoreUnavailableException(String message) {
        super(message);
    }

    public KeyStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
