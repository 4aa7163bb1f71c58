package org.chainbreaker.gateway.openapi;

import com.google.api.FieldBehavior;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Path and query parameters of an operation, bound as the transcoder binds them, with the
 * contract's field rules.
 */
final class Parameters {

    /** Mirrors the transcoder's limit on how deep query parameters reach into nested messages. */
    private static final int MAX_QUERY_DEPTH = 5;

    private final Schemas schemas;
    private final ProtoComments comments;

    Parameters(Schemas schemas, ProtoComments comments) {
        this.schemas = schemas;
        this.comments = comments;
    }

    JsonObject pathParameter(
            HttpBinding.PathVariable variable, String name, FieldDescriptor field) {
        JsonObject parameter = new JsonObject();
        parameter.addProperty("name", name);
        parameter.addProperty("in", "path");
        parameter.addProperty("required", true);
        JsonObject schema = schemas.value(field);
        List<String> notes = new ArrayList<>();
        String comment = comments.of(field);
        if (comment != null) {
            notes.add(comment);
        }
        if (variable.pattern() != null) {
            schema = Schemas.type("string");
            schema.addProperty("pattern", variable.pattern());
            notes.add(
                    "Spans several path segments: `"
                            + variable.segments()
                            + "`; its slashes are sent as they are.");
        }
        if (!notes.isEmpty()) {
            parameter.addProperty("description", String.join("\n\n", notes));
        }
        parameter.add(
                "schema",
                variable.pattern() == null ? FieldConstraints.apply(field, schema) : schema);
        return parameter;
    }

    /**
     * The fields neither the path nor the body binds, as query parameters by their JSON names,
     * dotted into singular nested messages (each message type once per chain, so recursive types
     * end); maps are not settable by query.
     */
    void queryParameters(
            Descriptor type,
            String prefix,
            List<FieldDescriptor> chain,
            Set<List<FieldDescriptor>> bound,
            Set<String> visiting,
            JsonArray parameters) {
        visiting.add(type.getFullName());
        for (FieldDescriptor field : type.getFields()) {
            chain.add(field);
            if (!bound.contains(chain) && !field.isMapField()) {
                String name = prefix + field.getJsonName();
                if (isScalarLike(field)) {
                    parameters.add(queryParameter(name, field, chain.size() == 1));
                } else if (!field.isRepeated()
                        && chain.size() < MAX_QUERY_DEPTH
                        && !visiting.contains(field.getMessageType().getFullName())) {
                    queryParameters(
                            field.getMessageType(), name + ".", chain, bound, visiting, parameters);
                }
            }
            chain.removeLast();
        }
        visiting.remove(type.getFullName());
    }

    JsonObject queryParameter(String name, FieldDescriptor field, boolean topLevel) {
        JsonObject parameter = new JsonObject();
        parameter.addProperty("name", name);
        parameter.addProperty("in", "query");
        Set<FieldBehavior> behaviors = Schemas.behaviors(field);
        if (topLevel
                && (behaviors.contains(FieldBehavior.REQUIRED)
                        || FieldConstraints.required(field))) {
            parameter.addProperty("required", true);
        }
        String comment = comments.of(field);
        if (field.isRepeated()) {
            String repeat = "Repeat the parameter for each value.";
            comment = comment == null ? repeat : comment + "\n\n" + repeat;
        }
        if (comment != null) {
            parameter.addProperty("description", comment);
        }
        if (field.getOptions().getDeprecated()) {
            parameter.addProperty("deprecated", true);
        }
        JsonObject schema;
        if (field.isRepeated()) {
            schema = Schemas.type("array");
            schema.add("items", schemas.value(field));
            parameter.addProperty("style", "form");
            parameter.addProperty("explode", true);
        } else {
            schema = schemas.value(field);
        }
        parameter.add("schema", FieldConstraints.apply(field, schema));
        return parameter;
    }

    /**
     * Scalars, enums and the well-known types whose JSON is a string (as the transcoder reads query
     * values).
     */
    static boolean isScalarLike(FieldDescriptor field) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return true;
        }
        String name = field.getMessageType().getFullName();
        return name.equals("google.protobuf.Timestamp")
                || name.equals("google.protobuf.Duration")
                || name.equals("google.protobuf.FieldMask")
                || (name.startsWith("google.protobuf.")
                        && name.endsWith("Value")
                        && !name.equals("google.protobuf.Value")
                        && !name.equals("google.protobuf.ListValue"));
    }

    static boolean hasStringField(Descriptor type, String name) {
        FieldDescriptor field = type.findFieldByName(name);
        return field != null
                && !field.isRepeated()
                && field.getJavaType() == FieldDescriptor.JavaType.STRING;
    }
}
