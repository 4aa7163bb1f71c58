package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.TextFormat;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import java.util.List;

/**
 * A small contract that exercises what the suite's own contracts do not yet: nested paths, '**',
 * named bodies.
 */
final class TestContract {

    private static final String THINGS =
            """
            name: "chainbreaker/testing/v1/things.proto"
            package: "chainbreaker.testing.v1"
            syntax: "proto3"
            dependency: "google/protobuf/timestamp.proto"
            message_type {
              name: "Thing"
              field { name: "name" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
              field { name: "color" number: 2 label: LABEL_OPTIONAL type: TYPE_ENUM type_name: ".chainbreaker.testing.v1.Color" }
              field { name: "inner" number: 3 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".chainbreaker.testing.v1.Inner" }
              field { name: "tags" number: 4 label: LABEL_REPEATED type: TYPE_STRING }
              field { name: "page_size" number: 5 label: LABEL_OPTIONAL type: TYPE_INT32 }
              field { name: "colors" number: 6 label: LABEL_REPEATED type: TYPE_ENUM type_name: ".chainbreaker.testing.v1.Color" }
              field { name: "since" number: 7 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" }
              field { name: "big" number: 8 label: LABEL_OPTIONAL type: TYPE_INT64 }
              field { name: "flag" number: 9 label: LABEL_OPTIONAL type: TYPE_BOOL }
            }
            message_type {
              name: "Inner"
              field { name: "label" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
              field { name: "min_depth" number: 2 label: LABEL_OPTIONAL type: TYPE_INT32 }
              field { name: "deeper" number: 3 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".chainbreaker.testing.v1.Inner" }
              field { name: "shade" number: 4 label: LABEL_OPTIONAL type: TYPE_ENUM type_name: ".chainbreaker.testing.v1.Color" }
            }
            message_type {
              name: "UpdateThingRequest"
              field { name: "thing" number: 1 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".chainbreaker.testing.v1.Thing" }
              field { name: "request_id" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING }
            }
            enum_type {
              name: "Color"
              value { name: "COLOR_UNSPECIFIED" number: 0 }
              value { name: "RED" number: 1 }
              value { name: "GREEN" number: 2 }
            }
            service {
              name: "ThingService"
              method { name: "GetThing" input_type: ".chainbreaker.testing.v1.Thing" output_type: ".chainbreaker.testing.v1.Thing"
                options { [google.api.http] { get: "/v1/{name=shelves/*/things/*}" } } }
              method { name: "ListByLabel" input_type: ".chainbreaker.testing.v1.Thing" output_type: ".chainbreaker.testing.v1.Thing"
                options { [google.api.http] { get: "/v1/labels/{inner.label}/things" } } }
              method { name: "UpdateThing" input_type: ".chainbreaker.testing.v1.UpdateThingRequest" output_type: ".chainbreaker.testing.v1.Thing"
                options { [google.api.http] { patch: "/v1/{thing.name=things/**}" body: "thing" } } }
              method { name: "DoThing" input_type: ".chainbreaker.testing.v1.Thing" output_type: ".chainbreaker.testing.v1.Thing"
                options { [google.api.http] { post: "/v1/things/{name}:do" body: "*" } } }
              method { name: "GetPlain" input_type: ".chainbreaker.testing.v1.Thing" output_type: ".chainbreaker.testing.v1.Thing"
                options { [google.api.http] { get: "/v1/things/{name}" additional_bindings { get: "/v1/plain/{name}" } } } }
              method { name: "PutThing" input_type: ".chainbreaker.testing.v1.Thing" output_type: ".chainbreaker.testing.v1.Thing"
                options { [google.api.http] { put: "/v1/things/{name}" body: "*" } } }
              method { name: "LoadThings" input_type: ".chainbreaker.testing.v1.Thing" output_type: ".chainbreaker.testing.v1.Thing"
                client_streaming: true
                options { [google.api.http] { post: "/v1/shelves/{name}/things:load" body: "*" } } }
              method { name: "TagThings" input_type: ".chainbreaker.testing.v1.Thing" output_type: ".chainbreaker.testing.v1.Thing"
                client_streaming: true
                options { [google.api.http] { post: "/v1/things:tag" body: "name" } } }
              method { name: "SyncThings" input_type: ".chainbreaker.testing.v1.Thing" output_type: ".chainbreaker.testing.v1.Thing"
                client_streaming: true server_streaming: true
                options { [google.api.http] { post: "/v1/things:sync" body: "*" } } }
              method { name: "Unannotated" input_type: ".chainbreaker.testing.v1.Thing" output_type: ".chainbreaker.testing.v1.Thing" }
            }
            """;

    private TestContract() {}

    static FileDescriptor things() {
        try {
            FileDescriptorProto.Builder proto = FileDescriptorProto.newBuilder();
            TextFormat.merge(THINGS, Contract.EXTENSIONS, proto);
            return FileDescriptor.buildFrom(
                    proto.build(), new FileDescriptor[] {Timestamp.getDescriptor().getFile()});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RouteTable thingsTable() {
        return RouteTable.from(List.of(things()));
    }

    static RouteTable suiteTable() {
        return RouteTable.from(Contract.load(TestContract.class.getClassLoader()));
    }

    static RequestBinder binder() {
        return new RequestBinder(new JsonBodies(JsonFormat.parser()), 10_000);
    }
}
