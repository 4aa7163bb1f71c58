package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chainbreaker.gateway.problems.Problem;
import org.chainbreaker.gateway.problems.ProblemResponses;
import org.chainbreaker.gateway.problems.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A failed call as the client sees it: the status code mapped by the standard table, the service's
 * message (unless the code hides details, or the failure arose in the gateway's own transport,
 * whose messages name hosts), BadRequest field violations as {@code errors} with field paths in
 * JSON names (and the same paths in the detail in the same form), and ErrorInfo's reason.
 */
final class GrpcFailures {

    private static final Metadata.Key<byte[]> DETAILS =
            Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

    private GrpcFailures() {}

    static Problem toProblem(StatusRuntimeException failure, HttpRoute route) {
        Status status = failure.getStatus();
        Status.Code code = status.getCode();
        Metadata trailers = failure.getTrailers();
        boolean fromService =
                status.getCause() == null
                        && code != Status.Code.DEADLINE_EXCEEDED
                        && code != Status.Code.CANCELLED
                        && (code != Status.Code.UNAVAILABLE
                                || (trailers != null && trailers.containsKey(DETAILS)));
        Problem problem =
                fromService ? Problems.of(code, status.getDescription()) : Problems.generic(code);
        if (!fromService || Problems.hidesDetail(code)) {
            return problem;
        }
        com.google.rpc.Status details = StatusProto.fromStatusAndTrailers(status, trailers);
        List<Problem.FieldError> errors = new ArrayList<>();
        String reason = null;
        for (Any detail : details.getDetailsList()) {
            try {
                if (detail.is(BadRequest.class)) {
                    for (BadRequest.FieldViolation violation :
                            detail.unpack(BadRequest.class).getFieldViolationsList()) {
                        errors.add(
                                new Problem.FieldError(
                                        jsonPath(violation.getField(), route),
                                        violation.getDescription()));
                    }
                } else if (detail.is(ErrorInfo.class) && reason == null) {
                    reason = detail.unpack(ErrorInfo.class).getReason();
                }
            } catch (InvalidProtocolBufferException e) {
                // A detail that does not parse is left out; the status itself still stands.
            }
        }
        return new Problem(
                problem.type(),
                problem.title(),
                problem.status(),
                jsonDetail(problem.detail(), route),
                problem.code(),
                errors,
                reason == null || reason.isEmpty() ? null : reason);
    }

    /**
     * Writes the problem of a failed call. A call refused because the service is unavailable or out
     * of capacity says when to come back ({@code Retry-After}), as the gateway's own refusals do:
     * the service's RetryInfo delay if it gave one, else {@value #DEFAULT_RETRY_AFTER_SECONDS} s.
     */
    static Mono<Void> write(
            ServerWebExchange exchange, StatusRuntimeException failure, HttpRoute route) {
        return write(exchange, failure, toProblem(failure, route));
    }

    /**
     * As {@link #write(ServerWebExchange, StatusRuntimeException, HttpRoute)}, with the problem
     * already made.
     */
    static Mono<Void> write(
            ServerWebExchange exchange, StatusRuntimeException failure, Problem problem) {
        Long retryAfter = retryAfterSeconds(failure);
        if (retryAfter != null) {
            exchange.getResponse()
                    .getHeaders()
                    .set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }
        return ProblemResponses.write(exchange, problem);
    }

    static final long DEFAULT_RETRY_AFTER_SECONDS = 1;

    static Long retryAfterSeconds(StatusRuntimeException failure) {
        Status.Code code = failure.getStatus().getCode();
        if (code != Status.Code.UNAVAILABLE && code != Status.Code.RESOURCE_EXHAUSTED) {
            return null;
        }
        com.google.rpc.Status details =
                StatusProto.fromStatusAndTrailers(failure.getStatus(), failure.getTrailers());
        for (Any detail : details.getDetailsList()) {
            if (detail.is(RetryInfo.class)) {
                try {
                    com.google.protobuf.Duration delay =
                            detail.unpack(RetryInfo.class).getRetryDelay();
                    long seconds = delay.getSeconds() + (delay.getNanos() > 0 ? 1 : 0);
                    return Math.max(1, Math.min(seconds, 3600));
                } catch (InvalidProtocolBufferException e) {
                    break;
                }
            }
        }
        return DEFAULT_RETRY_AFTER_SECONDS;
    }

    /**
     * A dotted field path the way services write them in messages ({@code scam_report.amount_lost},
     * {@code legs[0].to}).
     */
    private static final Pattern FIELD_PATH =
            Pattern.compile(
                    "(?<![A-Za-z0-9_.\\[])[a-z][a-z0-9_]*(?:\\[\\d+])?(?:\\.[a-z][a-z0-9_]*(?:\\[\\d+])?)*");

    /**
     * The service's message with every proto field path of the request written as {@code errors}
     * writes it (JSON names, relative to the body when the body is one field), so that a REST
     * client reads one form only. Only paths that resolve through the request's descriptors in full
     * are rewritten; other words stay as they are.
     */
    static String jsonDetail(String detail, HttpRoute route) {
        if (detail == null || route == null) {
            return detail;
        }
        Matcher matcher = FIELD_PATH.matcher(detail);
        StringBuilder out = null;
        int last = 0;
        while (matcher.find()) {
            String token = matcher.group();
            if (token.indexOf('_') < 0 && token.indexOf('.') < 0) {
                continue;
            }
            String json;
            if (resolves(token, route.rpc().requestType())) {
                json = jsonPath(token, route);
            } else if (route.bodyKind() == HttpRoute.BodyKind.FIELD
                    && route.bodyField().getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && resolves(token, route.bodyField().getMessageType())) {
                json = jsonPath(route.bodyField().getName() + "." + token, route);
            } else {
                continue;
            }
            if (json.equals(token)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(detail.length() + 16);
            }
            out.append(detail, last, matcher.start()).append(json);
            last = matcher.end();
        }
        return out == null ? detail : out.append(detail, last, detail.length()).toString();
    }

    /** Whether every segment of the path is a field, starting from this message. */
    private static boolean resolves(String protoPath, Descriptor type) {
        for (String segment : protoPath.split("\\.")) {
            FieldDescriptor field = type == null ? null : type.findFieldByName(stripIndex(segment));
            if (field == null) {
                return false;
            }
            type =
                    field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                            ? field.getMessageType()
                            : null;
        }
        return true;
    }

    /**
     * A proto field path of the request ({@code case.title}, {@code shares[0].country}) in JSON
     * names, relative to the body when the route's body is one field (the client wrote {@code
     * title}, not {@code case.title}). Segments the request type does not know are kept as they
     * are.
     */
    static String jsonPath(String protoPath, HttpRoute route) {
        if (protoPath.isEmpty()) {
            return protoPath;
        }
        String[] segments = protoPath.split("\\.");
        StringBuilder json = new StringBuilder(protoPath.length());
        Descriptor type = route.rpc().requestType();
        int first = 0;
        if (route.bodyKind() == HttpRoute.BodyKind.FIELD
                && segments.length > 1
                && stripIndex(segments[0]).equals(route.bodyField().getName())
                && route.bodyField().getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            type = route.bodyField().getMessageType();
            first = 1;
        }
        for (int i = first; i < segments.length; i++) {
            String segment = segments[i];
            String name = stripIndex(segment);
            String index = segment.substring(name.length());
            FieldDescriptor field = type == null ? null : type.findFieldByName(name);
            if (field == null && type != null) {
                field =
                        type.getFields().stream()
                                .filter(f -> f.getJsonName().equals(name))
                                .findFirst()
                                .orElse(null);
            }
            if (json.length() > 0) {
                json.append('.');
            }
            json.append(field == null ? name : field.getJsonName()).append(index);
            type =
                    field != null && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                            ? field.getMessageType()
                            : null;
        }
        return json.toString();
    }

    private static String stripIndex(String segment) {
        int bracket = segment.indexOf('[');
        return bracket < 0 ? segment : segment.substring(0, bracket);
    }
}
