package org.chainbreaker.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The realm imported into a real Keycloak issues the tokens the services rely on. */
class KeycloakRealmTest {

    private static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        keycloak = KeycloakServer.shared();
    }

    @Test
    void passwordGrantTokenOfKrInvestigatorCarriesIssuerAudienceTenantAndRoles() {
        Map<String, Object> claims = KeycloakServer.claims(keycloak.tokenFor("kr-investigator"));

        assertThat(claims.get("iss"))
                .isEqualTo("http://localhost:" + keycloak.port() + "/realms/chainbreaker");
        assertThat(keycloak.issuer()).isEqualTo(claims.get("iss"));
        assertThat(audiences(claims)).contains("chainbreaker-api");
        assertThat(claims.get("tenant")).isEqualTo("KR");
        assertThat(roles(claims))
                .contains("investigator")
                .doesNotContain("liaison", "coordinator", "admin");
        assertThat(claims.get("preferred_username")).isEqualTo("kr-investigator");
        assertThat(claims.get("azp")).isEqualTo("chainbreaker-cli");
        // The platform's TokenVerifier accepts only access tokens, by this claim (ID tokens say
        // "ID").
        assertThat(claims.get("typ")).isEqualTo("Bearer");
        long lifetime =
                ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue();
        assertThat(lifetime).isEqualTo(300);
    }

    @Test
    void thLiaisonTokenCarriesTenantThAndLiaisonButNotCoordinator() {
        Map<String, Object> claims = KeycloakServer.claims(keycloak.tokenFor("th-liaison"));

        assertThat(claims.get("tenant")).isEqualTo("TH");
        assertThat(roles(claims)).contains("liaison").doesNotContain("coordinator", "investigator");
        assertThat(audiences(claims)).contains("chainbreaker-api");
    }

    @Test
    void interpolAndAseanapolLiaisonsAreAlsoCoordinators() {
        for (String user : List.of("interpol-liaison", "aseanapol-liaison")) {
            Map<String, Object> claims = KeycloakServer.claims(keycloak.tokenFor(user));
            assertThat(roles(claims)).as(user).contains("liaison", "coordinator");
        }
        assertThat(KeycloakServer.claims(keycloak.tokenFor("aseanapol-liaison")).get("tenant"))
                .isEqualTo("ASEANAPOL");
    }

    @Test
    void everyTenantHasAnInvestigatorAnAnalystAndALiaison() {
        for (String cc :
                List.of(
                        "kr",
                        "th",
                        "vn",
                        "kh",
                        "la",
                        "mm",
                        "ph",
                        "id",
                        "my",
                        "sg",
                        "bn",
                        "interpol",
                        "aseanapol")) {
            for (String role : List.of("investigator", "analyst", "liaison")) {
                Map<String, Object> claims =
                        KeycloakServer.claims(keycloak.tokenFor(cc + "-" + role));
                assertThat(claims.get("tenant")).as(cc + "-" + role).isEqualTo(cc.toUpperCase());
                assertThat(roles(claims)).as(cc + "-" + role).contains(role);
            }
        }
    }

    @Test
    void partnerClientTokenIsBoundToItsTenantWithInvestigatorRole() {
        Map<String, Object> claims =
                KeycloakServer.claims(keycloak.clientToken("kr-partner", "kr-partner-secret"));

        assertThat(claims.get("iss")).isEqualTo(keycloak.issuer());
        assertThat(audiences(claims)).contains("chainbreaker-api");
        assertThat(claims.get("tenant")).isEqualTo("KR");
        assertThat(roles(claims)).contains("investigator");
        assertThat(claims.get("azp")).isEqualTo("kr-partner");
        assertThat(claims.get("typ")).isEqualTo("Bearer");
        assertThat(claims.get("preferred_username")).isEqualTo("service-account-kr-partner");

        Map<String, Object> vn =
                KeycloakServer.claims(keycloak.clientToken("vn-partner", "vn-partner-secret"));
        assertThat(vn.get("tenant")).isEqualTo("VN");
    }

    @Test
    void unknownUserIsRefused() {
        assertThatThrownBy(() -> keycloak.tokenFor("zz-investigator"))
                .isInstanceOfSatisfying(
                        KeycloakServer.TokenRefusedException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(400);
                            assertThat(e.body()).contains("invalid_grant");
                        });
    }

    @Test
    void wrongPasswordAndWrongClientSecretAreRefused() {
        assertThatThrownBy(() -> keycloak.tokenFor("kr-investigator", "th-investigator"))
                .isInstanceOf(KeycloakServer.TokenRefusedException.class);
        assertThatThrownBy(() -> keycloak.clientToken("kr-partner", "th-partner-secret"))
                .isInstanceOf(KeycloakServer.TokenRefusedException.class);
    }

    @Test
    void cliClientCannotUseClientCredentialsAndApiClientHasNoFlows() {
        assertThatThrownBy(() -> keycloak.clientToken("chainbreaker-cli", ""))
                .isInstanceOf(KeycloakServer.TokenRefusedException.class);
        assertThatThrownBy(
                        () -> keycloak.clientToken("chainbreaker-api", "chainbreaker-api-secret"))
                .isInstanceOf(KeycloakServer.TokenRefusedException.class);
    }

    @Test
    void realmHoldsExactlyThreeDevUsersPerTenantBesidesPartnerServiceAccounts() throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        keycloak.baseUrl()
                                                                + "/admin/realms/chainbreaker/users?max=1000&briefRepresentation=false"))
                                        .header("Authorization", "Bearer " + keycloak.adminToken())
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode users = JsonMapper.builder().build().readTree(response.body());
        List<String> people =
                users.valueStream()
                        .map(u -> u.path("username").asString())
                        .filter(name -> !name.startsWith("service-account-"))
                        .sorted()
                        .toList();
        assertThat(people)
                .hasSize(39)
                .contains("kr-investigator", "interpol-liaison", "bn-analyst");
        users.valueStream()
                .filter(u -> !u.path("username").asString().startsWith("service-account-"))
                .forEach(
                        u ->
                                assertThat(u.path("attributes").path("tenant").path(0).asString())
                                        .as(u.path("username").asString())
                                        .isNotBlank());
    }

    @SuppressWarnings("unchecked")
    private static List<String> roles(Map<String, Object> claims) {
        return (List<String>) claims.get("roles");
    }

    @SuppressWarnings("unchecked")
    private static List<String> audiences(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        return aud instanceof List<?> list ? (List<String>) list : List.of((String) aud);
    }
}
