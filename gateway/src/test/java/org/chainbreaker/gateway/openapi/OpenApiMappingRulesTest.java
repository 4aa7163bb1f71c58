package org.chainbreaker.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.bodySchema;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.generate;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.names;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.operation;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.parameter;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.parserMessages;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.property;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.ref;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.schema;
import static org.chainbreaker.gateway.openapi.OpenApiDocuments.strings;

import com.google.gson.JsonObject;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generator against a small contract with every mapping rule: paths, parameters, bodies, the
 * proto3 JSON schemas, field behaviours, enums, comments and streams.
 */
class OpenApiMappingRulesTest {

    private final JsonObject document = generate(List.of(TestDescriptors.widgets()), null);

    @Test
    void the_document_is_well_formed_openapi_3_1() {
        assertThat(OpenApiChecks.violations(document)).isEmpty();
        String json =
                OpenApiDocument.of(
                                List.of(TestDescriptors.widgets()),
                                new OpenApiGenerator.Settings("Test", "1", null),
                                getClass().getClassLoader())
                        .jsonText();
        assertThat(parserMessages(json)).isEmpty();
    }

    @Test
    void a_variable_with_segments_is_one_parameter_with_a_pattern() {
        JsonObject get = operation(document, "get", "/v1/{name}");
        assertThat(get.get("operationId").getAsString()).isEqualTo("WidgetService_GetWidget");
        JsonObject name = parameter(get, "path", "name");
        assertThat(name.getAsJsonObject("schema").get("pattern").getAsString())
                .isEqualTo("^\\Qshelves\\E/[^/]+/\\Qwidgets\\E/[^/]+$");
        assertThat(name.get("description").getAsString()).contains("shelves/*/widgets/*");
        assertThat(get.get("summary").getAsString()).isEqualTo("Reads a widget.");
        assertThat(get.get("description").getAsString())
                .isEqualTo("Reads a widget. Any caller may.\nSecond line.");
    }

    @Test
    void additional_bindings_are_operations_of_their_own() {
        JsonObject second = operation(document, "get", "/v1/widgets/{name}");
        assertThat(second.get("operationId").getAsString()).isEqualTo("WidgetService_GetWidget_2");
        assertThat(parameter(second, "path", "name").getAsJsonObject("schema").has("pattern"))
                .isFalse();
    }

    @Test
    void query_parameters_are_dotted_into_nested_messages_with_arrays_and_enums() {
        JsonObject list = operation(document, "get", "/v1/{parent}/widgets");
        assertThat(names(list, "path")).containsExactly("parent");
        // Maps cannot be set by query; a recursive message is followed once per chain.
        assertThat(names(list, "query"))
                .containsExactly("pageSize", "filter.colors", "filter.minSize", "filter.since");
        assertThat(parameter(list, "query", "pageSize").get("description").getAsString())
                .isEqualTo("At most this many.");
        JsonObject colors = parameter(list, "query", "filter.colors");
        assertThat(colors.getAsJsonObject("schema").get("type").getAsString()).isEqualTo("array");
        assertThat(
                        colors.getAsJsonObject("schema")
                                .getAsJsonObject("items")
                                .get("$ref")
                                .getAsString())
                .isEqualTo(ref("chainbreaker.testing.v1.Widget.Color"));
        assertThat(colors.get("explode").getAsBoolean()).isTrue();
        JsonObject minSize = parameter(list, "query", "filter.minSize").getAsJsonObject("schema");
        assertThat(minSize.get("type").getAsString()).isEqualTo("string");
        assertThat(minSize.get("format").getAsString()).isEqualTo("int64");
        assertThat(
                        parameter(list, "query", "filter.since")
                                .getAsJsonObject("schema")
                                .get("format")
                                .getAsString())
                .isEqualTo("date-time");
    }

    @Test
    void a_nested_path_field_and_a_named_body() {
        // One path, one parameter name: the PATCH binding's {widget.name} is documented as
        // GET's {name}.
        assertThat(document.getAsJsonObject("paths").keySet()).doesNotContain("/v1/{widget.name}");
        JsonObject update = operation(document, "patch", "/v1/{name}");
        assertThat(names(update, "path")).containsExactly("name");
        assertThat(parameter(update, "path", "name").get("description").getAsString())
                .contains("Sets `widget.name`");
        assertThat(bodySchema(update).get("$ref").getAsString())
                .isEqualTo(ref("chainbreaker.testing.v1.Widget"));
        assertThat(update.getAsJsonObject("requestBody").get("required").getAsBoolean()).isTrue();
        JsonObject mask = parameter(update, "query", "updateMask").getAsJsonObject("schema");
        assertThat(mask.get("type").getAsString()).isEqualTo("string");
    }

    @Test
    void the_whole_body_leaves_out_the_path_fields() {
        // Path parameters take the JSON names of their fields, as everything else in the
        // document.
        JsonObject rename =
                operation(document, "post", "/v1/shelves/{shelfId}/widgets/{name}:rename");
        assertThat(names(rename, "path")).containsExactly("shelfId", "name");
        JsonObject body = bodySchema(rename);
        assertThat(body.getAsJsonObject("properties").keySet())
                .containsExactly("newDisplayName", "etag");
        assertThat(strings(body.get("required"))).containsExactly("newDisplayName");
        assertThat(names(rename, "query")).isEmpty();
    }

    @Test
    void server_streams_client_streams_deprecated_and_unbound_methods() {
        JsonObject watch = operation(document, "get", "/v1/widgets:watch");
        assertThat(
                        watch.getAsJsonObject("responses")
                                .getAsJsonObject("200")
                                .getAsJsonObject("content")
                                .keySet())
                .containsExactly("text/event-stream", "application/x-ndjson", "application/json");
        assertThat(names(watch, "header")).containsExactly("Last-Event-ID");
        JsonObject upload =
                operation(document, "post", "/v1/widgets:upload")
                        .getAsJsonObject("requestBody")
                        .getAsJsonObject("content")
                        .getAsJsonObject("application/json")
                        .getAsJsonObject("schema");
        assertThat(upload.get("type").getAsString()).isEqualTo("array");
        assertThat(upload.getAsJsonObject("items").get("$ref").getAsString())
                .isEqualTo(ref("chainbreaker.testing.v1.Widget"));
        assertThat(
                        operation(document, "delete", "/v1/widgets/{name}")
                                .get("deprecated")
                                .getAsBoolean())
                .isTrue();
        assertThat(document.toString()).doesNotContain("Unbound");
    }

    @Test
    void the_widget_schema_follows_the_proto3_json_mapping() {
        String widget = "chainbreaker.testing.v1.Widget";
        JsonObject schema = schema(document, widget);
        assertThat(schema.get("description").getAsString())
                .contains(
                        "A thing on a shelf.",
                        "Oneof `content`: at most one of `text`, `number` may be set. What the widget holds.");
        assertThat(strings(schema.get("required"))).containsExactly("displayName");
        assertThat(property(document, widget, "displayName").get("description").getAsString())
                .isEqualTo("Shown to people, 1 to 100 characters.");
        JsonObject size = property(document, widget, "sizeBytes");
        assertThat(size.get("type").getAsString()).isEqualTo("string");
        assertThat(size.get("format").getAsString()).isEqualTo("int64");
        assertThat(size.get("description").getAsString())
                .as("a trailing comment")
                .isEqualTo("In bytes.");
        assertThat(property(document, widget, "count").get("format").getAsString())
                .isEqualTo("uint64");
        JsonObject labels = property(document, widget, "labels");
        assertThat(labels.get("type").getAsString()).isEqualTo("object");
        assertThat(labels.getAsJsonObject("additionalProperties").get("type").getAsString())
                .isEqualTo("string");
        assertThat(
                        property(document, widget, "tags")
                                .getAsJsonObject("items")
                                .get("type")
                                .getAsString())
                .isEqualTo("string");
        assertThat(property(document, widget, "createTime").get("readOnly").getAsBoolean())
                .isTrue();
        assertThat(property(document, widget, "ttl").get("pattern").getAsString()).endsWith("s$");
        JsonObject attributes = property(document, widget, "attributes");
        assertThat(attributes.get("type").getAsString()).isEqualTo("object");
        assertThat(attributes.get("additionalProperties").getAsBoolean()).isTrue();
        assertThat(strings(property(document, widget, "nickname").get("type")))
                .containsExactly("string", "null");
        JsonObject payload = property(document, widget, "payload");
        assertThat(payload.get("format").getAsString()).isEqualTo("byte");
        assertThat(payload.get("contentEncoding").getAsString()).isEqualTo("base64");
        assertThat(property(document, widget, "parent").get("$ref").getAsString())
                .isEqualTo(ref(widget));
        assertThat(
                        property(document, widget, "parts")
                                .getAsJsonObject("items")
                                .get("$ref")
                                .getAsString())
                .isEqualTo(ref(widget + ".Part"));
        assertThat(property(document, widget + ".Part", "partId").get("description").getAsString())
                .isEqualTo("The part's id.");
        assertThat(property(document, widget, "text").get("description").getAsString())
                .contains("oneof `content`");
        assertThat(property(document, widget, "secret").get("writeOnly").getAsBoolean()).isTrue();
        assertThat(property(document, widget, "old").get("deprecated").getAsBoolean()).isTrue();
        assertThat(document.getAsJsonObject("components").getAsJsonObject("schemas").keySet())
                .as("map entries and well-known types are inline")
                .noneMatch(n -> n.endsWith("Entry") || n.startsWith("google."));

        JsonObject color = schema(document, widget + ".Color");
        assertThat(strings(color.get("enum"))).containsExactly("COLOR_UNSPECIFIED", "RED", "GREEN");
        assertThat(color.get("description").getAsString())
                .contains("Its colour.", "- `RED`: Like a fire engine.", "- `GREEN`");
    }

    @Test
    void comments_are_read_from_the_raw_set_when_the_built_files_lost_them() throws Exception {
        FileDescriptor withComments = TestDescriptors.widgets();
        FileDescriptorProto stripped =
                withComments.toProto().toBuilder().clearSourceCodeInfo().build();
        FileDescriptor built =
                FileDescriptor.buildFrom(
                        stripped, withComments.getDependencies().toArray(FileDescriptor[]::new));
        assertThat(ProtoComments.carriesSourceInfo(List.of(built))).isFalse();
        ProtoComments comments =
                ProtoComments.of(
                        List.of(built),
                        FileDescriptorSet.newBuilder().addFile(withComments.toProto()).build());
        assertThat(comments.of(built.findMessageTypeByName("Widget")))
                .isEqualTo("A thing on a shelf.");
        assertThat(ProtoComments.of(List.of(built), null).of(built.findMessageTypeByName("Widget")))
                .isNull();
    }
}
