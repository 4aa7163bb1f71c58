package org.chainbreaker.gateway.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;

/** Entity tags and merge patches on operations, as the transcoder serves them. */
final class ConditionalRequests {

    private ConditionalRequests() {}

    /**
     * What the transcoder does with entity tags and merge patches (see the gateway's EntityTags and
     * UpdateMasks): ETag on responses carrying an etag, If-None-Match (304) on such reads, If-Match
     * (412) on changes whose request has an etag, and application/merge-patch+json on PATCHes with
     * an update mask.
     */
    static void entityTags(
            MethodDescriptor method,
            HttpBinding binding,
            FieldDescriptor bodyField,
            JsonObject operation,
            JsonObject responses) {
        if (method.isServerStreaming() || method.isClientStreaming()) {
            return;
        }
        boolean read = binding.httpMethod().equals("get");
        boolean etagOut = Parameters.hasStringField(method.getOutputType(), "etag");
        Descriptor request = method.getInputType();
        boolean etagIn =
                Parameters.hasStringField(request, "etag")
                        || bodyField != null
                                && !binding.httpMethod().equals("post")
                                && bodyField.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                                && Parameters.hasStringField(bodyField.getMessageType(), "etag");
        JsonArray parameters =
                operation.has("parameters")
                        ? operation.getAsJsonArray("parameters")
                        : new JsonArray();
        if (etagOut) {
            // A create answers 201 with Location already among its headers; the ETag joins them.
            JsonObject ok = responses.getAsJsonObject(responses.has("200") ? "200" : "201");
            JsonObject etag =
                    header("ETag", "The message's `etag` as a strong entity tag.", "string");
            if (ok.has("headers")) {
                etag.entrySet()
                        .forEach(e -> ok.getAsJsonObject("headers").add(e.getKey(), e.getValue()));
            } else {
                ok.add("headers", etag);
            }
        }
        if (read && etagOut) {
            parameters.add(
                    headerParameter(
                            "If-None-Match",
                            "Entity tags (weak comparison) or `*`: when one matches "
                                    + "the current `ETag`, the answer is 304 without a body."));
            JsonObject notModified = new JsonObject();
            notModified.addProperty(
                    "description", "Not modified: the `If-None-Match` tag is current.");
            notModified.add("headers", header("ETag", "The current entity tag.", "string"));
            responses.add("304", notModified);
        } else if (!read && etagIn) {
            parameters.add(
                    headerParameter(
                            "If-Match",
                            "One entity tag as `ETag` gave it, or `*`: the change happens "
                                    + "only if it is current (it is the request's `etag`; a different `etag` in the body is 400)."));
            JsonObject failed = new JsonObject();
            failed.addProperty(
                    "description",
                    "Precondition failed: the `If-Match` tag is not current (reason "
                            + "`ETAG_MISMATCH`); nothing changed. Read again and retry.");
            JsonObject media = new JsonObject();
            media.add("schema", Schemas.ref(OpenApiGenerator.PROBLEM));
            JsonObject content = new JsonObject();
            content.add("application/problem+json", media);
            failed.add("content", content);
            responses.add("412", failed);
        }
        if (!parameters.isEmpty()) {
            operation.add("parameters", parameters);
        }
        FieldDescriptor mask = request.findFieldByName("update_mask");
        if (binding.httpMethod().equals("patch")
                && mask != null
                && bodyField != null
                && operation.has("requestBody")) {
            JsonObject content =
                    operation.getAsJsonObject("requestBody").getAsJsonObject("content");
            if (content.has("application/json")) {
                content.add(
                        "application/merge-patch+json", content.get("application/json").deepCopy());
            }
        }
    }

    static JsonObject headerParameter(String name, String description) {
        JsonObject parameter = new JsonObject();
        parameter.addProperty("name", name);
        parameter.addProperty("in", "header");
        parameter.addProperty("description", description);
        parameter.add("schema", Schemas.type("string"));
        return parameter;
    }

    static JsonObject header(String name, String description, String type) {
        JsonObject header = new JsonObject();
        header.addProperty("description", description);
        header.add("schema", Schemas.type(type));
        JsonObject headers = new JsonObject();
        headers.add(name, header);
        return headers;
    }
}
