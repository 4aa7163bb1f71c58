package org.chainbreaker.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider's public signing keys, fetched from its JWKS endpoint and cached by key id.
 * An unknown key id triggers one refresh (Keycloak rotates keys), at most once per {@code minRefreshInterval},
 * so that a flood of tokens with invented key ids cannot turn into a flood of requests to Keycloak.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final URI jwksUri;
    private final HttpClient http;
    private final Duration minRefreshInterval;
    private final Clock clock;
    private volatile Map<String, JWSVerifier> verifiers = Map.of();
    private volatile Instant lastRefresh = Instant.EPOCH;

    public SigningKeys(URI jwksUri, Duration minRefreshInterval, Clock clock) {
        this.jwksUri = jwksUri;
        this.minRefreshInterval = minRefreshInterval;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** A verifier for the key with this id, refreshing the key set once if the id is new. */
    Optional<JWSVerifier> verifierFor(String keyId) throws TokenRejectedException {
        JWSVerifier known = verifiers.get(keyId);
        if (known != null) {
            return Optional.of(known);
        }
        refreshIfAllowed();
        return Optional.ofNullable(verifiers.get(keyId));
    }

    /** Loads the key set now, e.g. at start-up so that the first request does not wait for it. */
    public synchronized void refresh() throws TokenRejectedException {
        lastRefresh = clock.instant();
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(jwksUri).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("JWKS endpoint answered " + response.statusCode());
            }
            Map<String, JWSVerifier> loaded = new HashMap<>();
            for (JWK key : JWKSet.parse(response.body()).getKeys()) {
                if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
                    continue;
                }
                JWSVerifier verifier = switch (key) {
                    case RSAKey rsa -> new RSASSAVerifier(rsa);
                    case ECKey ec -> new ECDSAVerifier(ec);
                    default -> null;
                };
                if (verifier != null && key.getKeyID() != null) {
                    loaded.put(key.getKeyID(), verifier);
                }
            }
            verifiers = Map.copyOf(loaded);
        } catch (IOException | ParseException | JOSEException e) {
            log.warn("Could not load signing keys from {}: {}", jwksUri, e.getMessage());
            if (verifiers.isEmpty()) {
                throw new TokenRejectedException(TokenRejectedException.Reason.KEYS_UNAVAILABLE,
                        "the identity provider's signing keys are not available; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRejectedException(TokenRejectedException.Reason.KEYS_UNAVAILABLE,
                    "interrupted while loading signing keys");
        }
    }

    private void refreshIfAllowed() throws TokenRejectedException {
        if (Duration.between(lastRefresh, clock.instant()).compareTo(minRefreshInterval) >= 0 || verifiers.isEmpty()) {
            synchronized (this) {
                if (Duration.between(lastRefresh, clock.instant()).compareTo(minRefreshInterval) >= 0
                        || verifiers.isEmpty()) {
                    refresh();
                }
            }
        }
    }
}
