package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.RestJsonRows.CASES;
import static org.chainbreaker.systemtests.RestJsonRows.SEARCH;
import static org.chainbreaker.systemtests.RestJsonRows.created;
import static org.chainbreaker.systemtests.RestJsonRows.ok;
import static org.chainbreaker.systemtests.RestJsonRows.refused;
import static org.chainbreaker.systemtests.RestJsonRows.row;

import java.util.List;
import org.chainbreaker.systemtests.RestJsonRows.Row;

/**
 * The rows of {@link RestJsonConformanceTest} on strictness: JSON value types, strict RFC 8259
 * JSON, and entity tags (ETag, If-Match, If-None-Match).
 */
final class RestJsonStrictRows {

    private RestJsonStrictRows() {}

    /**
     * Item 4: a value of the wrong JSON type is refused, naming the field; ProtoJSON's own forms
     * stay.
     */
    static void types(List<Row> rows) {
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
    static void strictJson(List<Row> rows) {
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
    static void entityTags(List<Row> rows) {
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
}
