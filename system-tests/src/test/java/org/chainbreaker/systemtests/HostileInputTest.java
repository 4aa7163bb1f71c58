package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.HostileMessages.fieldChain;
import static org.chainbreaker.systemtests.HostileMessages.fields;
import static org.chainbreaker.systemtests.HostileMessages.ids;
import static org.chainbreaker.systemtests.HostileMessages.plausible;
import static org.chainbreaker.systemtests.HostileMessages.set;
import static org.chainbreaker.systemtests.HostileMessages.setEnumNumber;
import static org.chainbreaker.systemtests.HostileMessages.setRepeated;
import static org.chainbreaker.systemtests.HostileMessages.template;
import static org.chainbreaker.systemtests.HostileMessages.withJsonField;
import static org.chainbreaker.systemtests.HostileTokens.hostileTokens;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Metadata;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsResponse;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.HostileMessages.FieldPath;
import org.chainbreaker.systemtests.HostileMessages.RestBody;
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

    private static String abbreviate(String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    /**
     * Rows of every table of every service's database, by database.table. The audit checkpoints and
     * their events are signed by the clock, not by a request, so they are left out: a signer
     * running during the test would otherwise read as a change a hostile request made.
     */
    static Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (Suite.Backend backend : Suite.BACKENDS) {
            try (Connection c =
                            RunningSuite.get().postgres().superuserConnection(backend.database());
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
                    if (table.equals("audit_checkpoints")) {
                        continue;
                    }
                    String count =
                            table.equals("outbox_events")
                                    ? "select count(*) from outbox_events"
                                            + " where event_type <> 'audit.checkpoint'"
                                    : "select count(*) from \"" + table + "\"";
                    try (ResultSet rs = s.executeQuery(count)) {
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
