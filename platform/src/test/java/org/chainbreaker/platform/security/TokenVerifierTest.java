package org.chainbreaker.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.chainbreaker.platform.security.TokenRejectedException.Reason;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TokenVerifier with a local realm key whose JWKS a loopback HTTP server publishes. (The gateway's
 * tests have a similar fixture of their own: the modules share no test code.)
 */
class TokenVerifierTest {

    private static final String ISSUER = "https://idp.test/realms/chainbreaker";
    private static final String AUDIENCE = "chainbreaker-api";
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static RSAKey realmKey;
    private static HttpServer jwks;
    private static TokenVerifier verifier;

    @BeforeAll
    static void realm() throws Exception {
        realmKey = new RSAKeyGenerator(2048).keyID("realm-key").generate();
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body =
                new JWKSet(realmKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext(
                "/certs",
                exchange -> {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        jwks.start();
        SigningKeys keys =
                new SigningKeys(
                        URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs"),
                        SigningKeys.Policy.DEFAULT);
        keys.refresh();
        verifier =
                new TokenVerifier(
                        ISSUER,
                        AUDIENCE,
                        Duration.ofSeconds(30),
                        TenantDirectory.region(),
                        keys,
                        CLOCK);
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE, "account"))
                .subject("3f1c-user")
                .issueTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.plusSeconds(300)))
                .claim("typ", "Bearer")
                .claim("tenant", "KR")
                .claim("preferred_username", "kr-investigator")
                .claim("azp", "chainbreaker-cli")
                .claim("roles", List.of("investigator", "viewer"));
    }

    private static String signed(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return signed(realmKey, change.apply(claims()).build());
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                        claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Reason rejection(String token) {
        try {
            verifier.verify(token);
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("the token was accepted");
    }

    @Test
    void a_valid_token_gives_the_caller_with_tenant_roles_and_username() throws Exception {
        String token = signed(c -> c);
        Caller caller = verifier.verify(token);
        assertThat(caller.tenant()).isEqualTo("KR");
        assertThat(caller.roles()).containsExactlyInAnyOrder("investigator", "viewer");
        assertThat(caller.username()).isEqualTo("kr-investigator");
        assertThat(caller.subject()).isEqualTo("3f1c-user");
        assertThat(caller.clientId()).isEqualTo("chainbreaker-cli");
        assertThat(caller.token()).isEqualTo(token);
        assertThat(caller.toString()).doesNotContain(token);
        assertThat(verifier.verifyAuthorization("Bearer " + token).tenant()).isEqualTo("KR");
        assertThat(verifier.verifyAuthorization("bearer " + token).tenant()).isEqualTo("KR");
    }

    @Test
    void a_token_expired_beyond_the_clock_skew_is_refused() throws Exception {
        assertThat(rejection(signed(c -> c.expirationTime(Date.from(NOW.minusSeconds(31))))))
                .isEqualTo(Reason.EXPIRED);
        assertThat(rejection(signed(c -> c.expirationTime(null)))).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void a_token_expired_within_the_clock_skew_is_still_accepted() throws Exception {
        assertThat(
                        verifier.verify(
                                        signed(
                                                c ->
                                                        c.expirationTime(
                                                                Date.from(NOW.minusSeconds(20)))))
                                .tenant())
                .isEqualTo("KR");
    }

    @Test
    void a_token_not_yet_valid_is_refused() throws Exception {
        assertThat(rejection(signed(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(120))))))
                .isEqualTo(Reason.NOT_YET_VALID);
        assertThat(rejection(signed(c -> c.issueTime(Date.from(NOW.plusSeconds(120))))))
                .isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void a_token_of_another_issuer_is_refused() throws Exception {
        assertThat(rejection(signed(c -> c.issuer("https://idp.test/realms/other"))))
                .isEqualTo(Reason.WRONG_ISSUER);
    }

    @Test
    void a_token_for_another_audience_is_refused() throws Exception {
        assertThat(rejection(signed(c -> c.audience("account")))).isEqualTo(Reason.WRONG_AUDIENCE);
        assertThat(rejection(signed(c -> c.audience((String) null))))
                .isEqualTo(Reason.WRONG_AUDIENCE);
    }

    @Test
    void only_access_tokens_are_accepted_and_other_tokens_of_the_realm_are_refused_by_their_type()
            throws Exception {
        // An ID token whose audience names the API (an audience mapper, or a client named like it)
        // passes every
        // other check: its type alone refuses it.
        assertThat(rejection(signed(c -> c.claim("typ", "ID")))).isEqualTo(Reason.WRONG_TOKEN_TYPE);
        assertThat(rejection(signed(c -> c.claim("typ", "Refresh"))))
                .isEqualTo(Reason.WRONG_TOKEN_TYPE);
        assertThat(rejection(signed(c -> c.claim("typ", "Logout"))))
                .isEqualTo(Reason.WRONG_TOKEN_TYPE);
        assertThat(rejection(signed(c -> c.claim("typ", null)))).isEqualTo(Reason.WRONG_TOKEN_TYPE);
        assertThat(rejection(signed(c -> c.claim("typ", List.of("Bearer")))))
                .isEqualTo(Reason.WRONG_TOKEN_TYPE);
        // Keycloak writes it in lower case for clients that ask for lower-case token types.
        assertThat(verifier.verify(signed(c -> c.claim("typ", "bearer"))).tenant()).isEqualTo("KR");
    }

    @Test
    void a_token_without_tenant_is_refused() throws Exception {
        assertThat(rejection(signed(c -> c.claim("tenant", null))))
                .isEqualTo(Reason.MISSING_TENANT);
        assertThat(rejection(signed(c -> c.claim("tenant", " ")))).isEqualTo(Reason.MISSING_TENANT);
    }

    @Test
    void a_token_of_a_tenant_not_served_here_is_refused() throws Exception {
        assertThat(rejection(signed(c -> c.claim("tenant", "XX"))))
                .isEqualTo(Reason.UNKNOWN_TENANT);
        assertThat(rejection(signed(c -> c.claim("tenant", "kr"))))
                .isEqualTo(Reason.UNKNOWN_TENANT);
    }

    @Test
    void an_unsigned_alg_none_token_is_refused() throws Exception {
        String plain = new PlainJWT(claims().build()).serialize();
        assertThat(rejection(plain)).isIn(Reason.MALFORMED, Reason.UNSUPPORTED_ALGORITHM);
        // The same, dressed as a JWS with a known key id and an empty signature.
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"realm-key\"}").toString();
        String payload = Base64URL.encode(claims().build().toString()).toString();
        assertThat(rejection(header + "." + payload + "."))
                .isIn(Reason.MALFORMED, Reason.UNSUPPORTED_ALGORITHM);
        // A real RS256 signature with the header swapped to none.
        String[] parts = signed(c -> c).split("\\.");
        assertThat(rejection(header + "." + parts[1] + "." + parts[2]))
                .isIn(Reason.MALFORMED, Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void an_hs256_token_signed_with_a_guessed_secret_is_refused() throws Exception {
        for (byte[] secret :
                List.of(
                        "secretsecretsecretsecretsecretse".getBytes(StandardCharsets.UTF_8),
                        realmKey.toPublicJWK().toRSAPublicKey().getEncoded())) {
            SignedJWT jwt =
                    new SignedJWT(
                            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("realm-key").build(),
                            claims().build());
            jwt.sign(new MACSigner(secret));
            assertThat(rejection(jwt.serialize())).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        }
    }

    @Test
    void a_token_signed_by_an_unknown_key_is_refused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        assertThat(rejection(signed(stranger, claims().build()))).isEqualTo(Reason.BAD_SIGNATURE);
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("realm-key").generate();
        assertThat(rejection(signed(impostor, claims().build()))).isEqualTo(Reason.BAD_SIGNATURE);
        SignedJWT noKid =
                new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims().build());
        noKid.sign(new RSASSASigner(realmKey));
        assertThat(rejection(noKid.serialize())).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void a_tampered_token_is_refused() throws Exception {
        String[] parts = signed(c -> c).split("\\.");
        String otherPayload =
                Base64URL.encode(claims().claim("tenant", "TH").build().toString()).toString();
        assertThat(rejection(parts[0] + "." + otherPayload + "." + parts[2]))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void malformed_tokens_are_refused() {
        assertThat(rejection("not-a-jwt")).isEqualTo(Reason.MALFORMED);
        assertThat(rejection("a.b.c")).isEqualTo(Reason.MALFORMED);
        assertThat(rejection("")).isEqualTo(Reason.MISSING);
        assertThatThrownBy(() -> verifier.verifyAuthorization(null))
                .isInstanceOfSatisfying(
                        TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MISSING));
        assertThatThrownBy(() -> verifier.verifyAuthorization("Basic a3I6a3I="))
                .isInstanceOfSatisfying(
                        TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void an_oversized_token_is_refused_unparsed() throws Exception {
        String huge = signed(c -> c.claim("padding", "x".repeat(20_000)));
        assertThat(huge.length()).isGreaterThan(16 * 1024);
        assertThat(rejection(huge)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void unreachable_keys_are_reported_as_unavailable() throws Exception {
        SigningKeys nowhere =
                new SigningKeys(URI.create("http://127.0.0.1:9/certs"), SigningKeys.Policy.DEFAULT);
        TokenVerifier blind =
                new TokenVerifier(
                        ISSUER,
                        AUDIENCE,
                        Duration.ofSeconds(30),
                        TenantDirectory.region(),
                        nowhere,
                        CLOCK);
        String token = signed(c -> c);
        assertThatThrownBy(() -> blind.verify(token))
                .isInstanceOfSatisfying(
                        TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.KEYS_UNAVAILABLE));
    }
}
