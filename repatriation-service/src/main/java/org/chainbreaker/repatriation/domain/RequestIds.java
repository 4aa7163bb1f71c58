package org.chainbreaker.repatriation.domain;

import java.util.Optional;
import java.util.regex.Pattern;
import org.chainbreaker.platform.errors.FieldChecks;

/** A client's key for an idempotent create: a retry with the same key returns the first result. */
public final class RequestIds {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._~:-]{1,100}");

    private RequestIds() {
    }

    public static FieldChecks check(String requestId, FieldChecks checks) {
        return checks.require(requestId == null || requestId.isEmpty() || REQUEST_ID.matcher(requestId).matches(),
                "request_id", "must be 1 to 100 letters, digits or ._~:-");
    }

    public static Optional<String> of(String requestId) {
        return requestId == null || requestId.isEmpty() ? Optional.empty() : Optional.of(requestId);
    }
}
