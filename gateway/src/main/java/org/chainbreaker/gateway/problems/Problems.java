package org.chainbreaker.gateway.problems;

import io.grpc.Status;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The standard google.rpc.Code to HTTP table (as Google's APIs, grpc-gateway and Envoy use it) and
 * the problems the gateway itself answers with. Problem types are {@code
 * https://chainbreaker.org/problems/<code-in-kebab-case>}.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://chainbreaker.org/problems/";

    private record Kind(int httpStatus, String title, String genericDetail) {}

    private static final Map<Status.Code, Kind> KINDS = new EnumMap<>(Status.Code.class);

    static {
        KINDS.put(Status.Code.OK, new Kind(200, "OK", "the request succeeded"));
        KINDS.put(
                Status.Code.CANCELLED,
                new Kind(499, "Request cancelled", "the request was cancelled"));
        KINDS.put(
                Status.Code.UNKNOWN,
                new Kind(
                        500, "Internal error", "the request could not be served; try again later"));
        KINDS.put(
                Status.Code.INVALID_ARGUMENT,
                new Kind(400, "Invalid argument", "the request is not valid"));
        KINDS.put(
                Status.Code.DEADLINE_EXCEEDED,
                new Kind(504, "Deadline exceeded", "the service did not answer in time"));
        KINDS.put(Status.Code.NOT_FOUND, new Kind(404, "Not found", "the resource does not exist"));
        KINDS.put(
                Status.Code.ALREADY_EXISTS,
                new Kind(409, "Already exists", "the resource exists already"));
        KINDS.put(
                Status.Code.PERMISSION_DENIED,
                new Kind(403, "Permission denied", "the caller may not do this"));
        KINDS.put(
                Status.Code.UNAUTHENTICATED,
                new Kind(401, "Unauthenticated", "a valid bearer token is required"));
        KINDS.put(
                Status.Code.RESOURCE_EXHAUSTED,
                new Kind(429, "Too many requests", "a limit was reached; try again later"));
        KINDS.put(
                Status.Code.FAILED_PRECONDITION,
                new Kind(
                        400,
                        "Failed precondition",
                        "the resource is not in a state that allows this"));
        KINDS.put(
                Status.Code.ABORTED,
                new Kind(
                        409,
                        "Aborted",
                        "the request conflicted with another change; read again and retry"));
        KINDS.put(
                Status.Code.OUT_OF_RANGE, new Kind(400, "Out of range", "a value is out of range"));
        KINDS.put(
                Status.Code.UNIMPLEMENTED,
                new Kind(501, "Not implemented", "this operation is not implemented"));
        KINDS.put(
                Status.Code.INTERNAL,
                new Kind(
                        500, "Internal error", "the request could not be served; try again later"));
        KINDS.put(
                Status.Code.UNAVAILABLE,
                new Kind(
                        503,
                        "Service unavailable",
                        "the service is unavailable; try again shortly"));
        KINDS.put(
                Status.Code.DATA_LOSS,
                new Kind(
                        500, "Internal error", "the request could not be served; try again later"));
    }

    private Problems() {}

    /** The HTTP status for a gRPC status code. */
    public static int httpStatus(Status.Code code) {
        return KINDS.get(code).httpStatus();
    }

    /** Codes whose message may reveal internals: the client gets a generic detail instead. */
    public static boolean hidesDetail(Status.Code code) {
        return code == Status.Code.INTERNAL
                || code == Status.Code.UNKNOWN
                || code == Status.Code.DATA_LOSS;
    }

    public static String type(Status.Code code) {
        return TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The problem for a gRPC code, with this detail (or the code's generic detail when it hides
     * details).
     */
    public static Problem of(Status.Code code, String detail) {
        Kind kind = KINDS.get(code);
        String shown =
                detail == null || detail.isBlank() || hidesDetail(code)
                        ? kind.genericDetail()
                        : detail;
        return new Problem(
                type(code), kind.title(), kind.httpStatus(), shown, code.name(), List.of(), null);
    }

    /** The generic problem for a gRPC code. */
    public static Problem generic(Status.Code code) {
        return of(code, null);
    }

    public static Problem invalidArgument(String detail, List<Problem.FieldError> errors) {
        return of(Status.Code.INVALID_ARGUMENT, detail).withErrors(errors);
    }

    public static Problem notFound() {
        return of(Status.Code.NOT_FOUND, "no resource is served at this path");
    }

    public static Problem methodNotAllowed() {
        return new Problem(
                TYPE_BASE + "method-not-allowed",
                "Method not allowed",
                405,
                "the resource does not support this HTTP method",
                Status.Code.UNIMPLEMENTED.name(),
                List.of(),
                null);
    }

    public static Problem payloadTooLarge() {
        return new Problem(
                TYPE_BASE + "payload-too-large",
                "Payload too large",
                413,
                "the request body is too large",
                Status.Code.RESOURCE_EXHAUSTED.name(),
                List.of(),
                null);
    }

    public static Problem unsupportedMediaType() {
        return new Problem(
                TYPE_BASE + "unsupported-media-type",
                "Unsupported media type",
                415,
                "the request body must be application/json",
                Status.Code.INVALID_ARGUMENT.name(),
                List.of(),
                null);
    }

    /** The client's Accept names no form the operation can answer in. */
    public static Problem notAcceptable(String detail) {
        return new Problem(
                TYPE_BASE + "not-acceptable",
                "Not acceptable",
                406,
                detail,
                Status.Code.INVALID_ARGUMENT.name(),
                List.of(),
                null);
    }

    /** For an HTTP status the framework produced (no gRPC code at hand): the nearest code. */
    public static Problem forHttpStatus(int status) {
        return switch (status) {
            case 404 -> notFound();
            case 405 -> methodNotAllowed();
            case 413 -> payloadTooLarge();
            case 415 -> unsupportedMediaType();
            case 400 -> generic(Status.Code.INVALID_ARGUMENT);
            case 401 -> generic(Status.Code.UNAUTHENTICATED);
            case 403 -> generic(Status.Code.PERMISSION_DENIED);
            case 409 -> generic(Status.Code.ABORTED);
            case 429 -> generic(Status.Code.RESOURCE_EXHAUSTED);
            case 501 -> generic(Status.Code.UNIMPLEMENTED);
            case 503 -> generic(Status.Code.UNAVAILABLE);
            case 504 -> generic(Status.Code.DEADLINE_EXCEEDED);
            default ->
                    status >= 500
                            ? generic(Status.Code.INTERNAL)
                            : new Problem(
                                    "about:blank",
                                    "Bad request",
                                    status,
                                    "the request was not served",
                                    Status.Code.INVALID_ARGUMENT.name(),
                                    List.of(),
                                    null);
        };
    }
}
