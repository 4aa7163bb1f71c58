package org.chainbreaker.systemtests;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls any RPC of the public contract through either face of the gateway, generically: the
 * endpoints come from the descriptor set the proto module ships ({@code
 * META-INF/chainbreaker/contract.pb}), REST requests are built from each method's {@code
 * google.api.http} rule, gRPC calls carry raw protobuf bytes. Every answer becomes an {@link
 * Outcome} with the gRPC code (REST problems name it in their {@code code} member) and the text a
 * client would read.
 */
final class Faces {

    static final String CONTRACT = "META-INF/chainbreaker/contract.pb";
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Which face of the gateway a call goes through. */
    enum Face {
        REST,
        GRPC
    }

    /** One public endpoint: an RPC and its REST binding. */
    record Endpoint(MethodDescriptor method, String httpMethod, String pathTemplate, String body) {

        String fullName() {
            return method.getService().getFullName() + "/" + method.getName();
        }

        boolean clientStreaming() {
            return method.isClientStreaming();
        }

        boolean serverStreaming() {
            return method.isServerStreaming();
        }

        /** Field paths bound by the path template, e.g. {@code id}, {@code wanted_person.id}. */
        List<String> pathFields() {
            List<String> fields = new ArrayList<>();
            Matcher m = PATH_VARIABLE.matcher(pathTemplate);
            while (m.find()) {
                fields.add(m.group(1));
            }
            return fields;
        }

        @Override
        public String toString() {
            return method.getName() + " (" + httpMethod + " " + pathTemplate + ")";
        }
    }

    /**
     * What a call answered: the gRPC code (OK on success), the HTTP status on the REST face (0 on
     * gRPC), the text a client reads on failure (the problem body on REST, the status description
     * on gRPC), and on success the response as protobuf bytes.
     */
    record Outcome(Face face, Status.Code code, int http, String text, ByteString payload) {

        boolean ok() {
            return code == Status.Code.OK;
        }

        <T extends Message> T as(Parser<T> parser) {
            if (!ok()) {
                throw new IllegalStateException("no payload: " + this);
            }
            try {
                return parser.parseFrom(payload);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }

        /** 4xx on REST; on gRPC a code that blames the request or the caller, not the server. */
        boolean clientError() {
            return face == Face.REST
                    ? http >= 400 && http < 500
                    : switch (code) {
                        case INVALID_ARGUMENT,
                                NOT_FOUND,
                                ALREADY_EXISTS,
                                PERMISSION_DENIED,
                                UNAUTHENTICATED,
                                RESOURCE_EXHAUSTED,
                                FAILED_PRECONDITION,
                                ABORTED,
                                OUT_OF_RANGE,
                                UNIMPLEMENTED,
                                CANCELLED ->
                                true;
                        default -> false;
                    };
        }

        String label() {
            return face == Face.REST ? "REST " + http : "gRPC " + code;
        }

        @Override
        public String toString() {
            return label() + (ok() ? "" : " " + text);
        }
    }

    private static final java.util.Set<String> QUERY_MESSAGES =
            java.util.Set.of(
                    "google.protobuf.FieldMask",
                    "google.protobuf.Timestamp",
                    "google.protobuf.Duration");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([a-z_.]+)}");
    private static final Pattern PROBLEM_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final io.grpc.MethodDescriptor.Marshaller<byte[]> BYTES =
            new io.grpc.MethodDescriptor.Marshaller<>() {
                @Override
                public InputStream stream(byte[] value) {
                    return new ByteArrayInputStream(value);
                }

                @Override
                public byte[] parse(InputStream stream) {
                    try {
                        return stream.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };

    private static final List<Endpoint> ENDPOINTS;
    private static final Map<String, Endpoint> BY_NAME = new HashMap<>();

    static {
        try (InputStream in = Faces.class.getClassLoader().getResourceAsStream(CONTRACT)) {
            if (in == null) {
                throw new IllegalStateException(CONTRACT + " is not on the class path");
            }
            ExtensionRegistry registry = ExtensionRegistry.newInstance();
            AnnotationsProto.registerAllExtensions(registry);
            FileDescriptorSet set = FileDescriptorSet.parseFrom(in, registry);
            Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
            set.getFileList().forEach(f -> protos.put(f.getName(), f));
            Map<String, FileDescriptor> built = new HashMap<>();
            List<Endpoint> endpoints = new ArrayList<>();
            for (String name : protos.keySet()) {
                FileDescriptor file = build(name, protos, built);
                if (!file.getPackage().startsWith("chainbreaker.")) {
                    continue;
                }
                for (ServiceDescriptor service : file.getServices()) {
                    for (MethodDescriptor method : service.getMethods()) {
                        HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
                        String verb;
                        String path;
                        switch (rule.getPatternCase()) {
                            case GET -> {
                                verb = "GET";
                                path = rule.getGet();
                            }
                            case POST -> {
                                verb = "POST";
                                path = rule.getPost();
                            }
                            case PUT -> {
                                verb = "PUT";
                                path = rule.getPut();
                            }
                            case PATCH -> {
                                verb = "PATCH";
                                path = rule.getPatch();
                            }
                            case DELETE -> {
                                verb = "DELETE";
                                path = rule.getDelete();
                            }
                            default -> {
                                verb = null;
                                path = null;
                            }
                        }
                        if (verb != null) {
                            Endpoint endpoint = new Endpoint(method, verb, path, rule.getBody());
                            endpoints.add(endpoint);
                            BY_NAME.put(endpoint.fullName(), endpoint);
                        }
                    }
                }
            }
            ENDPOINTS = List.copyOf(endpoints);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        } catch (com.google.protobuf.Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every public endpoint of the contract (every RPC with a REST binding). */
    static List<Endpoint> endpoints() {
        return ENDPOINTS;
    }

    /**
     * An endpoint by service and method, e.g. {@code endpoint("chainbreaker.cases.v1.CaseService",
     * "GetCase")}.
     */
    static Endpoint endpoint(String service, String method) {
        Endpoint endpoint = BY_NAME.get(service + "/" + method);
        if (endpoint == null) {
            throw new IllegalArgumentException("no endpoint " + service + "/" + method);
        }
        return endpoint;
    }

    static final String CASES = "chainbreaker.cases.v1.CaseService";
    static final String FUGITIVES = "chainbreaker.fugitives.v1.FugitiveService";
    static final String REPATRIATION = "chainbreaker.repatriation.v1.RepatriationService";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String restUrl;
    private final Channel grpc;

    Faces(String restUrl, Channel grpc) {
        this.restUrl = restUrl;
        this.grpc = grpc;
    }

    static Faces ofRunningSuite() {
        return new Faces(RunningSuite.get().restUrl(), RunningSuite.gatewayGrpc());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Typed calls (the request is a message of the method's input type)
    // ------------------------------------------------------------------------------------------------------------

    /** Calls a unary RPC through one face with a bearer token (null: no Authorization header). */
    Outcome call(Face face, Endpoint endpoint, String token, Message request) {
        String authorization = token == null ? null : "Bearer " + token;
        return face == Face.REST
                ? rest(endpoint, authorization, request)
                : grpc(endpoint, authorization, request.toByteArray());
    }

    /**
     * The REST request for a message: path variables from its fields, the body by the rule, the
     * rest as query; {@code headers} are extra name/value pairs (e.g. {@code Idempotency-Key}).
     */
    Outcome rest(Endpoint endpoint, String authorization, Message request, String... headers) {
        DynamicMessage.Builder message;
        try {
            message =
                    DynamicMessage.parseFrom(
                            endpoint.method().getInputType(), request.toByteString())
                            .toBuilder();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> pathValues = new LinkedHashMap<>();
        for (String fieldPath : endpoint.pathFields()) {
            pathValues.put(fieldPath, String.valueOf(takeField(message, fieldPath)));
        }
        String path = expand(endpoint.pathTemplate(), pathValues, true);
        String body = null;
        List<String> query = new ArrayList<>();
        try {
            JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
            if (endpoint.body().equals("*")) {
                body = printer.print(message);
            } else {
                for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
                    FieldDescriptor f = field.getKey();
                    if (f.getName().equals(endpoint.body())) {
                        body = printer.print((Message) field.getValue());
                    } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                            && !f.isRepeated()
                            && QUERY_MESSAGES.contains(f.getMessageType().getFullName())) {
                        // Well-known types JSON writes as one string (a field mask, a timestamp)
                        // travel as one parameter.
                        String json = printer.print((Message) field.getValue());
                        query.add(
                                f.getJsonName()
                                        + "="
                                        + URLEncoder.encode(
                                                json.substring(1, json.length() - 1),
                                                StandardCharsets.UTF_8));
                    } else if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                            && !f.isRepeated()) {
                        query.add(
                                f.getJsonName()
                                        + "="
                                        + URLEncoder.encode(
                                                String.valueOf(
                                                        f.getJavaType()
                                                                        == FieldDescriptor.JavaType
                                                                                .ENUM
                                                                ? ((com.google.protobuf.Descriptors
                                                                                        .EnumValueDescriptor)
                                                                                field.getValue())
                                                                        .getName()
                                                                : field.getValue()),
                                                StandardCharsets.UTF_8));
                    }
                }
                if (!endpoint.body().isEmpty() && body == null) {
                    body = "{}";
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        String pathAndQuery = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        return rest(
                endpoint,
                endpoint.httpMethod(),
                pathAndQuery,
                authorization,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                "application/json",
                headers);
    }

    /**
     * A client stream over REST: the body is a JSON array of the messages (the binding takes the
     * whole message), the path variables from the first message (the gateway binds them into every
     * one).
     */
    Outcome restStream(Endpoint endpoint, String authorization, List<? extends Message> requests) {
        StringBuilder body = new StringBuilder("[");
        Map<String, String> pathValues = new LinkedHashMap<>();
        try {
            JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
            for (Message request : requests) {
                DynamicMessage.Builder message =
                        DynamicMessage.parseFrom(
                                endpoint.method().getInputType(), request.toByteString())
                                .toBuilder();
                for (String fieldPath : endpoint.pathFields()) {
                    pathValues.putIfAbsent(
                            fieldPath, String.valueOf(takeField(message, fieldPath)));
                }
                body.append(body.length() == 1 ? "" : ",").append(printer.print(message));
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        return restStream(
                endpoint,
                authorization,
                expand(endpoint.pathTemplate(), pathValues, true),
                body.append(']').toString());
    }

    /** A client stream over REST with a body as given (any JSON text). */
    Outcome restStream(
            Endpoint endpoint, String authorization, String pathAndQuery, String jsonArray) {
        return rest(
                endpoint,
                endpoint.httpMethod(),
                pathAndQuery,
                authorization,
                jsonArray.getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    /**
     * Expands a path template; values are percent-encoded as one path segment when {@code encode}.
     */
    static String expand(String template, Map<String, String> values, boolean encode) {
        Matcher m = PATH_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), "");
            m.appendReplacement(
                    out, Matcher.quoteReplacement(encode ? encodeSegment(value) : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String encodeSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Object takeField(DynamicMessage.Builder message, String fieldPath) {
        String[] parts = fieldPath.split("\\.");
        if (parts.length == 1) {
            FieldDescriptor f = message.getDescriptorForType().findFieldByName(parts[0]);
            Object value = message.getField(f);
            message.clearField(f);
            return value;
        }
        FieldDescriptor outer = message.getDescriptorForType().findFieldByName(parts[0]);
        DynamicMessage.Builder inner = ((DynamicMessage) message.getField(outer)).toBuilder();
        Object value = takeField(inner, fieldPath.substring(parts[0].length() + 1));
        message.setField(outer, inner.build());
        return value;
    }

    /** A raw REST request: any method, path and query, body bytes and content type. */
    Outcome rest(
            Endpoint endpoint,
            String method,
            String pathAndQuery,
            String authorization,
            byte[] body,
            String contentType,
            String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(restUrl + pathAndQuery))
                        .timeout(TIMEOUT)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        boolean streaming = endpoint != null && endpoint.serverStreaming();
        try {
            if (streaming) {
                request.timeout(Duration.ofSeconds(10));
                HttpResponse<InputStream> response =
                        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                String text;
                if (response.statusCode() == 200) {
                    // An open event stream: the request was accepted. Read nothing more.
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    response.body().close();
                                } catch (IOException ignored) {
                                    // closing only
                                }
                            });
                    return new Outcome(
                            Face.REST,
                            Status.Code.OK,
                            200,
                            "(event stream opened)",
                            ByteString.EMPTY);
                }
                try (InputStream in = response.body()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                return restOutcome(response.statusCode(), text, endpoint);
            }
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return restOutcome(response.statusCode(), response.body(), endpoint);
        } catch (HttpTimeoutException e) {
            return new Outcome(
                    Face.REST,
                    Status.Code.DEADLINE_EXCEEDED,
                    0,
                    "(no answer within the timeout)",
                    ByteString.EMPTY);
        } catch (IOException e) {
            return new Outcome(
                    Face.REST,
                    Status.Code.UNAVAILABLE,
                    0,
                    "(connection failed: " + e + ")",
                    ByteString.EMPTY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Outcome restOutcome(int status, String body, Endpoint endpoint) {
        // 201 Created: a create that can be read back (its Location is checked by RestHttp tests in
        // the gateway).
        if (status == 200 || status == 201) {
            ByteString payload = ByteString.EMPTY;
            if (endpoint != null && !endpoint.serverStreaming()) {
                try {
                    DynamicMessage.Builder out =
                            DynamicMessage.newBuilder(endpoint.method().getOutputType());
                    // A bulk load's refused records carry google.rpc error details (in Any) in
                    // their status.
                    JsonFormat.parser()
                            .usingTypeRegistry(
                                    com.google.protobuf.TypeRegistry.newBuilder()
                                            .add(
                                                    com.google.rpc.ErrorDetailsProto.getDescriptor()
                                                            .getMessageTypes())
                                            .build())
                            .ignoringUnknownFields()
                            .merge(body, out);
                    payload = out.build().toByteString();
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException(
                            "the gateway answered 200 with a body that is not a "
                                    + endpoint.method().getOutputType().getFullName()
                                    + ": "
                                    + body,
                            e);
                }
            }
            return new Outcome(Face.REST, Status.Code.OK, status, body, payload);
        }
        Matcher m = PROBLEM_CODE.matcher(body == null ? "" : body);
        Status.Code code;
        if (m.find()) {
            try {
                code = Status.Code.valueOf(m.group(1));
            } catch (IllegalArgumentException e) {
                code = Status.Code.UNKNOWN;
            }
        } else {
            code =
                    switch (status) {
                        case 400 -> Status.Code.INVALID_ARGUMENT;
                        case 401 -> Status.Code.UNAUTHENTICATED;
                        case 403 -> Status.Code.PERMISSION_DENIED;
                        case 404 -> Status.Code.NOT_FOUND;
                        case 409 -> Status.Code.ABORTED;
                        case 429 -> Status.Code.RESOURCE_EXHAUSTED;
                        default ->
                                status >= 500 ? Status.Code.INTERNAL : Status.Code.INVALID_ARGUMENT;
                    };
        }
        return new Outcome(Face.REST, code, status, body, ByteString.EMPTY);
    }

    /**
     * A raw gRPC call through the gateway's gRPC face: the request as protobuf bytes (which may be
     * anything). For a server stream the first message (or the failure) decides; a stream that
     * stays open for a moment counts as accepted. For a client stream the bytes are sent as one
     * message.
     */
    Outcome grpc(Endpoint endpoint, String authorization, byte[] request) {
        return grpc(endpoint, authorization, List.of(request), new Metadata());
    }

    Outcome grpc(Endpoint endpoint, String authorization, List<byte[]> requests, Metadata extra) {
        Metadata headers = new Metadata();
        headers.merge(extra);
        if (authorization != null) {
            headers.put(
                    Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    authorization);
        }
        Channel channel =
                ClientInterceptors.intercept(
                        grpc, MetadataUtils.newAttachHeadersInterceptor(headers));
        io.grpc.MethodDescriptor.MethodType type =
                endpoint.clientStreaming()
                        ? io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING
                        : endpoint.serverStreaming()
                                ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                                : io.grpc.MethodDescriptor.MethodType.UNARY;
        io.grpc.MethodDescriptor<byte[], byte[]> method =
                io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
                        .setType(type)
                        .setFullMethodName(endpoint.fullName())
                        .setRequestMarshaller(BYTES)
                        .setResponseMarshaller(BYTES)
                        .build();
        try {
            switch (type) {
                case UNARY -> {
                    byte[] answer =
                            ClientCalls.blockingUnaryCall(
                                    channel,
                                    method,
                                    CallOptions.DEFAULT.withDeadlineAfter(
                                            TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                                    requests.getFirst());
                    return new Outcome(
                            Face.GRPC, Status.Code.OK, 0, "", ByteString.copyFrom(answer));
                }
                case SERVER_STREAMING -> {
                    Iterator<byte[]> stream =
                            ClientCalls.blockingServerStreamingCall(
                                    channel,
                                    method,
                                    CallOptions.DEFAULT.withDeadlineAfter(3, TimeUnit.SECONDS),
                                    requests.getFirst());
                    try {
                        // Waits for the first element or the stream's end; a refusal throws.
                        var unused = stream.hasNext();
                        return new Outcome(
                                Face.GRPC,
                                Status.Code.OK,
                                0,
                                "(stream answered)",
                                ByteString.EMPTY);
                    } catch (StatusRuntimeException e) {
                        if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
                            return new Outcome(
                                    Face.GRPC,
                                    Status.Code.OK,
                                    0,
                                    "(stream stayed open)",
                                    ByteString.EMPTY);
                        }
                        throw e;
                    }
                }
                default -> {
                    CompletableFuture<byte[]> answer = new CompletableFuture<>();
                    ClientCall<byte[], byte[]> call =
                            channel.newCall(
                                    method,
                                    CallOptions.DEFAULT.withDeadlineAfter(
                                            TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                    StreamObserver<byte[]> out =
                            ClientCalls.asyncClientStreamingCall(
                                    call,
                                    new StreamObserver<>() {
                                        @Override
                                        public void onNext(byte[] value) {
                                            answer.complete(value);
                                        }

                                        @Override
                                        public void onError(Throwable t) {
                                            answer.completeExceptionally(t);
                                        }

                                        @Override
                                        public void onCompleted() {
                                            answer.complete(new byte[0]);
                                        }
                                    });
                    try {
                        for (byte[] r : requests) {
                            out.onNext(r);
                        }
                        out.onCompleted();
                    } catch (RuntimeException e) {
                        // The server may already have closed the call; its status is in the answer.
                    }
                    try {
                        byte[] bytes = answer.get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
                        return new Outcome(
                                Face.GRPC, Status.Code.OK, 0, "", ByteString.copyFrom(bytes));
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof StatusRuntimeException sre) {
                            throw sre;
                        }
                        throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            return new Outcome(
                    Face.GRPC,
                    status.getCode(),
                    0,
                    status.getDescription() == null ? "" : status.getDescription(),
                    ByteString.EMPTY);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(e);
        }
    }

    static Descriptor input(Endpoint endpoint) {
        return endpoint.method().getInputType();
    }
}
