package org.chainbreaker.gateway.openapi;

import com.google.api.AnnotationsProto;
import com.google.api.FieldBehaviorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.FieldMask;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.TextFormat;
import com.google.protobuf.Timestamp;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Descriptors for the generator's tests: the suite's real contract, and a small one with every
 * feature.
 */
final class TestDescriptors {

    static final ExtensionRegistry EXTENSIONS = extensions();

    private TestDescriptors() {}

    /** The raw descriptor set the proto module publishes. */
    static FileDescriptorSet contractSet() {
        try (InputStream in =
                TestDescriptors.class
                        .getClassLoader()
                        .getResourceAsStream(OpenApiDocument.CONTRACT_RESOURCE)) {
            return FileDescriptorSet.parseFrom(in, EXTENSIONS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The contract's files built as the gateway builds them (FileDescriptor.buildFrom, dependencies
     * first).
     */
    static List<FileDescriptor> contract() {
        Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
        contractSet().getFileList().forEach(file -> protos.put(file.getName(), file));
        Map<String, FileDescriptor> built = new HashMap<>();
        List<FileDescriptor> files = new ArrayList<>();
        for (String name : protos.keySet()) {
            files.add(build(name, protos, built));
        }
        return files;
    }

    private static FileDescriptor build(
            String name,
            Map<String, FileDescriptorProto> protos,
            Map<String, FileDescriptor> built) {
        FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        FileDescriptor[] dependencies = new FileDescriptor[proto.getDependencyCount()];
        for (int i = 0; i < dependencies.length; i++) {
            dependencies[i] = build(proto.getDependency(i), protos, built);
        }
        try {
            FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
            built.put(name, file);
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String WIDGETS =
            """
            name: "chainbreaker/testing/v1/widgets.proto"
            package: "chainbreaker.testing.v1"
            syntax: "proto3"
            dependency: "google/protobuf/timestamp.proto"
            dependency: "google/protobuf/duration.proto"
            dependency: "google/protobuf/field_mask.proto"
            dependency: "google/protobuf/struct.proto"
            dependency: "google/protobuf/wrappers.proto"
            message_type {
              name: "Widget"
              field { name: "name" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "name" }
              field { name: "display_name" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "displayName"
                      options { [google.api.field_behavior]: REQUIRED } }
              field { name: "size_bytes" number: 3 label: LABEL_OPTIONAL type: TYPE_INT64 json_name: "sizeBytes" }
              field { name: "color" number: 4 label: LABEL_OPTIONAL type: TYPE_ENUM type_name: ".chainbreaker.testing.v1.Widget.Color" json_name: "color" }
              field { name: "labels" number: 5 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".chainbreaker.testing.v1.Widget.LabelsEntry" json_name: "labels" }
              field { name: "tags" number: 6 label: LABEL_REPEATED type: TYPE_STRING json_name: "tags" }
              field { name: "create_time" number: 7 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" json_name: "createTime"
                      options { [google.api.field_behavior]: OUTPUT_ONLY } }
              field { name: "ttl" number: 8 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Duration" json_name: "ttl" }
              field { name: "attributes" number: 9 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Struct" json_name: "attributes" }
              field { name: "nickname" number: 10 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.StringValue" json_name: "nickname" }
              field { name: "payload" number: 11 label: LABEL_OPTIONAL type: TYPE_BYTES json_name: "payload" }
              field { name: "parent" number: 12 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".chainbreaker.testing.v1.Widget" json_name: "parent" }
              field { name: "parts" number: 13 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".chainbreaker.testing.v1.Widget.Part" json_name: "parts" }
              field { name: "text" number: 14 label: LABEL_OPTIONAL type: TYPE_STRING oneof_index: 0 json_name: "text" }
              field { name: "number" number: 15 label: LABEL_OPTIONAL type: TYPE_INT32 oneof_index: 0 json_name: "number" }
              field { name: "secret" number: 16 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "secret"
                      options { [google.api.field_behavior]: INPUT_ONLY } }
              field { name: "count" number: 17 label: LABEL_OPTIONAL type: TYPE_UINT64 json_name: "count" }
              field { name: "old" number: 18 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "old" options { deprecated: true } }
              nested_type {
                name: "LabelsEntry"
                field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "key" }
                field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "value" }
                options { map_entry: true }
              }
              nested_type {
                name: "Part"
                field { name: "part_id" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "partId" }
              }
              enum_type {
                name: "Color"
                value { name: "COLOR_UNSPECIFIED" number: 0 }
                value { name: "RED" number: 1 }
                value { name: "GREEN" number: 2 }
              }
              oneof_decl { name: "content" }
            }
            message_type {
              name: "GetWidgetRequest"
              field { name: "name" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "name"
                      options { [google.api.field_behavior]: REQUIRED } }
            }
            message_type {
              name: "ListWidgetsRequest"
              field { name: "parent" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "parent" }
              field { name: "page_size" number: 2 label: LABEL_OPTIONAL type: TYPE_INT32 json_name: "pageSize" }
              field { name: "filter" number: 3 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".chainbreaker.testing.v1.Filter" json_name: "filter" }
              field { name: "labels" number: 4 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".chainbreaker.testing.v1.ListWidgetsRequest.LabelsEntry" json_name: "labels" }
              nested_type {
                name: "LabelsEntry"
                field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "key" }
                field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "value" }
                options { map_entry: true }
              }
            }
            message_type {
              name: "Filter"
              field { name: "colors" number: 1 label: LABEL_REPEATED type: TYPE_ENUM type_name: ".chainbreaker.testing.v1.Widget.Color" json_name: "colors" }
              field { name: "min_size" number: 2 label: LABEL_OPTIONAL type: TYPE_INT64 json_name: "minSize" }
              field { name: "since" number: 3 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" json_name: "since" }
              field { name: "and" number: 4 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".chainbreaker.testing.v1.Filter" json_name: "and" }
            }
            message_type {
              name: "ListWidgetsResponse"
              field { name: "widgets" number: 1 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".chainbreaker.testing.v1.Widget" json_name: "widgets" }
              field { name: "next_page_token" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "nextPageToken" }
            }
            message_type {
              name: "UpdateWidgetRequest"
              field { name: "widget" number: 1 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".chainbreaker.testing.v1.Widget" json_name: "widget"
                      options { [google.api.field_behavior]: REQUIRED } }
              field { name: "update_mask" number: 2 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.FieldMask" json_name: "updateMask" }
            }
            message_type {
              name: "RenameWidgetRequest"
              field { name: "name" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "name"
                      options { [google.api.field_behavior]: REQUIRED } }
              field { name: "new_display_name" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "newDisplayName"
                      options { [google.api.field_behavior]: REQUIRED } }
              field { name: "etag" number: 3 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "etag" }
              field { name: "shelf_id" number: 4 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "shelfId" }
            }
            message_type {
              name: "WatchRequest"
              field { name: "cursor" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "cursor" }
            }
            message_type {
              name: "Change"
              field { name: "cursor" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "cursor" }
              field { name: "heartbeat" number: 2 label: LABEL_OPTIONAL type: TYPE_BOOL json_name: "heartbeat" }
            }
            service {
              name: "WidgetService"
              method { name: "GetWidget" input_type: ".chainbreaker.testing.v1.GetWidgetRequest" output_type: ".chainbreaker.testing.v1.Widget"
                options { [google.api.http] { get: "/v1/{name=shelves/*/widgets/*}" additional_bindings { get: "/v1/widgets/{name}" } } } }
              method { name: "ListWidgets" input_type: ".chainbreaker.testing.v1.ListWidgetsRequest" output_type: ".chainbreaker.testing.v1.ListWidgetsResponse"
                options { [google.api.http] { get: "/v1/{parent=shelves/*}/widgets" } } }
              method { name: "UpdateWidget" input_type: ".chainbreaker.testing.v1.UpdateWidgetRequest" output_type: ".chainbreaker.testing.v1.Widget"
                options { [google.api.http] { patch: "/v1/{widget.name=shelves/*/widgets/*}" body: "widget" } } }
              method { name: "RenameWidget" input_type: ".chainbreaker.testing.v1.RenameWidgetRequest" output_type: ".chainbreaker.testing.v1.Widget"
                options { [google.api.http] { post: "/v1/shelves/{shelf_id}/widgets/{name}:rename" body: "*" } } }
              method { name: "WatchWidgets" input_type: ".chainbreaker.testing.v1.WatchRequest" output_type: ".chainbreaker.testing.v1.Change"
                server_streaming: true
                options { [google.api.http] { get: "/v1/widgets:watch" } } }
              method { name: "UploadWidgets" input_type: ".chainbreaker.testing.v1.Widget" output_type: ".chainbreaker.testing.v1.Widget"
                client_streaming: true
                options { [google.api.http] { post: "/v1/widgets:upload" body: "*" } } }
              method { name: "RetiredWidget" input_type: ".chainbreaker.testing.v1.GetWidgetRequest" output_type: ".chainbreaker.testing.v1.Widget"
                options { deprecated: true [google.api.http] { delete: "/v1/widgets/{name}" } } }
              method { name: "Unbound" input_type: ".chainbreaker.testing.v1.GetWidgetRequest" output_type: ".chainbreaker.testing.v1.Widget" }
            }
            source_code_info {
              location { path: [6, 0] leading_comments: " Widgets on shelves.\\n" }
              location { path: [6, 0, 2, 0] leading_comments: " Reads a widget. Any caller may.\\n Second line.\\n" }
              location { path: [4, 0] leading_comments: " A thing on a shelf.\\n" }
              location { path: [4, 0, 2, 1] leading_comments: " Shown to people, 1 to 100 characters.\\n" }
              location { path: [4, 0, 2, 2] trailing_comments: " In bytes.\\n" }
              location { path: [4, 0, 8, 0] leading_comments: " What the widget holds.\\n" }
              location { path: [4, 0, 4, 0] leading_comments: " Its colour.\\n" }
              location { path: [4, 0, 4, 0, 2, 1] leading_comments: " Like a fire engine.\\n" }
              location { path: [4, 0, 3, 1, 2, 0] leading_comments: " The part's id.\\n" }
              location { path: [4, 2, 2, 1] leading_comments: " At most this many.\\n" }
            }
            """;

    /** A contract with every feature the generator maps, comments included. */
    static FileDescriptor widgets() {
        try {
            FileDescriptorProto.Builder proto = FileDescriptorProto.newBuilder();
            TextFormat.merge(WIDGETS, EXTENSIONS, proto);
            return FileDescriptor.buildFrom(
                    proto.build(),
                    new FileDescriptor[] {
                        Timestamp.getDescriptor().getFile(), Duration.getDescriptor().getFile(),
                        FieldMask.getDescriptor().getFile(), Struct.getDescriptor().getFile(),
                        StringValue.getDescriptor().getFile()
                    });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExtensionRegistry extensions() {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        registry.add(AnnotationsProto.http);
        registry.add(FieldBehaviorProto.fieldBehavior);
        return registry.getUnmodifiable();
    }
}
