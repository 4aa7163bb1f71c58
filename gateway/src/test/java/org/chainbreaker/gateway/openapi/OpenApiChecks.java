package org.chainbreaker.gateway.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structural rules of an OpenAPI 3.1 document that a generator can break: the version, every local
 * {@code $ref} resolving, path templates and path parameters declared both ways, unique operation
 * ids and parameters, declared tags, a description on every response, and JSON Schema types from
 * the known set. Returns what is wrong.
 */
public final class OpenApiChecks {

    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Set<String> TYPES =
            Set.of("string", "number", "integer", "boolean", "object", "array", "null");

    private OpenApiChecks() {}

    public static List<String> violations(JsonObject document) {
        List<String> problems = new ArrayList<>();
        if (!document.has("openapi") || !document.get("openapi").getAsString().equals("3.1.0")) {
            problems.add("openapi must be 3.1.0");
        }
        JsonObject info = document.getAsJsonObject("info");
        if (info == null || !info.has("title") || !info.has("version")) {
            problems.add("info needs a title and a version");
        }
        refs(document, document, "#", problems);
        types(document, "#", problems);

        Set<String> declaredTags = new HashSet<>();
        if (document.has("tags")) {
            document.getAsJsonArray("tags")
                    .forEach(
                            tag ->
                                    declaredTags.add(
                                            tag.getAsJsonObject().get("name").getAsString()));
        }
        Set<String> operationIds = new HashSet<>();
        JsonObject paths = document.getAsJsonObject("paths");
        if (paths == null) {
            problems.add("no paths");
            return problems;
        }
        for (Map.Entry<String, JsonElement> path : paths.entrySet()) {
            String template = path.getKey();
            if (!template.startsWith("/")) {
                problems.add(template + ": a path must start with /");
            }
            Set<String> variables = new LinkedHashSet<>();
            Matcher matcher = TEMPLATE_VARIABLE.matcher(template);
            while (matcher.find()) {
                if (!variables.add(matcher.group(1))) {
                    problems.add(template + ": variable " + matcher.group(1) + " appears twice");
                }
            }
            for (Map.Entry<String, JsonElement> entry :
                    path.getValue().getAsJsonObject().entrySet()) {
                String where = entry.getKey().toUpperCase() + " " + template;
                if (!METHODS.contains(entry.getKey())) {
                    problems.add(where + ": not an HTTP method");
                    continue;
                }
                JsonObject operation = entry.getValue().getAsJsonObject();
                if (!operation.has("operationId")
                        || !operationIds.add(operation.get("operationId").getAsString())) {
                    problems.add(where + ": missing or duplicate operationId");
                }
                if (operation.has("tags")) {
                    operation
                            .getAsJsonArray("tags")
                            .forEach(
                                    tag -> {
                                        if (!declaredTags.contains(tag.getAsString())) {
                                            problems.add(
                                                    where
                                                            + ": undeclared tag "
                                                            + tag.getAsString());
                                        }
                                    });
                }
                Set<String> pathParameters = new HashSet<>();
                Set<String> parameterKeys = new HashSet<>();
                JsonArray parameters =
                        operation.has("parameters")
                                ? operation.getAsJsonArray("parameters")
                                : new JsonArray();
                for (JsonElement element : parameters) {
                    JsonObject parameter = element.getAsJsonObject();
                    String name = parameter.get("name").getAsString();
                    String in = parameter.get("in").getAsString();
                    if (!Set.of("path", "query", "header", "cookie").contains(in)) {
                        problems.add(where + ": parameter " + name + " is in " + in);
                    }
                    if (!parameterKeys.add(in + ":" + name)) {
                        problems.add(where + ": parameter " + name + " in " + in + " twice");
                    }
                    if (!parameter.has("schema") && !parameter.has("content")) {
                        problems.add(where + ": parameter " + name + " has no schema");
                    }
                    if (in.equals("path")) {
                        pathParameters.add(name);
                        if (!parameter.has("required")
                                || !parameter.get("required").getAsBoolean()) {
                            problems.add(where + ": path parameter " + name + " must be required");
                        }
                    }
                }
                if (!pathParameters.equals(variables)) {
                    problems.add(
                            where
                                    + ": path parameters "
                                    + pathParameters
                                    + " differ from the template's "
                                    + variables);
                }
                JsonObject responses = operation.getAsJsonObject("responses");
                if (responses == null || responses.isEmpty()) {
                    problems.add(where + ": no responses");
                } else {
                    for (Map.Entry<String, JsonElement> response : responses.entrySet()) {
                        JsonObject value = response.getValue().getAsJsonObject();
                        if (!value.has("$ref") && !value.has("description")) {
                            problems.add(
                                    where
                                            + ": response "
                                            + response.getKey()
                                            + " has no description");
                        }
                    }
                }
                if (operation.has("requestBody")
                        && !operation.getAsJsonObject("requestBody").has("content")) {
                    problems.add(where + ": request body without content");
                }
            }
        }
        JsonObject responses = document.getAsJsonObject("components").getAsJsonObject("responses");
        if (responses != null) {
            responses
                    .entrySet()
                    .forEach(
                            r -> {
                                if (!r.getValue().getAsJsonObject().has("description")) {
                                    problems.add(
                                            "components/responses/"
                                                    + r.getKey()
                                                    + " has no description");
                                }
                            });
        }
        return problems;
    }

    private static void refs(JsonObject root, JsonElement node, String at, List<String> problems) {
        if (node.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : node.getAsJsonObject().entrySet()) {
                if (entry.getKey().equals("$ref")) {
                    String ref = entry.getValue().getAsString();
                    if (!ref.startsWith("#/") || resolve(root, ref) == null) {
                        problems.add(at + ": $ref " + ref + " does not resolve");
                    }
                } else {
                    refs(root, entry.getValue(), at + "/" + entry.getKey(), problems);
                }
            }
        } else if (node.isJsonArray()) {
            JsonArray array = node.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                refs(root, array.get(i), at + "/" + i, problems);
            }
        }
    }

    /** Follows a local JSON pointer. */
    public static JsonElement resolve(JsonObject root, String ref) {
        JsonElement node = root;
        for (String token : ref.substring(2).split("/")) {
            String key = token.replace("~1", "/").replace("~0", "~");
            if (node == null || !node.isJsonObject() || !node.getAsJsonObject().has(key)) {
                return null;
            }
            node = node.getAsJsonObject().get(key);
        }
        return node;
    }

    /**
     * Any "type" keyword inside a schema must name JSON Schema types (skips objects where "type" is
     * a property name).
     */
    private static void types(JsonElement node, String at, List<String> problems) {
        if (node.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : node.getAsJsonObject().entrySet()) {
                boolean inProperties = at.endsWith("/properties");
                if (entry.getKey().equals("type") && !inProperties && at.contains("schema")) {
                    JsonElement type = entry.getValue();
                    List<JsonElement> names = new ArrayList<>();
                    if (type.isJsonArray()) {
                        type.getAsJsonArray().forEach(names::add);
                    } else {
                        names.add(type);
                    }
                    for (JsonElement name : names) {
                        if (!name.isJsonPrimitive() || !TYPES.contains(name.getAsString())) {
                            problems.add(at + ": unknown schema type " + name);
                        }
                    }
                } else {
                    types(entry.getValue(), at + "/" + entry.getKey(), problems);
                }
            }
        } else if (node.isJsonArray()) {
            JsonArray array = node.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                types(array.get(i), at + "/" + i, problems);
            }
        }
    }
}
