package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.HostileInputTest.http;
import static org.chainbreaker.systemtests.HostileInputTest.suite;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chainbreaker.devstack.KeycloakServer;

/**
 * The tokens of {@link HostileInputTest} that must all be refused: forged, unsigned, wrongly
 * signed, of another realm, without the API audience, expired, naming an unknown tenant.
 */
final class HostileTokens {

    private HostileTokens() {}

    // -------------------------------------------------------------------------------------------------- tokens

    /**
     * Tokens that must all be refused; a value starting with "RAW " is the whole Authorization
     * header.
     */
    static Map<String, String> hostileTokens() throws Exception {
        KeycloakServer keycloak = suite.keycloak();
        String real = RunningSuite.token("kr-investigator");
        String[] parts = real.split("\\.");
        Map<String, Object> claims = KeycloakServer.claims(real);
        String kid = header(real).get("kid").toString();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("garbage", "RAW Bearer not.a.jwt");
        tokens.put(
                "basic auth",
                "RAW Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        "kr-investigator:kr-investigator"
                                                .getBytes(StandardCharsets.UTF_8)));
        tokens.put("empty bearer", "RAW Bearer ");
        // The payload changed to claim another country: the signature no longer matches.
        String payload =
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"tenant\":\"KR\"", "\"tenant\":\"TH\"");
        tokens.put("forged payload", parts[0] + "." + b64(payload) + "." + parts[2]);
        // alg: none, same claims, no signature.
        tokens.put(
                "alg none",
                b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                        + "."
                        + parts[1]
                        + ".");
        tokens.put("alg none, no dot", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1]);
        // Signed by a key of our own that claims the realm's key id.
        RSAKey own = new RSAKeyGenerator(2048).keyID(kid).generate();
        tokens.put(
                "wrongly signed (own RSA key, realm kid)", sign(own, JWSAlgorithm.RS256, claims));
        // HMAC keyed with the realm's public key (algorithm confusion).
        String jwks = get(keycloak.jwksUri());
        byte[] secret = jwks.getBytes(StandardCharsets.UTF_8);
        JWSHeader hs =
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(kid)
                        .type(JOSEObjectType.JWT)
                        .build();
        SignedJWT hmac = new SignedJWT(hs, JWTClaimsSet.parse(claims));
        hmac.sign(
                new MACSigner(secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32)));
        tokens.put("HS256 with the realm's public key", hmac.serialize());
        // Self-signed with a fresh key and no kid, audience of some other API.
        Map<String, Object> otherAudience = new LinkedHashMap<>(claims);
        otherAudience.put("aud", "some-other-api");
        tokens.put(
                "self-signed, other audience",
                sign(new RSAKeyGenerator(2048).generate(), JWSAlgorithm.RS256, otherAudience));
        // Genuine Keycloak tokens that are wrong for this API.
        String admin = keycloak.adminToken();
        tokens.put(
                "Keycloak token without the API audience",
                clientCopyToken(admin, "hostile-no-audience", c -> removeAudience(c)));
        tokens.put(
                "Keycloak token of a tenant that does not exist (XX)",
                clientCopyToken(admin, "hostile-tenant-xx", c -> setTenant(c, "XX")));
        tokens.put(
                "Keycloak token with an empty tenant",
                clientCopyToken(admin, "hostile-tenant-empty", c -> setTenant(c, "")));
        tokens.put("Keycloak token of the master realm (admin)", admin);
        tokens.put("Keycloak token of another realm", otherRealmToken(admin));
        String expired = clientCopyToken(admin, "hostile-short-lived", c -> setLifespan(c, 1));
        Thread.sleep(3_500);
        tokens.put("expired Keycloak token", expired);
        return tokens;
    }

    static String sign(RSAKey key, JWSAlgorithm alg, Map<String, Object> claims) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT);
        if (key.getKeyID() != null) {
            header.keyID(key.getKeyID());
        }
        JWTClaimsSet.Builder set =
                new JWTClaimsSet.Builder(JWTClaimsSet.parse(claims))
                        .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                        .issueTime(new Date());
        SignedJWT jwt = new SignedJWT(header.build(), set.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static Map<String, Object> header(String jwt) throws Exception {
        return com.nimbusds.jose.util.JSONObjectUtils.parse(
                new String(
                        Base64.getUrlDecoder().decode(jwt.split("\\.")[0]),
                        StandardCharsets.UTF_8));
    }

    static String b64(String s) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Registers a copy of the {@code kr-partner} client (client credentials, its claim mappers)
     * changed by {@code change}, and answers a token it issues.
     */
    static String clientCopyToken(
            String admin, String clientId, java.util.function.UnaryOperator<Struct.Builder> change)
            throws Exception {
        String clients =
                suite.keycloak().baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/clients";
        ListValue.Builder found = ListValue.newBuilder();
        JsonFormat.parser().merge(get(clients + "?clientId=kr-partner", admin), found);
        Struct.Builder copy =
                found.getValues(0).getStructValue().toBuilder()
                        .removeFields("id")
                        .putFields("clientId", Value.newBuilder().setStringValue(clientId).build())
                        .putFields(
                                "secret",
                                Value.newBuilder().setStringValue(clientId + "-secret").build());
        ListValue.Builder mappers = ListValue.newBuilder();
        for (Value mapper :
                copy.getFieldsOrDefault("protocolMappers", Value.getDefaultInstance())
                        .getListValue()
                        .getValuesList()) {
            mappers.addValues(
                    Value.newBuilder()
                            .setStructValue(
                                    mapper.getStructValue().toBuilder().removeFields("id")));
        }
        copy.putFields("protocolMappers", Value.newBuilder().setListValue(mappers).build());
        copy = change.apply(copy);
        HttpResponse<String> created =
                http.send(
                        HttpRequest.newBuilder(URI.create(clients))
                                .header("Authorization", "Bearer " + admin)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                JsonFormat.printer().print(copy)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        return suite.keycloak().clientToken(clientId, clientId + "-secret");
    }

    static Struct.Builder removeAudience(Struct.Builder client) {
        ListValue.Builder kept = ListValue.newBuilder();
        for (Value m : client.getFieldsOrThrow("protocolMappers").getListValue().getValuesList()) {
            if (!m.getStructValue()
                    .getFieldsOrThrow("protocolMapper")
                    .getStringValue()
                    .equals("oidc-audience-mapper")) {
                kept.addValues(m);
            }
        }
        return client.putFields("protocolMappers", Value.newBuilder().setListValue(kept).build());
    }

    static Struct.Builder setTenant(Struct.Builder client, String tenant) {
        ListValue.Builder changed = ListValue.newBuilder();
        for (Value m : client.getFieldsOrThrow("protocolMappers").getListValue().getValuesList()) {
            Struct.Builder mapper = m.getStructValue().toBuilder();
            if (mapper.getFieldsOrThrow("name").getStringValue().equals("tenant")) {
                Struct.Builder config =
                        mapper.getFieldsOrThrow("config").getStructValue().toBuilder()
                                .putFields(
                                        "claim.value",
                                        Value.newBuilder().setStringValue(tenant).build());
                mapper.putFields("config", Value.newBuilder().setStructValue(config).build());
            }
            changed.addValues(Value.newBuilder().setStructValue(mapper));
        }
        return client.putFields(
                "protocolMappers", Value.newBuilder().setListValue(changed).build());
    }

    static Struct.Builder setLifespan(Struct.Builder client, int seconds) {
        Struct.Builder attributes =
                client
                        .getFieldsOrDefault(
                                "attributes",
                                Value.newBuilder()
                                        .setStructValue(Struct.getDefaultInstance())
                                        .build())
                        .getStructValue()
                        .toBuilder()
                        .putFields(
                                "access.token.lifespan",
                                Value.newBuilder()
                                        .setStringValue(Integer.toString(seconds))
                                        .build());
        return client.putFields(
                "attributes", Value.newBuilder().setStructValue(attributes).build());
    }

    /**
     * A second realm with a client that puts the same claims (tenant KR, the API audience) into its
     * tokens.
     */
    static String otherRealmToken(String admin) throws Exception {
        String realm =
                """
                {"realm":"elsewhere","enabled":true,"clients":[{"clientId":"kr-partner","enabled":true,
                 "publicClient":false,"secret":"kr-partner-secret","serviceAccountsEnabled":true,
                 "standardFlowEnabled":false,"directAccessGrantsEnabled":false,
                 "protocolMappers":[
                  {"name":"tenant","protocol":"openid-connect","protocolMapper":"oidc-hardcoded-claim-mapper",
                   "config":{"claim.name":"tenant","claim.value":"KR","jsonType.label":"String",
                             "access.token.claim":"true","id.token.claim":"false"}},
                  {"name":"audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",
                   "config":{"included.custom.audience":"chainbreaker-api","access.token.claim":"true"}}]}]}
                """;
        HttpResponse<String> created =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(suite.keycloak().baseUrl() + "/admin/realms"))
                                .header("Authorization", "Bearer " + admin)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(realm))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        HttpResponse<String> token =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                suite.keycloak().baseUrl()
                                                        + "/realms/elsewhere/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "grant_type=client_credentials&client_id=kr-partner&client_secret=kr-partner-secret"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        assertThat(KeycloakServer.claims(accessToken)).containsEntry("tenant", "KR");
        return accessToken;
    }

    static String get(String url) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static String get(String url, String bearer) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + bearer)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    // ---------------------------------------------------------------------------------------------- databases

}
