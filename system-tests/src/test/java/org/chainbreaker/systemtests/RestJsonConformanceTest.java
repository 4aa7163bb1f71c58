package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.RestJsonRows.CASES;
import static org.chainbreaker.systemtests.RestJsonRows.JSON;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chainbreaker.systemtests.RestJsonRows.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The REST face's request side against ProtoJSON, AIP-134 and RFC 9110, one row per case, through
 * the running suite's gateway to the real services: PATCH without a mask changes only what the body
 * names (also for the wanted person, now with an update mask, and nested messages by their leaves);
 * strict RFC 3339 timestamps; limits counted in characters after decoding; values of the wrong JSON
 * type refused naming the field; strict RFC 8259 JSON; ETag, If-Match (412) and If-None-Match
 * (304). Rows marked "conforms" are ProtoJSON forms that were accepted before and must stay so.
 * Placeholders in paths and bodies: {case}, {limits}, {share}, {etagCase}, {wp}, {centre} are ids
 * of records made for this class; {etag:x} is the current etag of record x, read just before the
 * row runs.
 */
class RestJsonConformanceTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern ETAG = Pattern.compile("\\{etag:(\\w+)}");
    private static final Map<String, String> IDS = new LinkedHashMap<>();
    private static final Map<String, String> PATHS = new LinkedHashMap<>();

    @BeforeAll
    static void records() throws Exception {
        RunningSuite.get();
        String run = OnFace.RUN;
        for (String name : List.of("case", "limits", "share", "etagCase")) {
            JsonObject made =
                    json(
                            send(
                                    "POST",
                                    CASES,
                                    JSON,
                                    "{\"title\":\"Conformance "
                                            + name
                                            + " "
                                            + run
                                            + "\",\"category\":\"ONLINE_SCAM\",\"summary\":\"Keep this summary\",\"operationTags\":[\"OP-KEEP\"]}",
                                    Map.of()),
                            201);
            IDS.put(name, made.get("id").getAsString());
            PATHS.put(name, CASES + "/" + made.get("id").getAsString());
        }
        JsonObject person =
                json(
                        send(
                                "POST",
                                "/api/v1/wantedPersons",
                                JSON,
                                "{\"primaryName\":{\"value\":\"Conformance "
                                        + run
                                        + "\"},\"charges\":[\"fraud\"],\"nationalities\":[\"KR\"],\"photoReference\":\"photo-1\","
                                        + "\"warrant\":{\"reference\":\"W-1\",\"issuingAuthority\":\"Court A\"}}",
                                Map.of()),
                        201);
        IDS.put("wp", person.get("id").getAsString());
        PATHS.put("wp", "/api/v1/wantedPersons/" + person.get("id").getAsString());
        JsonObject centre =
                json(
                        send(
                                "POST",
                                "/api/v1/scamCentres",
                                JSON,
                                "{\"name\":\"Conformance "
                                        + run
                                        + "\",\"location\":{\"country\":\"MM\",\"province\":\"Kayin\",\"city\":\"Myawaddy\"},"
                                        + "\"operatingGroup\":\"G1\",\"estimatedPeopleHeld\":10}",
                                Map.of()),
                        201);
        IDS.put("centre", centre.get("id").getAsString());
        PATHS.put("centre", "/api/v1/scamCentres/" + centre.get("id").getAsString());
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        RestJsonRows.updates(rows);
        RestJsonRows.timestamps(rows);
        RestJsonRows.limits(rows);
        RestJsonStrictRows.types(rows);
        RestJsonStrictRows.strictJson(rows);
        RestJsonStrictRows.entityTags(rows);
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void the_rest_face_answers_as_the_row_says(Row row) throws Exception {
        String path = resolve(row.path().startsWith("{") ? expandPath(row.path()) : row.path());
        Map<String, String> headers = new LinkedHashMap<>();
        row.headers().forEach((k, v) -> headers.put(k, resolveEtags(v)));
        String body = row.body() == null ? null : resolve(row.body());
        HttpResponse<String> response = send(row.method(), path, row.contentType(), body, headers);
        String shown =
                row.method()
                        + " "
                        + row.path()
                        + " -> "
                        + response.statusCode()
                        + " "
                        + abbreviate(response.body());
        assertThat(response.statusCode()).as(shown).isEqualTo(row.status());
        if (row.status() >= 400) {
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(shown)
                    .hasValueSatisfying(
                            type -> assertThat(type).startsWith("application/problem+json"));
            JsonObject problem = JsonParser.parseString(response.body()).getAsJsonObject();
            assertThat(problem.get("status").getAsInt()).isEqualTo(row.status());
            if (row.field() != null) {
                List<String> fields = new ArrayList<>();
                problem.getAsJsonArray("errors")
                        .forEach(e -> fields.add(e.getAsJsonObject().get("field").getAsString()));
                assertThat(fields).as(shown).contains(row.field());
            }
            if (row.status() == 412) {
                assertThat(problem.get("reason").getAsString()).isEqualTo("ETAG_MISMATCH");
            }
        }
        if (row.status() == 304) {
            assertThat(response.body()).isEmpty();
            assertThat(response.headers().firstValue("ETag"))
                    .hasValue("\"" + currentEtag("etagCase") + "\"");
        }
        for (Map.Entry<String, String> expected : row.expect().entrySet()) {
            String key = expected.getKey();
            if (key.startsWith("header:")) {
                assertThat(response.headers().firstValue(key.substring(7)))
                        .as(shown)
                        .hasValue(resolveEtags(expected.getValue()));
            } else if (expected.getValue() == null) {
                assertThat(at(json(response, row.status()), key)).as(shown + " " + key).isNotNull();
            } else if (expected.getValue().startsWith("!")) {
                assertThat(at(json(response, row.status()), key).getAsString())
                        .as(shown + " " + key)
                        .isNotEqualTo(expected.getValue().substring(1));
            } else if (key.endsWith(".length")) {
                JsonElement value =
                        at(json(response, row.status()), key.substring(0, key.length() - 7));
                assertThat(value.getAsString().codePointCount(0, value.getAsString().length()))
                        .isEqualTo(Integer.parseInt(expected.getValue()));
            } else {
                JsonElement value = at(json(response, row.status()), key);
                assertThat(value).as(shown + " " + key).isNotNull();
                assertThat(value.getAsString())
                        .as(shown + " " + key)
                        .isEqualTo(expected.getValue());
            }
        }
    }

    private static String expandPath(String path) {
        Matcher m = Pattern.compile("^\\{(\\w+)}").matcher(path);
        if (!m.find()) {
            return path;
        }
        return PATHS.get(m.group(1)) + path.substring(m.end());
    }

    private static String resolve(String text) throws Exception {
        return resolveEtags(text);
    }

    private static String resolveEtags(String text) {
        Matcher m = ETAG.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(currentEtag(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String currentEtag(String record) {
        try {
            return json(send("GET", PATHS.get(record), null, null, Map.of()), 200)
                    .get("etag")
                    .getAsString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonElement at(JsonObject root, String dotted) {
        JsonElement current = root;
        for (String part : dotted.split("\\.")) {
            if (current == null || current.isJsonNull()) {
                return null;
            }
            if (current.isJsonArray()) {
                int index = Integer.parseInt(part);
                current =
                        index < current.getAsJsonArray().size()
                                ? current.getAsJsonArray().get(index)
                                : null;
            } else {
                current = current.getAsJsonObject().get(part);
            }
        }
        return current;
    }

    private static JsonObject json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(abbreviate(response.body())).isEqualTo(status);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static String abbreviate(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "..." : body;
    }

    private static HttpResponse<String> send(
            String method,
            String path,
            String contentType,
            String body,
            Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(RunningSuite.get().restUrl() + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + RunningSuite.token("kr-investigator"))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
