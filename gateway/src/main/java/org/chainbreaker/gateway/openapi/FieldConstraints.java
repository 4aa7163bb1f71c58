package org.chainbreaker.gateway.openapi;

import build.buf.validate.DoubleRules;
import build.buf.validate.FieldRules;
import build.buf.validate.Int32Rules;
import build.buf.validate.RepeatedRules;
import build.buf.validate.StringRules;
import build.buf.validate.UInt32Rules;
import build.buf.validate.ValidateProto;
import com.google.gson.JsonObject;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * The contract's field rules ({@code buf.validate} annotations, enforced by the services) written
 * into JSON Schema: minLength/maxLength (characters, as the rules count), pattern, minimum/maximum,
 * minItems/maxItems, and whether a field is required. Only what JSON Schema can say is written; the
 * document never promises a rule the services do not check.
 */
final class FieldConstraints {

    private static final ExtensionRegistry VALIDATE = validateRegistry();

    private FieldConstraints() {}

    /** The field's rules; none when it has no annotation. */
    static FieldRules of(FieldDescriptor field) {
        FieldOptions options = field.getOptions();
        if (!options.hasExtension(ValidateProto.field)
                && !options.getUnknownFields().asMap().isEmpty()) {
            // Descriptors read from the descriptor set keep the extension as an unknown field until
            // parsed with it.
            try {
                options = FieldOptions.parseFrom(options.toByteString(), VALIDATE);
            } catch (InvalidProtocolBufferException e) {
                return FieldRules.getDefaultInstance();
            }
        }
        return options.getExtension(ValidateProto.field);
    }

    static boolean required(FieldDescriptor field) {
        return of(field).getRequired();
    }

    /**
     * Adds the field's rules to its property schema: the array's counts and its items' rules for a
     * repeated field.
     */
    static JsonObject apply(FieldDescriptor field, JsonObject schema) {
        FieldRules rules = of(field);
        if (field.isRepeated() && !field.isMapField() && schema.has("items")) {
            if (rules.hasRepeated()) {
                RepeatedRules repeated = rules.getRepeated();
                if (repeated.hasMinItems()) {
                    schema.addProperty("minItems", repeated.getMinItems());
                }
                if (repeated.hasMaxItems()) {
                    schema.addProperty("maxItems", repeated.getMaxItems());
                }
                if (repeated.hasItems()) {
                    applyToValue(repeated.getItems(), schema.getAsJsonObject("items"));
                }
            }
            return schema;
        }
        applyToValue(rules, schema);
        return schema;
    }

    /**
     * The rules of one value (a singular field or one item). Schemas given by reference get nothing
     * beside it.
     */
    static void applyToValue(FieldRules rules, JsonObject schema) {
        if (schema.has("$ref")) {
            return;
        }
        switch (rules.getTypeCase()) {
            case STRING -> {
                StringRules string = rules.getString();
                if (string.hasLen()) {
                    schema.addProperty("minLength", string.getLen());
                    schema.addProperty("maxLength", string.getLen());
                }
                if (string.hasMinLen()) {
                    schema.addProperty("minLength", string.getMinLen());
                }
                if (string.hasMaxLen()) {
                    schema.addProperty("maxLength", string.getMaxLen());
                }
                if (string.hasPattern()) {
                    schema.addProperty("pattern", string.getPattern());
                }
            }
            case INT32 -> {
                Int32Rules range = rules.getInt32();
                bound(schema, range.hasGte(), "minimum", range.getGte());
                bound(schema, range.hasGt(), "exclusiveMinimum", range.getGt());
                bound(schema, range.hasLte(), "maximum", range.getLte());
                bound(schema, range.hasLt(), "exclusiveMaximum", range.getLt());
            }
            case UINT32 -> {
                UInt32Rules range = rules.getUint32();
                bound(schema, range.hasGte(), "minimum", range.getGte());
                bound(schema, range.hasGt(), "exclusiveMinimum", range.getGt());
                bound(schema, range.hasLte(), "maximum", range.getLte());
                bound(schema, range.hasLt(), "exclusiveMaximum", range.getLt());
            }
            case DOUBLE -> {
                DoubleRules range = rules.getDouble();
                bound(schema, range.hasGte(), "minimum", range.getGte());
                bound(schema, range.hasGt(), "exclusiveMinimum", range.getGt());
                bound(schema, range.hasLte(), "maximum", range.getLte());
                bound(schema, range.hasLt(), "exclusiveMaximum", range.getLt());
            }
            default -> {
                // Enum rules (defined values) are the enum schema itself; other kinds are not used
                // by the contract.
            }
        }
    }

    private static void bound(JsonObject schema, boolean present, String keyword, Number value) {
        if (present) {
            schema.addProperty(keyword, value);
        }
    }

    private static ExtensionRegistry validateRegistry() {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        ValidateProto.registerAllExtensions(registry);
        return registry.getUnmodifiable();
    }
}
