package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.gateway.problems.Problem;
import org.chainbreaker.gateway.problems.Problems;

/**
 * A failed call as the client sees it: the status code mapped by the standard table, the service's message
 * (unless the code hides details, or the failure arose in the gateway's own transport, whose messages name
 * hosts), BadRequest field violations as {@code errors} with field paths in JSON names, and ErrorInfo's reason.
 */
final class GrpcFailures {

    private static final Metadata.Key<byte[]> DETAILS =
            Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

    private GrpcFailures() {
    }

    static Problem toProblem(StatusRuntimeException failure, HttpRoute route) {
        Status status = failure.getStatus();
        Status.Code code = status.getCode();
        Metadata trailers = failure.getTrailers();
        boolean fromService = status.getCause() == null
                && code != Status.Code.DEADLINE_EXCEEDED && code != Status.Code.CANCELLED
                && (code != Status.Code.UNAVAILABLE || (trailers != null && trailers.containsKey(DETAILS)));
        Problem problem = fromService ? Problems.of(code, status.getDescription()) : Problems.generic(code);
        if (!fromService || Problems.hidesDetail(code)) {
            return problem;
        }
        com.google.rpc.Status details = StatusProto.fromStatusAndTrailers(status, trailers);
        List<Problem.FieldError> errors = new ArrayList<>();
        String reason = null;
        for (Any detail : details.getDetailsList()) {
            try {
                if (detail.is(BadRequest.class)) {
                    for (BadRequest.FieldViolation violation : detail.unpack(BadRequest.class).getFieldViolationsList()) {
                        errors.add(new Problem.FieldError(jsonPath(violation.getField(), route), violation.getDescription()));
                    }
                } else if (detail.is(ErrorInfo.class) && reason == null) {
                    reason = detail.unpack(ErrorInfo.class).getReason();
                }
            } catch (InvalidProtocolBufferException e) {
                // A detail that does not parse is left out; the status itself still stands.
            }
        }
        return new Problem(problem.type(), problem.title(), problem.status(), problem.detail(), problem.code(),
                errors, reason == null || reason.isEmpty() ? null : reason);
    }

    /**
     * A proto field path of the request ({@code case.title}, {@code shares[0].country}) in JSON names, relative to
     * the body when the route's body is one field (the client wrote {@code title}, not {@code case.title}).
     * Segments the request type does not know are kept as they are.
     */
    static String jsonPath(String protoPath, HttpRoute route) {
        if (protoPath.isEmpty()) {
            return protoPath;
        }
        String[] segments = protoPath.split("\\.");
        StringBuilder json = new StringBuilder(protoPath.length());
        Descriptor type = route.rpc().requestType();
        int first = 0;
        if (route.bodyKind() == HttpRoute.BodyKind.FIELD && segments.length > 1
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
                field = type.getFields().stream().filter(f -> f.getJsonName().equals(name)).findFirst().orElse(null);
            }
            if (json.length() > 0) {
                json.append('.');
            }
            json.append(field == null ? name : field.getJsonName()).append(index);
            type = field != null && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? field.getMessageType() : null;
        }
        return json.toString();
    }

    private static String stripIndex(String segment) {
        int bracket = segment.indexOf('[');
        return bracket < 0 ? segment : segment.substring(0, bracket);
    }
}
