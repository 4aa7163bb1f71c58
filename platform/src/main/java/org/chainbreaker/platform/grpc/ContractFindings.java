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
 * transaction ({@link org.chainbreaker.platform.persistence.TenantTransactions}) or a call to
 * another service ({@link CallerTokenForwarding}) asked for on its behalf is refused with these
 * violations before it starts, and {@link ContractValidation} turns whatever the service answers
 * into the one refusal.
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

    private static boolean withinNamed(String field, Set<String> named) {
        for (String outer : named) {
            if (field.equals(outer)
                    || (field.startsWith(outer)
                            && (field.charAt(outer.length()) == '.'
                                    || field.charAt(outer.length()) == '['))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the request being served breaks the contract. */
    static boolean brokenHere() {
        ContractFindings findings = KEY.get();
        return findings != null && !findings.violations.isEmpty();
    }

    /**
     * One answer for an invalid request: the contract's violations, then the domain's for fields
     * not named yet (a field is named once, and a field inside one already named, such as {@code
     * case.title} of a missing {@code case}, adds nothing), bounded as {@link
     * org.chainbreaker.platform.errors.FieldChecks} bounds its own.
     */
    static List<FieldViolation> union(List<FieldViolation> contract, List<FieldViolation> domain) {
        List<FieldViolation> union = new ArrayList<>();
        Set<String> contractFields = new HashSet<>();
        int more = 0;
        for (FieldViolation violation : contract) {
            if (violation.field().isEmpty()) {
                more += counted(violation);
            } else {
                union.add(violation);
                contractFields.add(violation.field());
            }
        }
        for (FieldViolation violation : domain) {
            if (violation.field().isEmpty()) {
                more += counted(violation);
            } else if (!withinNamed(violation.field(), contractFields)) {
                union.add(violation);
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
