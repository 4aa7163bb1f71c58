package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cluster realms: production's is the local realm without people or secrets; dev's is the local
 * realm.
 */
class KeycloakRealmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOCAL =
            Overlays.ROOT.resolve("devstack/src/main/resources/keycloak/chainbreaker-realm.json");
    private static final Path PRODUCTION =
            Overlays.K8S.resolve("base/keycloak/chainbreaker-realm.json");
    private static final Path DEV =
            Overlays.K8S.resolve("overlays/dev/keycloak/chainbreaker-realm.json");

    @Test
    void production_realm_has_no_people_no_passwords_and_no_client_secrets() throws IOException {
        JsonNode realm = JSON.readTree(PRODUCTION.toFile());
        for (JsonNode user : realm.path("users")) {
            assertThat(user.has("serviceAccountClientId"))
                    .as(user.path("username").asText())
                    .isTrue();
            assertThat(user.has("credentials")).isFalse();
        }
        for (JsonNode client : realm.path("clients")) {
            assertThat(client.has("secret")).as(client.path("clientId").asText()).isFalse();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean(false))
                    .as("password grant of " + client.path("clientId").asText())
                    .isFalse();
        }
        assertThat(Files.readString(PRODUCTION))
                .doesNotContain("\"password\"", "\"secret\"", "\"credentials\"");
    }

    @Test
    void production_realm_keeps_the_local_realms_roles_clients_and_partner_roles()
            throws IOException {
        JsonNode local = JSON.readTree(LOCAL.toFile());
        JsonNode production = JSON.readTree(PRODUCTION.toFile());
        assertThat(production.path("realm").asText()).isEqualTo(local.path("realm").asText());
        assertThat(production.path("roles")).isEqualTo(local.path("roles"));
        assertThat(production.path("components")).isEqualTo(local.path("components"));
        Map<String, JsonNode> localClients = new java.util.TreeMap<>();
        local.path("clients").forEach(c -> localClients.put(c.path("clientId").asText(), c));
        List<String> productionClients = new java.util.ArrayList<>();
        for (JsonNode client : production.path("clients")) {
            String id = client.path("clientId").asText();
            productionClients.add(id);
            com.fasterxml.jackson.databind.node.ObjectNode expected =
                    localClients.get(id).deepCopy();
            expected.remove("secret");
            assertThat(client).as(id).isEqualTo(expected);
        }
        List<String> expectedClients =
                localClients.keySet().stream()
                        .filter(id -> !id.equals("chainbreaker-cli"))
                        .toList();
        assertThat(productionClients).containsExactlyInAnyOrderElementsOf(expectedClients);
        // Partner systems keep their tenant's realm roles through their service-account users.
        List<JsonNode> serviceAccounts = new java.util.ArrayList<>();
        local.path("users")
                .forEach(
                        u -> {
                            if (u.has("serviceAccountClientId")) {
                                serviceAccounts.add(u);
                            }
                        });
        assertThat(production.path("users")).containsExactlyInAnyOrderElementsOf(serviceAccounts);
    }

    /**
     * Keycloak stores client, role and policy descriptions in VARCHAR(255) columns: a longer one
     * passes JSON parsing and then stops the realm import, so Keycloak exits at start.
     */
    @Test
    void every_description_in_both_realms_fits_keycloaks_255_character_column() throws IOException {
        for (Path file : List.of(LOCAL, PRODUCTION)) {
            List<String> tooLong = new java.util.ArrayList<>();
            collectLongDescriptions(JSON.readTree(file.toFile()), "", tooLong);
            assertThat(tooLong).as(file.toString()).isEmpty();
        }
    }

    private static void collectLongDescriptions(JsonNode node, String path, List<String> into) {
        if (node.isObject()) {
            node.properties()
                    .forEach(
                            e -> {
                                if (e.getKey().equals("description")
                                        && e.getValue().isTextual()
                                        && e.getValue().asText().length() > 255) {
                                    into.add(path + " (" + e.getValue().asText().length() + ")");
                                }
                                collectLongDescriptions(
                                        e.getValue(), path + "/" + e.getKey(), into);
                            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectLongDescriptions(node.get(i), path + "[" + i + "]", into);
            }
        }
    }

    @Test
    void dev_overlay_realm_is_the_local_realm() throws IOException {
        assertThat(Files.readString(DEV)).isEqualTo(Files.readString(LOCAL));
    }
}
