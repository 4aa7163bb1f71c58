package org.chainbreaker.gateway.transcoding;

import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Values of path variables and query parameters: text turned into a field's value by the field's
 * type, as the proto3 JSON mapping reads the same text (enums by name or defined number, 64-bit
 * integers, base64 bytes, and the well-known types that JSON writes as strings: Timestamp,
 * Duration, FieldMask and the wrappers).
 */
final class FieldValues {

    private static final Set<String> SCALAR_LIKE_MESSAGES =
            Set.of(
                    "google.protobuf.Timestamp",
                    "google.protobuf.Duration",
                    "google.protobuf.FieldMask",
                    "google.protobuf.DoubleValue",
                    "google.protobuf.FloatValue",
                    "google.protobuf.Int64Value",
                    "google.protobuf.UInt64Value",
                    "google.protobuf.Int32Value",
                    "google.protobuf.UInt32Value",
                    "google.protobuf.BoolValue",
                    "google.protobuf.StringValue",
                    "google.protobuf.BytesValue");

    private FieldValues() {}

    /** Whether text can give this field a value (repeated fields take one value per occurrence). */
    static boolean isScalarLike(FieldDescriptor field) {
        if (field.isMapField()) {
            return false;
        }
        return field.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                || SCALAR_LIKE_MESSAGES.contains(field.getMessageType().getFullName());
    }

    /**
     * The value of {@code text} for the field, or IllegalArgumentException with a description for
     * the client.
     */
    static Object parse(FieldDescriptor field, String text, JsonFormat.Parser json) {
        try {
            return switch (field.getType()) {
                case STRING -> text;
                case INT32, SINT32, SFIXED32 -> Integer.parseInt(text);
                case INT64, SINT64, SFIXED64 -> Long.parseLong(text);
                case UINT32, FIXED32 -> Integer.parseUnsignedInt(text);
                case UINT64, FIXED64 -> Long.parseUnsignedLong(text);
                case BOOL ->
                        switch (text) {
                            case "true" -> Boolean.TRUE;
                            case "false" -> Boolean.FALSE;
                            default -> throw new NumberFormatException();
                        };
                case DOUBLE -> Double.parseDouble(text);
                case FLOAT -> Float.parseFloat(text);
                case BYTES ->
                        ByteString.copyFrom(
                                text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                                        ? Base64.getUrlDecoder().decode(text)
                                        : Base64.getDecoder().decode(text));
                case ENUM -> enumValue(field.getEnumType(), text);
                case MESSAGE, GROUP -> {
                    String full = field.getMessageType().getFullName();
                    if (full.equals("google.protobuf.Timestamp")
                            || full.equals("google.protobuf.Duration")) {
                        // JsonFormat's own reading is lenient (2027-02-30 would be March 2).
                        String problem = ProtoJsonTypes.single(field, new JsonPrimitive(text));
                        if (problem != null) {
                            throw new IllegalArgumentException(problem);
                        }
                    }
                    DynamicMessage.Builder builder =
                            DynamicMessage.newBuilder(field.getMessageType());
                    json.merge(new JsonPrimitive(text).toString(), builder);
                    yield builder.build();
                }
            };
        } catch (IllegalArgumentException | com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(
                    e.getMessage() != null && e.getMessage().startsWith("is ")
                            ? e.getMessage()
                            : describe(field),
                    e);
        }
    }

    private static EnumValueDescriptor enumValue(EnumDescriptor type, String text) {
        EnumValueDescriptor value = type.findValueByName(text);
        if (value == null
                && !text.isEmpty()
                && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')) {
            value = type.findValueByNumber(Integer.parseInt(text));
        }
        if (value == null) {
            throw new IllegalArgumentException();
        }
        return value;
    }

    /** What a value of this field must look like, for a client who sent something else. */
    static String describe(FieldDescriptor field) {
        return switch (field.getType()) {
            case STRING -> "must be a string";
            case INT32, SINT32, SFIXED32 -> "must be a 32-bit integer";
            case INT64, SINT64, SFIXED64 -> "must be a 64-bit integer";
            case UINT32, FIXED32 -> "must be a non-negative 32-bit integer";
            case UINT64, FIXED64 -> "must be a non-negative 64-bit integer";
            case BOOL -> "must be true or false";
            case DOUBLE, FLOAT -> "must be a number";
            case BYTES -> "must be base64-encoded";
            case ENUM -> "must be one of " + enumNames(field.getEnumType());
            case MESSAGE, GROUP ->
                    switch (field.getMessageType().getFullName()) {
                        case "google.protobuf.Timestamp" ->
                                "must be an RFC 3339 timestamp such as 2026-01-31T09:30:00Z";
                        case "google.protobuf.Duration" ->
                                "must be a duration in seconds such as 1.5s";
                        case "google.protobuf.FieldMask" ->
                                "must be a comma-separated list of field paths";
                        case "google.protobuf.DoubleValue", "google.protobuf.FloatValue" ->
                                "must be a number";
                        case "google.protobuf.Int64Value", "google.protobuf.Int32Value" ->
                                "must be an integer";
                        case "google.protobuf.UInt64Value", "google.protobuf.UInt32Value" ->
                                "must be a non-negative integer";
                        case "google.protobuf.BoolValue" -> "must be true or false";
                        case "google.protobuf.StringValue" -> "must be a string";
                        case "google.protobuf.BytesValue" -> "must be base64-encoded";
                        default -> "must be a JSON object";
                    };
        };
    }

    static String enumNames(EnumDescriptor type) {
        return type.getValues().stream()
                .map(EnumValueDescriptor::getName)
                .collect(Collectors.joining(", "));
    }
}
