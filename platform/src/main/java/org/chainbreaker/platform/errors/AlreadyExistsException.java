package org.chainbreaker.platform.errors;

/**
 * The request names something that exists already and does not match it, e.g. an idempotency key
 * the caller's country already used for a different request. Nothing was changed.
 *
 * @see org.chainbreaker.platform.records.RequestKey
 */
public final class AlreadyExistsException extends ChainbreakerException {

    private final String field;
    private final String reason;

    /**
     * @param field the request field (proto path) holding what exists already, e.g. {@code
     *     request_id}
     * @param reason a machine-readable reason for ErrorInfo, e.g. {@code REQUEST_ID_REUSED}
     * @param message what the client is told; it must name nothing the caller may not see
     */
    public AlreadyExistsException(String field, String reason, String message) {
        super(message);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
