package org.chainbreaker.gateway.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chainbreaker.gateway.problems.Problem;
import org.chainbreaker.gateway.problems.Problems;

/** The RFC 9457 problem schema and the error responses every operation refers to. */
final class ProblemResponses {

    /**
     * The error responses every operation documents, by HTTP status, with the component naming
     * each.
     */
    static final Map<Integer, String> ERRORS = errors();

    private ProblemResponses() {}

    static JsonObject problemSchema() {
        JsonObject schema = Schemas.type("object");
        schema.addProperty("title", "Problem");
        schema.addProperty(
                "description",
                "An RFC 9457 problem: why a request was not served. Never carries a stack "
                        + "trace or an internal name.");
        JsonObject properties = new JsonObject();
        properties.add(
                "type",
                described(format("string", "uri"), "A stable URI naming the kind of problem."));
        properties.add(
                "title",
                described(
                        Schemas.type("string"),
                        "A short summary of the kind, the same for every occurrence."));
        properties.add("status", described(format("integer", "int32"), "The HTTP status."));
        properties.add(
                "detail", described(Schemas.type("string"), "What went wrong with this request."));
        properties.add(
                "code",
                described(
                        Schemas.type("string"),
                        "The google.rpc.Code name the problem corresponds to, e.g. `NOT_FOUND`."));
        properties.add(
                "reason",
                described(
                        Schemas.type("string"),
                        "A machine-readable reason, e.g. `ETAG_MISMATCH`, when the service gave one."));
        properties.add(
                "instance",
                described(
                        format("string", "uri"),
                        "This occurrence, named by the trace of the "
                                + "request: `urn:chainbreaker:trace:<trace id>`."));
        properties.add(
                "traceId",
                described(
                        Schemas.type("string"),
                        "The W3C trace id of the request (32 hex digits): "
                                + "the one the client sent in `traceparent`, if it sent one. Quote it when reporting a problem; "
                                + "the `traceresponse` header of every answer carries it too."));
        JsonObject fieldError = Schemas.type("object");
        JsonObject fieldErrorProperties = new JsonObject();
        fieldErrorProperties.add(
                "field",
                described(
                        Schemas.type("string"),
                        "The field, by its JSON name (dotted for nested fields)."));
        fieldErrorProperties.add(
                "description", described(Schemas.type("string"), "What is wrong with it."));
        fieldError.add("properties", fieldErrorProperties);
        JsonArray fieldErrorRequired = new JsonArray();
        fieldErrorRequired.add("field");
        fieldErrorRequired.add("description");
        fieldError.add("required", fieldErrorRequired);
        JsonObject errors = Schemas.type("array");
        errors.add("items", fieldError);
        properties.add(
                "errors",
                described(
                        errors,
                        "The fields that were wrong; absent when the problem is not about fields."));
        schema.add("properties", properties);
        JsonArray required = new JsonArray();
        for (String name : List.of("type", "title", "status", "detail", "code")) {
            required.add(name);
        }
        schema.add("required", required);
        return schema;
    }

    static JsonObject format(String type, String format) {
        JsonObject schema = Schemas.type(type);
        schema.addProperty("format", format);
        return schema;
    }

    static JsonObject described(JsonObject schema, String description) {
        schema.addProperty("description", description);
        return schema;
    }

    static Map<Integer, String> errors() {
        Map<Integer, String> errors = new LinkedHashMap<>();
        errors.put(400, "BadRequest");
        errors.put(401, "Unauthorized");
        errors.put(403, "Forbidden");
        errors.put(404, "NotFound");
        errors.put(409, "Conflict");
        errors.put(429, "TooManyRequests");
        errors.put(500, "InternalError");
        errors.put(503, "ServiceUnavailable");
        errors.put(504, "GatewayTimeout");
        return java.util.Collections.unmodifiableMap(errors);
    }

    /**
     * One response per documented status, described by the gRPC codes that map to it, with an
     * example problem.
     */
    static JsonObject errorResponses() {
        JsonObject responses = new JsonObject();
        JsonObject notAcceptable = new JsonObject();
        notAcceptable.addProperty(
                "description",
                "Not acceptable: the `Accept` header allows none of the forms this "
                        + "stream is sent in (`text/event-stream`, `application/x-ndjson`, `application/json`).");
        JsonObject problemMedia = new JsonObject();
        problemMedia.add("schema", Schemas.ref(OpenApiGenerator.PROBLEM));
        JsonObject problemContent = new JsonObject();
        problemContent.add("application/problem+json", problemMedia);
        notAcceptable.add("content", problemContent);
        responses.add(OpenApiGenerator.NOT_ACCEPTABLE, notAcceptable);
        ERRORS.forEach(
                (status, name) -> {
                    List<Status.Code> codes = new ArrayList<>();
                    for (Status.Code code : Status.Code.values()) {
                        if (code != Status.Code.OK && Problems.httpStatus(code) == status) {
                            codes.add(code);
                        }
                    }
                    Problem example = Problems.generic(codes.getFirst());
                    if (status == 400) {
                        example =
                                Problems.invalidArgument(
                                        "the request is not valid",
                                        List.of(
                                                new Problem.FieldError(
                                                        "title", "must not be empty")));
                    }
                    StringBuilder description = new StringBuilder(example.title());
                    description
                            .append(" (")
                            .append(String.join(", ", codes.stream().map(Enum::name).toList()))
                            .append(')');
                    description.append(
                            switch (status) {
                                case 401 ->
                                        ": the bearer token is missing, malformed, expired or not from the trusted issuer.";
                                case 404 ->
                                        ": the resource does not exist, or is not visible to the caller's country.";
                                case 429 ->
                                        ": a limit of the caller's country was reached; retry after `Retry-After` seconds.";
                                case 503 ->
                                        ": the service is unavailable, or its circuit breaker is open; retry shortly.";
                                case 504 ->
                                        ": the service did not answer within the gateway's deadline.";
                                default -> ".";
                            });
                    JsonObject media = new JsonObject();
                    media.add("schema", Schemas.ref(OpenApiGenerator.PROBLEM));
                    media.add("example", JsonParser.parseString(example.toJson()));
                    JsonObject content = new JsonObject();
                    content.add("application/problem+json", media);
                    JsonObject response = new JsonObject();
                    response.addProperty("description", description.toString());
                    if (status == 401) {
                        response.add(
                                "headers",
                                ConditionalRequests.header(
                                        "WWW-Authenticate",
                                        "The bearer challenge, e.g. `Bearer realm=\"chainbreaker\"`.",
                                        "string"));
                    } else if (status == 429 || status == 503) {
                        response.add(
                                "headers",
                                ConditionalRequests.header(
                                        "Retry-After",
                                        "Seconds to wait before retrying.",
                                        "integer"));
                    }
                    response.add("content", content);
                    responses.add(name, response);
                });
        return responses;
    }
}
