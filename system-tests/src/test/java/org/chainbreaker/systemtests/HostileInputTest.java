package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.Metadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.chainbreaker.devstack.KeycloakServer;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsResponse;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A corpus of hostile requests against every public endpoint of both faces of the gateway, the
 * endpoints taken from the contract's descriptor set: malformed, deeply nested and non-UTF-8 JSON,
 * wrong JSON types, unknown fields and query parameters, invalid enum names and numbers, huge
 * strings and arrays, SQL and script metacharacters and path traversal in every string field and in
 * path ids, undecodable protobuf, and tokens that must not be accepted (none, garbage, forged
 * payload, {@code alg: none}, signed by a key of our own under the realm's key id, HMAC with the
 * realm's public key, a Keycloak token without the API audience, a token of another realm, an
 * expired token, a token naming a tenant that does not exist). Every request must be refused with a
 * 4xx (or the gRPC equivalent), with no stack trace or internal name in the answer, and no table of
 * any service's database may change.
 *
 * <p>Isolated: the row counts hold only while no other class writes to the suite (classes run side
 * by side, see junit-platform.properties).
 */
@Isolated
class HostileInputTest {

    static Suite suite;
    static Faces faces;
    static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What must never appear in an answer to a client. */
    static final Pattern INTERNALS =
            Pattern.compile(
                    "(?i)(\\borg\\.(springframework|postgresql|chainbreaker|hibernate|flywaydb|apache)|\\bjava\\.|\\bjavax\\.|\\bio\\.grpc|"
                            + "exception|\\bSQL|postgres|psql|\\tat |\\bat [a-z]+\\.[a-z]+\\.|localhost|127\\.0\\.0\\.1|\\[::1]|"
                            + "\\b[a-z0-9-]+:\\d{4,5}\\b|stack ?trace|hikari|jdbc|relation \"|syntax error)");

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

    record Attempt(String what, Outcome outcome) {}

    static final List<Attempt> attempts = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Endpoints attacked at the same time. */
    static final int SENDERS = 3;

    @BeforeAll
    static void start() {
        suite = RunningSuite.get();
        faces = Faces.ofRunningSuite();
    }

    @Test
    void every_hostile_request_is_refused_cleanly_and_changes_nothing() throws Exception {
        Map<String, Long> before = rowCounts();
        Map<String, String> tokens = hostileTokens();
        String kr = RunningSuite.token("kr-investigator");

        // Endpoints side by side (each request is independent and changes nothing), a few at a
        // time.
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<Void>> sent = new ArrayList<>();
            for (Endpoint endpoint : Faces.endpoints()) {
                sent.add(
                        senders.submit(
                                () -> {
                                    attack(endpoint, tokens, kr);
                                    return null;
                                }));
            }
            for (Future<Void> f : sent) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
        }

        // A body of 2 MB on the gRPC face.
        Endpoint createCase = Faces.endpoint(Faces.CASES, "CreateCase");
        DynamicMessage huge =
                set(
                        template(createCase),
                        new FieldPath("case.summary", fieldChain(createCase, "case.summary")),
                        "S".repeat(2_000_000));
        record(
                createCase,
                "2 MB message",
                faces.grpc(createCase, "Bearer " + kr, huge.toByteArray()));

        // ----------------------------------------------------------------------------------------------- verdict
        Map<String, Integer> histogram = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Attempt a : attempts) {
            Outcome out = a.outcome();
            histogram.merge(out.label(), 1, Integer::sum);
            boolean refusedInBand = refusedInBand(a);
            if (!(out.clientError() || refusedInBand)) {
                failures.add(a.what() + " -> " + out.label() + " " + abbreviate(out.text()));
            }
            if (INTERNALS.matcher(out.text()).find()) {
                failures.add(a.what() + " -> answer reveals internals: " + abbreviate(out.text()));
            }
        }
        Map<String, Long> after = rowCounts();
        System.out.printf(
                "%nHostileInputTest: %d hostile requests against %d endpoints x 2 faces; status histogram %s%n",
                attempts.size(), Faces.endpoints().size(), histogram);
        if (!failures.isEmpty()) {
            System.out.println(
                    "HostileInputTest: "
                            + failures.size()
                            + " answers not as required, e.g.:\n  "
                            + String.join(
                                    "\n  ", failures.subList(0, Math.min(40, failures.size()))));
        }
        assertThat(attempts.size()).isGreaterThanOrEqualTo(300);
        assertThat(after)
                .as("row counts of every table of every service's database")
                .isEqualTo(before);
        assertThat(failures).as("hostile requests not refused cleanly").isEmpty();
    }

    /**
     * IngestWantedPersons answers per record: a call that recorded nothing refused every record in
     * the answer.
     */
    private static boolean refusedInBand(Attempt a) {
        if (!a.outcome().ok()
                || !a.what().startsWith("IngestWantedPersons")
                || a.outcome().face() != Face.GRPC) {
            return false;
        }
        try {
            IngestWantedPersonsResponse response =
                    IngestWantedPersonsResponse.parseFrom(a.outcome().payload());
            return response.getRecorded() == 0;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------ requests

    /** Every hostile request against one endpoint, on both faces. */
    private static void attack(Endpoint endpoint, Map<String, String> tokens, String kr)
            throws Exception {
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

    private static void both(Endpoint endpoint, String token, String what, DynamicMessage request) {
        record(endpoint, what, faces.rest(endpoint, "Bearer " + token, request));
        record(endpoint, what, faces.grpc(endpoint, "Bearer " + token, request.toByteArray()));
    }

    private static void restJson(Endpoint endpoint, String token, String what, RestBody body) {
        if (body != null) {
            rawRest(endpoint, token, what, endpoint.httpMethod(), body.pathAndQuery(), body.body());
        }
    }

    private static void rawRest(
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

    private static void record(Endpoint endpoint, String what, Outcome out) {
        attempts.add(
                new Attempt(endpoint.method().getName() + ": " + what + " via " + out.face(), out));
    }

    record RestBody(String pathAndQuery, byte[] body) {}

    /**
     * The REST request of the template with one field's JSON value replaced by raw JSON text: in
     * the body when the rule sends that field there, else as a query parameter (raw text,
     * percent-encoded).
     */
    private static RestBody withJsonField(Endpoint endpoint, FieldPath field, String rawJson) {
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

    private static List<FieldDescriptor> fieldChain(Endpoint endpoint, String path) {
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
    private static List<FieldPath> fields(Descriptor type, String prefix, int depth) {
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
    private static Map<String, String> ids(Endpoint endpoint) {
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
    private static DynamicMessage template(Endpoint endpoint) {
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
    private static DynamicMessage plausible(Endpoint endpoint) {
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

    private static DynamicMessage set(DynamicMessage message, FieldPath field, Object value) {
        return setAt(message, field.chain(), 0, value, false);
    }

    private static DynamicMessage setRepeated(
            DynamicMessage message, FieldPath field, List<?> values) {
        return setAt(message, field.chain(), 0, values, true);
    }

    private static DynamicMessage setEnumNumber(
            DynamicMessage message, FieldPath field, int number) {
        return setAt(
                message,
                field.chain(),
                0,
                field.leaf().getEnumType().findValueByNumberCreatingIfUnknown(number),
                false);
    }

    private static DynamicMessage setAt(
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

    private static String abbreviate(String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    // -------------------------------------------------------------------------------------------------- tokens

    /**
     * Tokens that must all be refused; a value starting with "RAW " is the whole Authorization
     * header.
     */
    private static Map<String, String> hostileTokens() throws Exception {
        KeycloakServer keycloak = suite.keycloak();
        String real = RunningSuite.token("kr-investigator");
        String[] parts = real.split("\\.");
        Map<String, Object> claims = KeycloakServer.claims(real);
        String kid = header(real).get("kid").toString();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("garbage", "RAW Bearer not.a.jwt");
        tokens.put(
                "basic auth",
                "RAW Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        "kr-investigator:kr-investigator"
                                                .getBytes(StandardCharsets.UTF_8)));
        tokens.put("empty bearer", "RAW Bearer ");
        // The payload changed to claim another country: the signature no longer matches.
        String payload =
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"tenant\":\"KR\"", "\"tenant\":\"TH\"");
        tokens.put("forged payload", parts[0] + "." + b64(payload) + "." + parts[2]);
        // alg: none, same claims, no signature.
        tokens.put(
                "alg none",
                b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                        + "."
                        + parts[1]
                        + ".");
        tokens.put("alg none, no dot", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1]);
        // Signed by a key of our own that claims the realm's key id.
        RSAKey own = new RSAKeyGenerator(2048).keyID(kid).generate();
        tokens.put(
                "wrongly signed (own RSA key, realm kid)", sign(own, JWSAlgorithm.RS256, claims));
        // HMAC keyed with the realm's public key (algorithm confusion).
        String jwks = get(keycloak.jwksUri());
        byte[] secret = jwks.getBytes(StandardCharsets.UTF_8);
        JWSHeader hs =
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(kid)
                        .type(JOSEObjectType.JWT)
                        .build();
        SignedJWT hmac = new SignedJWT(hs, JWTClaimsSet.parse(claims));
        hmac.sign(
                new MACSigner(secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32)));
        tokens.put("HS256 with the realm's public key", hmac.serialize());
        // Self-signed with a fresh key and no kid, audience of some other API.
        Map<String, Object> otherAudience = new LinkedHashMap<>(claims);
        otherAudience.put("aud", "some-other-api");
        tokens.put(
                "self-signed, other audience",
                sign(new RSAKeyGenerator(2048).generate(), JWSAlgorithm.RS256, otherAudience));
        // Genuine Keycloak tokens that are wrong for this API.
        String admin = keycloak.adminToken();
        tokens.put(
                "Keycloak token without the API audience",
                clientCopyToken(admin, "hostile-no-audience", c -> removeAudience(c)));
        tokens.put(
                "Keycloak token of a tenant that does not exist (XX)",
                clientCopyToken(admin, "hostile-tenant-xx", c -> setTenant(c, "XX")));
        tokens.put(
                "Keycloak token with an empty tenant",
                clientCopyToken(admin, "hostile-tenant-empty", c -> setTenant(c, "")));
        tokens.put("Keycloak token of the master realm (admin)", admin);
        tokens.put("Keycloak token of another realm", otherRealmToken(admin));
        String expired = clientCopyToken(admin, "hostile-short-lived", c -> setLifespan(c, 1));
        Thread.sleep(3_500);
        tokens.put("expired Keycloak token", expired);
        return tokens;
    }

    private static String sign(RSAKey key, JWSAlgorithm alg, Map<String, Object> claims)
            throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT);
        if (key.getKeyID() != null) {
            header.keyID(key.getKeyID());
        }
        JWTClaimsSet.Builder set =
                new JWTClaimsSet.Builder(JWTClaimsSet.parse(claims))
                        .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                        .issueTime(new Date());
        SignedJWT jwt = new SignedJWT(header.build(), set.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Map<String, Object> header(String jwt) throws Exception {
        return com.nimbusds.jose.util.JSONObjectUtils.parse(
                new String(
                        Base64.getUrlDecoder().decode(jwt.split("\\.")[0]),
                        StandardCharsets.UTF_8));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Registers a copy of the {@code kr-partner} client (client credentials, its claim mappers)
     * changed by {@code change}, and answers a token it issues.
     */
    private static String clientCopyToken(
            String admin, String clientId, java.util.function.UnaryOperator<Struct.Builder> change)
            throws Exception {
        String clients =
                suite.keycloak().baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/clients";
        ListValue.Builder found = ListValue.newBuilder();
        JsonFormat.parser().merge(get(clients + "?clientId=kr-partner", admin), found);
        Struct.Builder copy =
                found.getValues(0).getStructValue().toBuilder()
                        .removeFields("id")
                        .putFields("clientId", Value.newBuilder().setStringValue(clientId).build())
                        .putFields(
                                "secret",
                                Value.newBuilder().setStringValue(clientId + "-secret").build());
        ListValue.Builder mappers = ListValue.newBuilder();
        for (Value mapper :
                copy.getFieldsOrDefault("protocolMappers", Value.getDefaultInstance())
                        .getListValue()
                        .getValuesList()) {
            mappers.addValues(
                    Value.newBuilder()
                            .setStructValue(
                                    mapper.getStructValue().toBuilder().removeFields("id")));
        }
        copy.putFields("protocolMappers", Value.newBuilder().setListValue(mappers).build());
        copy = change.apply(copy);
        HttpResponse<String> created =
                http.send(
                        HttpRequest.newBuilder(URI.create(clients))
                                .header("Authorization", "Bearer " + admin)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                JsonFormat.printer().print(copy)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        return suite.keycloak().clientToken(clientId, clientId + "-secret");
    }

    private static Struct.Builder removeAudience(Struct.Builder client) {
        ListValue.Builder kept = ListValue.newBuilder();
        for (Value m : client.getFieldsOrThrow("protocolMappers").getListValue().getValuesList()) {
            if (!m.getStructValue()
                    .getFieldsOrThrow("protocolMapper")
                    .getStringValue()
                    .equals("oidc-audience-mapper")) {
                kept.addValues(m);
            }
        }
        return client.putFields("protocolMappers", Value.newBuilder().setListValue(kept).build());
    }

    private static Struct.Builder setTenant(Struct.Builder client, String tenant) {
        ListValue.Builder changed = ListValue.newBuilder();
        for (Value m : client.getFieldsOrThrow("protocolMappers").getListValue().getValuesList()) {
            Struct.Builder mapper = m.getStructValue().toBuilder();
            if (mapper.getFieldsOrThrow("name").getStringValue().equals("tenant")) {
                Struct.Builder config =
                        mapper.getFieldsOrThrow("config").getStructValue().toBuilder()
                                .putFields(
                                        "claim.value",
                                        Value.newBuilder().setStringValue(tenant).build());
                mapper.putFields("config", Value.newBuilder().setStructValue(config).build());
            }
            changed.addValues(Value.newBuilder().setStructValue(mapper));
        }
        return client.putFields(
                "protocolMappers", Value.newBuilder().setListValue(changed).build());
    }

    private static Struct.Builder setLifespan(Struct.Builder client, int seconds) {
        Struct.Builder attributes =
                client
                        .getFieldsOrDefault(
                                "attributes",
                                Value.newBuilder()
                                        .setStructValue(Struct.getDefaultInstance())
                                        .build())
                        .getStructValue()
                        .toBuilder()
                        .putFields(
                                "access.token.lifespan",
                                Value.newBuilder()
                                        .setStringValue(Integer.toString(seconds))
                                        .build());
        return client.putFields(
                "attributes", Value.newBuilder().setStructValue(attributes).build());
    }

    /**
     * A second realm with a client that puts the same claims (tenant KR, the API audience) into its
     * tokens.
     */
    private static String otherRealmToken(String admin) throws Exception {
        String realm =
                """
                {"realm":"elsewhere","enabled":true,"clients":[{"clientId":"kr-partner","enabled":true,
                 "publicClient":false,"secret":"kr-partner-secret","serviceAccountsEnabled":true,
                 "standardFlowEnabled":false,"directAccessGrantsEnabled":false,
                 "protocolMappers":[
                  {"name":"tenant","protocol":"openid-connect","protocolMapper":"oidc-hardcoded-claim-mapper",
                   "config":{"claim.name":"tenant","claim.value":"KR","jsonType.label":"String",
                             "access.token.claim":"true","id.token.claim":"false"}},
                  {"name":"audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",
                   "config":{"included.custom.audience":"chainbreaker-api","access.token.claim":"true"}}]}]}
                """;
        HttpResponse<String> created =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(suite.keycloak().baseUrl() + "/admin/realms"))
                                .header("Authorization", "Bearer " + admin)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(realm))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        HttpResponse<String> token =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                suite.keycloak().baseUrl()
                                                        + "/realms/elsewhere/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "grant_type=client_credentials&client_id=kr-partner&client_secret=kr-partner-secret"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        assertThat(KeycloakServer.claims(accessToken)).containsEntry("tenant", "KR");
        return accessToken;
    }

    private static String get(String url) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String get(String url, String bearer) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + bearer)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    // ---------------------------------------------------------------------------------------------- databases

    /** Rows of every table of every service's database, by database.table. */
    static Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (Suite.Backend backend : Suite.BACKENDS) {
            try (Connection c = suite.postgres().superuserConnection(backend.database());
                    Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs =
                        s.executeQuery(
                                "select tablename from pg_tables where schemaname = 'public' order by 1")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = s.executeQuery("select count(*) from \"" + table + "\"")) {
                        rs.next();
                        counts.put(backend.database() + "." + table, rs.getLong(1));
                    }
                }
            }
        }
        return counts;
    }

    @SuppressWarnings("unused")
    private static Metadata none() {
        return new Metadata();
    }

    @SuppressWarnings("unused")
    private static ByteString bytes(String s) {
        return ByteString.copyFromUtf8(s);
    }
}
