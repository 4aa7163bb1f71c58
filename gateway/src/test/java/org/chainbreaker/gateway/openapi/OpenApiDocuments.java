package org.chainbreaker.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** The generator's documents as the OpenAPI tests read them: generated, parsed, looked into. */
final class OpenApiDocuments {

    static final String ISSUER = "https://idp.test/realms/chainbreaker";

    private OpenApiDocuments() {}

    static JsonObject generate(List<FileDescriptor> files, String issuer) {
        return OpenApiDocument.of(
                        files,
                        new OpenApiGenerator.Settings("Test API", "1", issuer),
                        OpenApiDocuments.class.getClassLoader())
                .tree();
    }

    static JsonObject operation(JsonObject document, String method, String path) {
        JsonObject item = document.getAsJsonObject("paths").getAsJsonObject(path);
        assertThat(item)
                .as("path %s in %s", path, document.getAsJsonObject("paths").keySet())
                .isNotNull();
        JsonObject operation = item.getAsJsonObject(method);
        assertThat(operation).as("%s %s", method, path).isNotNull();
        return operation;
    }

    static JsonObject parameter(JsonObject operation, String in, String name) {
        return parameters(operation).stream()
                .filter(
                        p ->
                                p.get("in").getAsString().equals(in)
                                        && p.get("name").getAsString().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no "
                                                + in
                                                + " parameter "
                                                + name
                                                + " in "
                                                + parameters(operation)));
    }

    static List<JsonObject> parameters(JsonObject operation) {
        if (!operation.has("parameters")) {
            return List.of();
        }
        return StreamSupport.stream(operation.getAsJsonArray("parameters").spliterator(), false)
                .map(JsonElement::getAsJsonObject)
                .toList();
    }

    static List<String> names(JsonObject operation, String in) {
        return parameters(operation).stream()
                .filter(p -> p.get("in").getAsString().equals(in))
                .map(p -> p.get("name").getAsString())
                .toList();
    }

    static JsonObject schema(JsonObject document, String name) {
        JsonObject schema =
                document.getAsJsonObject("components")
                        .getAsJsonObject("schemas")
                        .getAsJsonObject(name);
        assertThat(schema).as("component %s", name).isNotNull();
        return schema;
    }

    static JsonObject property(JsonObject document, String message, String property) {
        JsonObject properties = schema(document, message).getAsJsonObject("properties");
        assertThat(properties.has(property))
                .as("%s.%s in %s", message, property, properties.keySet())
                .isTrue();
        return properties.getAsJsonObject(property);
    }

    static List<String> strings(JsonElement array) {
        List<String> values = new ArrayList<>();
        array.getAsJsonArray().forEach(e -> values.add(e.getAsString()));
        return values;
    }

    static JsonObject json200Schema(JsonObject operation) {
        return operation
                .getAsJsonObject("responses")
                .getAsJsonObject("200")
                .getAsJsonObject("content")
                .getAsJsonObject("application/json")
                .getAsJsonObject("schema");
    }

    static JsonObject bodySchema(JsonObject operation) {
        return operation
                .getAsJsonObject("requestBody")
                .getAsJsonObject("content")
                .getAsJsonObject("application/json")
                .getAsJsonObject("schema");
    }

    static String ref(String name) {
        return "#/components/schemas/" + name;
    }

    /** What an independent parser (swagger-parser) finds wrong with the document. */
    static List<String> parserMessages(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getOpenAPI()).as("parsed: %s", result.getMessages()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        return result.getMessages() == null ? List.of() : result.getMessages();
    }
}
