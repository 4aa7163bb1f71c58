package org.chainbreaker.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The contract's field rules (buf.validate annotations, which the services enforce) appear in the
 * OpenAPI document as JSON Schema keywords, so a partner's generated client and form validation
 * know them before calling.
 */
class OpenApiConstraintsTest {

    private static final JsonObject DOCUMENT =
            JsonParser.parseString(OpenApiLintTest.document()).getAsJsonObject();

    private static JsonObject component(String name) {
        return DOCUMENT.getAsJsonObject("components")
                .getAsJsonObject("schemas")
                .getAsJsonObject(name);
    }

    private static JsonObject property(String component, String property) {
        return component(component).getAsJsonObject("properties").getAsJsonObject(property);
    }

    private static JsonObject operation(String path, String method) {
        return DOCUMENT.getAsJsonObject("paths").getAsJsonObject(path).getAsJsonObject(method);
    }

    private static JsonObject queryParameter(String path, String method, String name) {
        JsonArray parameters = operation(path, method).getAsJsonArray("parameters");
        return StreamSupport.stream(parameters.spliterator(), false)
                .map(JsonElement::getAsJsonObject)
                .filter(p -> p.get("name").getAsString().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void string_lengths_in_characters_and_patterns_are_shown() {
        assertThat(property("chainbreaker.cases.v1.Case", "title").get("maxLength").getAsInt())
                .isEqualTo(200);
        assertThat(
                        property("chainbreaker.cases.v1.MatchIdentifierRequest", "purpose")
                                .get("minLength")
                                .getAsInt())
                .isEqualTo(3);
        assertThat(
                        property("chainbreaker.cases.v1.MatchIdentifierRequest", "purpose")
                                .get("maxLength")
                                .getAsInt())
                .isEqualTo(500);
        assertThat(
                        queryParameter("/api/v1/wantedPersons", "post", "requestId")
                                .getAsJsonObject("schema")
                                .get("pattern")
                                .getAsString())
                .isEqualTo("^[A-Za-z0-9._~:-]{1,100}$");
    }

    @Test
    void numeric_ranges_are_shown_on_properties_and_query_parameters() {
        JsonObject held = property("chainbreaker.cases.v1.ScamCentre", "estimatedPeopleHeld");
        assertThat(held.get("minimum").getAsInt()).isZero();
        assertThat(held.get("maximum").getAsInt()).isEqualTo(1_000_000);
        JsonObject minScore =
                property("chainbreaker.fugitives.v1.SearchWantedPersonsRequest", "minScore");
        assertThat(minScore.get("maximum").getAsDouble()).isEqualTo(1.0);
        assertThat(
                        queryParameter("/api/v1/cases", "get", "pageSize")
                                .getAsJsonObject("schema")
                                .get("minimum")
                                .getAsInt())
                .isZero();
    }

    @Test
    void item_counts_and_the_rules_of_each_item_are_shown() {
        JsonObject identifiers = property("chainbreaker.cases.v1.ScamReport", "identifiers");
        assertThat(identifiers.get("minItems").getAsInt()).isEqualTo(1);
        assertThat(identifiers.get("maxItems").getAsInt()).isEqualTo(50);
        JsonObject charges = property("chainbreaker.fugitives.v1.WantedPerson", "charges");
        assertThat(charges.get("maxItems").getAsInt()).isEqualTo(20);
        assertThat(charges.getAsJsonObject("items").get("maxLength").getAsInt()).isEqualTo(200);
        assertThat(
                        property("chainbreaker.cases.v1.Case", "operationTags")
                                .getAsJsonObject("items")
                                .get("pattern")
                                .getAsString())
                .isEqualTo("^[A-Za-z0-9][A-Za-z0-9-]{0,49}$");
    }

    @Test
    void fields_the_rules_require_are_listed_as_required() {
        JsonObject share =
                operation("/api/v1/cases/{id}:share", "post")
                        .getAsJsonObject("requestBody")
                        .getAsJsonObject("content")
                        .getAsJsonObject("application/json")
                        .getAsJsonObject("schema");
        assertThat(share.getAsJsonArray("required").toString()).contains("\"handlingCode\"");
        assertThat(
                        component("chainbreaker.repatriation.v1.RescueRequest")
                                .getAsJsonArray("required")
                                .toString())
                .contains("\"location\"");
    }
}
