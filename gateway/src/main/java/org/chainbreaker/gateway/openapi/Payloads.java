package org.chainbreaker.gateway.openapi;

import com.google.api.FieldBehavior;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import java.util.List;

/**
 * Request bodies (a field, the whole message, a client stream's array) and success responses (a
 * stream's forms).
 */
final class Payloads {

    private final Schemas schemas;
    private final ProtoComments comments;

    Payloads(Schemas schemas, ProtoComments comments) {
        this.schemas = schemas;
        this.comments = comments;
    }

    JsonObject wholeBody(Descriptor request, List<FieldDescriptor> pathFields) {
        JsonObject schema =
                pathFields.isEmpty()
                        ? schemas.messageSchema(request)
                        : schemas.objectSchema(request, pathFields);
        JsonObject body = new JsonObject();
        String comment = comments.of(request);
        if (comment != null) {
            body.addProperty("description", comment);
        }
        body.addProperty(
                "required",
                request.getFields().stream()
                        .anyMatch(
                                f ->
                                        !pathFields.contains(f)
                                                && Schemas.behaviors(f)
                                                        .contains(FieldBehavior.REQUIRED)));
        body.add("content", json(schema));
        return body;
    }

    /** A client stream: a JSON array whose elements are the stream's messages, in order. */
    JsonObject streamBody(
            MethodDescriptor method, Descriptor request, List<FieldDescriptor> pathFields) {
        JsonObject schema = Schemas.type("array");
        schema.add(
                "items",
                pathFields.isEmpty()
                        ? schemas.messageSchema(request)
                        : schemas.objectSchema(request, pathFields));
        JsonObject body = new JsonObject();
        String comment = comments.of(method);
        String elements =
                "A JSON array of "
                        + request.getName()
                        + " messages, sent to the service in this order "
                        + "as its stream; an empty array is a stream of no messages.";
        body.addProperty("description", comment == null ? elements : comment + "\n\n" + elements);
        body.addProperty("required", true);
        body.add("content", json(schema));
        return body;
    }

    JsonObject fieldBody(FieldDescriptor field) {
        JsonObject schema = schemas.property(field);
        JsonObject body = new JsonObject();
        if (schema.has("description")) {
            body.addProperty("description", schema.remove("description").getAsString());
        }
        body.addProperty("required", Schemas.behaviors(field).contains(FieldBehavior.REQUIRED));
        body.add("content", json(schema));
        return body;
    }

    JsonObject okResponse(MethodDescriptor method) {
        Descriptor output = method.getOutputType();
        JsonObject response = new JsonObject();
        String comment = comments.of(output);
        response.addProperty(
                "description",
                comment == null
                        ? "OK: the " + output.getName() + "."
                        : OpenApiGenerator.firstSentence(comment));
        response.add("content", json(schemas.messageSchema(output)));
        return response;
    }

    /** A create: 201 with the new resource's URL, where a GET reads it back. */
    JsonObject createdResponse(MethodDescriptor method, FieldDescriptor id) {
        JsonObject response = okResponse(method);
        response.addProperty(
                "description",
                "Created: the new "
                        + method.getOutputType().getName()
                        + ". `Location` "
                        + "is its URL (this path followed by its `"
                        + id.getJsonName()
                        + "`), where a GET reads it back. A "
                        + "retry with the same request id answers the same, 201 again.");
        JsonObject location = new JsonObject();
        location.addProperty("description", "The created resource's URL, an absolute path.");
        location.addProperty("required", true);
        JsonObject schema = Schemas.type("string");
        schema.addProperty("format", "uri-reference");
        location.add("schema", schema);
        JsonObject headers = new JsonObject();
        headers.add("Location", location);
        JsonObject withHeaders = new JsonObject();
        withHeaders.add("description", response.get("description"));
        withHeaders.add("headers", headers);
        withHeaders.add("content", response.get("content"));
        return withHeaders;
    }

    JsonObject streamResponse(MethodDescriptor method) {
        Descriptor output = method.getOutputType();
        JsonObject eventSchema = schemas.messageSchema(output);
        StringBuilder description =
                new StringBuilder(
                                "A stream of Server-Sent Events. The `data` of each event is one `")
                        .append(output.getFullName())
                        .append("` in JSON");
        if (Parameters.hasStringField(output, "cursor")) {
            description.append(
                    "; its `id` is the message's cursor, and `Last-Event-ID` (or the `cursor` parameter) resumes after it");
        }
        description.append(". ");
        FieldDescriptor heartbeat = output.findFieldByName("heartbeat");
        if (heartbeat != null && heartbeat.getJavaType() == FieldDescriptor.JavaType.BOOLEAN) {
            description.append("Keep-alives are sent as SSE comments (`: heartbeat`). ");
        }
        description.append(
                "The stream starts with `retry:`. A failure after the first event ends the stream with an "
                        + "event named `problem` (not `error`, which EventSource fires itself when a connection drops) whose "
                        + "data is a problem and whose `retry:` is short when the failure may pass (429, 5xx) and ten minutes "
                        + "when it will not: on a `problem` with another status, close the EventSource.\n\n"
                        + "With `Accept: application/x-ndjson` (or `application/json`) the stream is newline-delimited JSON "
                        + "instead, as grpc-gateway sends it: one object per line, `{\"result\": <message>}`, and a last "
                        + "line `{\"error\": <problem>}` if it fails after it started. An Accept that allows none of these "
                        + "answers 406.");
        JsonObject schema = Schemas.type("string");
        schema.addProperty(
                "description",
                "`text/event-stream` frames: `id:` and `data:` lines, a blank line after each event.");
        JsonObject media = new JsonObject();
        media.add("schema", schema);
        // OpenAPI 3.1 cannot type the items of a stream; this names the schema of each event's
        // data.
        media.add("x-event-data", eventSchema);
        JsonObject content = new JsonObject();
        content.add("text/event-stream", media);
        JsonObject lines = Schemas.type("string");
        lines.addProperty(
                "description",
                "Newline-delimited JSON: one `{\"result\": message}` object per line; "
                        + "`{\"error\": problem}` ends a failed stream.");
        JsonObject ndjson = new JsonObject();
        ndjson.add("schema", lines);
        ndjson.add("x-line-result", eventSchema.deepCopy());
        content.add("application/x-ndjson", ndjson);
        content.add("application/json", ndjson.deepCopy());
        JsonObject response = new JsonObject();
        response.addProperty("description", description.toString());
        response.add("content", content);
        return response;
    }

    static JsonObject json(JsonObject schema) {
        return media("application/json", schema);
    }

    static JsonObject media(String type, JsonObject schema) {
        JsonObject media = new JsonObject();
        media.add("schema", schema);
        JsonObject content = new JsonObject();
        content.add(type, media);
        return content;
    }
}
