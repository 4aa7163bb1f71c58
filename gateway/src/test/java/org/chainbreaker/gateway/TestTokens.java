package org.chainbreaker.gateway;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A stand-in for the realm: an RSA key whose JWKS a loopback HTTP server publishes, and tokens
 * signed with it. (The platform's TokenVerifierTest has a similar fixture of its own; the modules
 * share no test code.)
 */
final class TestTokens implements AutoCloseable {

    static final String ISSUER = "https://idp.test/realms/chainbreaker";
    static final String AUDIENCE = "chainbreaker-api";

    private final RSAKey key;
    private final RSAKey otherKeyWithSameId;
    private final HttpServer jwks;
    private static TestTokens shared;

    /** One key and JWKS endpoint for every test class of this JVM, closed when the JVM exits. */
    static synchronized TestTokens shared() {
        if (shared == null) {
            try {
                shared = new TestTokens();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    TestTokens() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("realm-key").generate();
        otherKeyWithSameId = new RSAKeyGenerator(2048).keyID("realm-key").generate();
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext(
                "/certs",
                exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        jwks.start();
    }

    String jwksUri() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs";
    }

    static JWTClaimsSet.Builder claims(String tenant) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE, "account"))
                .subject("user-" + tenant)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                // Keycloak's access tokens say what they are; ID and refresh tokens say "ID" and
                // "Refresh".
                .claim("typ", "Bearer")
                .claim("tenant", tenant)
                .claim("preferred_username", tenant.toLowerCase() + "-investigator")
                .claim("azp", "chainbreaker-cli")
                .claim("roles", List.of("investigator"));
    }

    String token(String tenant) {
        return sign(key, claims(tenant).build());
    }

    String token(String tenant, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(key, change.apply(claims(tenant)).build());
    }

    String forged(String tenant) {
        return sign(otherKeyWithSameId, claims(tenant).build());
    }

    static String unsigned(String tenant) {
        return new PlainJWT(claims(tenant).build()).serialize();
    }

    private static String sign(RSAKey with, JWTClaimsSet claims) {
        try {
            SignedJWT jwt =
                    new SignedJWT(
                            new JWSHeader.Builder(JWSAlgorithm.RS256)
                                    .keyID(with.getKeyID())
                                    .type(JOSEObjectType.JWT)
                                    .build(),
                            claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        jwks.stop(0);
    }
}
