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
    void the_domains_order_stands_with_the_contracts_wording_then_the_contracts_other_fields() {
        var union =
                ContractFindings.union(
                        List.of(
                                new FieldViolation("handling_code", "value is required"),
                                new FieldViolation("case.summary", "too long")),
                        List.of(
                                new FieldViolation("country", "unknown"),
                                new FieldViolation("handling_code", "is required")));
        assertThat(fields(union)).containsExactly("country", "handling_code", "case.summary");
        assertThat(union.get(1).description()).isEqualTo("value is required");
    }

    @Test
    void a_list_the_domain_names_gives_way_to_the_element_the_contract_names() {
        var union =
                ContractFindings.union(
                        List.of(new FieldViolation("case.operation_tags[1]", "pattern")),
                        List.of(new FieldViolation("case.operation_tags", "bad tag")));
        assertThat(fields(union)).containsExactly("case.operation_tags[1]");
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
        assertThat(union.getFirst().description()).isEqualTo("value is required");
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
        assertThat(fields(withMore)).containsExactly("b", "a", "");
        assertThat(withMore.getLast().description()).startsWith("and 3 more");
    }
}
