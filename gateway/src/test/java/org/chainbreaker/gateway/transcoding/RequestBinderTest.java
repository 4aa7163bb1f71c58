package org.chainbreaker.gateway.transcoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chainbreaker.gateway.problems.Problem.FieldError;
import org.junit.jupiter.api.Test;

class RequestBinderTest {

    private final RouteTable suite = TestContract.suiteTable();
    private final RouteTable things = TestContract.thingsTable();
    private final RequestBinder binder = TestContract.binder();

    private DynamicMessage bind(
            RouteTable table,
            String upstream,
            String method,
            String path,
            Map<String, List<String>> query,
            String body)
            throws BadRequest {
        var matched = (RouteTable.Matched) table.resolve(upstream, method, path);
        return binder.bind(matched.route(), matched.pathValues(), query, body);
    }

    private List<FieldError> refusal(
            RouteTable table,
            String upstream,
            String method,
            String path,
            Map<String, List<String>> query,
            String body) {
        try {
            bind(table, upstream, method, path, query, body);
        } catch (BadRequest e) {
            return e.errors();
        }
        throw new AssertionError("the request was accepted");
    }

    private static Object field(Message message, String dottedPath) {
        Object value = message;
        for (String name : dottedPath.split("\\.")) {
            Message current = (Message) value;
            value = current.getField(current.getDescriptorForType().findFieldByName(name));
        }
        return value instanceof EnumValueDescriptor e ? e.getName() : value;
    }

    private static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return query;
    }

    @Test
    void a_named_body_fills_that_field_and_query_parameters_the_rest() throws BadRequest {
        DynamicMessage request =
                bind(
                        suite,
                        "cases",
                        "POST",
                        "/api/v1/cases",
                        query("requestId", "r-1"),
                        "{\"title\":\"Scam centre\",\"category\":\"ONLINE_SCAM\",\"summary\":\"s\"}");
        assertThat(field(request, "case.title")).isEqualTo("Scam centre");
        assertThat(field(request, "case.category")).isEqualTo("ONLINE_SCAM");
        assertThat(field(request, "request_id")).isEqualTo("r-1");
    }

    @Test
    void body_star_fills_the_whole_request_and_the_path_wins() throws BadRequest {
        DynamicMessage request =
                bind(
                        suite,
                        "cases",
                        "POST",
                        "/api/v1/cases/case-1:share",
                        Map.of(),
                        "{\"id\":\"other\",\"country\":\"TH\",\"handlingCode\":\"H2\",\"etag\":\"e1\"}");
        assertThat(field(request, "id")).isEqualTo("case-1");
        assertThat(field(request, "country")).isEqualTo("TH");
        assertThat(field(request, "handling_code")).isEqualTo("H2");
        assertThat(field(request, "etag")).isEqualTo("e1");
    }

    @Test
    void body_star_accepts_proto_field_names_too() throws BadRequest {
        DynamicMessage request =
                bind(
                        suite,
                        "cases",
                        "POST",
                        "/api/v1/cases/c:share",
                        Map.of(),
                        "{\"country\":\"TH\",\"handling_code\":\"H1\"}");
        assertThat(field(request, "handling_code")).isEqualTo("H1");
    }

    @Test
    void path_variables_fill_nested_fields_and_win_over_a_named_body() throws BadRequest {
        DynamicMessage request =
                bind(
                        things,
                        "testing",
                        "PATCH",
                        "/v1/things/a/b",
                        query("request_id", "x"),
                        "{\"name\":\"ignored\",\"color\":\"RED\"}");
        assertThat(field(request, "thing.name")).isEqualTo("things/a/b");
        assertThat(field(request, "thing.color")).isEqualTo("RED");
        DynamicMessage byLabel =
                bind(things, "testing", "GET", "/v1/labels/l%20one/things", Map.of(), "");
        assertThat(field(byLabel, "inner.label")).isEqualTo("l one");
    }

    @Test
    void
            query_parameters_map_by_json_or_proto_name_into_nested_repeated_enum_and_well_known_fields()
                    throws Exception {
        DynamicMessage request =
                bind(
                        things,
                        "testing",
                        "GET",
                        "/v1/plain/x",
                        query(
                                "pageSize",
                                "25",
                                "inner.min_depth",
                                "3",
                                "inner.deeper.label",
                                "deep",
                                "tags",
                                "a",
                                "tags",
                                "b",
                                "colors",
                                "RED",
                                "colors",
                                "2",
                                "color",
                                "GREEN",
                                "since",
                                "2026-01-31T09:30:00Z",
                                "big",
                                "9007199254740993",
                                "flag",
                                "true"),
                        "");
        assertThat(field(request, "name")).isEqualTo("x");
        assertThat(field(request, "page_size")).isEqualTo(25);
        assertThat(field(request, "inner.min_depth")).isEqualTo(3);
        assertThat(field(request, "inner.deeper.label")).isEqualTo("deep");
        assertThat(field(request, "tags")).isEqualTo(List.of("a", "b"));
        assertThat(
                        ((List<?>) field(request, "colors"))
                                .stream().map(v -> ((EnumValueDescriptor) v).getName()))
                .containsExactly("RED", "GREEN");
        assertThat(field(request, "color")).isEqualTo("GREEN");
        assertThat(
                        Timestamp.parseFrom(((Message) field(request, "since")).toByteString())
                                .getSeconds())
                .isEqualTo(1769851800L);
        assertThat(field(request, "big")).isEqualTo(9007199254740993L);
        assertThat(field(request, "flag")).isEqualTo(true);
    }

    @Test
    void list_cases_takes_pagination_from_the_query() throws BadRequest {
        DynamicMessage request =
                bind(
                        suite,
                        "cases",
                        "GET",
                        "/api/v1/cases",
                        query("page_size", "10", "pageToken", "t"),
                        "");
        assertThat(field(request, "page_size")).isEqualTo(10);
        assertThat(field(request, "page_token")).isEqualTo("t");
    }

    @Test
    void an_unknown_query_parameter_is_refused_by_name() {
        assertThat(
                        refusal(
                                suite,
                                "cases",
                                "GET",
                                "/api/v1/cases",
                                query("pageSize", "1", "tenant", "TH"),
                                ""))
                .containsExactly(new FieldError("tenant", "is not a parameter of this request"));
        // With body "*" every field comes from the body: no query parameter is accepted.
        assertThat(
                        refusal(
                                suite,
                                "cases",
                                "POST",
                                "/api/v1/cases/c:share",
                                query("country", "TH"),
                                "{}"))
                .extracting(FieldError::field)
                .containsExactly("country");
    }

    @Test
    void bad_query_values_are_refused_by_name() {
        assertThat(
                        refusal(
                                things,
                                "testing",
                                "GET",
                                "/v1/plain/x",
                                query(
                                        "pageSize",
                                        "ten",
                                        "color",
                                        "PURPLE",
                                        "colors",
                                        "7",
                                        "since",
                                        "yesterday",
                                        "flag",
                                        "yes"),
                                ""))
                .extracting(FieldError::field)
                .containsExactly("pageSize", "color", "colors", "since", "flag");
        assertThat(
                        refusal(
                                things,
                                "testing",
                                "GET",
                                "/v1/plain/x",
                                query("pageSize", "1", "pageSize", "2"),
                                ""))
                .containsExactly(new FieldError("pageSize", "must be given once"));
    }

    @Test
    void an_invalid_enum_name_in_the_body_is_refused_by_field() {
        List<FieldError> errors =
                refusal(
                        suite,
                        "cases",
                        "POST",
                        "/api/v1/cases",
                        Map.of(),
                        "{\"title\":\"t\",\"category\":\"SHOPLIFTING\"}");
        assertThat(errors)
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.field()).isEqualTo("category");
                            assertThat(e.description())
                                    .startsWith("must be one of CATEGORY_UNSPECIFIED, ONLINE_SCAM");
                        });
    }

    @Test
    void an_undefined_enum_number_in_the_body_is_refused_by_field() {
        assertThat(
                        refusal(
                                suite,
                                "cases",
                                "POST",
                                "/api/v1/cases",
                                Map.of(),
                                "{\"title\":\"t\",\"category\":99}"))
                .extracting(FieldError::field)
                .containsExactly("category");
        assertThat(
                        refusal(
                                suite,
                                "cases",
                                "POST",
                                "/api/v1/cases/c:share",
                                Map.of(),
                                "{\"country\":\"TH\",\"handlingCode\":42}"))
                .extracting(FieldError::field)
                .containsExactly("handlingCode");
        assertThat(
                        refusal(
                                things,
                                "testing",
                                "POST",
                                "/v1/things/x:do",
                                Map.of(),
                                "{\"colors\":[\"RED\",9],\"inner\":{\"shade\":8}}"))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("colors[1]", "inner.shade");
    }

    @Test
    void a_defined_enum_number_is_accepted() throws BadRequest {
        DynamicMessage request =
                bind(
                        suite,
                        "cases",
                        "POST",
                        "/api/v1/cases",
                        Map.of(),
                        "{\"title\":\"t\",\"category\":2}");
        assertThat(field(request, "case.category")).isEqualTo("INVESTMENT_FRAUD");
    }

    @Test
    void an_unknown_body_field_is_refused_by_name() {
        assertThat(
                        refusal(
                                suite,
                                "cases",
                                "POST",
                                "/api/v1/cases",
                                Map.of(),
                                "{\"title\":\"t\",\"ownerTenant\":\"TH\"}"))
                .containsExactly(new FieldError("ownerTenant", "is not a field of this message"));
        assertThat(
                        refusal(
                                things,
                                "testing",
                                "POST",
                                "/v1/things/x:do",
                                Map.of(),
                                "{\"inner\":{\"deeper\":{\"nope\":1}}}"))
                .extracting(FieldError::field)
                .containsExactly("inner.deeper.nope");
    }

    @Test
    void a_value_of_the_wrong_type_is_refused_by_field() {
        assertThat(
                        refusal(
                                suite,
                                "cases",
                                "POST",
                                "/api/v1/cases",
                                Map.of(),
                                "{\"title\":{\"a\":1}}"))
                .containsExactly(new FieldError("title", "must be a string"));
        assertThat(
                        refusal(
                                things,
                                "testing",
                                "POST",
                                "/v1/things/x:do",
                                Map.of(),
                                "{\"pageSize\":\"many\",\"tags\":\"one\",\"inner\":{\"minDepth\":1.5},\"since\":\"noon\"}"))
                .extracting(FieldError::field)
                .containsExactly("pageSize", "tags", "inner.minDepth", "since");
    }

    @Test
    void malformed_json_is_refused() {
        List<FieldError> errors =
                refusal(
                        suite,
                        "cases",
                        "POST",
                        "/api/v1/cases",
                        Map.of(),
                        "{\"title\": \"t\", \"summary\": ");
        assertThat(errors)
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.field()).isEqualTo("summary");
                            assertThat(e.description()).contains("not well-formed JSON");
                        });
        assertThat(refusal(suite, "cases", "POST", "/api/v1/cases", Map.of(), "[1,2]"))
                .extracting(FieldError::description)
                .containsExactly("the request body must be a JSON object");
    }

    @Test
    void an_empty_body_for_body_star_is_an_empty_message() throws BadRequest {
        DynamicMessage request =
                bind(suite, "cases", "POST", "/api/v1/cases/c:revokeShare", Map.of(), "");
        assertThat(field(request, "id")).isEqualTo("c");
        assertThat(field(request, "country")).isEqualTo("");
    }

    @Test
    void a_field_given_by_both_names_is_refused() {
        assertThat(
                        refusal(
                                suite,
                                "cases",
                                "POST",
                                "/api/v1/cases/c:share",
                                Map.of(),
                                "{\"handlingCode\":\"H1\",\"handling_code\":\"H2\"}"))
                .extracting(FieldError::field)
                .containsExactly("handling_code");
    }

    @Test
    void bad_path_values_are_refused_by_their_variable() {
        RouteTable table = RouteTable.from(List.of(TestContract.things()));
        var matched = (RouteTable.Matched) table.resolve("testing", "GET", "/v1/plain/x");
        assertThat(matched).isNotNull();
        assertThatThrownBy(
                        () ->
                                binder.bind(
                                        matched.route(),
                                        new String[] {"x"},
                                        query("big", "1e99"),
                                        ""))
                .isInstanceOfSatisfying(
                        BadRequest.class,
                        e ->
                                assertThat(e.errors())
                                        .containsExactly(
                                                new FieldError("big", "must be a 64-bit integer")));
    }

    private List<DynamicMessage> bindStream(RequestBinder binder, String path, String body)
            throws BadRequest {
        var matched = (RouteTable.Matched) things.resolve("testing", "POST", path);
        return binder.bindStream(matched.route(), matched.pathValues(), Map.of(), body);
    }

    private List<FieldError> streamRefusal(RequestBinder binder, String body) {
        try {
            bindStream(binder, "/v1/shelves/s1/things:load", body);
        } catch (BadRequest e) {
            return e.errors();
        }
        throw new AssertionError("the stream was accepted");
    }

    @Test
    void a_stream_is_one_message_per_element_in_order_with_the_path_in_every_one()
            throws BadRequest {
        List<DynamicMessage> messages =
                bindStream(
                        binder,
                        "/v1/shelves/s1/things:load",
                        "[{\"color\":\"RED\"},{\"name\":\"other\",\"tags\":[\"a\"]},{}]");
        assertThat(messages).hasSize(3);
        assertThat(messages).allSatisfy(m -> assertThat(field(m, "name")).isEqualTo("s1"));
        assertThat(field(messages.get(0), "color")).isEqualTo("RED");
        assertThat(field(messages.get(1), "tags")).isEqualTo(List.of("a"));
        assertThat(bindStream(binder, "/v1/shelves/s1/things:load", "[]")).isEmpty();
    }

    @Test
    void a_refused_stream_names_each_bad_element_by_its_index() {
        assertThat(
                        streamRefusal(
                                binder,
                                "[{}, {\"color\":\"PURPLE\"}, {\"inner\":{\"minDepth\":\"x\"}}, "
                                        + "{\"colour\":1}, {\"color\":99}, 5]"))
                .extracting(FieldError::field)
                .containsExactly(
                        "[1].color", "[2].inner.minDepth", "[3].colour", "[4].color", "[5]");
        String longTags = "{\"tags\":[" + "\"t\",".repeat(1000) + "\"t\"]}";
        assertThat(streamRefusal(binder, "[{}," + longTags + "]"))
                .extracting(FieldError::field)
                .containsExactly("[1].tags");
    }

    @Test
    void a_stream_body_must_be_a_json_array_of_bounded_length_and_depth() {
        RequestBinder three =
                new RequestBinder(new JsonBodies(com.google.protobuf.util.JsonFormat.parser()), 3);
        assertThat(streamRefusal(three, "[{},{},{},{}]"))
                .singleElement()
                .satisfies(e -> assertThat(e.description()).contains("more than 3"));
        for (String body : List.of("{}", "", "[{}", "7")) {
            assertThat(streamRefusal(three, body))
                    .as(body)
                    .extracting(FieldError::field)
                    .containsExactly("");
        }
        String deep = "[" + "{\"inner\":".repeat(5_000) + "{}" + "}".repeat(5_000) + "]";
        assertThat(streamRefusal(three, deep))
                .singleElement()
                .satisfies(e -> assertThat(e.description()).contains("nests deeper"));
    }
}
