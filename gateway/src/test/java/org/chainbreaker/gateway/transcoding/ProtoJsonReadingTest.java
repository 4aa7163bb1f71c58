package org.chainbreaker.gateway.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;
import org.chainbreaker.gateway.problems.Problem.FieldError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the gateway reads a request body, without any service: the forms ProtoJSON accepts for
 * doubles that a live service would refuse for its own range reasons ("NaN", "Infinity"), the edges
 * of RFC 3339, the code point count of the gateway's own string limit and the update mask a PATCH
 * body gives. The live table is RestJsonConformanceTest in the system tests.
 */
class ProtoJsonReadingTest {

    private final RouteTable suite = TestContract.suiteTable();
    private final RequestBinder binder = TestContract.binder();

    private DynamicMessage bind(String upstream, String method, String path, String body)
            throws BadRequest {
        var matched = (RouteTable.Matched) suite.resolve(upstream, method, path);
        return binder.bind(matched.route(), matched.pathValues(), Map.of(), body);
    }

    private List<FieldError> refusal(String upstream, String method, String path, String body) {
        try {
            bind(upstream, method, path, body);
        } catch (BadRequest e) {
            return e.errors();
        }
        throw new AssertionError("the request was accepted: " + body);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"NaN\"",
                "\"Infinity\"",
                "\"-Infinity\"",
                "0.5",
                "\"0.5\"",
                "1e-1",
                "-0",
                "null"
            })
    void a_double_takes_every_form_protojson_allows(String value) throws BadRequest {
        bind(
                "fugitives",
                "POST",
                "/api/v1/wantedPersons:search",
                "{\"name\":\"Kim\",\"minScore\":" + value + "}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "NaN",
                "Infinity",
                "\"nan\"",
                "\"1e999\"",
                "1e999",
                "\"\"",
                "\" 1\"",
                "[1]",
                "{}",
                "false"
            })
    void a_double_refuses_what_protojson_refuses(String value) {
        assertThat(
                        refusal(
                                "fugitives",
                                "POST",
                                "/api/v1/wantedPersons:search",
                                "{\"name\":\"Kim\",\"minScore\":" + value + "}"))
                .extracting(FieldError::field)
                .containsAnyOf("minScore", "");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-01-31T09:30:00Z|true", "0001-01-01T00:00:00Z|true",
                        "9999-12-31T23:59:59.999999999Z|true",
                "2024-02-29T00:00:00Z|true", "2100-02-29T00:00:00Z|false",
                        "2000-02-29T00:00:00Z|true",
                "2026-01-31T09:30:00+23:59|true", "2026-01-31T09:30:00-00:00|true",
                        "0001-01-01T00:00:00+00:01|false",
                "9999-12-31T23:59:59-00:01|false", "2026-01-31T09:30:00.Z|false",
                        "2026-01-31T09:30Z|false",
                "+2026-01-31T09:30:00Z|false", "2026-01-31T09:30:00ZZ|false",
                        "2026-04-31T00:00:00Z|false",
                "2026-00-10T00:00:00Z|false", "2026-01-00T00:00:00Z|false",
                        "2026-01-31T09:30:00+0700|false"
            })
    void timestamps_are_rfc3339_as_protojson_defines_it(String text, boolean valid) {
        assertThat(ProtoJsonTypes.timestampProblem(text) == null).as(text).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1.5s|true",
                "-1.000000001s|true",
                "0s|true",
                "315576000000s|true",
                "315576000001s|false",
                "1.5|false",
                "1.5 s|false",
                "1.0000000001s|false",
                "+1s|false",
                "1S|false"
            })
    void durations_are_protojson_durations(String text, boolean valid) {
        assertThat(ProtoJsonTypes.durationOk(text)).as(text).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\\u0E01|20000|true",
                "\\u0E01|20001|false",
                "\\uD83D\\uDE00|20000|true",
                "\\uD83D\\uDE00|20001|false",
                "\\\"|20000|true",
                "\\\\|20001|false"
            })
    void the_gateways_string_limit_counts_characters_after_decoding(
            String escaped, int count, boolean fits) {
        String json = "{\"name\":\"" + escaped.repeat(count) + "\"}";
        boolean accepted;
        try {
            JsonLimits.DEFAULT.check(json);
            accepted = true;
        } catch (BadRequest e) {
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("name");
            accepted = false;
        }
        assertThat(accepted).isEqualTo(fits);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"title\":\"t\"}|title",
                "{\"title\":\"t\",\"etag\":\"e\",\"id\":\"x\",\"reference\":\"r\"}|title",
                "{\"operationTags\":[],\"summary\":null}|operation_tags,summary"
            })
    void a_patch_without_mask_names_what_its_body_holds(String body, String paths)
            throws Exception {
        DynamicMessage request = bind("cases", "PATCH", "/api/v1/cases/c1", body);
        FieldDescriptor mask = request.getDescriptorForType().findFieldByName("update_mask");
        Message given = (Message) request.getField(mask);
        assertThat(FieldMask.newBuilder().mergeFrom(given.toByteString()).build().getPathsList())
                .containsExactly(paths.split(","));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "cases|POST|/api/v1/cases|",
                "cases|PATCH|/api/v1/cases/c1|case.etag",
                "cases|POST|/api/v1/cases/c1:share|etag",
                "fugitives|PATCH|/api/v1/wantedPersons/w1|wanted_person.etag",
                "fugitives|POST|/api/v1/wantedPersons|"
            })
    void if_match_stands_for_the_etag_of_a_change_never_of_a_create(
            String upstream, String method, String path, String field) {
        var matched = (RouteTable.Matched) suite.resolve(upstream, method, path);
        FieldDescriptor[] chain = EntityTags.etagField(matched.route());
        String named =
                chain == null
                        ? null
                        : String.join(
                                ".",
                                java.util.Arrays.stream(chain)
                                        .map(FieldDescriptor::getName)
                                        .toList());
        assertThat(named).isEqualTo(field);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"warrant\":{\"reference\":\"W\"},\"charges\":[\"c\"]}|warrant.reference,charges",
                "{\"warrant\":{},\"dateOfBirth\":{\"year\":1980,\"month\":2}}|warrant,date_of_birth.year,date_of_birth.month",
                "{\"primaryName\":null,\"custody\":\"ARRESTED\"}|primary_name"
            })
    void a_nested_object_gives_its_leaves(String body, String paths) throws Exception {
        DynamicMessage request = bind("fugitives", "PATCH", "/api/v1/wantedPersons/w1", body);
        FieldDescriptor mask = request.getDescriptorForType().findFieldByName("update_mask");
        Message given = (Message) request.getField(mask);
        assertThat(FieldMask.newBuilder().mergeFrom(given.toByteString()).build().getPathsList())
                .containsExactly(paths.split(","));
    }
}
