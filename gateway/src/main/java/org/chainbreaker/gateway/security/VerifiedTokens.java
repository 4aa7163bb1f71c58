package org.chainbreaker.gateway.security;

import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;
import org.chainbreaker.platform.security.SigningKeys;
import org.chainbreaker.platform.security.TokenRejectedException;
import org.chainbreaker.platform.security.TokenVerifier;
import org.chainbreaker.platform.tenancy.Caller;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Verifies bearer tokens without blocking the event loop. A token seen for the first time is
 * verified in full by the platform's {@link TokenVerifier} on a worker thread (it may fetch the
 * realm's keys when the key id is new); a token that passed is remembered, by its exact text, until
 * it expires, so a client that reuses its token (the usual case) costs a map lookup instead of a
 * signature check. A remembered token is trusted again only while the realm's current key set (as
 * {@link SigningKeys} last loaded it, within its lifetime) still has the key that signed it: a key
 * Keycloak withdraws ends the tokens it signed here as soon as the key set is refreshed, as it does
 * in every service. Tokens that failed are never remembered. The cache is bounded; when full it is
 * emptied, which costs at most one re-verification per live token.
 */
@Component
class VerifiedTokens {

    static final int MAX_ENTRIES = 10_000;

    private record Verified(Caller caller, Instant expiresAt, String keyId) {}

    private final TokenVerifier verifier;
    private final SigningKeys keys;
    private final Clock clock;
    private final Scheduler workers = Schedulers.boundedElastic();
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(TokenVerifier verifier, SigningKeys keys, Clock clock) {
        this.verifier = verifier;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The caller an {@code Authorization} header value proves, or a {@link TokenRejectedException}.
     */
    Mono<Caller> verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Mono.error(() -> rejectionWithoutBlocking(authorization));
        }
        Verified known = verified.get(authorization);
        if (known != null) {
            if (clock.instant().isBefore(known.expiresAt()) && keys.vouchesFor(known.keyId())) {
                return Mono.just(known.caller());
            }
            verified.remove(authorization, known);
        }
        return Mono.fromCallable(() -> verifyNow(authorization)).subscribeOn(workers);
    }

    private Caller verifyNow(String authorization) throws TokenRejectedException {
        Caller caller = verifier.verifyAuthorization(authorization);
        SignedJWT jwt = parsed(caller.token());
        Instant expiresAt = jwt == null ? null : expiry(jwt);
        if (expiresAt != null) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(
                    authorization, new Verified(caller, expiresAt, jwt.getHeader().getKeyID()));
        }
        return caller;
    }

    private TokenRejectedException rejectionWithoutBlocking(String authorization) {
        try {
            verifier.verifyAuthorization(authorization);
            return new TokenRejectedException(
                    TokenRejectedException.Reason.MISSING, "a bearer token is required");
        } catch (TokenRejectedException e) {
            return e;
        }
    }

    private static SignedJWT parsed(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            return null;
        }
    }

    private static Instant expiry(SignedJWT jwt) {
        try {
            Date exp = jwt.getJWTClaimsSet().getExpirationTime();
            return exp == null ? null : exp.toInstant();
        } catch (ParseException e) {
            return null;
        }
    }
}
