package org.chainbreaker.platform.security;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.chainbreaker.platform.tenancy.Caller;

/**
 * Tokens that passed {@link TokenVerifier}'s full check, by their exact text, so that a client
 * reusing its token (the usual case: a token lives minutes, a client sends many calls with it)
 * costs a map lookup instead of a signature check and a JSON parse per call. This remembers the
 * verification of a token, never an answer. An entry is trusted only until the token expires (not
 * the clock skew beyond it) and only while the signing key set still has the key that signed it, so
 * a withdrawn key ends its tokens as soon as the key set is refreshed. Tokens that failed are never
 * remembered. Bounded: when full it is emptied, which costs one re-verification per live token.
 */
final class RecentlyVerifiedTokens {

    static final int MAX_ENTRIES = 10_000;

    private record Verified(Caller caller, Instant expiresAt, String keyId) {}

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    /** The caller of a token verified before, if it is still trustworthy at {@code now}. */
    Caller get(String token, Instant now, SigningKeys keys) {
        Verified known = verified.get(token);
        if (known == null) {
            return null;
        }
        if (now.isBefore(known.expiresAt()) && keys.vouchesFor(known.keyId())) {
            return known.caller();
        }
        verified.remove(token, known);
        return null;
    }

    void put(String token, Caller caller, Instant expiresAt, String keyId, Instant now) {
        if (expiresAt == null || keyId == null || !now.isBefore(expiresAt)) {
            return;
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(token, new Verified(caller, expiresAt, keyId));
    }
}
