package org.chainbreaker.repatriation.app;

import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

/**
 * When a caller's (already verified) access token expires: a pending check may act for the caller
 * until then.
 */
final class Tokens {

    private Tokens() {}

    static Instant expiry(String token) {
        try {
            Date exp = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime();
            return exp == null ? Instant.EPOCH : exp.toInstant();
        } catch (ParseException e) {
            return Instant.EPOCH;
        }
    }
}
