package org.chainbreaker.platform.grpc;

import io.grpc.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.InvalidArgumentException.FieldViolation;

/**
 * The contract's field violations of the request being served, carried in the call's {@link
 * Context} from {@link ContractValidation} to the point where the service's own field checks have
 * run. A request that breaks the contract still reaches the service's translation and domain
 * checks, so that one INVALID_ARGUMENT names every wrong field; it never takes effect: a database
 * transaction ({@link org.chainbreaker.platform.persistence.TenantTransactions}) run on its behalf
 * ends with these violations instead of committing, a call to another service ({@link
 * CallerTokenForwarding}) does not leave, and {@link ContractValidation} turns whatever the service
 * answers into the one refusal.
 */
public final class ContractFindings {

    static final Context.Key<ContractFindings> KEY = Context.key("chainbreaker-contract-findings");

    private static final Pattern MORE = Pattern.compile("and (\\d+) more problems");

    private volatile List<FieldViolation> violations = List.of();

    ContractFindings() {}

    void found(List<FieldViolation> found) {
        this.violations = List.copyOf(found);
    }

    List<FieldViolation> violations() {
        return violations;
    }

    /**
     * Refuses work that would take effect for a request breaking the contract: throws its contract
     * violations (the caller's answer merges them with the domain's, see {@link
     * ContractValidation}). Does nothing outside a served call or for a valid request.
     */
    public static void refuseIfBroken() {
        ContractFindings findings = KEY.get();
        if (findings != null && !findings.violations.isEmpty()) {
            throw new InvalidArgumentException(findings.violations);
        }
    }

    private static int counted(FieldViolation more) {
        Matcher count = MORE.matcher(more.description());
        return count.find() ? Integer.parseInt(count.group(1)) : 1;
    }

    /** The same field, one inside the other, or one containing the other. */
    private static boolean related(String field, String other) {
        return nested(field, other) || nested(other, field);
    }

    private static boolean nested(String inner, String outer) {
        return inner.equals(outer)
                || (inner.startsWith(outer)
                        && (inner.charAt(outer.length()) == '.'
                                || inner.charAt(outer.length()) == '['));
    }

    /** Whether the request being served breaks the contract. */
    static boolean brokenHere() {
        ContractFindings findings = KEY.get();
        return findings != null && !findings.violations.isEmpty();
    }

    /**
     * One answer for an invalid request, naming each wrong field once: in the domain's order (the
     * order its checks have always reported), where a domain violation concerns a field the
     * contract names (the same field, one inside it such as {@code case.title} of a missing {@code
     * case}, or one around it such as {@code case.operation_tags} of a bad {@code
     * case.operation_tags[1]}) the contract's violation stands in its place; then the contract's
     * remaining violations. Bounded as {@link org.chainbreaker.platform.errors.FieldChecks} bounds
     * its own.
     */
    static List<FieldViolation> union(List<FieldViolation> contract, List<FieldViolation> domain) {
        List<FieldViolation> union = new ArrayList<>();
        List<FieldViolation> named = new ArrayList<>();
        int more = 0;
        for (FieldViolation violation : contract) {
            if (violation.field().isEmpty()) {
                more += counted(violation);
            } else {
                named.add(violation);
            }
        }
        Set<FieldViolation> placed = new HashSet<>();
        for (FieldViolation violation : domain) {
            if (violation.field().isEmpty()) {
                more += counted(violation);
                continue;
            }
            boolean replaced = false;
            for (FieldViolation rule : named) {
                if (related(violation.field(), rule.field())) {
                    replaced = true;
                    if (placed.add(rule)) {
                        union.add(rule);
                    }
                }
            }
            if (!replaced) {
                union.add(violation);
            }
        }
        for (FieldViolation rule : named) {
            if (placed.add(rule)) {
                union.add(rule);
            }
        }
        if (union.size() > ContractRules.MAX_REPORTED) {
            more += union.size() - ContractRules.MAX_REPORTED;
            union = new ArrayList<>(union.subList(0, ContractRules.MAX_REPORTED));
        }
        if (more > 0) {
            union.add(new FieldViolation("", ContractRules.moreProblems(more)));
        }
        return union;
    }
}
