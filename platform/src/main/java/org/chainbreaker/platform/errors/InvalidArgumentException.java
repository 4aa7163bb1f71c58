package org.chainbreaker.platform.errors;

import java.util.List;
import java.util.stream.Collectors;

/** The request is wrong in the named fields; nothing was changed. */
public final class InvalidArgumentException extends ChainbreakerException {

    /**
     * One wrong field, by its proto field path (e.g. {@code case.title}), and what is wrong with
     * it.
     */
    public record FieldViolation(String field, String description) {}

    private final List<FieldViolation> violations;

    public InvalidArgumentException(List<FieldViolation> violations) {
        super(
                violations.stream()
                        .map(v -> v.field() + ": " + v.description())
                        .collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException(
                    "an invalid argument needs at least one field violation");
        }
        this.violations = List.copyOf(violations);
    }

    public static InvalidArgumentException of(String field, String description) {
        return new InvalidArgumentException(List.of(new FieldViolation(field, description)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
