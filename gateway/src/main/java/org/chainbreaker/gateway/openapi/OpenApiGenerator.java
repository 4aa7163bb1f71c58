package org.chainbreaker.gateway.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final Parameters pathAndQuery;
    private final Payloads payloads;

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
        this.pathAndQuery = new Parameters(schemas, comments);
        this.payloads = new Payloads(schemas, comments);
    }

    /** The document for these files (with their comments). */
    static JsonObject generate(
            Collection<FileDescriptor> files, ProtoComments comments, Settings settings) {
        return new OpenApiGenerator(comments, settings).document(files);
    }

    private JsonObject document(Collection<FileDescriptor> files) {
        canonicalNames = PathNames.canonicalNames(files);
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
                        String path = PathNames.documentedPath(binding, canonicalNames);
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
        schemaComponents.add(PROBLEM, ProblemResponses.problemSchema());
        components.add("schemas", schemaComponents);
        components.add("responses", ProblemResponses.errorResponses());
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
                canonicalNames.getOrDefault(PathNames.shape(binding), PathNames.ownNames(binding));
        for (int i = 0; i < binding.variables().size(); i++) {
            HttpBinding.PathVariable variable = binding.variables().get(i);
            List<FieldDescriptor> chain = PathNames.resolve(request, variable.fieldPath(), method);
            bound.add(chain);
            if (chain.size() == 1) {
                topLevelPathFields.add(chain.getFirst());
            }
            JsonObject parameter =
                    pathAndQuery.pathParameter(variable, documentedNames.get(i), chain.getLast());
            if (!documentedNames.get(i).equals(PathNames.jsonPath(chain))) {
                String sets = "Sets `" + PathNames.jsonPath(chain) + "` of the request.";
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
            pathAndQuery.queryParameters(
                    request, "", new ArrayList<>(), bound, new HashSet<>(), parameters);
        }
        if (method.isServerStreaming() && Parameters.hasStringField(request, "cursor")) {
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
            operation.add("requestBody", payloads.streamBody(method, request, topLevelPathFields));
        } else if (binding.wholeBody()) {
            operation.add("requestBody", payloads.wholeBody(request, topLevelPathFields));
        } else if (bodyField != null) {
            operation.add("requestBody", payloads.fieldBody(bodyField));
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
            responses.add("201", payloads.createdResponse(method, created));
        } else {
            responses.add(
                    "200",
                    method.isServerStreaming()
                            ? payloads.streamResponse(method)
                            : payloads.okResponse(method));
        }
        if (method.isServerStreaming()) {
            JsonObject ref = new JsonObject();
            ref.addProperty("$ref", "#/components/responses/" + NOT_ACCEPTABLE);
            responses.add("406", ref);
        }
        ProblemResponses.ERRORS.forEach(
                (status, name) -> {
                    JsonObject ref = new JsonObject();
                    ref.addProperty("$ref", "#/components/responses/" + name);
                    responses.add(String.valueOf(status), ref);
                });
        ConditionalRequests.entityTags(method, binding, bodyField, operation, responses);
        operation.add("responses", responses);
        return operation;
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

    private static void describe(JsonObject target, String description) {
        if (description != null) {
            target.addProperty("description", description);
        }
    }
}
