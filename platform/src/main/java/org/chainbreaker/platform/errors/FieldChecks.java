package org.chainbreaker.platform.errors;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every field violation of a request before refusing it, so the client can fix all at
 * once.
 */
public final class FieldChecks {

    /**
     * At most this many violations are reported one by one: a request with thousands of bad
     * elements must not produce an error too large to send (gRPC trailers are limited), nor cost
     * more to describe than to refuse.
     */
    static final int MAX_REPORTED = 20;

    private final List<InvalidArgumentException.FieldViolation> violations = new ArrayList<>();
    private int more;

    public FieldChecks require(boolean condition, String field, String description) {
        if (!condition) {
            add(field, description);
        }
        return this;
    }

    private void add(String field, String description) {
        if (violations.size() < MAX_REPORTED) {
            violations.add(new InvalidArgumentException.FieldViolation(field, description));
        } else {
            more++;
        }
    }

    /** Text that is present, within length, and free of control characters. */
    public FieldChecks text(String value, String field, int min, int max) {
        if (value == null || value.strip().length() < min) {
            add(field, min <= 1 ? "is required" : "must have at least " + min + " characters");
        } else if (value.codePointCount(0, value.length()) > max) {
            add(field, "must have at most " + max + " characters");
        } else if (value.codePoints()
                .anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            add(field, "must not contain control characters");
        }
        return this;
    }

    /**
     * Text that is present (at least {@code min} characters besides surrounding white space) and
     * free of control characters, where the contract (buf.validate in proto/) states the length
     * limit: the service checks that before the domain runs, see {@code ContractValidation}.
     */
    public FieldChecks text(String value, String field, int min) {
        return text(value, field, min, Integer.MAX_VALUE);
    }

    /** Optional text free of control characters, its length limit stated by the contract. */
    public FieldChecks optionalText(String value, String field) {
        return optionalText(value, field, Integer.MAX_VALUE);
    }

    /** Optional text: empty is fine, otherwise as {@link #text}. */
    public FieldChecks optionalText(String value, String field, int max) {
        if (value != null && !value.isEmpty()) {
            text(value, field, 0, max);
        }
        return this;
    }

    public void throwIfAny() {
        if (!violations.isEmpty()) {
            List<InvalidArgumentException.FieldViolation> reported = new ArrayList<>(violations);
            if (more > 0) {
                reported.add(
                        new InvalidArgumentException.FieldViolation(
                                "", "and " + more + " more problems of the same kind"));
            }
            throw new InvalidArgumentException(reported);
        }
    }
}
