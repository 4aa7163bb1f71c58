package org.chainbreaker.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.ISSUER;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.bodySchema;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.generate;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.json200Schema;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.names;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.operation;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.parameter;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.parserMessages;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.property;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.ref;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.schema;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.strings;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The generator against the suite's real contract (the case service as partners use it). */
class OpenApiSuiteContractTest {

    private final JsonObject document = generate(TestDescriptors.contract(), ISSUER);

    @Test
    void the_document_is_well_formed_openapi_3_1() {
        assertThat(document.get("openapi").getAsString()).isEqualTo("3.1.0");
        assertThat(OpenApiChecks.violations(document)).isEmpty();
        String json =
                OpenApiDocument.of(
                                TestDescriptors.contract(),
                                new OpenApiGenerator.Settings("Test API", "1", ISSUER),
                                getClass().getClassLoader())
                        .jsonText();
        assertThat(parserMessages(json)).isEmpty();
    }

    @Test
    void comments_survive_building_the_descriptors() {
        // The gateway builds its descriptors with FileDescriptor.buildFrom: the source info
        // stays with them.
        assertThat(ProtoComments.carriesSourceInfo(TestDescriptors.contract())).isTrue();
    }

    @Test
    void servers_are_relative_and_every_operation_needs_a_token() {
        assertThat(
                        document.getAsJsonArray("servers")
                                .get(0)
                                .getAsJsonObject()
                                .get("url")
                                .getAsString())
                .isEqualTo("/");
        JsonObject schemes =
                document.getAsJsonObject("components").getAsJsonObject("securitySchemes");
        JsonObject bearer = schemes.getAsJsonObject("bearerAuth");
        assertThat(bearer.get("type").getAsString()).isEqualTo("http");
        assertThat(bearer.get("scheme").getAsString()).isEqualTo("bearer");
        assertThat(bearer.get("bearerFormat").getAsString()).isEqualTo("JWT");
        assertThat(schemes.getAsJsonObject("openIdConnect").get("openIdConnectUrl").getAsString())
                .isEqualTo(ISSUER + "/.well-known/openid-configuration");
        assertThat(document.getAsJsonArray("security").toString())
                .isEqualTo("[{\"bearerAuth\":[]},{\"openIdConnect\":[]}]");
    }

    @Test
    void without_an_issuer_there_is_only_the_bearer_scheme() {
        JsonObject withoutIssuer = generate(TestDescriptors.contract(), null);
        assertThat(
                        withoutIssuer
                                .getAsJsonObject("components")
                                .getAsJsonObject("securitySchemes")
                                .keySet())
                .containsExactly("bearerAuth");
        assertThat(OpenApiChecks.violations(withoutIssuer)).isEmpty();
    }

    @Test
    void get_case_is_a_get_of_the_case_by_its_id_in_the_path_answering_a_case() {
        JsonObject get = operation(document, "get", "/api/v1/cases/{id}");
        assertThat(get.get("operationId").getAsString()).isEqualTo("CaseService_GetCase");
        assertThat(strings(get.get("tags"))).containsExactly("CaseService");
        assertThat(get.get("summary").getAsString())
                .isEqualTo("Reads a case the caller's country owns or that was shared with it.");
        JsonObject id = parameter(get, "path", "id");
        assertThat(id.get("required").getAsBoolean()).isTrue();
        assertThat(id.getAsJsonObject("schema").get("type").getAsString()).isEqualTo("string");
        assertThat(names(get, "query")).isEmpty();
        assertThat(get.has("requestBody")).isFalse();
        assertThat(json200Schema(get).get("$ref").getAsString())
                .isEqualTo(ref("chainbreaker.cases.v1.Case"));
    }

    @Test
    void every_operation_documents_the_problem_responses() {
        document.getAsJsonObject("paths")
                .entrySet()
                .forEach(
                        path ->
                                path.getValue()
                                        .getAsJsonObject()
                                        .entrySet()
                                        .forEach(
                                                op -> {
                                                    JsonObject responses =
                                                            op.getValue()
                                                                    .getAsJsonObject()
                                                                    .getAsJsonObject("responses");
                                                    assertThat(responses.keySet())
                                                            .as(op.getKey() + " " + path.getKey())
                                                            .contains(
                                                                    "400", "401", "403", "404",
                                                                    "409", "429", "503")
                                                            .containsAnyOf("200", "201");
                                                }));
        JsonObject responses = document.getAsJsonObject("components").getAsJsonObject("responses");
        JsonObject notFound = responses.getAsJsonObject("NotFound");
        JsonObject media =
                notFound.getAsJsonObject("content").getAsJsonObject("application/problem+json");
        assertThat(media.getAsJsonObject("schema").get("$ref").getAsString())
                .isEqualTo(ref("Problem"));
        assertThat(media.getAsJsonObject("example").get("status").getAsInt()).isEqualTo(404);
        assertThat(media.getAsJsonObject("example").get("code").getAsString())
                .isEqualTo("NOT_FOUND");
        assertThat(notFound.get("description").getAsString())
                .contains("not visible to the caller's country");
        assertThat(
                        responses
                                .getAsJsonObject("Unauthorized")
                                .getAsJsonObject("headers")
                                .has("WWW-Authenticate"))
                .isTrue();
        assertThat(
                        responses
                                .getAsJsonObject("TooManyRequests")
                                .getAsJsonObject("headers")
                                .has("Retry-After"))
                .isTrue();
        assertThat(responses.getAsJsonObject("BadRequest").get("description").getAsString())
                .contains("INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE");
        assertThat(
                        responses
                                .getAsJsonObject("BadRequest")
                                .getAsJsonObject("content")
                                .getAsJsonObject("application/problem+json")
                                .getAsJsonObject("example")
                                .getAsJsonArray("errors")
                                .get(0)
                                .getAsJsonObject()
                                .get("field")
                                .getAsString())
                .isEqualTo("title");

        JsonObject problem = schema(document, "Problem");
        assertThat(problem.getAsJsonObject("properties").keySet())
                .containsExactly(
                        "type",
                        "title",
                        "status",
                        "detail",
                        "code",
                        "reason",
                        "instance",
                        "traceId",
                        "errors");
        assertThat(strings(problem.get("required")))
                .containsExactly("type", "title", "status", "detail", "code");
        assertThat(
                        problem.getAsJsonObject("properties")
                                .getAsJsonObject("errors")
                                .getAsJsonObject("items")
                                .getAsJsonObject("properties")
                                .keySet())
                .containsExactly("field", "description");
    }

    @Test
    void create_case_takes_the_named_body_and_the_other_fields_as_query_parameters() {
        JsonObject create = operation(document, "post", "/api/v1/cases");
        assertThat(create.get("operationId").getAsString()).isEqualTo("CaseService_CreateCase");
        JsonObject body = create.getAsJsonObject("requestBody");
        assertThat(body.get("required").getAsBoolean()).isTrue();
        assertThat(body.get("description").getAsString())
                .isEqualTo("The case to open; output-only fields are ignored.");
        assertThat(bodySchema(create).get("$ref").getAsString())
                .isEqualTo(ref("chainbreaker.cases.v1.Case"));
        assertThat(names(create, "query")).containsExactly("requestId");
    }

    @Test
    void creates_that_can_be_read_back_answer201_with_location_and_other_posts_answer200() {
        JsonObject created =
                operation(document, "post", "/api/v1/cases").getAsJsonObject("responses");
        assertThat(created.has("200")).isFalse();
        JsonObject location =
                created.getAsJsonObject("201")
                        .getAsJsonObject("headers")
                        .getAsJsonObject("Location");
        assertThat(location.get("required").getAsBoolean()).isTrue();
        assertThat(
                        created.getAsJsonObject("201")
                                .getAsJsonObject("content")
                                .getAsJsonObject("application/json")
                                .getAsJsonObject("schema")
                                .get("$ref")
                                .getAsString())
                .isEqualTo(ref("chainbreaker.cases.v1.Case"));
        assertThat(
                        operation(document, "post", "/api/v1/cases/{caseId}/leads")
                                .getAsJsonObject("responses")
                                .has("201"))
                .isTrue();
        // No URL to read a person back at: 200, as for custom methods.
        assertThat(
                        operation(document, "post", "/api/v1/cases/{caseId}/persons")
                                .getAsJsonObject("responses")
                                .has("200"))
                .isTrue();
        assertThat(
                        operation(document, "post", "/api/v1/cases/{id}:share")
                                .getAsJsonObject("responses")
                                .has("200"))
                .isTrue();
    }

    @Test
    void one_parameter_name_per_path_position() {
        assertThat(document.getAsJsonObject("paths").keySet())
                .contains(
                        "/api/v1/scamCentres/{id}", "/api/v1/cases/{caseId}/technicalAnalyses/{id}")
                .noneMatch(path -> path.matches(".*\\{[^}]*\\.[^}]*}.*"));
        assertThat(
                        operation(document, "patch", "/api/v1/scamCentres/{id}")
                                .get("operationId")
                                .getAsString())
                .isEqualTo("CaseService_UpdateScamCentre");
    }

    @Test
    void share_case_takes_the_whole_request_less_the_path_fields_as_its_body() {
        JsonObject share = operation(document, "post", "/api/v1/cases/{id}:share");
        assertThat(share.get("operationId").getAsString()).isEqualTo("CaseService_ShareCase");
        assertThat(share.get("summary").getAsString())
                .isEqualTo("Shares a case with a partner country under a handling code.");
        assertThat(share.get("description").getAsString())
                .contains("Sharing again with the same country replaces the handling code.");
        assertThat(names(share, "path")).containsExactly("id");
        assertThat(names(share, "query")).isEmpty();
        JsonObject body = bodySchema(share);
        // The contract grows: these tests name what must hold, not every field.
        assertThat(body.getAsJsonObject("properties").keySet())
                .contains("country", "handlingCode", "etag")
                .doesNotContain("id");
        assertThat(strings(body.get("required")))
                .contains("country", "handlingCode")
                .doesNotContain("etag", "id");
        assertThat(
                        body.getAsJsonObject("properties")
                                .getAsJsonObject("handlingCode")
                                .get("$ref")
                                .getAsString())
                .isEqualTo(ref("chainbreaker.common.v1.HandlingCode"));
        assertThat(share.getAsJsonObject("requestBody").get("required").getAsBoolean()).isTrue();
        // Verbs stay literal in the path.
        assertThat(document.getAsJsonObject("paths").keySet())
                .contains("/api/v1/cases/{id}:revokeShare", "/api/v1/cases:watchEvents");
    }

    @Test
    void list_cases_takes_its_fields_as_query_parameters() {
        JsonObject list = operation(document, "get", "/api/v1/cases");
        assertThat(names(list, "query")).containsExactly("pageSize", "pageToken");
        JsonObject pageSize = parameter(list, "query", "pageSize");
        assertThat(pageSize.getAsJsonObject("schema").get("type").getAsString())
                .isEqualTo("integer");
        assertThat(pageSize.getAsJsonObject("schema").get("format").getAsString())
                .isEqualTo("int32");
        assertThat(pageSize.get("description").getAsString())
                .isEqualTo("At most this many cases (1 to 200; default 50).");
        assertThat(json200Schema(list).get("$ref").getAsString())
                .isEqualTo(ref("chainbreaker.cases.v1.ListCasesResponse"));
        JsonObject cases = property(document, "chainbreaker.cases.v1.ListCasesResponse", "cases");
        assertThat(cases.get("type").getAsString()).isEqualTo("array");
        assertThat(cases.getAsJsonObject("items").get("$ref").getAsString())
                .isEqualTo(ref("chainbreaker.cases.v1.Case"));
    }

    @Test
    void the_case_schema_follows_the_json_mapping_and_the_field_behaviours() {
        JsonObject caseSchema = schema(document, "chainbreaker.cases.v1.Case");
        assertThat(caseSchema.get("type").getAsString()).isEqualTo("object");
        assertThat(caseSchema.get("description").getAsString())
                .isEqualTo("An investigation owned by one country.");
        assertThat(caseSchema.getAsJsonObject("properties").keySet())
                .containsSubsequence(
                        "id",
                        "reference",
                        "ownerCountry",
                        "title",
                        "category",
                        "status",
                        "summary",
                        "createTime",
                        "updateTime",
                        "etag",
                        "shares",
                        "handlingCode");
        assertThat(strings(caseSchema.get("required")))
                .contains("title", "category")
                .doesNotContain("id", "summary");
        JsonObject id = property(document, "chainbreaker.cases.v1.Case", "id");
        assertThat(id.get("readOnly").getAsBoolean()).isTrue();
        assertThat(id.get("description").getAsString())
                .isEqualTo("Server-assigned identifier (a UUID).");
        assertThat(property(document, "chainbreaker.cases.v1.Case", "title").has("readOnly"))
                .isFalse();
        JsonObject createTime = property(document, "chainbreaker.cases.v1.Case", "createTime");
        assertThat(createTime.get("type").getAsString()).isEqualTo("string");
        assertThat(createTime.get("format").getAsString()).isEqualTo("date-time");
        assertThat(createTime.get("readOnly").getAsBoolean()).isTrue();
        JsonObject shares = property(document, "chainbreaker.cases.v1.Case", "shares");
        assertThat(shares.getAsJsonObject("items").get("$ref").getAsString())
                .isEqualTo(ref("chainbreaker.cases.v1.CaseShare"));
        assertThat(
                        property(document, "chainbreaker.cases.v1.Case", "category")
                                .get("$ref")
                                .getAsString())
                .isEqualTo(ref("chainbreaker.cases.v1.Case.Category"));

        JsonObject category = schema(document, "chainbreaker.cases.v1.Case.Category");
        assertThat(category.get("type").getAsString()).isEqualTo("string");
        assertThat(strings(category.get("enum")))
                .startsWith("CATEGORY_UNSPECIFIED", "ONLINE_SCAM")
                .contains("VOICE_PHISHING");
        assertThat(category.get("description").getAsString())
                .contains(
                        "What kind of crime the case is about.",
                        "`VOICE_PHISHING`: Voice phishing, including impersonation of officials.");
        JsonObject handling = schema(document, "chainbreaker.common.v1.HandlingCode");
        assertThat(strings(handling.get("enum")))
                .containsExactly("HANDLING_CODE_UNSPECIFIED", "H0", "H1", "H2", "H3");
    }

    @Test
    void watch_events_is_an_event_stream() {
        JsonObject watch = operation(document, "get", "/api/v1/cases:watchEvents");
        JsonObject ok = watch.getAsJsonObject("responses").getAsJsonObject("200");
        assertThat(ok.getAsJsonObject("content").keySet())
                .containsExactly("text/event-stream", "application/x-ndjson", "application/json");
        assertThat(ok.get("description").getAsString())
                .contains("`problem`", "retry:", "{\"result\": <message>}");
        assertThat(
                        watch.getAsJsonObject("responses")
                                .getAsJsonObject("406")
                                .get("$ref")
                                .getAsString())
                .isEqualTo("#/components/responses/NotAcceptable");
        JsonObject media = ok.getAsJsonObject("content").getAsJsonObject("text/event-stream");
        assertThat(media.getAsJsonObject("x-event-data").get("$ref").getAsString())
                .isEqualTo(ref("chainbreaker.common.v1.Event"));
        assertThat(ok.get("description").getAsString())
                .contains(
                        "Server-Sent Events",
                        "chainbreaker.common.v1.Event",
                        "Last-Event-ID",
                        "heartbeat");
        assertThat(names(watch, "query")).containsExactly("cursor");
        assertThat(names(watch, "header")).containsExactly("Last-Event-ID");
    }

    @Test
    void a_client_stream_takes_an_array_of_its_request_messages() {
        JsonObject ingest = operation(document, "post", "/api/v1/wantedPersons:ingest");
        JsonObject body = ingest.getAsJsonObject("requestBody");
        assertThat(body.get("required").getAsBoolean()).isTrue();
        assertThat(body.get("description").getAsString())
                .startsWith("Bulk load by a national portal")
                .contains("JSON array of IngestWantedPersonsRequest messages");
        JsonObject schema =
                body.getAsJsonObject("content")
                        .getAsJsonObject("application/json")
                        .getAsJsonObject("schema");
        assertThat(schema.get("type").getAsString()).isEqualTo("array");
        assertThat(schema.getAsJsonObject("items").get("$ref").getAsString())
                .isEqualTo(ref("chainbreaker.fugitives.v1.IngestWantedPersonsRequest"));
        assertThat(ingest.get("description").getAsString())
                .contains(
                        "Streams from the client",
                        "[3].",
                        "`Idempotency-Key` header does not apply");
        assertThat(
                        ingest.getAsJsonObject("responses")
                                .getAsJsonObject("200")
                                .getAsJsonObject("content")
                                .getAsJsonObject("application/json")
                                .getAsJsonObject("schema")
                                .get("$ref")
                                .getAsString())
                .isEqualTo(ref("chainbreaker.fugitives.v1.IngestWantedPersonsResponse"));
    }

    @Test
    void tags_name_the_services_with_their_comments() {
        JsonObject caseService =
                StreamSupport.stream(document.getAsJsonArray("tags").spliterator(), false)
                        .map(JsonElement::getAsJsonObject)
                        .filter(t -> t.get("name").getAsString().equals("CaseService"))
                        .findFirst()
                        .orElseThrow();
        assertThat(caseService.get("description").getAsString())
                .startsWith("Cases: investigations owned by one country's police");
    }
}
