package org.chainbreaker.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.chainbreaker.platform.errors.InvalidArgumentException.FieldViolation;
import org.junit.jupiter.api.Test;

/** One answer for an invalid request: the contract's violations and the domain's together. */
class ContractFindingsTest {

    private static List<String> fields(List<FieldViolation> violations) {
        return violations.stream().map(FieldViolation::field).toList();
    }

    @Test
    void the_contracts_fields_come_first_then_the_domains_each_field_named_once() {
        var union =
                ContractFindings.union(
                        List.of(new FieldViolation("case.summary", "too long")),
                        List.of(
                                new FieldViolation("case.title", "is required"),
                                new FieldViolation("case.summary", "must have at most 10000")));
        assertThat(fields(union)).containsExactly("case.summary", "case.title");
        assertThat(union.getFirst().description()).isEqualTo("too long");
    }

    @Test
    void a_field_inside_one_the_contract_names_adds_nothing() {
        var union =
                ContractFindings.union(
                        List.of(new FieldViolation("case", "value is required")),
                        List.of(
                                new FieldViolation("case.title", "is required"),
                                new FieldViolation("case_id", "is required"),
                                new FieldViolation("case[0]", "x")));
        assertThat(fields(union)).containsExactly("case", "case_id");
    }

    @Test
    void the_union_stays_bounded_and_counts_what_it_leaves_out() {
        List<FieldViolation> contract =
                IntStream.range(0, 15)
                        .mapToObj(i -> new FieldViolation("a[" + i + "]", "x"))
                        .toList();
        List<FieldViolation> domain =
                IntStream.range(0, 15)
                        .mapToObj(i -> new FieldViolation("b[" + i + "]", "y"))
                        .toList();
        var union = ContractFindings.union(contract, domain);
        assertThat(union).hasSize(ContractRules.MAX_REPORTED + 1);
        assertThat(union.getLast())
                .isEqualTo(new FieldViolation("", "and 10 more problems of the same kind"));
        var withMore =
                ContractFindings.union(
                        List.of(
                                new FieldViolation("a", "x"),
                                new FieldViolation("", "and 3 more problems of the same kind")),
                        List.of(new FieldViolation("b", "y")));
        assertThat(fields(withMore)).containsExactly("a", "b", "");
        assertThat(withMore.getLast().description()).startsWith("and 3 more");
    }
}
