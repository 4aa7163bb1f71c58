package org.chainbreaker.systemtests;

import build.buf.validate.FieldRules;
import build.buf.validate.ValidateProto;
import com.google.api.FieldBehavior;
import com.google.api.FieldBehaviorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.HostileMessages.FieldPath;

/**
 * The rows of {@link HostileRequestInputTest}: for a well-formed request that would succeed, one
 * field at a time given a value the contract forbids. The values are derived from the field's rules
 * in the contract (buf.validate lengths, patterns, item counts, defined enums, bounds;
 * field_behavior REQUIRED; a timestamp a client sets, which the contract says must lie in the
 * future), so a new field or rule is attacked without editing this class. Ids without a rule are
 * attacked as malformed references, which must name nothing (NOT_FOUND).
 */
final class HostileRequestCorpus {

    private HostileRequestCorpus() {}

    static final Set<Status.Code> REFUSED =
            Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.FAILED_PRECONDITION);
    static final Set<Status.Code> NAMES_NOTHING =
            Set.of(Status.Code.NOT_FOUND, Status.Code.INVALID_ARGUMENT);

    /** An etag that is not the record's: the project answers ABORTED (409), as for a lost race. */
    static final Set<Status.Code> STALE =
            Set.of(Status.Code.ABORTED, Status.Code.FAILED_PRECONDITION);

    /**
     * One hostile request: what it is, the field it breaks (the answer must name it, unless
     * NOT_FOUND), the codes allowed.
     */
    record Variant(
            String what,
            String field,
            UnaryOperator<DynamicMessage> hostile,
            Set<Status.Code> codes) {}

    /** Holds a purpose 10,000 characters long, in several scripts. */
    static final String TEN_THOUSAND = "Purpose ปลอม Цель 目的 ".repeat(500).substring(0, 10_000);

    static final String CONTROL = "Ask\u0000about\u0007this\u001b[2J";

    /** "KR" with a Cyrillic Ka: looks like a country code, is not one. */
    static final String MIXED_CODE = "\u041aR";

    static final List<String> MALFORMED_IDS =
            List.of(
                    "not-an-id",
                    "00000000-0000-0000-0000-000000000000",
                    "../../etc/passwd",
                    "' OR 1=1 --",
                    "\u041aR-2026-000001",
                    "x".repeat(1_000));

    private static final ExtensionRegistry RULES = rulesRegistry();

    /** Every hostile variant of a request, from its fields' rules. */
    static List<Variant> derived(Endpoint endpoint) {
        List<Variant> out = new ArrayList<>();
        for (FieldPath field : HostileMessages.fields(endpoint.method().getInputType(), "", 0)) {
            if (field.chain().stream().anyMatch(HostileRequestCorpus::outputOnly)) {
                continue;
            }
            out.addAll(variants(endpoint, field));
        }
        return out;
    }

    private static List<Variant> variants(Endpoint endpoint, FieldPath field) {
        FieldDescriptor f = field.leaf();
        FieldRules rules = rules(f);
        String path = field.path();
        boolean inPath = endpoint.pathFields().contains(path);
        List<Variant> out = new ArrayList<>();
        if (f.isRepeated()) {
            return repeated(field, rules);
        }
        switch (f.getJavaType()) {
            case STRING -> {
                var s = rules.getString();
                if (s.hasPattern()) {
                    out.add(refused("control characters", field, CONTROL));
                    out.add(refused("a code in mixed scripts", field, MIXED_CODE));
                } else if (s.getUuid()) {
                    out.add(refused("not a UUID", field, "not-a-uuid"));
                    out.add(refused("control characters", field, CONTROL));
                } else if (f.getName().equals("reference")
                        || !rules.hasString() && path.endsWith("id")) {
                    for (String id : MALFORMED_IDS) {
                        out.add(
                                new Variant(
                                        "malformed reference " + abbreviated(id),
                                        path,
                                        m -> HostileMessages.set(m, field, id),
                                        NAMES_NOTHING));
                    }
                } else if (f.getName().equals("etag")) {
                    out.add(
                            new Variant(
                                    "a forged etag",
                                    path,
                                    m -> HostileMessages.set(m, field, "W/\"forged\""),
                                    STALE));
                } else if (rules.hasString() || f.getName().equals("page_token")) {
                    out.add(refused("control characters", field, CONTROL));
                }
                if (s.hasMaxLen() && s.getMaxLen() < 10_000) {
                    out.add(refused("10,000 characters", field, TEN_THOUSAND));
                    out.add(
                            refused(
                                    (s.getMaxLen() + 1) + " characters",
                                    field,
                                    "y".repeat((int) s.getMaxLen() + 1)));
                }
                if (s.getMinLen() > 0 || required(f) && !inPath && !rules.hasString()) {
                    out.add(refused("empty", field, ""));
                    out.add(refused("blank", field, " \t ".repeat(2)));
                }
            }
            case ENUM -> {
                if (rules.getEnum().getDefinedOnly()) {
                    out.add(
                            new Variant(
                                    "enum number 9999 (undefined)",
                                    path,
                                    m -> HostileMessages.setEnumNumber(m, field, 9999),
                                    REFUSED));
                }
                if (rules.getRequired() || required(f)) {
                    out.add(
                            new Variant(
                                    "unspecified (0)",
                                    path,
                                    m -> HostileMessages.setEnumNumber(m, field, 0),
                                    REFUSED));
                }
            }
            case INT -> {
                if (rules.getInt32().hasGte()) {
                    out.add(refused("below its bound", field, rules.getInt32().getGte() - 1));
                }
            }
            case MESSAGE -> {
                if (f.getMessageType().getFullName().equals("google.protobuf.Timestamp")) {
                    out.add(
                            new Variant(
                                    "a time in the past",
                                    path,
                                    m -> HostileMessages.set(m, field, past(f)),
                                    REFUSED));
                } else if (rules.getRequired() || required(f)) {
                    out.add(new Variant("missing", path, m -> cleared(m, field), REFUSED));
                }
            }
            default -> {}
        }
        return out;
    }

    private static List<Variant> repeated(FieldPath field, FieldRules rules) {
        List<Variant> out = new ArrayList<>();
        FieldDescriptor f = field.leaf();
        var r = rules.getRepeated();
        String path = field.path();
        Object item =
                f.getJavaType() == FieldDescriptor.JavaType.ENUM
                        ? f.getEnumType().getValues().get(1)
                        : "X000";
        if (r.hasMaxItems()) {
            for (int n : List.of((int) r.getMaxItems() + 1, 5_000)) {
                List<Object> many = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    many.add(item instanceof String ? String.format("X%03d", i) : item);
                }
                out.add(
                        new Variant(
                                n + " items",
                                path,
                                m -> HostileMessages.setRepeated(m, field, many),
                                REFUSED));
            }
        }
        if (r.getMinItems() > 0) {
            out.add(
                    new Variant(
                            "no items",
                            path,
                            m -> HostileMessages.setRepeated(m, field, List.of()),
                            REFUSED));
        }
        if (r.getUnique()) {
            List<Object> twice = Collections.nCopies(2, item);
            out.add(
                    new Variant(
                            "the same item twice",
                            path,
                            m -> HostileMessages.setRepeated(m, field, twice),
                            REFUSED));
        }
        if (f.getJavaType() == FieldDescriptor.JavaType.ENUM) {
            EnumValueDescriptor unknown = f.getEnumType().findValueByNumberCreatingIfUnknown(9999);
            out.add(
                    new Variant(
                            "an item 9999 (undefined)",
                            path,
                            m -> HostileMessages.setRepeated(m, field, List.of(unknown)),
                            REFUSED));
            out.add(
                    new Variant(
                            "an item unspecified (0)",
                            path,
                            m ->
                                    HostileMessages.setRepeated(
                                            m,
                                            field,
                                            List.of(f.getEnumType().findValueByNumber(0))),
                            REFUSED));
        } else if (r.getItems().getString().hasPattern()) {
            out.add(
                    new Variant(
                            "an item with control characters",
                            path,
                            m -> HostileMessages.setRepeated(m, field, List.of(CONTROL)),
                            REFUSED));
            out.add(
                    new Variant(
                            "an item in mixed scripts",
                            path,
                            m -> HostileMessages.setRepeated(m, field, List.of(MIXED_CODE)),
                            REFUSED));
        }
        return out;
    }

    private static Variant refused(String what, FieldPath field, Object value) {
        return new Variant(what, field.path(), m -> HostileMessages.set(m, field, value), REFUSED);
    }

    private static DynamicMessage cleared(DynamicMessage message, FieldPath field) {
        if (field.chain().size() > 1) {
            throw new IllegalStateException("clearing a nested message: " + field.path());
        }
        return message.toBuilder().clearField(field.leaf()).build();
    }

    private static DynamicMessage past(FieldDescriptor timestamp) {
        Instant hourAgo = Instant.now().minusSeconds(3600);
        try {
            return DynamicMessage.parseFrom(
                    timestamp.getMessageType(), OnFace.timestamp(hourAgo).toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() > 40
                ? text.substring(0, 12) + "... (" + text.length() + " characters)"
                : text;
    }

    /** A message as the endpoint's own descriptor reads it (the contract's descriptor set). */
    static DynamicMessage asContract(MethodDescriptor method, Message request) {
        try {
            return DynamicMessage.parseFrom(method.getInputType(), request.toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------- contract
    // rules

    private static FieldOptions options(FieldDescriptor field) {
        FieldOptions options = field.getOptions();
        if (options.getUnknownFields().asMap().isEmpty()) {
            return options;
        }
        // Descriptors read from the descriptor set keep the extensions as unknown fields.
        try {
            return FieldOptions.parseFrom(options.toByteString(), RULES);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static FieldRules rules(FieldDescriptor field) {
        return options(field).getExtension(ValidateProto.field);
    }

    static boolean required(FieldDescriptor field) {
        return options(field)
                .getExtension(FieldBehaviorProto.fieldBehavior)
                .contains(FieldBehavior.REQUIRED);
    }

    static boolean outputOnly(FieldDescriptor field) {
        return options(field)
                .getExtension(FieldBehaviorProto.fieldBehavior)
                .contains(FieldBehavior.OUTPUT_ONLY);
    }

    private static ExtensionRegistry rulesRegistry() {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        ValidateProto.registerAllExtensions(registry);
        FieldBehaviorProto.registerAllExtensions(registry);
        return registry.getUnmodifiable();
    }
}
