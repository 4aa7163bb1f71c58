package org.chainbreaker.platform.security;

/**
 * An access token that does not prove who is calling. The message is safe to show to the client.
 */
public final class TokenRejectedException extends Exception {

    /** Why a token was refused; decides between 401, 403 and 503. */
    public enum Reason {
        MISSING,
        MALFORMED,
        UNSUPPORTED_ALGORITHM,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        /**
         * Not an access token: an ID token, a refresh token, or a token that does not say what it
         * is.
         */
        WRONG_TOKEN_TYPE,
        MISSING_TENANT,
        /** A well-formed token of a tenant this deployment does not serve: 403, not 401. */
        UNKNOWN_TENANT,
        /** The identity provider's keys could not be fetched: the token cannot be checked now. */
        KEYS_UNAVAILABLE
    }

    private final Reason reason;

    public TokenRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
