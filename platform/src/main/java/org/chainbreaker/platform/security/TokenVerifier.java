package org.chainbreaker.platform.security;

import static org.chainbreaker.platform.security.TokenRejectedException.Reason.BAD_SIGNATURE;
import static org.chainbreaker.platform.security.TokenRejectedException.Reason.EXPIRED;
import static org.chainbreaker.platform.security.TokenRejectedException.Reason.MALFORMED;
import static org.chainbreaker.platform.security.TokenRejectedException.Reason.MISSING;
import static org.chainbreaker.platform.security.TokenRejectedException.Reason.MISSING_TENANT;
import static org.chainbreaker.platform.security.TokenRejectedException.Reason.NOT_YET_VALID;
import static org.chainbreaker.platform.security.TokenRejectedException.Reason.UNKNOWN_TENANT;
import static org.chainbreaker.platform.security.TokenRejectedException.Reason.UNSUPPORTED_ALGORITHM;
import static org.chainbreaker.platform.security.TokenRejectedException.Reason.WRONG_AUDIENCE;
import static org.chainbreaker.platform.security.TokenRejectedException.Reason.WRONG_ISSUER;
import static org.chainbreaker.platform.security.TokenRejectedException.Reason.WRONG_TOKEN_TYPE;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;

/**
 * Verifies an OIDC access token from the realm and turns it into a {@link Caller}: signature
 * against the realm's keys (asymmetric algorithms only, so {@code alg: none} and HMAC tokens are
 * refused), issuer, token type (an access token: Keycloak's {@code typ} claim is {@code Bearer}; ID
 * and refresh tokens of the same realm are signed by the same key and say {@code ID} and {@code
 * Refresh}), audience, expiry, and a tenant this deployment serves. The gateway and every service
 * use this same check.
 */
public final class TokenVerifier {

    private static final Set<JWSAlgorithm> ALLOWED =
            Set.of(
                    JWSAlgorithm.RS256,
                    JWSAlgorithm.RS384,
                    JWSAlgorithm.RS512,
                    JWSAlgorithm.PS256,
                    JWSAlgorithm.ES256);

    /**
     * The {@code typ} claim of the realm's access tokens (lower case when a client asks for it).
     */
    static final String ACCESS_TOKEN_TYPE = "Bearer";

    /** Tokens larger than this are not parsed at all. */
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private final String issuer;
    private final String audience;
    private final Duration clockSkew;
    private final TenantDirectory tenants;
    private final SigningKeys keys;
    private final Clock clock;
    private final RecentlyVerifiedTokens recent = new RecentlyVerifiedTokens();

    private final String delegatedAudience;
    private final Set<String> delegatedMethods;

    public TokenVerifier(
            String issuer,
            String audience,
            Duration clockSkew,
            TenantDirectory tenants,
            SigningKeys keys,
            Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.clockSkew = clockSkew;
        this.tenants = tenants;
        this.keys = keys;
        this.clock = clock;
        this.delegatedAudience = null;
        this.delegatedMethods = Set.of();
    }

    private TokenVerifier(TokenVerifier base, String delegatedAudience, Set<String> methods) {
        this.issuer = base.issuer;
        this.audience = base.audience;
        this.clockSkew = base.clockSkew;
        this.tenants = base.tenants;
        this.keys = base.keys;
        this.clock = base.clock;
        this.delegatedAudience = delegatedAudience;
        this.delegatedMethods = Set.copyOf(methods);
    }

    /**
     * The same check, also accepting a token whose audience is only {@code delegatedAudience} (what
     * another service obtains by token exchange on behalf of a user, for a deferred action) on the
     * gRPC methods named, and nowhere else: such a token carries the user's own tenant and roles,
     * and is worth nothing to the gateway or any other service.
     */
    public TokenVerifier acceptingDelegated(String delegatedAudience, Set<String> fullMethodNames) {
        if (delegatedAudience == null || delegatedAudience.isBlank() || fullMethodNames.isEmpty()) {
            return this;
        }
        return new TokenVerifier(this, delegatedAudience, fullMethodNames);
    }

    /** Verifies the value of an {@code Authorization} header ("Bearer &lt;token&gt;"). */
    public Caller verifyAuthorization(String authorizationHeader) throws TokenRejectedException {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw new TokenRejectedException(MISSING, "a bearer token is required");
        }
        if (authorizationHeader.length() < 7
                || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TokenRejectedException(
                    MALFORMED, "the Authorization header must be 'Bearer <access token>'");
        }
        return verify(authorizationHeader.substring(7).trim());
    }

    /**
     * Verifies the value of an {@code Authorization} header of a call to {@code fullMethodName}
     * (where a delegated token may be accepted, see {@link #acceptingDelegated}).
     */
    public Caller verifyAuthorization(String authorizationHeader, String fullMethodName)
            throws TokenRejectedException {
        if (authorizationHeader == null
                || authorizationHeader.length() < 7
                || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return verifyAuthorization(authorizationHeader);
        }
        return verify(authorizationHeader.substring(7).trim(), fullMethodName);
    }

    public Caller verify(String token) throws TokenRejectedException {
        return verify(token, null);
    }

    private Caller verify(String token, String fullMethodName) throws TokenRejectedException {
        if (token == null || token.isEmpty()) {
            throw new TokenRejectedException(MISSING, "a bearer token is required");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRejectedException(MALFORMED, "the access token is too long");
        }
        Caller known = recent.get(token, clock.instant(), keys);
        if (known != null && tenants.knows(known.tenant())) {
            return known;
        }
        return verifyInFull(token, fullMethodName);
    }

    private Caller verifyInFull(String token, String fullMethodName) throws TokenRejectedException {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new TokenRejectedException(MALFORMED, "the access token is not a signed JWT");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALLOWED.contains(alg)) {
            throw new TokenRejectedException(
                    UNSUPPORTED_ALGORITHM,
                    "the access token's signature algorithm is not accepted");
        }
        String keyId = jwt.getHeader().getKeyID();
        if (keyId == null) {
            throw new TokenRejectedException(
                    BAD_SIGNATURE, "the access token names no signing key");
        }
        JWSVerifier verifier =
                keys.verifierFor(keyId)
                        .orElseThrow(
                                () ->
                                        new TokenRejectedException(
                                                BAD_SIGNATURE,
                                                "the access token is signed by an unknown key"));
        try {
            if (!verifier.supportedJWSAlgorithms().contains(alg) || !jwt.verify(verifier)) {
                throw new TokenRejectedException(
                        BAD_SIGNATURE, "the access token's signature is invalid");
            }
        } catch (JOSEException | IllegalStateException e) {
            throw new TokenRejectedException(
                    BAD_SIGNATURE, "the access token's signature is invalid");
        }
        checkTimes(claims);
        if (!issuer.equals(claims.getIssuer())) {
            throw new TokenRejectedException(
                    WRONG_ISSUER, "the access token was not issued by this realm");
        }
        // Refused by what it is, not only by its audience: an ID token's audience is a client,
        // which an
        // audience mapper or a client named like the API could make pass.
        Object type = claims.getClaim("typ");
        if (!(type instanceof String typ) || !typ.equalsIgnoreCase(ACCESS_TOKEN_TYPE)) {
            throw new TokenRejectedException(WRONG_TOKEN_TYPE, "the token is not an access token");
        }
        List<String> aud = claims.getAudience();
        if (aud == null
                || !(aud.contains(audience)
                        || (delegatedAudience != null
                                && aud.contains(delegatedAudience)
                                && delegatedMethods.contains(fullMethodName)))) {
            throw new TokenRejectedException(
                    WRONG_AUDIENCE, "the access token is not meant for this API");
        }
        String tenant = stringClaim(claims, "tenant");
        if (tenant == null || tenant.isBlank()) {
            throw new TokenRejectedException(MISSING_TENANT, "the access token carries no tenant");
        }
        if (!tenants.knows(tenant)) {
            throw new TokenRejectedException(
                    UNKNOWN_TENANT, "the access token's tenant is not served here");
        }
        String subject = claims.getSubject();
        String clientId = stringClaim(claims, "azp");
        String username = stringClaim(claims, "preferred_username");
        if (subject == null || subject.isBlank()) {
            throw new TokenRejectedException(MALFORMED, "the access token has no subject");
        }
        Caller caller =
                new Caller(
                        subject,
                        username != null ? username : clientId != null ? clientId : subject,
                        tenant,
                        roles(claims),
                        clientId != null ? clientId : "",
                        token);
        if (aud.contains(audience)) {
            // A token accepted only by its delegated audience held for this one method; remembered,
            // it would pass on any other method.
            recent.put(
                    token, caller, claims.getExpirationTime().toInstant(), keyId, clock.instant());
        }
        return caller;
    }

    private void checkTimes(JWTClaimsSet claims) throws TokenRejectedException {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || now.isAfter(exp.toInstant().plus(clockSkew))) {
            throw new TokenRejectedException(EXPIRED, "the access token has expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(clockSkew))) {
            throw new TokenRejectedException(NOT_YET_VALID, "the access token is not valid yet");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && now.isBefore(iat.toInstant().minus(clockSkew))) {
            throw new TokenRejectedException(
                    NOT_YET_VALID, "the access token was issued in the future");
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name)
            throws TokenRejectedException {
        Object value = claims.getClaim(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw new TokenRejectedException(
                MALFORMED, "the access token's " + name + " claim is not a string");
    }

    private static Set<String> roles(JWTClaimsSet claims) throws TokenRejectedException {
        Object value = claims.getClaim("roles");
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new TokenRejectedException(
                    MALFORMED, "the access token's roles claim is not a list");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (Object role : list) {
            if (role instanceof String s) {
                roles.add(s);
            }
        }
        return roles;
    }
}
