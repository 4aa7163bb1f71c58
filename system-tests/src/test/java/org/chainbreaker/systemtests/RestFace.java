package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.Faces.TIMEOUT;
import static org.chainbreaker.systemtests.Faces.expand;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * The gateway's REST face: builds a request from a message by the method's {@code google.api.http}
 * rule (or sends one as given) and reads the answer as an {@link Outcome}, taking the gRPC code
 * from a problem's {@code code} member.
 */
final class RestFace {

    private static final java.util.Set<String> QUERY_MESSAGES =
            java.util.Set.of(
                    "google.protobuf.FieldMask",
                    "google.protobuf.Timestamp",
                    "google.protobuf.Duration");
    private static final Pattern PROBLEM_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String restUrl;

    RestFace(String restUrl) {
        this.restUrl = restUrl;
    }

    /**
     * The REST request for a message: path variables from its fields, the body by the rule, the
     * rest as query; {@code headers} are extra name/value pairs (e.g. {@code Idempotency-Key}).
     */
    Outcome send(Endpoint endpoint, String authorization, Message request, String... headers) {
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
        return send(
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
    Outcome stream(Endpoint endpoint, String authorization, List<? extends Message> requests) {
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
        return stream(
                endpoint,
                authorization,
                expand(endpoint.pathTemplate(), pathValues, true),
                body.append(']').toString());
    }

    /** A client stream over REST with a body as given (any JSON text). */
    Outcome stream(Endpoint endpoint, String authorization, String pathAndQuery, String jsonArray) {
        return send(
                endpoint,
                endpoint.httpMethod(),
                pathAndQuery,
                authorization,
                jsonArray.getBytes(StandardCharsets.UTF_8),
                "application/json");
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
    Outcome send(
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
}
