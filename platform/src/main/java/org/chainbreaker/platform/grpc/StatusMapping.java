package org.chainbreaker.platform.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import org.chainbreaker.platform.errors.AlreadyExistsException;
import org.chainbreaker.platform.errors.ChainbreakerException;
import org.chainbreaker.platform.errors.EtagMismatchException;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.errors.UnavailableException;
import org.chainbreaker.platform.security.TokenRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns refusals into {@code google.rpc.Status} with details (BadRequest field violations), and
 * anything unexpected into a bare INTERNAL that reveals nothing of the server. Used by every
 * service and by the gateway.
 */
public final class StatusMapping {

    static final String DOMAIN = "chainbreaker.org";
    private static final Logger log = LoggerFactory.getLogger(StatusMapping.class);

    private StatusMapping() {}

    public static StatusException toStatusException(Throwable exception) {
        return StatusProto.toStatusException(toStatus(exception));
    }

    public static com.google.rpc.Status toStatus(Throwable exception) {
        return switch (exception) {
            case InvalidArgumentException e -> {
                BadRequest.Builder details = BadRequest.newBuilder();
                e.violations()
                        .forEach(
                                v ->
                                        details.addFieldViolations(
                                                BadRequest.FieldViolation.newBuilder()
                                                        .setField(v.field())
                                                        .setDescription(v.description())));
                yield status(Code.INVALID_ARGUMENT, e.getMessage(), Any.pack(details.build()));
            }
            case NotFoundException e -> status(Code.NOT_FOUND, e.getMessage(), null);
            case PermissionDeniedException e ->
                    status(Code.PERMISSION_DENIED, e.getMessage(), null);
            case FailedPreconditionException e ->
                    status(Code.FAILED_PRECONDITION, e.getMessage(), null);
            case EtagMismatchException e ->
                    status(Code.ABORTED, e.getMessage(), errorInfo("ETAG_MISMATCH"));
            case AlreadyExistsException e ->
                    status(
                            Code.ALREADY_EXISTS,
                            e.getMessage(),
                            Any.pack(
                                    ErrorInfo.newBuilder()
                                            .setReason(e.reason())
                                            .setDomain(DOMAIN)
                                            .putMetadata("field", e.field())
                                            .build()));
            case UnavailableException e -> status(Code.UNAVAILABLE, e.getMessage(), null);
            case org.chainbreaker.platform.errors.ResourceExhaustedException e ->
                    status(Code.RESOURCE_EXHAUSTED, e.getMessage(), null);
            case TokenRejectedException e ->
                    switch (e.reason()) {
                        case UNKNOWN_TENANT ->
                                status(
                                        Code.PERMISSION_DENIED,
                                        e.getMessage(),
                                        errorInfo(e.reason().name()));
                        case KEYS_UNAVAILABLE ->
                                status(
                                        Code.UNAVAILABLE,
                                        e.getMessage(),
                                        errorInfo(e.reason().name()));
                        default ->
                                status(
                                        Code.UNAUTHENTICATED,
                                        e.getMessage(),
                                        errorInfo(e.reason().name()));
                    };
            case ChainbreakerException e -> status(Code.FAILED_PRECONDITION, e.getMessage(), null);
            default -> {
                log.error("Unexpected failure while serving a call", exception);
                yield status(Code.INTERNAL, "internal error", null);
            }
        };
    }

    private static Any errorInfo(String reason) {
        return Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build());
    }

    private static com.google.rpc.Status status(Code code, String message, Any detail) {
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
        if (detail != null) {
            status.addDetails(detail);
        }
        return status.build();
    }
}
