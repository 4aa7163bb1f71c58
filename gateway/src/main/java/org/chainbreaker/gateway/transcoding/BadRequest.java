package org.chainbreaker.gateway.transcoding;

import java.util.List;
import org.chainbreaker.gateway.problems.Problem;

/** A request the gateway refuses before calling any service: the named fields are wrong. */
final class BadRequest extends Exception {

    private final List<Problem.FieldError> errors;

    BadRequest(String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.errors = List.copyOf(errors);
    }

    static BadRequest field(String field, String description) {
        return of(List.of(new Problem.FieldError(field, description)));
    }

    static BadRequest of(List<Problem.FieldError> errors) {
        StringBuilder detail = new StringBuilder();
        for (Problem.FieldError error : errors) {
            if (!detail.isEmpty()) {
                detail.append("; ");
            }
            detail.append(error.field().isEmpty() ? "request body" : error.field())
                    .append(": ")
                    .append(error.description());
        }
        return new BadRequest(detail.toString(), errors);
    }

    List<Problem.FieldError> errors() {
        return errors;
    }
}
