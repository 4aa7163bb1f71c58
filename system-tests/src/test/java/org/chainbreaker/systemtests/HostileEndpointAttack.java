package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.HostileMessages.fields;
import static org.chainbreaker.systemtests.HostileMessages.ids;
import static org.chainbreaker.systemtests.HostileMessages.plausible;
import static org.chainbreaker.systemtests.HostileMessages.set;
import static org.chainbreaker.systemtests.HostileMessages.setEnumNumber;
import static org.chainbreaker.systemtests.HostileMessages.setRepeated;
import static org.chainbreaker.systemtests.HostileMessages.template;
import static org.chainbreaker.systemtests.HostileMessages.withJsonField;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.HostileMessages.FieldPath;
import org.chainbreaker.systemtests.HostileMessages.RestBody;

/**
 * The hostile requests of {@link HostileInputTest} against one endpoint, on both faces of the
 * gateway: tokens that must not be accepted, hostile values in every field, hostile bodies, path
 * ids and protobuf bytes. Each answer is kept as an {@link Attempt} for the test's verdict.
 */
final class HostileEndpointAttack {

    /** One hostile request (what it was, on which endpoint and face) and its answer. */
    record Attempt(String what, Outcome outcome) {}

    static final List<String> METACHARACTERS =
            List.of(
                    "' OR 1=1 --",
                    "\"; DROP TABLE cases; --",
                    "<script>alert(1)</script>",
                    "../../etc/passwd",
                    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                    "abc\u0000def",
                    "${jndi:ldap://x/a}",
                    "{{7*7}}");

    /** Raw (already percent-encoded or deliberately not) path ids. */
    static final List<String> RAW_PATH_IDS =
            List.of(
                    "'%20OR%201=1%20--",
                    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                    "..%2F..%2Fetc%2Fpasswd",
                    "%2e%2e%2f%2e%2e%2f",
                    "%00",
                    "00000000-0000-4000-8000-00000000000%00",
                    "x%C3%28",
                    "%252e%252e%252f");

    private final Faces faces;
    private final List<Attempt> attempts;

    /** Sends through {@code faces}; keeps every answer in {@code attempts} (thread-safe). */
    HostileEndpointAttack(Faces faces, List<Attempt> attempts) {
        this.faces = faces;
        this.attempts = attempts;
    }

    /** Every hostile request against one endpoint, on both faces. */
    void attack(Endpoint endpoint, Map<String, String> tokens, String kr) throws Exception {
        // --- tokens that must not be accepted, on an otherwise well-formed request, on both faces
        DynamicMessage valid = plausible(endpoint);
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            for (Face face : Face.values()) {
                String authorization =
                        token.getValue() == null
                                ? null
                                : token.getValue().startsWith("RAW ")
                                        ? token.getValue().substring(4)
                                        : "Bearer " + token.getValue();
                Outcome out =
                        face == Face.REST
                                ? faces.rest(endpoint, authorization, valid)
                                : faces.grpc(endpoint, authorization, valid.toByteArray());
                record(endpoint, "token " + token.getKey(), out);
            }
        }

        // --- metacharacters, huge strings, invalid enums, huge arrays in every field, on both
        // faces
        for (FieldPath field : fields(endpoint.method().getInputType(), "", 0)) {
            FieldDescriptor f = field.leaf();
            if (f.getJavaType() == FieldDescriptor.JavaType.STRING) {
                for (String payload : METACHARACTERS) {
                    both(
                            endpoint,
                            kr,
                            "metacharacters in " + field.path(),
                            set(template(endpoint), field, payload));
                }
                both(
                        endpoint,
                        kr,
                        "huge string in " + field.path(),
                        set(template(endpoint), field, "A".repeat(300_000)));
            }
            if (f.getJavaType() == FieldDescriptor.JavaType.ENUM && !f.isRepeated()) {
                DynamicMessage.Builder b = template(endpoint).toBuilder();
                DynamicMessage m = setEnumNumber(b.build(), field, 9999);
                both(endpoint, kr, "unknown enum number in " + field.path(), m);
                restJson(
                        endpoint,
                        kr,
                        "invalid enum name in " + field.path(),
                        withJsonField(endpoint, field, "\"NOT_A_VALUE\""));
                restJson(
                        endpoint,
                        kr,
                        "enum number 9999 in " + field.path(),
                        withJsonField(endpoint, field, "9999"));
            }
            if (f.isRepeated() && f.getJavaType() == FieldDescriptor.JavaType.STRING) {
                DynamicMessage.Builder b = template(endpoint).toBuilder();
                List<String> many = new ArrayList<>();
                for (int i = 0; i < 5_000; i++) {
                    many.add("X" + i);
                }
                both(
                        endpoint,
                        kr,
                        "huge array in " + field.path(),
                        setRepeated(b.build(), field, many));
            }
            // Wrong JSON types (REST only: protobuf has no such thing).
            if (!endpoint.pathFields().contains(field.path())) {
                String wrong =
                        switch (f.getJavaType()) {
                            case STRING, ENUM, BYTE_STRING -> "{\"nested\":{\"deeper\":[1,2,3]}}";
                            case INT, LONG, FLOAT, DOUBLE -> "\"not a number\"";
                            case BOOLEAN -> "\"maybe\"";
                            case MESSAGE -> "42";
                        };
                if (f.isRepeated()) {
                    wrong = "\"not an array\"";
                }
                restJson(
                        endpoint,
                        kr,
                        "wrong JSON type in " + field.path(),
                        withJsonField(endpoint, field, wrong));
            }
        }

        // --- the body itself: malformed, deeply nested, not UTF-8, unknown fields, too large
        // (REST)
        if (!endpoint.body().isEmpty()) {
            String path = Faces.expand(endpoint.pathTemplate(), ids(endpoint), true);
            rawRest(
                    endpoint,
                    kr,
                    "malformed JSON",
                    endpoint.httpMethod(),
                    path,
                    "{\"title\": \"x\",".getBytes(StandardCharsets.UTF_8));
            rawRest(
                    endpoint,
                    kr,
                    "JSON array instead of object",
                    endpoint.httpMethod(),
                    path,
                    "[1,2,3]".getBytes(StandardCharsets.UTF_8));
            rawRest(
                    endpoint,
                    kr,
                    "deeply nested JSON",
                    endpoint.httpMethod(),
                    path,
                    ("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000))
                            .getBytes(StandardCharsets.UTF_8));
            rawRest(
                    endpoint,
                    kr,
                    "deeply nested arrays",
                    endpoint.httpMethod(),
                    path,
                    ("[".repeat(50_000) + "]".repeat(50_000)).getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream invalidUtf8 = new ByteArrayOutputStream();
            invalidUtf8.writeBytes("{\"name\":\"".getBytes(StandardCharsets.UTF_8));
            invalidUtf8.writeBytes(
                    new byte[] {
                        (byte) 0xC3,
                        0x28,
                        (byte) 0xFF,
                        (byte) 0xFE,
                        (byte) 0xED,
                        (byte) 0xA0,
                        (byte) 0x80
                    });
            invalidUtf8.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            rawRest(
                    endpoint,
                    kr,
                    "invalid UTF-8",
                    endpoint.httpMethod(),
                    path,
                    invalidUtf8.toByteArray());
            rawRest(
                    endpoint,
                    kr,
                    "lone surrogate escape",
                    endpoint.httpMethod(),
                    path,
                    "{\"name\":\"\\ud800\",\"title\":\"\\udfff\"}"
                            .getBytes(StandardCharsets.UTF_8));
            rawRest(
                    endpoint,
                    kr,
                    "unknown field",
                    endpoint.httpMethod(),
                    path,
                    "{\"unknownField\":1,\"tenant\":\"TH\",\"ownerCountry\":\"TH\"}"
                            .getBytes(StandardCharsets.UTF_8));
            rawRest(
                    endpoint,
                    kr,
                    "2 MB body",
                    endpoint.httpMethod(),
                    path,
                    ("{\"name\":\"" + "B".repeat(2_000_000) + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
        } else {
            String path = Faces.expand(endpoint.pathTemplate(), ids(endpoint), true);
            rawRest(
                    endpoint,
                    kr,
                    "unknown query parameter",
                    endpoint.httpMethod(),
                    path + "?tenant=TH&ownerCountry=TH",
                    null);
            rawRest(
                    endpoint,
                    kr,
                    "query parameter of a wrong type",
                    endpoint.httpMethod(),
                    path + "?pageSize=abc&cursor=%00",
                    null);
        }

        // --- hostile path ids (REST, raw)
        if (!endpoint.pathFields().isEmpty()) {
            for (String raw : RAW_PATH_IDS) {
                Map<String, String> values = new LinkedHashMap<>();
                endpoint.pathFields().forEach(f -> values.put(f, raw));
                String path = Faces.expand(endpoint.pathTemplate(), values, false);
                rawRest(
                        endpoint,
                        kr,
                        "path id " + raw,
                        endpoint.httpMethod(),
                        path,
                        endpoint.body().isEmpty() ? null : "{}".getBytes(StandardCharsets.UTF_8));
            }
        }

        // --- undecodable protobuf and invalid UTF-8 in a proto3 string (gRPC)
        record(
                endpoint,
                "garbage protobuf bytes",
                faces.grpc(
                        endpoint,
                        "Bearer " + kr,
                        new byte[] {
                            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 0x01
                        }));
        record(
                endpoint,
                "truncated protobuf",
                faces.grpc(endpoint, "Bearer " + kr, new byte[] {0x0A, 0x7F, 0x41}));
        FieldDescriptor firstString =
                endpoint.method().getInputType().getFields().stream()
                        .filter(
                                f ->
                                        f.getJavaType() == FieldDescriptor.JavaType.STRING
                                                && !f.isRepeated())
                        .findFirst()
                        .orElse(null);
        if (firstString != null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeByteArray(
                    firstString.getNumber(), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
            out.flush();
            record(
                    endpoint,
                    "invalid UTF-8 in " + firstString.getName(),
                    faces.grpc(endpoint, "Bearer " + kr, bytes.toByteArray()));
        }
    }

    private void both(Endpoint endpoint, String token, String what, DynamicMessage request) {
        record(endpoint, what, faces.rest(endpoint, "Bearer " + token, request));
        record(endpoint, what, faces.grpc(endpoint, "Bearer " + token, request.toByteArray()));
    }

    private void restJson(Endpoint endpoint, String token, String what, RestBody body) {
        if (body != null) {
            rawRest(endpoint, token, what, endpoint.httpMethod(), body.pathAndQuery(), body.body());
        }
    }

    private void rawRest(
            Endpoint endpoint,
            String token,
            String what,
            String method,
            String pathAndQuery,
            byte[] body) {
        record(
                endpoint,
                what,
                faces.rest(
                        endpoint,
                        method,
                        pathAndQuery,
                        "Bearer " + token,
                        body,
                        "application/json"));
    }

    void record(Endpoint endpoint, String what, Outcome out) {
        attempts.add(
                new Attempt(endpoint.method().getName() + ": " + what + " via " + out.face(), out));
    }
}
