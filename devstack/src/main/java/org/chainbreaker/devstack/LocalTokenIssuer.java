package org.chainbreaker.devstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs access tokens shaped like the realm's, for service-level tests that do not claim to test
 * Keycloak (the end-to-end tests use the real one). Serves its public key as a JWKS on loopback,
 * and the realm's token exchange as far as the services use it: the repatriation-service's client
 * obtains a token of audience {@code fugitive-service}, the fugitive-service's client one of
 * audience {@code repatriation-deferred}, for a user this issuer signed a token for (other clients,
 * secrets or audiences are refused, as the realm refuses them).
 */
public final class LocalTokenIssuer {

    private static LocalTokenIssuer shared;

    private final RSAKey key;
    private final HttpServer server;
    private final java.util.Map<String, JWTClaimsSet> users =
            new java.util.concurrent.ConcurrentHashMap<>();

    private LocalTokenIssuer() throws JOSEException, IOException {
        key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext(
                "/realms/test/protocol/openid-connect/certs",
                exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    exchange.getResponseBody().write(jwks);
                    exchange.close();
                });
        server.createContext("/realms/test/protocol/openid-connect/token", this::exchange);
        server.start();
    }

    private void exchange(com.sun.net.httpserver.HttpExchange http) throws IOException {
        java.util.Map<String, String> form = new java.util.HashMap<>();
        for (String pair :
                new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                        .split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        JWTClaimsSet user = users.get(form.getOrDefault("requested_subject", ""));
        int status;
        String body;
        String client = form.getOrDefault("client_id", "");
        // Each exchanging client, its secret and the one audience the realm lets it exchange for.
        java.util.Map<String, java.util.List<String>> clients =
                java.util.Map.of(
                        "repatriation-service",
                        java.util.List.of(
                                KeycloakServer.REPATRIATION_CLIENT_SECRET, "fugitive-service"),
                        "fugitive-service",
                        java.util.List.of(
                                KeycloakServer.FUGITIVE_CLIENT_SECRET, "repatriation-deferred"));
        java.util.List<String> known = clients.get(client);
        if (!"urn:ietf:params:oauth:grant-type:token-exchange".equals(form.get("grant_type"))
                || known == null
                || !known.get(0).equals(form.get("client_secret"))) {
            status = 401;
            body = "{\"error\":\"unauthorized_client\"}";
        } else if (!known.get(1).equals(form.get("audience"))) {
            status = 403;
            body = "{\"error\":\"access_denied\"}";
        } else if (user == null) {
            status = 400;
            body = "{\"error\":\"invalid_request\"}";
        } else {
            Instant now = Instant.now();
            JWTClaimsSet claims =
                    new JWTClaimsSet.Builder(user)
                            .audience(List.of(known.get(1)))
                            .claim("azp", client)
                            .issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(Duration.ofSeconds(60))))
                            .build();
            status = 200;
            body = "{\"access_token\":\"" + sign(claims) + "\",\"token_type\":\"Bearer\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().add("Content-Type", "application/json");
        http.sendResponseHeaders(status, bytes.length);
        http.getResponseBody().write(bytes);
        http.close();
    }

    public static synchronized LocalTokenIssuer shared() {
        if (shared == null) {
            try {
                shared = new LocalTokenIssuer();
            } catch (JOSEException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
    }

    public String token(String tenant, String username, String... roles) {
        return sign(claims(tenant, username, List.of(roles)).build());
    }

    public JWTClaimsSet.Builder claims(String tenant, String username, List<String> roles) {
        Instant now = Instant.now();
        String subject =
                UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString();
        JWTClaimsSet user =
                new JWTClaimsSet.Builder()
                        .issuer(issuer())
                        .subject(subject)
                        .claim("typ", "Bearer")
                        .claim("preferred_username", username)
                        .claim("tenant", tenant)
                        .claim("roles", roles)
                        .build();
        // Who the realm knows (as the realm knows its users), for the token exchange.
        users.put(username, user);
        users.put(subject, user);
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(
                        UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8))
                                .toString())
                .audience(List.of("chainbreaker-api", "account"))
                .claim("azp", "chainbreaker-cli")
                .claim("typ", "Bearer")
                .claim("preferred_username", username)
                .claim("tenant", tenant)
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt =
                    new SignedJWT(
                            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                            claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
