package org.chainbreaker.platform.grpc;

import build.buf.protovalidate.Config;
import build.buf.protovalidate.ValidationResult;
import build.buf.protovalidate.Validator;
import build.buf.protovalidate.ValidatorFactory;
import build.buf.protovalidate.Violation;
import build.buf.protovalidate.exceptions.ValidationException;
import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.chainbreaker.platform.errors.InvalidArgumentException;

/**
 * The field rules of the contract ({@code buf.validate} annotations in proto/) checked on a request
 * message: lengths in characters, patterns, ranges, required fields, defined enum values, item
 * counts. Rules that span fields or need the database stay in the domain. One instance per process:
 * protovalidate compiles the rules of a message type once and keeps them ({@link #compile} does it
 * for the served request types at start).
 */
public final class ContractRules {

    /**
     * As {@link org.chainbreaker.platform.errors.FieldChecks}: enough to fix a request, never an
     * oversized error.
     */
    static final int MAX_REPORTED = 20;

    private final Validator validator;

    public ContractRules() {
        this.validator =
                ValidatorFactory.newBuilder()
                        .withConfig(Config.newBuilder().setEnableNativeRules(true).build())
                        .build();
    }

    /**
     * Compiles the rules of these request types now (protovalidate keeps them per type), so that no
     * call pays for it and a rule that does not compile stops the start instead of failing calls.
     */
    public void compile(Collection<? extends Message> prototypes) {
        for (Message prototype : prototypes) {
            try {
                validator.validate(prototype);
            } catch (ValidationException e) {
                throw new IllegalStateException(
                        "the contract's field rules do not compile for "
                                + prototype.getDescriptorForType().getFullName()
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }
    }

    /**
     * Throws {@link InvalidArgumentException} naming every field (by proto path) that breaks a
     * contract rule.
     */
    public void check(Message message) {
        List<InvalidArgumentException.FieldViolation> violations = violations(message);
        if (!violations.isEmpty()) {
            throw new InvalidArgumentException(violations);
        }
    }

    /**
     * Checks a request on the contract's rules and then with the domain's own checks (a translation
     * that throws {@link InvalidArgumentException}), and refuses it once, naming the fields both
     * found; the domain's result when both pass. For requests checked outside {@link
     * ContractValidation}, such as each record of a client stream.
     */
    public <T> T checkWith(Message message, Supplier<T> domainChecks) {
        List<InvalidArgumentException.FieldViolation> contract = violations(message);
        T checked;
        try {
            checked = domainChecks.get();
        } catch (InvalidArgumentException domain) {
            throw new InvalidArgumentException(
                    ContractFindings.union(contract, domain.violations()));
        }
        if (!contract.isEmpty()) {
            throw new InvalidArgumentException(contract);
        }
        return checked;
    }

    static String moreProblems(int count) {
        return "and " + count + " more problems of the same kind";
    }

    /** Every field (by proto path) that breaks a contract rule, bounded; empty when none does. */
    List<InvalidArgumentException.FieldViolation> violations(Message message) {
        ValidationResult result;
        try {
            result = validator.validate(message);
        } catch (ValidationException e) {
            throw new IllegalStateException(
                    "the contract's field rules cannot be evaluated for "
                            + message.getDescriptorForType().getFullName(),
                    e);
        }
        if (result.isSuccess()) {
            return List.of();
        }
        List<Violation> found = result.getViolations();
        List<InvalidArgumentException.FieldViolation> violations =
                new ArrayList<>(Math.min(found.size(), MAX_REPORTED + 1));
        for (int i = 0; i < found.size() && i < MAX_REPORTED; i++) {
            build.buf.validate.Violation violation = found.get(i).toProto();
            violations.add(
                    new InvalidArgumentException.FieldViolation(
                            path(violation.getField()), violation.getMessage()));
        }
        if (found.size() > MAX_REPORTED) {
            int more = found.size() - MAX_REPORTED;
            violations.add(new InvalidArgumentException.FieldViolation("", moreProblems(more)));
        }
        return violations;
    }

    /**
     * The suite's field path form: {@code case.operation_tags[3]}, {@code
     * logistics.persons[0].full_name}.
     */
    static String path(FieldPath field) {
        StringBuilder path = new StringBuilder();
        for (FieldPathElement element : field.getElementsList()) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(element.getFieldName());
            switch (element.getSubscriptCase()) {
                case INDEX -> path.append('[').append(element.getIndex()).append(']');
                case STRING_KEY -> path.append('[').append(element.getStringKey()).append(']');
                case INT_KEY -> path.append('[').append(element.getIntKey()).append(']');
                case UINT_KEY -> path.append('[').append(element.getUintKey()).append(']');
                case BOOL_KEY -> path.append('[').append(element.getBoolKey()).append(']');
                case SUBSCRIPT_NOT_SET -> {}
            }
        }
        return path.toString();
    }
}
