package org.chainbreaker.gateway.openapi;

import com.google.api.FieldBehavior;
import com.google.api.FieldBehaviorProto;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses them) of the contract's messages and enums under
 * the proto3 JSON mapping: lowerCamelCase JSON names, 64-bit integers as strings, enums as the
 * names of their values, bytes as base64, maps as objects, and the well-known types by their JSON
 * forms (Timestamp as an RFC 3339 date-time, Duration as {@code "1.5s"}, FieldMask as
 * comma-separated paths, wrappers as nullable scalars, Struct and Value as free-form JSON).
 * Messages and enums become components named by their full proto name, made as they are first
 * referenced; well-known types are written inline.
 */
final class Schemas {

    static final String REF_PREFIX = "#/components/schemas/";

    private static final ExtensionRegistry FIELD_BEHAVIOR = fieldBehaviorRegistry();

    private final ProtoComments comments;
    private final Map<String, JsonObject> components = new TreeMap<>();

    Schemas(ProtoComments comments) {
        this.comments = comments;
    }

    /** The components made so far, by full proto name. */
    JsonObject components() {
        JsonObject all = new JsonObject();
        components.forEach(all::add);
        return all;
    }

    /**
     * The schema of a field as a property: its value schema (an array for repeated, an object for
     * maps) and notes.
     */
    JsonObject property(FieldDescriptor field) {
        JsonObject schema = FieldConstraints.apply(field, valueOrCollection(field));
        List<String> notes = new ArrayList<>();
        String comment = comments.of(field);
        if (comment != null) {
            notes.add(comment);
        }
        Set<FieldBehavior> behaviors = behaviors(field);
        if (behaviors.contains(FieldBehavior.IMMUTABLE)) {
            notes.add("Cannot be changed once set.");
        }
        OneofDescriptor oneof = field.getRealContainingOneof();
        if (oneof != null) {
            notes.add(
                    "Member of the oneof `"
                            + oneof.getName()
                            + "`: at most one of "
                            + jsonNames(oneof.getFields())
                            + " may be set.");
        }
        if (!notes.isEmpty()) {
            schema.addProperty("description", String.join("\n\n", notes));
        }
        if (behaviors.contains(FieldBehavior.OUTPUT_ONLY)) {
            schema.addProperty("readOnly", true);
        }
        if (behaviors.contains(FieldBehavior.INPUT_ONLY)) {
            schema.addProperty("writeOnly", true);
        }
        if (field.getOptions().getDeprecated()) {
            schema.addProperty("deprecated", true);
        }
        return schema;
    }

    /** The schema of the field's values: items of a repeated field, values of a map. */
    JsonObject value(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case STRING -> type("string");
            case BOOLEAN -> type("boolean");
            case INT ->
                    switch (field.getType()) {
                        case UINT32, FIXED32 -> {
                            JsonObject schema = type("integer");
                            schema.addProperty("format", "int64");
                            schema.addProperty("minimum", 0);
                            schema.addProperty("maximum", 4294967295L);
                            yield schema;
                        }
                        default -> format("integer", "int32");
                    };
            case LONG ->
                    switch (field.getType()) {
                        // The proto3 JSON mapping writes 64-bit integers as decimal strings.
                        case UINT64, FIXED64 -> {
                            JsonObject schema = format("string", "uint64");
                            schema.addProperty("pattern", "^[0-9]+$");
                            yield schema;
                        }
                        default -> {
                            JsonObject schema = format("string", "int64");
                            schema.addProperty("pattern", "^-?[0-9]+$");
                            yield schema;
                        }
                    };
            case FLOAT -> format("number", "float");
            case DOUBLE -> format("number", "double");
            case BYTE_STRING -> {
                JsonObject schema = format("string", "byte");
                schema.addProperty("contentEncoding", "base64");
                yield schema;
            }
            case ENUM -> enumSchema(field.getEnumType());
            case MESSAGE -> messageSchema(field.getMessageType());
        };
    }

    /**
     * The schema of a message used as a value: a well-known type inline, anything else by
     * reference.
     */
    JsonObject messageSchema(Descriptor message) {
        JsonObject wellKnown = wellKnown(message.getFullName());
        if (wellKnown != null) {
            return wellKnown;
        }
        String name = message.getFullName();
        if (!components.containsKey(name)) {
            components.put(
                    name, new JsonObject()); // placeholder first: messages may refer to themselves
            components.put(name, objectSchema(message, Set.of()));
        }
        return ref(name);
    }

    /**
     * An object schema of the message's fields, less some (the fields a request path already
     * binds).
     */
    JsonObject objectSchema(Descriptor message, Collection<FieldDescriptor> without) {
        JsonObject schema = type("object");
        schema.addProperty("title", message.getName());
        List<String> notes = new ArrayList<>();
        String comment = comments.of(message);
        if (comment != null) {
            notes.add(comment);
        }
        for (OneofDescriptor oneof : message.getRealOneofs()) {
            String note =
                    "Oneof `"
                            + oneof.getName()
                            + "`: at most one of "
                            + jsonNames(oneof.getFields())
                            + " may be set.";
            String oneofComment = comments.of(oneof);
            notes.add(oneofComment == null ? note : note + " " + oneofComment);
        }
        if (!notes.isEmpty()) {
            schema.addProperty("description", String.join("\n\n", notes));
        }
        JsonObject properties = new JsonObject();
        JsonArray required = new JsonArray();
        for (FieldDescriptor field : message.getFields()) {
            if (without.contains(field)) {
                continue;
            }
            properties.add(field.getJsonName(), property(field));
            if (behaviors(field).contains(FieldBehavior.REQUIRED)
                    || FieldConstraints.required(field)) {
                required.add(field.getJsonName());
            }
        }
        schema.add("properties", properties);
        if (!required.isEmpty()) {
            schema.add("required", required);
        }
        return schema;
    }

    /**
     * An enum as a component: a string, one of its value names; the values' comments in the
     * description.
     */
    JsonObject enumSchema(EnumDescriptor type) {
        String name = type.getFullName();
        if (!components.containsKey(name)) {
            JsonObject schema = type("string");
            schema.addProperty("title", type.getName());
            JsonArray names = new JsonArray();
            StringBuilder described = new StringBuilder();
            String comment = comments.of(type);
            if (comment != null) {
                described.append(comment).append("\n\n");
            }
            for (EnumValueDescriptor value : type.getValues()) {
                if (type.findValueByNumber(value.getNumber()) != value) {
                    continue; // an alias (allow_alias): printed under its first name
                }
                names.add(value.getName());
                String valueComment = comments.of(value);
                described.append("- `").append(value.getName()).append('`');
                if (valueComment != null) {
                    described.append(": ").append(valueComment.replace("\n", " "));
                }
                described.append('\n');
            }
            schema.add("enum", names);
            schema.addProperty("description", described.toString().strip());
            components.put(name, schema);
        }
        return ref(name);
    }

    /** The field's google.api.field_behavior values. */
    static Set<FieldBehavior> behaviors(FieldDescriptor field) {
        FieldOptions options = field.getOptions();
        if (options.getExtensionCount(FieldBehaviorProto.fieldBehavior) == 0
                && !options.getUnknownFields().asMap().isEmpty()) {
            try {
                options = FieldOptions.parseFrom(options.toByteString(), FIELD_BEHAVIOR);
            } catch (InvalidProtocolBufferException e) {
                return Set.of();
            }
        }
        return Set.copyOf(options.getExtension(FieldBehaviorProto.fieldBehavior));
    }

    static JsonObject ref(String componentName) {
        JsonObject ref = new JsonObject();
        ref.addProperty("$ref", REF_PREFIX + componentName);
        return ref;
    }

    private JsonObject valueOrCollection(FieldDescriptor field) {
        if (field.isMapField()) {
            Descriptor entry = field.getMessageType();
            FieldDescriptor key = entry.findFieldByNumber(1);
            JsonObject schema = type("object");
            if (key.getJavaType() != FieldDescriptor.JavaType.STRING) {
                JsonObject keys = type("string");
                keys.addProperty(
                        "pattern",
                        key.getJavaType() == FieldDescriptor.JavaType.BOOLEAN
                                ? "^(true|false)$"
                                : "^-?[0-9]+$");
                schema.add("propertyNames", keys);
            }
            schema.add("additionalProperties", value(entry.findFieldByNumber(2)));
            return schema;
        }
        if (field.isRepeated()) {
            JsonObject schema = type("array");
            schema.add("items", value(field));
            return schema;
        }
        return value(field);
    }

    private static String jsonNames(List<FieldDescriptor> fields) {
        return fields.stream()
                .map(f -> "`" + f.getJsonName() + "`")
                .collect(Collectors.joining(", "));
    }

    private static JsonObject wellKnown(String fullName) {
        return switch (fullName) {
            case "google.protobuf.Timestamp" -> {
                JsonObject schema = format("string", "date-time");
                schema.addProperty(
                        "description", "An RFC 3339 time in UTC, e.g. `2026-01-31T09:30:00Z`.");
                yield schema;
            }
            case "google.protobuf.Duration" -> {
                JsonObject schema = type("string");
                schema.addProperty("pattern", "^-?[0-9]+(\\.[0-9]{1,9})?s$");
                schema.addProperty(
                        "description", "A duration in seconds with an `s` suffix, e.g. `1.5s`.");
                yield schema;
            }
            case "google.protobuf.FieldMask" -> {
                JsonObject schema = type("string");
                schema.addProperty(
                        "description",
                        "Field paths by their JSON names, separated by commas, e.g. `title,summary`.");
                yield schema;
            }
            case "google.protobuf.Struct" -> {
                JsonObject schema = type("object");
                schema.addProperty("additionalProperties", true);
                yield schema;
            }
            case "google.protobuf.Value" -> {
                JsonObject schema = new JsonObject();
                schema.addProperty("description", "Any JSON value.");
                yield schema;
            }
            case "google.protobuf.ListValue" -> {
                JsonObject schema = type("array");
                schema.add("items", new JsonObject());
                yield schema;
            }
            case "google.protobuf.Empty" -> {
                JsonObject schema = type("object");
                schema.addProperty("additionalProperties", false);
                yield schema;
            }
            case "google.protobuf.Any" -> {
                JsonObject schema = type("object");
                JsonObject properties = new JsonObject();
                JsonObject typeUrl = type("string");
                typeUrl.addProperty(
                        "description",
                        "The type of the value, e.g. `type.googleapis.com/google.rpc.BadRequest`.");
                properties.add("@type", typeUrl);
                schema.add("properties", properties);
                JsonArray required = new JsonArray();
                required.add("@type");
                schema.add("required", required);
                schema.addProperty("additionalProperties", true);
                yield schema;
            }
            case "google.protobuf.StringValue" -> nullable("string", null);
            case "google.protobuf.BoolValue" -> nullable("boolean", null);
            case "google.protobuf.Int32Value" -> nullable("integer", "int32");
            case "google.protobuf.UInt32Value" -> nullable("integer", "int64");
            case "google.protobuf.Int64Value" -> nullable("string", "int64");
            case "google.protobuf.UInt64Value" -> nullable("string", "uint64");
            case "google.protobuf.FloatValue" -> nullable("number", "float");
            case "google.protobuf.DoubleValue" -> nullable("number", "double");
            case "google.protobuf.BytesValue" -> {
                JsonObject schema = nullable("string", "byte");
                schema.addProperty("contentEncoding", "base64");
                yield schema;
            }
            default -> null;
        };
    }

    private static JsonObject nullable(String type, String format) {
        JsonObject schema = new JsonObject();
        JsonArray types = new JsonArray();
        types.add(type);
        types.add("null");
        schema.add("type", types);
        if (format != null) {
            schema.addProperty("format", format);
        }
        return schema;
    }

    static JsonObject type(String type) {
        JsonObject schema = new JsonObject();
        schema.addProperty("type", type);
        return schema;
    }

    private static JsonObject format(String type, String format) {
        JsonObject schema = type(type);
        schema.addProperty("format", format);
        return schema;
    }

    private static ExtensionRegistry fieldBehaviorRegistry() {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        registry.add(FieldBehaviorProto.fieldBehavior);
        return registry.getUnmodifiable();
    }
}
