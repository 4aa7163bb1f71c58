package org.chainbreaker.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.IdentityDocument;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/**
 * The contract's field rules as the services check them: paths in the suite's form, counted
 * reports, cost.
 */
class ContractRulesTest {

    private static final ContractRules RULES = new ContractRules();

    private static WantedPerson.Builder aWantedPerson() {
        return WantedPerson.newBuilder()
                .setPrimaryName(PersonName.newBuilder().setValue("김민수").setScript("Hang"))
                .addAliases(PersonName.newBuilder().setValue("Kim Min-su").setScript("Latn"))
                .addNationalities("KR")
                .addDocuments(
                        IdentityDocument.newBuilder()
                                .setType(IdentityDocument.Type.PASSPORT)
                                .setNumber("M12345678"))
                .addCharges("Fraud (Criminal Act art. 347)")
                .addCharges("Organised crime")
                .setWarrant(
                        Warrant.newBuilder()
                                .setReference("2026-GO-1234")
                                .setIssuingAuthority("Seoul Central District Court"));
    }

    private static List<InvalidArgumentException.FieldViolation> violations(
            com.google.protobuf.Message message) {
        try {
            RULES.check(message);
            return List.of();
        } catch (InvalidArgumentException e) {
            return e.violations();
        }
    }

    @Test
    void fields_are_named_by_proto_path_with_the_index_of_a_repeated_element() {
        var request =
                CreateWantedPersonRequest.newBuilder()
                        .setWantedPerson(
                                aWantedPerson()
                                        .setCharges(1, "x".repeat(201))
                                        .setAliases(
                                                0,
                                                PersonName.newBuilder().setValue("y".repeat(201))))
                        .build();
        assertThat(violations(request))
                .extracting(InvalidArgumentException.FieldViolation::field)
                .containsExactlyInAnyOrder(
                        "wanted_person.charges[1]", "wanted_person.aliases[0].value");
    }

    @Test
    void a_valid_request_passes() {
        RULES.check(
                CreateWantedPersonRequest.newBuilder()
                        .setWantedPerson(aWantedPerson())
                        .setRequestId("portal-1")
                        .build());
    }

    @Test
    void thousands_of_bad_elements_make_a_bounded_report() {
        var person = aWantedPerson();
        for (int i = 0; i < 5_000; i++) {
            person.addIdentifyingMarks("z".repeat(201));
        }
        assertThatThrownBy(
                        () ->
                                RULES.check(
                                        CreateWantedPersonRequest.newBuilder()
                                                .setWantedPerson(person)
                                                .build()))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> {
                            assertThat(e.violations()).hasSize(ContractRules.MAX_REPORTED + 1);
                            assertThat(e.violations().getLast().description()).startsWith("and ");
                        });
    }

    /**
     * The CPU a check costs per call once its rules are compiled (what every call to a service
     * pays), measured as thread CPU time over many calls after a warm-up. Printed for docs/; the
     * bound only catches a gross regression (e.g. the rules recompiled per call).
     */
    @Test
    void a_check_costs_a_few_microseconds_of_cpu() {
        var wanted =
                CreateWantedPersonRequest.newBuilder()
                        .setWantedPerson(aWantedPerson())
                        .setRequestId("portal-1")
                        .build();
        var aCase =
                CreateCaseRequest.newBuilder()
                        .setCase(
                                Case.newBuilder()
                                        .setTitle("Romance scam ring")
                                        .setCategory(Case.Category.ROMANCE_SCAM)
                                        .setSummary("s".repeat(2_000))
                                        .addOperationTags("BREAKING-THE-CHAINS"))
                        .build();
        var threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 5_000; i++) {
            RULES.check(wanted);
            RULES.check(aCase);
        }
        int calls = 20_000;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            RULES.check(wanted);
        }
        long wantedNanos = (threads.getCurrentThreadCpuTime() - start) / calls;
        start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            RULES.check(aCase);
        }
        long caseNanos = (threads.getCurrentThreadCpuTime() - start) / calls;
        System.out.printf(
                "ContractRules CPU per check: CreateWantedPersonRequest %.1f us, CreateCaseRequest %.1f us%n",
                wantedNanos / 1000.0, caseNanos / 1000.0);
        assertThat(wantedNanos).isLessThan(500_000);
        assertThat(caseNanos).isLessThan(500_000);
    }
}
