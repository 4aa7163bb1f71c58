package org.chainbreaker.platform.errors;

import java.util.ArrayList;
import java.util.List;

/** Collects every field violation of a request before refusing it, so the client can fix all at once. */
public final class FieldChecks {

    private final List<InvalidArgumentException.FieldViolation> violations = new ArrayList<>();

    public FieldChecks require(boolean condition, String field, String description) {
        if (!condition) {
            violations.add(new InvalidArgumentException.FieldViolation(field, description));
        }
        return this;
    }

    /** Text that is present, within length, and free of control characters. */
    public FieldChecks text(String value, String field, int min, int max) {
        if (value == null || value.strip().length() < min) {
            violations.add(new InvalidArgumentException.FieldViolation(field, min <= 1 ? "is required" : "must have at least " + min + " characters"));
        } else if (value.codePointCount(0, value.length()) > max) {
            violations.add(new InvalidArgumentException.FieldViolation(field, "must have at most " + max + " characters"));
        } else if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            violations.add(new InvalidArgumentException.FieldViolation(field, "must not contain control characters"));
        }
        return this;
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
            throw new InvalidArgumentException(violations);
        }
    }
}
