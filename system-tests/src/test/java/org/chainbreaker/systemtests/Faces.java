package org.chainbreaker.systemtests;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    static final Pattern PATH_VARIABLE = Pattern.compile("\\{([a-z_.]+)}");

    /** Every public endpoint of the contract (every RPC with a REST binding). */
    static List<Endpoint> endpoints() {
        return ContractEndpoints.all();
    }

    /**
     * An endpoint by service and method, e.g. {@code endpoint("chainbreaker.cases.v1.CaseService",
     * "GetCase")}.
     */
    static Endpoint endpoint(String service, String method) {
        Endpoint endpoint = ContractEndpoints.named(service + "/" + method);
        if (endpoint == null) {
            throw new IllegalArgumentException("no endpoint " + service + "/" + method);
        }
        return endpoint;
    }

    static final String CASES = "chainbreaker.cases.v1.CaseService";
    static final String FUGITIVES = "chainbreaker.fugitives.v1.FugitiveService";
    static final String REPATRIATION = "chainbreaker.repatriation.v1.RepatriationService";

    private final RestFace rest;
    private final GrpcFace grpc;

    Faces(String restUrl, Channel grpc) {
        this.rest = new RestFace(restUrl);
        this.grpc = new GrpcFace(grpc);
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
        return rest.send(endpoint, authorization, request, headers);
    }

    /**
     * A client stream over REST: the body is a JSON array of the messages (the binding takes the
     * whole message), the path variables from the first message (the gateway binds them into every
     * one).
     */
    Outcome restStream(Endpoint endpoint, String authorization, List<? extends Message> requests) {
        return rest.stream(endpoint, authorization, requests);
    }

    /** A client stream over REST with a body as given (any JSON text). */
    Outcome restStream(
            Endpoint endpoint, String authorization, String pathAndQuery, String jsonArray) {
        return rest.stream(endpoint, authorization, pathAndQuery, jsonArray);
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
        return rest.send(endpoint, method, pathAndQuery, authorization, body, contentType, headers);
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
        return grpc.call(endpoint, authorization, requests, extra);
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

    static Descriptor input(Endpoint endpoint) {
        return endpoint.method().getInputType();
    }
}
