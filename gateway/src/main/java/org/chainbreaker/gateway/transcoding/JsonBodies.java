package org.chainbreaker.gateway.transcoding;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.chainbreaker.gateway.problems.Problem.FieldError;

/**
 * JSON request bodies by the proto3 JSON mapping, strictly: unknown fields, values of the wrong
 * type, malformed JSON and enum values the contract does not define (names, and numbers, which
 * JsonFormat would otherwise keep as UNRECOGNIZED) are refused, naming the field as the client
 * wrote it. The common case costs one JsonFormat parse; only a refused body is examined field by
 * field to find what to name.
 */
final class JsonBodies {

    private final JsonFormat.Parser parser;
    private final Map<Descriptor, Boolean> hasEnums = new ConcurrentHashMap<>();

    JsonBodies(JsonFormat.Parser parser) {
        this.parser = parser;
    }

    JsonFormat.Parser parser() {
        return parser;
    }

    /**
     * Merges a JSON object into the builder; field paths in errors are relative to this body.
     * Answers the body as read (strict RFC 8259, every value of the type ProtoJSON allows for its
     * field).
     */
    JsonObject merge(String json, Message.Builder builder) throws BadRequest {
        JsonLimits.DEFAULT.check(json);
        JsonElement root = StrictJson.parse(json);
        if (!root.isJsonObject()) {
            throw BadRequest.field("", "the request body must be a JSON object");
        }
        List<FieldError> typeErrors = new ArrayList<>();
        ProtoJsonTypes.check(
                root.getAsJsonObject(), builder.getDescriptorForType(), "", typeErrors);
        if (!typeErrors.isEmpty()) {
            throw BadRequest.of(typeErrors);
        }
        try {
            parser.merge(json, builder);
        } catch (Exception e) {
            List<FieldError> errors = new ArrayList<>();
            diagnose(json, builder.getDescriptorForType(), errors);
            if (errors.isEmpty()) {
                errors.add(new FieldError("", "does not match the expected message"));
            }
            throw BadRequest.of(errors);
        }
        if (mayHoldEnums(builder.getDescriptorForType())) {
            List<FieldError> errors = new ArrayList<>();
            undefinedEnums(builder, "", errors);
            if (!errors.isEmpty()) {
                throw BadRequest.of(errors);
            }
        }
        return root.getAsJsonObject();
    }

    private void diagnose(String json, Descriptor type, List<FieldError> errors) {
        JsonReader reader = new JsonReader(new StringReader(json));
        JsonElement root;
        try {
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException | StackOverflowError | OutOfMemoryError e) {
            String at = reader.getPath().replaceFirst("^\\$\\.?", "");
            errors.add(new FieldError(at, "the request body is not well-formed JSON"));
            return;
        }
        if (!root.isJsonObject()) {
            errors.add(new FieldError("", "the request body must be a JSON object"));
            return;
        }
        diagnoseObject(root.getAsJsonObject(), type, "", errors);
    }

    private void diagnoseObject(
            JsonObject object, Descriptor type, String path, List<FieldError> errors) {
        Set<FieldDescriptor> seen = new HashSet<>();
        Map<Object, String> oneofs = new HashMap<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            String name = path + entry.getKey();
            FieldDescriptor field = type.findFieldByName(entry.getKey());
            if (field == null) {
                field =
                        type.getFields().stream()
                                .filter(f -> f.getJsonName().equals(entry.getKey()))
                                .findFirst()
                                .orElse(null);
            }
            if (field == null) {
                errors.add(new FieldError(name, "is not a field of this message"));
                continue;
            }
            if (!seen.add(field)) {
                errors.add(new FieldError(name, "is given more than once"));
                continue;
            }
            JsonElement value = entry.getValue();
            var oneof = field.getRealContainingOneof();
            if (oneof != null && !value.isJsonNull()) {
                String other = oneofs.putIfAbsent(oneof, name);
                if (other != null) {
                    errors.add(new FieldError(name, "cannot be set together with " + other));
                    continue;
                }
            }
            if (parsesAlone(type, entry.getKey(), value)) {
                continue;
            }
            boolean plainMessage =
                    field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                            && !field.isMapField()
                            && !FieldValues.isScalarLike(field)
                            && !field.getMessageType().getFullName().startsWith("google.protobuf.");
            if (plainMessage && !field.isRepeated() && value.isJsonObject()) {
                diagnoseObject(value.getAsJsonObject(), field.getMessageType(), name + ".", errors);
            } else if (field.isRepeated() && !field.isMapField()) {
                if (!value.isJsonArray()) {
                    errors.add(new FieldError(name, "must be a JSON array"));
                    continue;
                }
                JsonArray array = value.getAsJsonArray();
                for (int i = 0; i < array.size(); i++) {
                    JsonElement element = array.get(i);
                    String elementName = name + "[" + i + "]";
                    if (plainMessage && element.isJsonObject()) {
                        diagnoseObject(
                                element.getAsJsonObject(),
                                field.getMessageType(),
                                elementName + ".",
                                errors);
                    } else {
                        JsonArray single = new JsonArray();
                        single.add(element);
                        if (!parsesAlone(type, entry.getKey(), single)) {
                            errors.add(new FieldError(elementName, FieldValues.describe(field)));
                        }
                    }
                }
            } else if (field.isMapField()) {
                errors.add(
                        new FieldError(
                                name,
                                value.isJsonObject()
                                        ? "has an invalid key or value"
                                        : "must be a JSON object"));
            } else {
                errors.add(new FieldError(name, FieldValues.describe(field)));
            }
        }
    }

    private boolean parsesAlone(Descriptor type, String key, JsonElement value) {
        JsonObject single = new JsonObject();
        single.add(key, value);
        try {
            parser.merge(single.toString(), DynamicMessage.newBuilder(type));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Finds enum values the contract does not define (JsonFormat accepts any number for an open
     * enum).
     */
    static void undefinedEnums(MessageOrBuilder message, String path, List<FieldError> errors) {
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            String name = path + field.getJsonName();
            if (field.isMapField()) {
                for (Object item : (List<?>) entry.getValue()) {
                    undefinedEnums((MessageOrBuilder) item, name + ".", errors);
                }
            } else if (field.getJavaType() == FieldDescriptor.JavaType.ENUM) {
                if (field.isRepeated()) {
                    List<?> values = (List<?>) entry.getValue();
                    for (int i = 0; i < values.size(); i++) {
                        checkEnum(
                                field,
                                (EnumValueDescriptor) values.get(i),
                                name + "[" + i + "]",
                                errors);
                    }
                } else {
                    checkEnum(field, (EnumValueDescriptor) entry.getValue(), name, errors);
                }
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                if (field.isRepeated()) {
                    List<?> values = (List<?>) entry.getValue();
                    for (int i = 0; i < values.size(); i++) {
                        undefinedEnums(
                                (MessageOrBuilder) values.get(i), name + "[" + i + "].", errors);
                    }
                } else {
                    undefinedEnums((MessageOrBuilder) entry.getValue(), name + ".", errors);
                }
            }
        }
    }

    private static void checkEnum(
            FieldDescriptor field,
            EnumValueDescriptor value,
            String name,
            List<FieldError> errors) {
        if (field.getEnumType().findValueByNumber(value.getNumber()) == null) {
            errors.add(
                    new FieldError(
                            name, "must be one of " + FieldValues.enumNames(field.getEnumType())));
        }
    }

    /** Whether a message of this type can hold an enum value anywhere inside it. */
    boolean mayHoldEnums(Descriptor type) {
        Boolean known = hasEnums.get(type);
        if (known != null) {
            return known;
        }
        boolean result = mayHoldEnums(type, new HashSet<>());
        hasEnums.put(type, result);
        return result;
    }

    private static boolean mayHoldEnums(Descriptor type, Set<Descriptor> visiting) {
        if (!visiting.add(type)) {
            return false;
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.ENUM) {
                return true;
            }
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && !field.getMessageType().getFullName().equals("google.protobuf.Any")
                    && mayHoldEnums(field.getMessageType(), visiting)) {
                return true;
            }
        }
        return false;
    }
}
