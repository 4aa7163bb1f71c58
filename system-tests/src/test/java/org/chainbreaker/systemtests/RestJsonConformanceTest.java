package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

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
    private static final String JSON = "application/json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String SEARCH = "/api/v1/wantedPersons:search";
    private static final String CASES = "/api/v1/cases";

    /**
     * One request and what must come back: the status, the problem's field (if any), response
     * fields.
     */
    record Row(
            String name,
            String method,
            String path,
            String contentType,
            String body,
            Map<String, String> headers,
            int status,
            String field,
            Map<String, String> expect) {

        Row header(String header, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(header, value);
            return new Row(name, method, path, contentType, body, all, status, field, expect);
        }

        Row as(String type) {
            return new Row(name, method, path, type, body, headers, status, field, expect);
        }

        /**
         * {@code key} is a dotted path into the response JSON ("warrant.reference", "charges.1"),
         * or "header:X".
         */
        Row then(String key, String value) {
            Map<String, String> all = new LinkedHashMap<>(expect);
            all.put(key, value);
            return new Row(name, method, path, contentType, body, headers, status, field, all);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(
            String name, String method, String path, String body, int status, String field) {
        return new Row(
                name,
                method,
                path,
                body == null ? null : JSON,
                body,
                Map.of(),
                status,
                field,
                Map.of());
    }

    private static Row ok(String name, String method, String path, String body) {
        return row(name, method, path, body, 200, null);
    }

    /**
     * A create that succeeds: 201 Created (with Location, checked by the HTTP conformance tests).
     */
    private static Row created(String name, String path, String body) {
        return row(name, "POST", path, body, 201, null);
    }

    private static Row refused(String name, String method, String path, String body, String field) {
        return row(name, method, path, body, 400, field);
    }

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
        updates(rows);
        timestamps(rows);
        limits(rows);
        types(rows);
        strictJson(rows);
        entityTags(rows);
        return rows.stream();
    }

    /**
     * Item 1: PATCH without updateMask changes what the body names (AIP-134); merge patch means the
     * same.
     */
    private static void updates(List<Row> rows) {
        rows.add(
                ok("PATCH one field keeps the others", "PATCH", "{case}", "{\"title\":\"Renamed\"}")
                        .then("title", "Renamed")
                        .then("summary", "Keep this summary")
                        .then("operationTags.0", "OP-KEEP"));
        rows.add(
                ok(
                                "PATCH with an explicit updateMask changes only the masked field",
                                "PATCH",
                                "{case}?updateMask=summary",
                                "{\"title\":\"Not this\",\"summary\":\"Masked\"}")
                        .then("title", "Renamed")
                        .then("summary", "Masked"));
        rows.add(
                ok(
                                "merge patch: null clears the named field, the others stay",
                                "PATCH",
                                "{case}",
                                "{\"summary\":null}")
                        .as(MERGE_PATCH)
                        .then("summary", "")
                        .then("title", "Renamed")
                        .then("operationTags.0", "OP-KEEP"));
        rows.add(
                ok(
                                "PATCH a list replaces it whole",
                                "PATCH",
                                "{case}",
                                "{\"operationTags\":[\"OP-A\",\"OP-B\"]}")
                        .then("operationTags.1", "OP-B")
                        .then("title", "Renamed"));
        rows.add(
                refused(
                        "PATCH naming no field is refused, not a full replacement",
                        "PATCH",
                        "{case}",
                        "{}",
                        ""));
        rows.add(
                refused(
                        "PATCH of an output-only field only names nothing to change",
                        "PATCH",
                        "{case}",
                        "{\"reference\":\"KR-1\"}",
                        ""));
        rows.add(
                row(
                                "merge patch on a create is 415",
                                "POST",
                                CASES,
                                "{\"title\":\"x\",\"category\":\"ONLINE_SCAM\"}",
                                415,
                                null)
                        .as(MERGE_PATCH));
        rows.add(
                ok(
                                "wanted person: a nested leaf keeps its sibling",
                                "PATCH",
                                "{wp}",
                                "{\"warrant\":{\"reference\":\"W-2\"}}")
                        .then("warrant.reference", "W-2")
                        .then("warrant.issuingAuthority", "Court A")
                        .then("charges.0", "fraud")
                        .then("nationalities.0", "KR")
                        .then("photoReference", "photo-1"));
        rows.add(
                ok(
                                "wanted person: one list, nothing else",
                                "PATCH",
                                "{wp}",
                                "{\"charges\":[\"fraud\",\"forgery\"]}")
                        .then("charges.1", "forgery")
                        .then("warrant.reference", "W-2")
                        .then("primaryName.value", null));
        rows.add(
                ok(
                                "wanted person: merge patch clears with null",
                                "PATCH",
                                "{wp}",
                                "{\"photoReference\":null}")
                        .as(MERGE_PATCH)
                        .then("photoReference", "")
                        .then("charges.1", "forgery"));
        rows.add(
                refused(
                        "wanted person: an unknown mask path names updateMask",
                        "PATCH",
                        "{wp}?updateMask=notAField",
                        "{\"charges\":[\"x\"]}",
                        "updateMask"));
        rows.add(
                refused(
                        "wanted person: an output-only mask path names updateMask",
                        "PATCH",
                        "{wp}?updateMask=noticeStatus",
                        "{\"charges\":[\"x\"]}",
                        "updateMask"));
        rows.add(
                ok(
                                "scam centre: one part of the location keeps the rest",
                                "PATCH",
                                "{centre}",
                                "{\"location\":{\"city\":\"Shwe Kokko\"}}")
                        .then("location.city", "Shwe Kokko")
                        .then("location.country", "MM")
                        .then("location.province", "Kayin")
                        .then("operatingGroup", "G1"));
    }

    /** Item 2: RFC 3339 exactly as ProtoJSON defines it; everything else 400 naming the field. */
    private static void timestamps(List<Row> rows) {
        String share = "{share}:share";
        String[][] valid = {
            {"Z", "TH", "2030-01-01T00:00:00Z"},
            {"an offset", "VN", "2030-01-01T09:00:00+07:00"},
            {"nine fractional digits", "MY", "2030-01-01T00:00:00.123456789Z"},
            {"a leap day", "LA", "2028-02-29T23:59:59-23:59"},
        };
        for (String[] v : valid) {
            rows.add(
                    ok(
                            "timestamp conforms: " + v[0],
                            "POST",
                            share,
                            "{\"country\":\""
                                    + v[1]
                                    + "\",\"handlingCode\":\"H1\",\"expireTime\":\""
                                    + v[2]
                                    + "\"}"));
        }
        String[][] invalid = {
            {"month 13", "2027-13-01T00:00:00Z"},
            {"February 30", "2027-02-30T00:00:00Z"},
            {"February 29 of a common year", "2027-02-29T00:00:00Z"},
            {"minute 61", "2027-06-01T00:61:00Z"},
            {"hour 24", "2027-06-01T24:00:00Z"},
            {"second 60", "2027-06-01T00:00:60Z"},
            {"offset +24:00", "2027-06-01T00:00:00+24:00"},
            {"offset +05:75", "2027-06-01T00:00:00+05:75"},
            {"one-digit fields", "2027-1-1T0:0:0Z"},
            {"lower-case t and z", "2027-06-01t00:00:00z"},
            {"no offset", "2027-06-01T00:00:00"},
            {"a space for T", "2027-06-01 00:00:00Z"},
            {"ten fractional digits", "2027-06-01T00:00:00.1234567890Z"},
            {"a date only", "2027-06-01"},
            {"year 0", "0000-06-01T00:00:00Z"},
            {"an empty fraction", "2027-06-01T00:00:00.Z"},
        };
        for (String[] v : invalid) {
            rows.add(
                    refused(
                            "timestamp refused: " + v[0],
                            "POST",
                            share,
                            "{\"country\":\"PH\",\"handlingCode\":\"H1\",\"expireTime\":\""
                                    + v[1]
                                    + "\"}",
                            "expireTime"));
        }
        rows.add(
                refused(
                        "timestamp refused: a number",
                        "POST",
                        share,
                        "{\"country\":\"PH\",\"handlingCode\":\"H1\",\"expireTime\":1893456000}",
                        "expireTime"));
    }

    /**
     * Item 3: limits count characters (code points) after decoding, however the client escaped
     * them.
     */
    private static void limits(List<Row> rows) {
        String thai = "\u0E01";
        String escapedThai = "\\u0E01";
        String emoji = "\uD83D\uDE00";
        String escapedEmoji = "\\uD83D\\uDE00";
        rows.add(
                ok(
                                "10,000 Thai characters escaped as \\uXXXX fit the summary's 10,000",
                                "PATCH",
                                "{limits}",
                                "{\"summary\":\"" + escapedThai.repeat(10_000) + "\"}")
                        .then("summary.length", "10000"));
        rows.add(
                refused(
                        "10,001 Thai characters escaped are one too many",
                        "PATCH",
                        "{limits}",
                        "{\"summary\":\"" + escapedThai.repeat(10_001) + "\"}",
                        "summary"));
        rows.add(
                ok(
                        "10,000 Thai characters raw fit too",
                        "PATCH",
                        "{limits}",
                        "{\"summary\":\"" + thai.repeat(10_000) + "\"}"));
        rows.add(
                ok(
                        "10,000 emoji escaped as surrogate pairs count 10,000",
                        "PATCH",
                        "{limits}",
                        "{\"summary\":\"" + escapedEmoji.repeat(10_000) + "\"}"));
        rows.add(
                ok(
                        "200 raw emoji fit the title's 200",
                        "PATCH",
                        "{limits}",
                        "{\"title\":\"" + emoji.repeat(200) + "\"}"));
        rows.add(
                refused(
                        "201 raw emoji do not",
                        "PATCH",
                        "{limits}",
                        "{\"title\":\"" + emoji.repeat(201) + "\"}",
                        "title"));
        rows.add(
                refused(
                        "a string over the gateway's 20,000 characters is refused there, naming it",
                        "POST",
                        SEARCH,
                        "{\"name\":\"" + escapedThai.repeat(20_001) + "\"}",
                        "name"));
    }

    /**
     * Item 4: a value of the wrong JSON type is refused, naming the field; ProtoJSON's own forms
     * stay.
     */
    private static void types(List<Row> rows) {
        String[][] notStrings = {
            {"a number", "123"}, {"a bool", "true"}, {"an array", "[\"a\"]"}, {"an object", "{}"}
        };
        for (String[] v : notStrings) {
            rows.add(
                    refused(
                            "string field given " + v[0],
                            "POST",
                            SEARCH,
                            "{\"name\":" + v[1] + "}",
                            "name"));
        }
        rows.add(
                refused(
                        "int32 given a fraction",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"pageSize\":1.5}",
                        "pageSize"));
        rows.add(
                refused(
                        "int32 out of range",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"pageSize\":4294967296}",
                        "pageSize"));
        rows.add(
                refused(
                        "int32 given a bool",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"pageSize\":true}",
                        "pageSize"));
        rows.add(
                refused(
                        "int32 given a non-numeric string",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"pageSize\":\"ten\"}",
                        "pageSize"));
        rows.add(
                ok(
                        "conforms: int32 as a string",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"pageSize\":\"10\"}"));
        rows.add(
                ok(
                        "conforms: int32 with an exponent that is whole",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"pageSize\":1e1}"));
        rows.add(
                ok(
                        "conforms: double as a numeric string",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"minScore\":\"0.7\"}"));
        rows.add(
                refused(
                        "double given a bool",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"minScore\":true}",
                        "minScore"));
        rows.add(
                refused(
                        "double given a word",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"minScore\":\"high\"}",
                        "minScore"));
        rows.add(
                ok(
                        "conforms: null is the default",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"minScore\":null}"));
        rows.add(
                ok(
                        "conforms: a proto field name",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"min_score\":0.7}"));
        rows.add(
                refused(
                        "nested message given a string",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"dateOfBirth\":\"1980\"}",
                        "dateOfBirth"));
        rows.add(
                refused(
                        "nested int32 given a string word",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"dateOfBirth\":{\"year\":\"nineteen\"}}",
                        "dateOfBirth.year"));
        rows.add(
                refused(
                        "bool given a string",
                        "POST",
                        "{share}:share",
                        "{\"country\":\"PH\",\"handlingCode\":\"H1\",\"discloseVictimContacts\":\"true\"}",
                        "discloseVictimContacts"));
        rows.add(
                refused(
                        "bool given a number",
                        "POST",
                        "{share}:share",
                        "{\"country\":\"PH\",\"handlingCode\":\"H1\",\"discloseVictimContacts\":1}",
                        "discloseVictimContacts"));
        rows.add(
                refused(
                        "enum given a name it does not define",
                        "POST",
                        "{share}:share",
                        "{\"country\":\"PH\",\"handlingCode\":\"H9\"}",
                        "handlingCode"));
        rows.add(
                refused(
                        "enum given a fraction",
                        "POST",
                        "{share}:share",
                        "{\"country\":\"PH\",\"handlingCode\":1.5}",
                        "handlingCode"));
        rows.add(
                ok(
                                "conforms: enum by number",
                                "POST",
                                "{share}:share",
                                "{\"country\":\"SG\",\"handlingCode\":2}")
                        .then("shares.0.handlingCode", null));
        rows.add(
                refused(
                        "repeated field given a string",
                        "PATCH",
                        "{case}",
                        "{\"operationTags\":\"OP-A\"}",
                        "operationTags"));
        rows.add(
                refused(
                        "repeated field element of the wrong type",
                        "PATCH",
                        "{case}",
                        "{\"operationTags\":[\"OP-A\",7]}",
                        "operationTags[1]"));
        String report =
                "{\"channel\":\"PHONE_CALL\",\"method\":\"INVESTMENT\",\"identifiers\":[{\"kind\":\"PHONE_NUMBER\","
                        + "\"value\":\"+66812345678\"}],\"amountLost\":{\"currencyCode\":\"THB\",\"units\":%s}}";
        rows.add(
                created(
                                "conforms: int64 as a string",
                                "/api/v1/scamReports",
                                report.formatted("\"5000\""))
                        .then("amountLost.units", "5000"));
        rows.add(
                created(
                                "conforms: int64 as a number",
                                "/api/v1/scamReports",
                                report.formatted("5000"))
                        .then("amountLost.units", "5000"));
        rows.add(
                refused(
                        "int64 given a fraction",
                        "POST",
                        "/api/v1/scamReports",
                        report.formatted("5000.5"),
                        "amountLost.units"));
        rows.add(
                refused(
                        "int64 out of range",
                        "POST",
                        "/api/v1/scamReports",
                        report.formatted("\"9223372036854775808\""),
                        "amountLost.units"));
    }

    /** Item 5: RFC 8259 exactly; a name given twice is refused naming it. */
    private static void strictJson(List<Row> rows) {
        rows.add(
                ok(
                        "conforms: plain JSON with escapes and whitespace",
                        "POST",
                        SEARCH,
                        " {\n\t\"name\" : \"\\u004Bim\" ,\"pageSize\" : 5 }\n"));
        String[][] malformed = {
            {"an unquoted name", "{name:\"Kim\"}"},
            {"single quotes", "{'name':'Kim'}"},
            {"a block comment", "{\"name\":\"Kim\" /* c */}"},
            {"a line comment", "// c\n{\"name\":\"Kim\"}"},
            {"= for :", "{\"name\"=\"Kim\"}"},
            {"a bare NaN", "{\"name\":\"Kim\",\"minScore\":NaN}"},
            {"trailing data", "{\"name\":\"Kim\"} xyz"},
            {"a second document", "{\"name\":\"Kim\"}{\"name\":\"Lee\"}"},
            {"a trailing comma", "{\"name\":\"Kim\",}"},
            {"; for ,", "{\"name\":\"Kim\";\"pageSize\":5}"},
            {"a leading zero", "{\"name\":\"Kim\",\"pageSize\":05}"},
            {"a raw control character", "{\"name\":\"K\u0001im\"}"},
            {"an unknown escape", "{\"name\":\"K\\xim\"}"},
            {"an unterminated object", "{\"name\":\"Kim\""},
        };
        for (String[] v : malformed) {
            rows.add(row("malformed: " + v[0], "POST", SEARCH, v[1], 400, null));
        }
        rows.add(
                refused(
                        "a name given twice is refused, naming it",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"name\":\"Lee\"}",
                        "name"));
        rows.add(
                refused(
                        "a nested name given twice is named with its path",
                        "POST",
                        SEARCH,
                        "{\"name\":\"Kim\",\"dateOfBirth\":{\"year\":1980,\"year\":1981}}",
                        "dateOfBirth.year"));
    }

    /**
     * Item 6: ETag from the message's etag; If-Match is its etag (412 when stale); If-None-Match
     * answers 304.
     */
    private static void entityTags(List<Row> rows) {
        rows.add(
                ok("a read answers the etag as ETag", "GET", "{etagCase}", null)
                        .then("header:ETag", "\"{etag:etagCase}\""));
        rows.add(
                row(
                                "If-None-Match with the current etag is 304",
                                "GET",
                                "{etagCase}",
                                null,
                                304,
                                null)
                        .header("If-None-Match", "\"{etag:etagCase}\""));
        rows.add(
                row("If-None-Match compares weakly", "GET", "{etagCase}", null, 304, null)
                        .header("If-None-Match", "W/\"{etag:etagCase}\""));
        rows.add(
                row(
                                "If-None-Match: * matches a record that exists",
                                "GET",
                                "{etagCase}",
                                null,
                                304,
                                null)
                        .header("If-None-Match", "*"));
        rows.add(
                ok("If-None-Match with another etag reads", "GET", "{etagCase}", null)
                        .header("If-None-Match", "\"0000\", \"1111\""));
        rows.add(
                row(
                                "If-Match with a stale etag is 412",
                                "PATCH",
                                "{etagCase}",
                                "{\"title\":\"Never\"}",
                                412,
                                null)
                        .header("If-Match", "\"00000000deadbeef\""));
        rows.add(
                ok("the stale attempt changed nothing", "GET", "{etagCase}", null)
                        .then("title", "!Never"));
        rows.add(
                row(
                                "If-Match on a step whose request has an etag is 412 when stale",
                                "POST",
                                "{etagCase}:share",
                                "{\"country\":\"TH\",\"handlingCode\":\"H1\"}",
                                412,
                                null)
                        .header("If-Match", "\"00000000deadbeef\""));
        rows.add(
                row(
                                "If-Match with a weak tag never matches (strong comparison)",
                                "PATCH",
                                "{etagCase}",
                                "{\"title\":\"Never\"}",
                                412,
                                null)
                        .header("If-Match", "W/\"{etag:etagCase}\""));
        rows.add(
                refused(
                                "If-Match differing from the body's etag is refused",
                                "PATCH",
                                "{etagCase}",
                                "{\"title\":\"Never\",\"etag\":\"00000000deadbeef\"}",
                                "If-Match")
                        .header("If-Match", "\"{etag:etagCase}\""));
        rows.add(
                refused(
                                "If-Match with a list is refused",
                                "PATCH",
                                "{etagCase}",
                                "{\"title\":\"Never\"}",
                                "If-Match")
                        .header("If-Match", "\"a\", \"b\""));
        rows.add(
                refused(
                                "If-Match unquoted is refused",
                                "PATCH",
                                "{etagCase}",
                                "{\"title\":\"Never\"}",
                                "If-Match")
                        .header("If-Match", "{etag:etagCase}"));
        rows.add(
                refused(
                                "If-Match on a create (no etag) is refused",
                                "POST",
                                CASES,
                                "{\"title\":\"Never\",\"category\":\"ONLINE_SCAM\"}",
                                "If-Match")
                        .header("If-Match", "\"abc\""));
        rows.add(
                row(
                        "a stale etag in the body, without If-Match, stays a 409 conflict",
                        "PATCH",
                        "{etagCase}",
                        "{\"title\":\"Never\",\"etag\":\"00000000deadbeef\"}",
                        409,
                        null));
        rows.add(
                ok(
                                "If-Match with the current etag changes, and answers the new ETag",
                                "PATCH",
                                "{etagCase}",
                                "{\"title\":\"Changed under If-Match\"}")
                        .header("If-Match", "\"{etag:etagCase}\"")
                        .then("title", "Changed under If-Match")
                        .then("header:ETag", "\"{etag:etagCase}\""));
        rows.add(
                ok(
                                "If-Match: * changes an existing record",
                                "PATCH",
                                "{etagCase}",
                                "{\"summary\":\"Star\"}")
                        .header("If-Match", "*")
                        .then("summary", "Star"));
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
