package org.chainbreaker.platform.records;

import java.util.Optional;
import java.util.regex.Pattern;
import org.chainbreaker.platform.errors.FieldChecks;

/** A client's key for an idempotent create: a retry with the same key returns the first result. */
public final class RequestIds {

    /**
     * The form of a request id (and of the gateway's Idempotency-Key header, which becomes one).
     */
    public static final Pattern FORM = Pattern.compile("[A-Za-z0-9._~:-]{1,100}");

    private RequestIds() {}

    public static FieldChecks check(String requestId, FieldChecks checks) {
        return checks.require(
                requestId == null || requestId.isEmpty() || FORM.matcher(requestId).matches(),
                "request_id",
                "must be 1 to 100 letters, digits or ._~:-");
    }

    public static Optional<String> of(String requestId) {
        return requestId == null || requestId.isEmpty() ? Optional.empty() : Optional.of(requestId);
    }
}
