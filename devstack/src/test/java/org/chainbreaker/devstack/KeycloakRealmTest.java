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
    void password_grant_token_of_kr_investigator_carries_issuer_audience_tenant_and_roles() {
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
    void th_liaison_token_carries_tenant_th_and_liaison_but_not_coordinator() {
        Map<String, Object> claims = KeycloakServer.claims(keycloak.tokenFor("th-liaison"));

        assertThat(claims.get("tenant")).isEqualTo("TH");
        assertThat(roles(claims)).contains("liaison").doesNotContain("coordinator", "investigator");
        assertThat(audiences(claims)).contains("chainbreaker-api");
    }

    @Test
    void interpol_and_aseanapol_liaisons_are_also_coordinators() {
        for (String user : List.of("interpol-liaison", "aseanapol-liaison")) {
            Map<String, Object> claims = KeycloakServer.claims(keycloak.tokenFor(user));
            assertThat(roles(claims)).as(user).contains("liaison", "coordinator");
        }
        assertThat(KeycloakServer.claims(keycloak.tokenFor("aseanapol-liaison")).get("tenant"))
                .isEqualTo("ASEANAPOL");
    }

    @Test
    void every_tenant_has_an_investigator_an_analyst_and_a_liaison() {
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
    void partner_client_token_is_bound_to_its_tenant_with_investigator_role() {
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
    void unknown_user_is_refused() {
        assertThatThrownBy(() -> keycloak.tokenFor("zz-investigator"))
                .isInstanceOfSatisfying(
                        KeycloakServer.TokenRefusedException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(400);
                            assertThat(e.body()).contains("invalid_grant");
                        });
    }

    @Test
    void wrong_password_and_wrong_client_secret_are_refused() {
        assertThatThrownBy(() -> keycloak.tokenFor("kr-investigator", "th-investigator"))
                .isInstanceOf(KeycloakServer.TokenRefusedException.class);
        assertThatThrownBy(() -> keycloak.clientToken("kr-partner", "th-partner-secret"))
                .isInstanceOf(KeycloakServer.TokenRefusedException.class);
    }

    @Test
    void cli_client_cannot_use_client_credentials_and_api_client_has_no_flows() {
        assertThatThrownBy(() -> keycloak.clientToken("chainbreaker-cli", ""))
                .isInstanceOf(KeycloakServer.TokenRefusedException.class);
        assertThatThrownBy(
                        () -> keycloak.clientToken("chainbreaker-api", "chainbreaker-api-secret"))
                .isInstanceOf(KeycloakServer.TokenRefusedException.class);
    }

    @Test
    void realm_holds_exactly_three_dev_users_per_tenant_besides_partner_service_accounts()
            throws Exception {
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
