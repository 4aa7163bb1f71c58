package org.chainbreaker.gateway.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable suite = TestContract.suiteTable();
    private final RouteTable things = TestContract.thingsTable();

    private static String rpcOf(RouteTable.Resolution resolution) {
        assertThat(resolution).isInstanceOf(RouteTable.Matched.class);
        return ((RouteTable.Matched) resolution).route().rpc().fullName();
    }

    @Test
    void every_annotated_case_rpc_is_routed_to_the_cases_upstream() {
        assertThat(suite.upstreams()).contains("cases");
        assertThat(rpcOf(suite.resolve("cases", "POST", "/api/v1/cases")))
                .isEqualTo("chainbreaker.cases.v1.CaseService.CreateCase");
        assertThat(rpcOf(suite.resolve("cases", "GET", "/api/v1/cases")))
                .isEqualTo("chainbreaker.cases.v1.CaseService.ListCases");
        assertThat(rpcOf(suite.resolve("cases", "GET", "/api/v1/cases/abc")))
                .isEqualTo("chainbreaker.cases.v1.CaseService.GetCase");
        assertThat(rpcOf(suite.resolve("cases", "POST", "/api/v1/cases/abc:share")))
                .isEqualTo("chainbreaker.cases.v1.CaseService.ShareCase");
        assertThat(rpcOf(suite.resolve("cases", "POST", "/api/v1/cases/abc:revokeShare")))
                .isEqualTo("chainbreaker.cases.v1.CaseService.RevokeShare");
    }

    @Test
    void a_verb_route_is_not_confused_with_the_resource_route() {
        var share = (RouteTable.Matched) suite.resolve("cases", "POST", "/api/v1/cases/abc:share");
        assertThat(share.pathValues()).containsExactly("abc");
        // GET on a path ending in a verb is GetCase with the colon kept in the id (the verb needs
        // POST).
        var get = (RouteTable.Matched) suite.resolve("cases", "GET", "/api/v1/cases/abc:share");
        assertThat(get.route().rpc().fullName()).endsWith("GetCase");
        assertThat(get.pathValues()).containsExactly("abc:share");
        assertThat(suite.resolve("cases", "POST", "/api/v1/cases/abc:unknownVerb"))
                .isInstanceOf(RouteTable.MethodNotAllowed.class);
    }

    @Test
    void a_known_path_with_another_method_is_method_not_allowed() {
        // The real contract grows; what matters is that GET is allowed there and DELETE is not.
        assertThat(suite.resolve("cases", "DELETE", "/api/v1/cases/abc"))
                .isInstanceOfSatisfying(
                        RouteTable.MethodNotAllowed.class,
                        m -> assertThat(m.allowed()).contains("GET").doesNotContain("DELETE"));
        assertThat(things.resolve("testing", "POST", "/v1/things/x"))
                .isInstanceOfSatisfying(
                        RouteTable.MethodNotAllowed.class,
                        m ->
                                assertThat(m.allowed())
                                        .containsExactlyInAnyOrder("GET", "HEAD", "PUT", "PATCH"));
    }

    @Test
    void an_unknown_path_is_not_found() {
        assertThat(suite.resolve("cases", "GET", "/api/v1/nothing"))
                .isEqualTo(RouteTable.NotFound.INSTANCE);
        assertThat(suite.resolve("fugitives", "GET", "/api/v1/cases"))
                .isEqualTo(RouteTable.NotFound.INSTANCE);
    }

    @Test
    void additional_bindings_and_custom_templates_are_routed() {
        assertThat(rpcOf(things.resolve("testing", "GET", "/v1/plain/x"))).endsWith("GetPlain");
        assertThat(rpcOf(things.resolve("testing", "GET", "/v1/shelves/1/things/2")))
                .endsWith("GetThing");
        assertThat(rpcOf(things.resolve("testing", "PATCH", "/v1/things/a/b")))
                .endsWith("UpdateThing");
        assertThat(rpcOf(things.resolve("testing", "POST", "/v1/things/x:do"))).endsWith("DoThing");
        assertThat(rpcOf(things.resolve("testing", "GET", "/v1/things/x:do"))).endsWith("GetPlain");
    }

    @Test
    void client_streams_are_routed_only_with_the_whole_message_as_body_and_one_response() {
        var load =
                (RouteTable.Matched)
                        things.resolve("testing", "POST", "/v1/shelves/s1/things:load");
        assertThat(load.route().rpc().clientStreaming()).isTrue();
        assertThat(things.resolve("testing", "POST", "/v1/things:tag"))
                .isEqualTo(RouteTable.NotFound.INSTANCE);
        assertThat(things.resolve("testing", "POST", "/v1/things:sync"))
                .isEqualTo(RouteTable.NotFound.INSTANCE);
        assertThat(rpcOf(suite.resolve("fugitives", "POST", "/api/v1/wantedPersons:ingest")))
                .endsWith("IngestWantedPersons");
    }

    @Test
    void the_package_middle_segment_names_the_upstream() {
        assertThat(RouteTable.upstreamOf("chainbreaker.cases.v1")).isEqualTo("cases");
        assertThat(RouteTable.upstreamOf("chainbreaker.repatriation.v1")).isEqualTo("repatriation");
        assertThat(RouteTable.upstreamOf("cases")).isNull();
    }

    @Test
    void query_parameters_answer_to_json_and_proto_names_and_dotted_paths() {
        var route = ((RouteTable.Matched) things.resolve("testing", "GET", "/v1/plain/x")).route();
        assertThat(route.queryParameterNames())
                .contains(
                        "pageSize",
                        "page_size",
                        "inner.label",
                        "inner.minDepth",
                        "inner.min_depth",
                        "inner.deeper.label",
                        "tags",
                        "colors",
                        "since");
        assertThat(route.queryField("name")).isNull(); // bound by the path
    }
}
