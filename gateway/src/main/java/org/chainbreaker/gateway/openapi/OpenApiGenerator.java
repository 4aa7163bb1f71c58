package org.chainbreaker.gateway.openapi;

import com.google.api.FieldBehavior;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chainbreaker.gateway.problems.Problem;
import org.chainbreaker.gateway.problems.Problems;
import org.chainbreaker.gateway.transcoding.CreatedResources;
import org.chainbreaker.gateway.transcoding.RouteTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the OpenAPI 3.1 document of the REST face from the contract's descriptors and comments:
 * one operation per {@code google.api.http} binding the gateway serves (a client stream as a JSON
 * array of its messages), with path variables and query parameters bound as the gateway binds them,
 * the body the binding names, the response in the proto3 JSON mapping (a server stream as
 * Server-Sent Events), and the gateway's problem responses.
 */
public final class OpenApiGenerator {

    private static final Logger log = LoggerFactory.getLogger(OpenApiGenerator.class);

    static final String OPENAPI_VERSION = "3.1.0";
    static final String BEARER = "bearerAuth";
    static final String OIDC = "openIdConnect";
    static final String PROBLEM = "Problem";
    static final String NOT_ACCEPTABLE = "NotAcceptable";

    /** Mirrors the transcoder's limit on how deep query parameters reach into nested messages. */
    private static final int MAX_QUERY_DEPTH = 5;

    /** What the REST form of a client-streaming RPC adds to its operation's description. */
    static final String STREAM_BODY =
            """
            **Streams from the client.** The request body is a JSON array; each element is one request message \
            (proto3 JSON, as strict as any other body), and the gateway sends them to the service in order as one \
            stream, then answers the service's one response. Path and query parameters, if any, apply to every \
            element. The whole array is checked before anything is sent: a refused element (named with its index, \
            e.g. `[3].wantedPerson.names`) leaves the service untouched. At most the gateway's configured number of \
            elements (10,000 by default) and its body size limit. The `Idempotency-Key` header does not apply \
            (the stream has no single request id); give each element its own `requestId` where it has one.""";

    /**
     * The error responses every operation documents, by HTTP status, with the component naming
     * each.
     */
    private static final Map<Integer, String> ERRORS = errors();

    /**
     * What the document says about itself.
     *
     * @param title the API's title
     * @param version the document's version
     * @param issuer the OpenID Connect issuer whose tokens the gateway accepts, or null to leave it
     *     out
     */
    public record Settings(String title, String version, String issuer) {}

    private final ProtoComments comments;
    private final Settings settings;
    private final Schemas schemas;

    /**
     * Per path shape ({@code /api/v1/cases/{}}), the one name each of its variables is documented
     * under.
     */
    private Map<String, List<String>> canonicalNames = Map.of();

    /**
     * Per package, its GET bindings' templates and response types: what a create's Location can
     * point at.
     */
    private final Map<String, Map<String, Descriptor>> reads = new HashMap<>();

    private OpenApiGenerator(ProtoComments comments, Settings settings) {
        this.comments = comments;
        this.settings = settings;
        this.schemas = new Schemas(comments);
    }

    /** The document for these files (with their comments). */
    static JsonObject generate(
            Collection<FileDescriptor> files, ProtoComments comments, Settings settings) {
        return new OpenApiGenerator(comments, settings).document(files);
    }

    private JsonObject document(Collection<FileDescriptor> files) {
        canonicalNames = canonicalNames(files);
        for (FileDescriptor file : files) {
            for (ServiceDescriptor service : file.getServices()) {
                for (MethodDescriptor method : service.getMethods()) {
                    for (HttpBinding binding : HttpBinding.of(method)) {
                        if (binding.httpMethod().equals("get") && !method.isServerStreaming()) {
                            reads.computeIfAbsent(file.getPackage(), p -> new HashMap<>())
                                    .putIfAbsent(binding.template(), method.getOutputType());
                        }
                    }
                }
            }
        }
        JsonObject paths = new JsonObject();
        JsonArray tags = new JsonArray();
        Set<String> tagNames = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (FileDescriptor file : files) {
            if (RouteTable.upstreamOf(file.getPackage()) == null) {
                continue; // not served by the transcoder
            }
            for (ServiceDescriptor service : file.getServices()) {
                boolean served = false;
                for (MethodDescriptor method : service.getMethods()) {
                    List<HttpBinding> bindings = HttpBinding.of(method);
                    if (bindings.isEmpty()) {
                        continue;
                    }
                    if (method.isClientStreaming()
                            && (method.isServerStreaming()
                                    || !bindings.stream().allMatch(HttpBinding::wholeBody))) {
                        log.debug(
                                "{} streams from the client without a body: \"*\" binding: not in the OpenAPI "
                                        + "document (gRPC face only)",
                                method.getFullName());
                        continue;
                    }
                    for (HttpBinding binding : bindings) {
                        String path = documentedPath(binding, canonicalNames);
                        if (!seen.add(binding.httpMethod() + " " + path)) {
                            log.warn(
                                    "{} {} is bound twice; documenting the first binding only",
                                    binding.httpMethod(),
                                    path);
                            continue;
                        }
                        JsonObject item =
                                paths.has(path) ? paths.getAsJsonObject(path) : new JsonObject();
                        item.add(binding.httpMethod(), operation(service, binding));
                        paths.add(path, item);
                        served = true;
                    }
                }
                if (served && tagNames.add(service.getName())) {
                    JsonObject tag = new JsonObject();
                    tag.addProperty("name", service.getName());
                    describe(tag, comments.of(service));
                    tags.add(tag);
                }
            }
        }

        JsonObject document = new JsonObject();
        document.addProperty("openapi", OPENAPI_VERSION);
        document.add("info", info());
        JsonArray servers = new JsonArray();
        JsonObject server = new JsonObject();
        server.addProperty("url", "/");
        server.addProperty("description", "This gateway");
        servers.add(server);
        document.add("servers", servers);
        document.add("security", security());
        document.add("tags", tags);
        document.add("paths", paths);
        JsonObject components = new JsonObject();
        JsonObject schemaComponents = schemas.components();
        schemaComponents.add(PROBLEM, problemSchema());
        components.add("schemas", schemaComponents);
        components.add("responses", errorResponses());
        components.add("securitySchemes", securitySchemes());
        document.add("components", components);
        return document;
    }

    private JsonObject info() {
        JsonObject info = new JsonObject();
        info.addProperty("title", settings.title());
        info.addProperty("version", settings.version());
        info.addProperty(
                "description",
                """
                REST face of Chainbreaker, the platform for cross-border police cooperation. Generated from the \
                same protobuf contracts as the gRPC API: every operation here is an RPC, transcoded by the gateway.

                - **Authentication**: every request needs a bearer token (an OpenID Connect access token) issued \
                to a user or client of a participating country. The country (tenant) comes from the token only.
                - **Visibility**: a record another country has not shared with yours does not exist for you: \
                reading it answers 404 exactly as for a record that never existed.
                - **JSON**: the proto3 JSON mapping. Field names in lowerCamelCase, 64-bit integers as strings, \
                enums by value name, timestamps in RFC 3339. Unknown fields are refused.
                - **Errors**: RFC 9457 `application/problem+json` bodies; `errors` names the fields that were wrong.
                - **Lists**: `pageSize` and `pageToken`; an empty `nextPageToken` means there is no more.
                - **Streams**: operations answering `text/event-stream` send Server-Sent Events whose data is one \
                message in JSON; the event id is a cursor and `Last-Event-ID` resumes after it. With \
                `Accept: application/x-ndjson` (or `application/json`) they send newline-delimited JSON instead.
                - **HTTP**: `HEAD` works wherever `GET` does. Creates that can be read back answer `201 Created` \
                with `Location`. Request bodies may be sent with `Content-Encoding: gzip` (the size limit applies \
                after decoding); other content codings answer 415. Every answer carries the request's trace in \
                `traceresponse` (W3C Trace Context), and problems name it in `instance` and `traceId`; send \
                `traceparent` to choose it. 429 and 503 answers carry `Retry-After`.""");
        return info;
    }

    private JsonArray security() {
        JsonArray security = new JsonArray();
        security.add(requirement(BEARER));
        if (settings.issuer() != null) {
            security.add(requirement(OIDC));
        }
        return security;
    }

    private static JsonObject requirement(String scheme) {
        JsonObject requirement = new JsonObject();
        requirement.add(scheme, new JsonArray());
        return requirement;
    }

    private JsonObject securitySchemes() {
        JsonObject schemes = new JsonObject();
        JsonObject bearer = new JsonObject();
        bearer.addProperty("type", "http");
        bearer.addProperty("scheme", "bearer");
        bearer.addProperty("bearerFormat", "JWT");
        bearer.addProperty(
                "description",
                settings.issuer() == null
                        ? "An access token (JWT) of the realm that the gateway trusts."
                        : "An access token (JWT) issued by " + settings.issuer() + ".");
        schemes.add(BEARER, bearer);
        if (settings.issuer() != null) {
            JsonObject oidc = new JsonObject();
            oidc.addProperty("type", "openIdConnect");
            oidc.addProperty(
                    "openIdConnectUrl",
                    stripSlash(settings.issuer()) + "/.well-known/openid-configuration");
            oidc.addProperty("description", "The identity provider that issues the access tokens.");
            schemes.add(OIDC, oidc);
        }
        return schemes;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private JsonObject operation(ServiceDescriptor service, HttpBinding binding) {
        MethodDescriptor method = binding.method();
        JsonObject operation = new JsonObject();
        JsonArray tags = new JsonArray();
        tags.add(service.getName());
        operation.add("tags", tags);
        String comment = comments.of(method);
        String summary = comment == null ? method.getName() : firstSentence(comment);
        operation.addProperty("summary", summary);
        String description = comment != null && !comment.equals(summary) ? comment : null;
        if (method.isClientStreaming()) {
            description = (description == null ? "" : description + "\n\n") + STREAM_BODY;
        }
        if (description != null) {
            operation.addProperty("description", description);
        }
        operation.addProperty(
                "operationId",
                service.getName()
                        + "_"
                        + method.getName()
                        + (binding.index() == 0 ? "" : "_" + (binding.index() + 1)));
        if (method.getOptions().getDeprecated()) {
            operation.addProperty("deprecated", true);
        }

        Descriptor request = method.getInputType();
        JsonArray parameters = new JsonArray();
        Set<List<FieldDescriptor>> bound = new HashSet<>();
        List<FieldDescriptor> topLevelPathFields = new ArrayList<>();
        List<String> documentedNames =
                canonicalNames.getOrDefault(shape(binding), ownNames(binding));
        for (int i = 0; i < binding.variables().size(); i++) {
            HttpBinding.PathVariable variable = binding.variables().get(i);
            List<FieldDescriptor> chain = resolve(request, variable.fieldPath(), method);
            bound.add(chain);
            if (chain.size() == 1) {
                topLevelPathFields.add(chain.getFirst());
            }
            JsonObject parameter = pathParameter(variable, documentedNames.get(i), chain.getLast());
            if (!documentedNames.get(i).equals(jsonPath(chain))) {
                String sets = "Sets `" + jsonPath(chain) + "` of the request.";
                parameter.addProperty(
                        "description",
                        parameter.has("description")
                                ? parameter.get("description").getAsString() + "\n\n" + sets
                                : sets);
            }
            parameters.add(parameter);
        }
        FieldDescriptor bodyField = null;
        if (binding.hasBody() && !binding.wholeBody()) {
            bodyField = request.findFieldByName(binding.body());
            if (bodyField == null) {
                throw new IllegalStateException(
                        method.getFullName()
                                + ": body field '"
                                + binding.body()
                                + "' does not exist in "
                                + request.getFullName());
            }
            bound.add(List.of(bodyField));
        }
        if (!binding.wholeBody()) {
            queryParameters(request, "", new ArrayList<>(), bound, new HashSet<>(), parameters);
        }
        if (method.isServerStreaming() && hasStringField(request, "cursor")) {
            JsonObject lastEventId = new JsonObject();
            lastEventId.addProperty("name", "Last-Event-ID");
            lastEventId.addProperty("in", "header");
            lastEventId.addProperty(
                    "description",
                    "Resumes the stream after this event id (a cursor), when the "
                            + "`cursor` query parameter is not given. Browsers' EventSource sends it by itself on reconnecting.");
            lastEventId.add("schema", Schemas.type("string"));
            parameters.add(lastEventId);
        }
        if (!parameters.isEmpty()) {
            operation.add("parameters", parameters);
        }

        if (method.isClientStreaming()) {
            operation.add("requestBody", streamBody(method, request, topLevelPathFields));
        } else if (binding.wholeBody()) {
            operation.add("requestBody", wholeBody(request, topLevelPathFields));
        } else if (bodyField != null) {
            operation.add("requestBody", fieldBody(bodyField));
        }

        JsonObject responses = new JsonObject();
        FieldDescriptor created =
                method.isServerStreaming() || method.isClientStreaming()
                        ? null
                        : CreatedResources.locationField(
                                binding.httpMethod(),
                                binding.template(),
                                method.getOutputType(),
                                reads.getOrDefault(method.getFile().getPackage(), Map.of()));
        if (created != null) {
            responses.add("201", createdResponse(method, created));
        } else {
            responses.add(
                    "200",
                    method.isServerStreaming() ? streamResponse(method) : okResponse(method));
        }
        if (method.isServerStreaming()) {
            JsonObject ref = new JsonObject();
            ref.addProperty("$ref", "#/components/responses/" + NOT_ACCEPTABLE);
            responses.add("406", ref);
        }
        ERRORS.forEach(
                (status, name) -> {
                    JsonObject ref = new JsonObject();
                    ref.addProperty("$ref", "#/components/responses/" + name);
                    responses.add(String.valueOf(status), ref);
                });
        entityTags(method, binding, bodyField, operation, responses);
        operation.add("responses", responses);
        return operation;
    }

    /**
     * The binding's path with each variable named by the JSON names of its field chain ({@code
     * {case_id}} → {@code {caseId}}), or by the name the same path shape uses elsewhere: {@code
     * PATCH /scamCentres/{scamCentre.id}} and {@code GET /scamCentres/{id}} are one path,
     * documented once as {@code /scamCentres/{id}} (OpenAPI allows one parameter name per position
     * of a path; linters refuse identical paths).
     */
    private static String documentedPath(HttpBinding binding, Map<String, List<String>> canonical) {
        List<String> names = canonical.getOrDefault(shape(binding), ownNames(binding));
        StringBuilder path = new StringBuilder();
        String shape = shape(binding);
        int variable = 0;
        for (int i = 0; i < shape.length(); i++) {
            if (shape.startsWith("{}", i)) {
                path.append('{').append(names.get(variable++)).append('}');
                i++;
            } else {
                path.append(shape.charAt(i));
            }
        }
        return path.toString();
    }

    /** The binding's path with its variables unnamed: {@code /api/v1/cases/{}}. */
    private static String shape(HttpBinding binding) {
        String path = binding.path();
        for (HttpBinding.PathVariable variable : binding.variables()) {
            path = path.replace("{" + variable.fieldPath() + "}", "{}");
        }
        return path;
    }

    private static List<String> ownNames(HttpBinding binding) {
        return binding.variables().stream()
                .map(
                        v ->
                                jsonPath(
                                        resolve(
                                                binding.method().getInputType(),
                                                v.fieldPath(),
                                                binding.method())))
                .toList();
    }

    /**
     * For each path shape, the names of the binding whose names are plainest (fewest dots; the
     * first on a tie).
     */
    private static Map<String, List<String>> canonicalNames(Collection<FileDescriptor> files) {
        Map<String, List<String>> canonical = new HashMap<>();
        for (FileDescriptor file : files) {
            if (RouteTable.upstreamOf(file.getPackage()) == null) {
                continue;
            }
            for (ServiceDescriptor service : file.getServices()) {
                for (MethodDescriptor method : service.getMethods()) {
                    for (HttpBinding binding : HttpBinding.of(method)) {
                        List<String> names = ownNames(binding);
                        canonical.merge(
                                shape(binding),
                                names,
                                (known, candidate) ->
                                        dots(candidate) < dots(known) ? candidate : known);
                    }
                }
            }
        }
        return canonical;
    }

    private static int dots(List<String> names) {
        return names.stream().mapToInt(n -> (int) n.chars().filter(c -> c == '.').count()).sum();
    }

    private static String jsonPath(List<FieldDescriptor> chain) {
        return String.join(".", chain.stream().map(FieldDescriptor::getJsonName).toList());
    }

    /**
     * The field chain of a dotted path variable; the gateway refuses at start-up a contract where
     * this fails.
     */
    private static List<FieldDescriptor> resolve(
            Descriptor request, String fieldPath, MethodDescriptor method) {
        List<FieldDescriptor> chain = new ArrayList<>();
        Descriptor type = request;
        for (String name : fieldPath.split("\\.")) {
            FieldDescriptor field = type == null ? null : type.findFieldByName(name);
            if (field == null) {
                throw new IllegalStateException(
                        method.getFullName()
                                + ": path variable '"
                                + fieldPath
                                + "' is not a field of "
                                + request.getFullName());
            }
            chain.add(field);
            type =
                    field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                            ? field.getMessageType()
                            : null;
        }
        return List.copyOf(chain);
    }

    private JsonObject pathParameter(
            HttpBinding.PathVariable variable, String name, FieldDescriptor field) {
        JsonObject parameter = new JsonObject();
        parameter.addProperty("name", name);
        parameter.addProperty("in", "path");
        parameter.addProperty("required", true);
        JsonObject schema = schemas.value(field);
        List<String> notes = new ArrayList<>();
        String comment = comments.of(field);
        if (comment != null) {
            notes.add(comment);
        }
        if (variable.pattern() != null) {
            schema = Schemas.type("string");
            schema.addProperty("pattern", variable.pattern());
            notes.add(
                    "Spans several path segments: `"
                            + variable.segments()
                            + "`; its slashes are sent as they are.");
        }
        if (!notes.isEmpty()) {
            parameter.addProperty("description", String.join("\n\n", notes));
        }
        parameter.add("schema", schema);
        return parameter;
    }

    /**
     * The fields neither the path nor the body binds, as query parameters by their JSON names,
     * dotted into singular nested messages (each message type once per chain, so recursive types
     * end); maps are not settable by query.
     */
    private void queryParameters(
            Descriptor type,
            String prefix,
            List<FieldDescriptor> chain,
            Set<List<FieldDescriptor>> bound,
            Set<String> visiting,
            JsonArray parameters) {
        visiting.add(type.getFullName());
        for (FieldDescriptor field : type.getFields()) {
            chain.add(field);
            if (!bound.contains(chain) && !field.isMapField()) {
                String name = prefix + field.getJsonName();
                if (isScalarLike(field)) {
                    parameters.add(queryParameter(name, field, chain.size() == 1));
                } else if (!field.isRepeated()
                        && chain.size() < MAX_QUERY_DEPTH
                        && !visiting.contains(field.getMessageType().getFullName())) {
                    queryParameters(
                            field.getMessageType(), name + ".", chain, bound, visiting, parameters);
                }
            }
            chain.removeLast();
        }
        visiting.remove(type.getFullName());
    }

    private JsonObject queryParameter(String name, FieldDescriptor field, boolean topLevel) {
        JsonObject parameter = new JsonObject();
        parameter.addProperty("name", name);
        parameter.addProperty("in", "query");
        Set<FieldBehavior> behaviors = Schemas.behaviors(field);
        if (topLevel && behaviors.contains(FieldBehavior.REQUIRED)) {
            parameter.addProperty("required", true);
        }
        String comment = comments.of(field);
        if (field.isRepeated()) {
            String repeat = "Repeat the parameter for each value.";
            comment = comment == null ? repeat : comment + "\n\n" + repeat;
        }
        if (comment != null) {
            parameter.addProperty("description", comment);
        }
        if (field.getOptions().getDeprecated()) {
            parameter.addProperty("deprecated", true);
        }
        JsonObject schema;
        if (field.isRepeated()) {
            schema = Schemas.type("array");
            schema.add("items", schemas.value(field));
            parameter.addProperty("style", "form");
            parameter.addProperty("explode", true);
        } else {
            schema = schemas.value(field);
        }
        parameter.add("schema", schema);
        return parameter;
    }

    /**
     * Scalars, enums and the well-known types whose JSON is a string (as the transcoder reads query
     * values).
     */
    private static boolean isScalarLike(FieldDescriptor field) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return true;
        }
        String name = field.getMessageType().getFullName();
        return name.equals("google.protobuf.Timestamp")
                || name.equals("google.protobuf.Duration")
                || name.equals("google.protobuf.FieldMask")
                || (name.startsWith("google.protobuf.")
                        && name.endsWith("Value")
                        && !name.equals("google.protobuf.Value")
                        && !name.equals("google.protobuf.ListValue"));
    }

    private static boolean hasStringField(Descriptor type, String name) {
        FieldDescriptor field = type.findFieldByName(name);
        return field != null
                && !field.isRepeated()
                && field.getJavaType() == FieldDescriptor.JavaType.STRING;
    }

    private JsonObject wholeBody(Descriptor request, List<FieldDescriptor> pathFields) {
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
    private JsonObject streamBody(
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

    private JsonObject fieldBody(FieldDescriptor field) {
        JsonObject schema = schemas.property(field);
        JsonObject body = new JsonObject();
        if (schema.has("description")) {
            body.addProperty("description", schema.remove("description").getAsString());
        }
        body.addProperty("required", Schemas.behaviors(field).contains(FieldBehavior.REQUIRED));
        body.add("content", json(schema));
        return body;
    }

    private JsonObject okResponse(MethodDescriptor method) {
        Descriptor output = method.getOutputType();
        JsonObject response = new JsonObject();
        String comment = comments.of(output);
        response.addProperty(
                "description",
                comment == null ? "OK: the " + output.getName() + "." : firstSentence(comment));
        response.add("content", json(schemas.messageSchema(output)));
        return response;
    }

    /** A create: 201 with the new resource's URL, where a GET reads it back. */
    private JsonObject createdResponse(MethodDescriptor method, FieldDescriptor id) {
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

    private JsonObject streamResponse(MethodDescriptor method) {
        Descriptor output = method.getOutputType();
        JsonObject eventSchema = schemas.messageSchema(output);
        StringBuilder description =
                new StringBuilder(
                                "A stream of Server-Sent Events. The `data` of each event is one `")
                        .append(output.getFullName())
                        .append("` in JSON");
        if (hasStringField(output, "cursor")) {
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

    private static JsonObject json(JsonObject schema) {
        return media("application/json", schema);
    }

    private static JsonObject media(String type, JsonObject schema) {
        JsonObject media = new JsonObject();
        media.add("schema", schema);
        JsonObject content = new JsonObject();
        content.add(type, media);
        return content;
    }

    /**
     * The first sentence (up to the first full stop followed by a space or line end), on one line.
     */
    static String firstSentence(String comment) {
        String text = comment.replace('\n', ' ');
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '.' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                return text.substring(0, i + 1);
            }
        }
        return text;
    }

    private static JsonObject problemSchema() {
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

    private static JsonObject format(String type, String format) {
        JsonObject schema = Schemas.type(type);
        schema.addProperty("format", format);
        return schema;
    }

    private static JsonObject described(JsonObject schema, String description) {
        schema.addProperty("description", description);
        return schema;
    }

    private static Map<Integer, String> errors() {
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
    private static JsonObject errorResponses() {
        JsonObject responses = new JsonObject();
        JsonObject notAcceptable = new JsonObject();
        notAcceptable.addProperty(
                "description",
                "Not acceptable: the `Accept` header allows none of the forms this "
                        + "stream is sent in (`text/event-stream`, `application/x-ndjson`, `application/json`).");
        JsonObject problemMedia = new JsonObject();
        problemMedia.add("schema", Schemas.ref(PROBLEM));
        JsonObject problemContent = new JsonObject();
        problemContent.add("application/problem+json", problemMedia);
        notAcceptable.add("content", problemContent);
        responses.add(NOT_ACCEPTABLE, notAcceptable);
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
                    media.add("schema", Schemas.ref(PROBLEM));
                    media.add("example", JsonParser.parseString(example.toJson()));
                    JsonObject content = new JsonObject();
                    content.add("application/problem+json", media);
                    JsonObject response = new JsonObject();
                    response.addProperty("description", description.toString());
                    if (status == 401) {
                        response.add(
                                "headers",
                                header(
                                        "WWW-Authenticate",
                                        "The bearer challenge, e.g. `Bearer realm=\"chainbreaker\"`.",
                                        "string"));
                    } else if (status == 429 || status == 503) {
                        response.add(
                                "headers",
                                header(
                                        "Retry-After",
                                        "Seconds to wait before retrying.",
                                        "integer"));
                    }
                    response.add("content", content);
                    responses.add(name, response);
                });
        return responses;
    }

    /**
     * What the transcoder does with entity tags and merge patches (see the gateway's EntityTags and
     * UpdateMasks): ETag on responses carrying an etag, If-None-Match (304) on such reads, If-Match
     * (412) on changes whose request has an etag, and application/merge-patch+json on PATCHes with
     * an update mask.
     */
    private static void entityTags(
            MethodDescriptor method,
            HttpBinding binding,
            FieldDescriptor bodyField,
            JsonObject operation,
            JsonObject responses) {
        if (method.isServerStreaming() || method.isClientStreaming()) {
            return;
        }
        boolean read = binding.httpMethod().equals("get");
        boolean etagOut = hasStringField(method.getOutputType(), "etag");
        Descriptor request = method.getInputType();
        boolean etagIn =
                hasStringField(request, "etag")
                        || bodyField != null
                                && !binding.httpMethod().equals("post")
                                && bodyField.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                                && hasStringField(bodyField.getMessageType(), "etag");
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
            media.add("schema", Schemas.ref(PROBLEM));
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

    private static JsonObject headerParameter(String name, String description) {
        JsonObject parameter = new JsonObject();
        parameter.addProperty("name", name);
        parameter.addProperty("in", "header");
        parameter.addProperty("description", description);
        parameter.add("schema", Schemas.type("string"));
        return parameter;
    }

    private static JsonObject header(String name, String description, String type) {
        JsonObject header = new JsonObject();
        header.addProperty("description", description);
        header.add("schema", Schemas.type(type));
        JsonObject headers = new JsonObject();
        headers.add(name, header);
        return headers;
    }

    private static void describe(JsonObject target, String description) {
        if (description != null) {
            target.addProperty("description", description);
        }
    }
}
