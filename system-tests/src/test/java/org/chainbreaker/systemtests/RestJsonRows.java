package org.chainbreaker.systemtests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@link RestJsonConformanceTest}: one request and what must come back, and the rows of
 * partial updates, timestamps and limits.
 */
final class RestJsonRows {

    static final String JSON = "application/json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String SEARCH = "/api/v1/wantedPersons:search";
    static final String CASES = "/api/v1/cases";

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

    static Row row(String name, String method, String path, String body, int status, String field) {
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

    static Row ok(String name, String method, String path, String body) {
        return row(name, method, path, body, 200, null);
    }

    /**
     * A create that succeeds: 201 Created (with Location, checked by the HTTP conformance tests).
     */
    static Row created(String name, String path, String body) {
        return row(name, "POST", path, body, 201, null);
    }

    static Row refused(String name, String method, String path, String body, String field) {
        return row(name, method, path, body, 400, field);
    }

    private RestJsonRows() {}

    /**
     * Item 1: PATCH without updateMask changes what the body names (AIP-134); merge patch means the
     * same.
     */
    static void updates(List<Row> rows) {
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
    static void timestamps(List<Row> rows) {
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
    static void limits(List<Row> rows) {
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
}
