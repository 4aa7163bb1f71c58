package org.chainbreaker.systemtests;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chainbreaker.systemtests.Faces.Endpoint;

/**
 * The requests of {@link HostileInputTest}: a contract message with one field set to a hostile
 * value (in its JSON or its protobuf form), the fields of a request type, a plausible request.
 */
final class HostileMessages {

    private HostileMessages() {}

    record RestBody(String pathAndQuery, byte[] body) {}

    /**
     * The REST request of the template with one field's JSON value replaced by raw JSON text: in
     * the body when the rule sends that field there, else as a query parameter (raw text,
     * percent-encoded).
     */
    static RestBody withJsonField(Endpoint endpoint, FieldPath field, String rawJson) {
        String path = Faces.expand(endpoint.pathTemplate(), ids(endpoint), true);
        String[] parts = field.path().split("\\.");
        boolean inBody = endpoint.body().equals("*") || endpoint.body().equals(parts[0]);
        if (!inBody) {
            if (endpoint.body().isEmpty() || parts.length == 1) {
                FieldDescriptor f = field.leaf();
                return new RestBody(
                        path
                                + "?"
                                + f.getJsonName()
                                + "="
                                + Faces.encodeSegment(rawJson.replace("\"", "")),
                        endpoint.body().isEmpty() ? null : "{}".getBytes(StandardCharsets.UTF_8));
            }
            return null;
        }
        List<String> chain = new ArrayList<>();
        Descriptor type = endpoint.method().getInputType();
        for (String part : parts) {
            FieldDescriptor f = type.findFieldByName(part);
            chain.add(f.getJsonName());
            type = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? f.getMessageType() : null;
        }
        if (!endpoint.body().equals("*")) {
            chain.removeFirst();
        }
        if (chain.isEmpty()) {
            return new RestBody(path, rawJson.getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder json = new StringBuilder();
        for (String name : chain) {
            json.append("{\"").append(name).append("\":");
        }
        json.append(rawJson);
        json.append("}".repeat(chain.size()));
        return new RestBody(path, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    record FieldPath(String path, List<FieldDescriptor> chain) {
        FieldDescriptor leaf() {
            return chain.getLast();
        }
    }

    static List<FieldDescriptor> fieldChain(Endpoint endpoint, String path) {
        List<FieldDescriptor> chain = new ArrayList<>();
        Descriptor type = endpoint.method().getInputType();
        for (String part : path.split("\\.")) {
            FieldDescriptor f = type.findFieldByName(part);
            chain.add(f);
            type = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? f.getMessageType() : null;
        }
        return chain;
    }

    /**
     * Every field of a request type, nested messages of our own packages included (two levels
     * deep).
     */
    static List<FieldPath> fields(Descriptor type, String prefix, int depth) {
        List<FieldPath> out = new ArrayList<>();
        for (FieldDescriptor f : type.getFields()) {
            String path = prefix + f.getName();
            out.add(new FieldPath(path, List.of(f)));
            if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && !f.isRepeated()
                    && depth < 2
                    && f.getMessageType().getFullName().startsWith("chainbreaker.")) {
                for (FieldPath inner : fields(f.getMessageType(), path + ".", depth + 1)) {
                    List<FieldDescriptor> chain = new ArrayList<>();
                    chain.add(f);
                    chain.addAll(inner.chain());
                    out.add(new FieldPath(inner.path(), chain));
                }
            }
        }
        return out;
    }

    /** Random ids (that name nothing) for the path variables. */
    static Map<String, String> ids(Endpoint endpoint) {
        Map<String, String> values = new LinkedHashMap<>();
        endpoint.pathFields().forEach(f -> values.put(f, UUID.randomUUID().toString()));
        return values;
    }

    /**
     * The base of every payload attack: path ids that name nothing, everything else empty, so the
     * request cannot succeed whatever one field holds (a create lacks its required fields, a read
     * names no record, a listing gets a hostile page token); searches get an out-of-range score and
     * the event streams an undecodable cursor.
     */
    static DynamicMessage template(Endpoint endpoint) {
        DynamicMessage message =
                DynamicMessage.getDefaultInstance(endpoint.method().getInputType());
        for (String path : endpoint.pathFields()) {
            message =
                    set(
                            message,
                            new FieldPath(path, fieldChain(endpoint, path)),
                            UUID.randomUUID().toString());
        }
        FieldDescriptor minScore = endpoint.method().getInputType().findFieldByName("min_score");
        if (minScore != null) {
            message = message.toBuilder().setField(minScore, 7.0).build();
        }
        FieldDescriptor cursor = endpoint.method().getInputType().findFieldByName("cursor");
        if (cursor != null) {
            message = message.toBuilder().setField(cursor, "not-a-cursor").build();
        }
        return message;
    }

    /** A well-formed request (what a legitimate caller could send), for the token attacks. */
    static DynamicMessage plausible(Endpoint endpoint) {
        String name = endpoint.method().getName();
        String json =
                switch (name) {
                    case "CreateCase" ->
                            "{\"case\":{\"title\":\"Hostile token probe\",\"category\":\"ONLINE_SCAM\"}}";
                    case "CreateWantedPerson", "IngestWantedPersons" ->
                            "{\"wantedPerson\":{\"primaryName\":{\"value\":\"Hostile Probe\"},"
                                    + "\"charges\":[\"fraud\"],\"warrant\":{\"reference\":\"W-1\",\"issuingAuthority\":\"Court\"}}}";
                    case "CreateOperation" ->
                            "{\"operation\":{\"name\":\"Hostile probe\",\"startTime\":\"2026-01-01T00:00:00Z\","
                                    + "\"endTime\":\"2030-01-01T00:00:00Z\"}}";
                    case "CheckIdentity" ->
                            "{\"name\":\"Hostile Probe\",\"purpose\":\"border control\"}";
                    case "SearchWantedPersons" -> "{\"name\":\"Hostile Probe\"}";
                    default -> "{}";
                };
        DynamicMessage.Builder builder =
                DynamicMessage.newBuilder(endpoint.method().getInputType());
        try {
            JsonFormat.parser().merge(json, builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        DynamicMessage message = builder.build();
        for (String path : endpoint.pathFields()) {
            message =
                    set(
                            message,
                            new FieldPath(path, fieldChain(endpoint, path)),
                            UUID.randomUUID().toString());
        }
        return message;
    }

    static DynamicMessage set(DynamicMessage message, FieldPath field, Object value) {
        return setAt(message, field.chain(), 0, value, false);
    }

    static DynamicMessage setRepeated(DynamicMessage message, FieldPath field, List<?> values) {
        return setAt(message, field.chain(), 0, values, true);
    }

    static DynamicMessage setEnumNumber(DynamicMessage message, FieldPath field, int number) {
        return setAt(
                message,
                field.chain(),
                0,
                field.leaf().getEnumType().findValueByNumberCreatingIfUnknown(number),
                false);
    }

    static DynamicMessage setAt(
            DynamicMessage message,
            List<FieldDescriptor> chain,
            int i,
            Object value,
            boolean repeated) {
        FieldDescriptor f = chain.get(i);
        DynamicMessage.Builder b = message.toBuilder();
        if (i == chain.size() - 1) {
            if (repeated) {
                b.clearField(f);
                for (Object v : (List<?>) value) {
                    b.addRepeatedField(f, v);
                }
            } else if (f.isRepeated()) {
                b.addRepeatedField(f, value);
            } else {
                b.setField(f, value);
            }
            return b.build();
        }
        DynamicMessage inner =
                message.hasField(f)
                        ? (DynamicMessage) message.getField(f)
                        : DynamicMessage.getDefaultInstance(f.getMessageType());
        b.setField(f, setAt(inner, chain, i + 1, value, repeated));
        return b.build();
    }
}
