package org.chainbreaker.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.chainbreaker.platform.security.TokenRejectedException.Reason;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token verified once is remembered by the verifier (so that a reused token costs no signature
 * check), but never beyond what a full check would accept: not after it expires, not once the key
 * that signed it is withdrawn, and never for a token that differs from it.
 */
class RememberedTokensTest {

    private static final String ISSUER = "https://idp.test/realms/chainbreaker";
    private static final String AUDIENCE = "chainbreaker-api";
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final AtomicReference<byte[]> published = new AtomicReference<>();
    private RSAKey realmKey;
    private HttpServer jwks;
    private SigningKeys keys;
    private TokenVerifier verifier;

    @BeforeEach
    void realm() throws Exception {
        realmKey = new RSAKeyGenerator(2048).keyID("realm-key").generate();
        publish(realmKey);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext(
                "/certs",
                exchange -> {
                    byte[] body = published.get();
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        jwks.start();
        keys =
                new SigningKeys(
                        URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs"),
                        // A short lifetime, so that a withdrawn key leaves the set within the test.
                        new SigningKeys.Policy(
                                Duration.ofSeconds(2),
                                Duration.ofMillis(500),
                                Duration.ofSeconds(1),
                                Duration.ofMillis(200),
                                Duration.ofHours(1),
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(3)));
        keys.refresh();
        verifier =
                new TokenVerifier(
                        ISSUER,
                        AUDIENCE,
                        Duration.ofSeconds(30),
                        TenantDirectory.region(),
                        keys,
                        new MovingClock());
    }

    @AfterEach
    void stop() {
        keys.close();
        jwks.stop(0);
    }

    @Test
    void a_remembered_token_is_refused_once_it_has_expired() throws Exception {
        String token = signed(realmKey, START.plusSeconds(300));
        assertThat(verifier.verify(token).tenant()).isEqualTo("KR");
        assertThat(verifier.verify(token).tenant()).isEqualTo("KR");

        now.set(START.plusSeconds(300 + 31));

        assertThat(rejection(token)).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void a_remembered_token_is_refused_once_its_signing_key_is_withdrawn() throws Exception {
        String token = signed(realmKey, START.plusSeconds(300));
        assertThat(verifier.verify(token).tenant()).isEqualTo("KR");

        RSAKey next = new RSAKeyGenerator(2048).keyID("next-key").generate();
        publish(next);
        // The key set is fetched again within its lifetime (2 s here, 60 s by default).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (keys.vouchesFor("realm-key") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(keys.vouchesFor("realm-key")).isFalse();

        assertThat(rejection(token)).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(verifier.verify(signed(next, START.plusSeconds(300))).tenant()).isEqualTo("KR");
    }

    @Test
    void a_token_differing_from_a_remembered_one_in_its_signature_is_refused() throws Exception {
        String token = signed(realmKey, START.plusSeconds(300));
        assertThat(verifier.verify(token).tenant()).isEqualTo("KR");
        int last = token.length() - 2;
        String tampered = token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + "A";

        assertThatThrownBy(() -> verifier.verify(tampered))
                .isInstanceOf(TokenRejectedException.class);
    }

    @Test
    void a_delegated_token_accepted_for_its_one_method_is_not_remembered_for_another()
            throws Exception {
        TokenVerifier delegated =
                verifier.acceptingDelegated("fugitive-service", Set.of("svc/Allowed"));
        String token = signed(realmKey, START.plusSeconds(300), "fugitive-service");
        assertThat(delegated.verifyAuthorization("Bearer " + token, "svc/Allowed").tenant())
                .isEqualTo("KR");

        assertThatThrownBy(() -> delegated.verifyAuthorization("Bearer " + token, "svc/Other"))
                .isInstanceOf(TokenRejectedException.class)
                .extracting(e -> ((TokenRejectedException) e).reason())
                .isEqualTo(Reason.WRONG_AUDIENCE);
    }

    private Reason rejection(String token) {
        try {
            verifier.verify(token);
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("the token was accepted");
    }

    private void publish(RSAKey key) {
        published.set(new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String signed(RSAKey key, Instant expiry) throws Exception {
        return signed(key, expiry, AUDIENCE);
    }

    private static String signed(RSAKey key, Instant expiry, String audience) throws Exception {
        JWTClaimsSet claims =
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .audience(List.of(audience))
                        .subject("3f1c-user")
                        .issueTime(Date.from(START.minusSeconds(60)))
                        .expirationTime(Date.from(expiry))
                        .claim("typ", "Bearer")
                        .claim("tenant", "KR")
                        .claim("preferred_username", "kr-investigator")
                        .build();
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                        claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The test's clock, moved by the test. */
    private final class MovingClock extends Clock {

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
