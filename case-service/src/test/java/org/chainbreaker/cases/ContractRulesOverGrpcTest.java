package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.fieldsIn;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListScamCentresRequest;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.cases.v1.RegisterScamReportRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ScamReport;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.TransitionCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.devstack.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract's field rules (buf.validate annotations in cases.proto) refused by the platform's
 * ContractValidation: one row per kind of rule, each answering INVALID_ARGUMENT that names exactly
 * the broken field, with nothing recorded; a request also breaking the domain's own field checks is
 * refused once, naming the fields of both.
 */
class ContractRulesOverGrpcTest extends RunningCaseService {

    private final CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");

    private static Case.Builder aCase() {
        return Case.newBuilder()
                .setTitle("Romance scam ring")
                .setCategory(Case.Category.ROMANCE_SCAM);
    }

    private static ScamCentre.Builder aCentre() {
        return ScamCentre.newBuilder()
                .setName("KK Park")
                .setLocation(ScamCentre.Location.newBuilder().setCountry("MM"));
    }

    private static Identifier.Builder aPhone() {
        return Identifier.newBuilder()
                .setKind(Identifier.Kind.PHONE_NUMBER)
                .setValue("+66 81 234 5678");
    }

    private static ScamReport.Builder aReport() {
        return ScamReport.newBuilder()
                .setChannel(ScamReport.Channel.SMS)
                .setMethod(ScamReport.Method.INVESTMENT)
                .addIdentifiers(aPhone());
    }

    record Row(String rule, String field, Consumer<CaseServiceBlockingStub> call) {
        @Override
        public String toString() {
            return rule + " -> " + field;
        }
    }

    static Stream<Row> rules() {
        return Stream.of(
                new Row(
                        "max_len (characters)",
                        "case.title",
                        s ->
                                s.createCase(
                                        CreateCaseRequest.newBuilder()
                                                .setCase(aCase().setTitle("x".repeat(201)))
                                                .build())),
                new Row(
                        "max_len counts characters, not UTF-16 units",
                        "case.summary",
                        s ->
                                s.createCase(
                                        CreateCaseRequest.newBuilder()
                                                .setCase(aCase().setSummary("😀".repeat(10_001)))
                                                .build())),
                new Row(
                        "min_len",
                        "purpose",
                        s ->
                                s.matchIdentifier(
                                        MatchIdentifierRequest.newBuilder()
                                                .setIdentifier(aPhone())
                                                .setPurpose("ab")
                                                .build())),
                new Row(
                        "pattern",
                        "request_id",
                        s ->
                                s.createCase(
                                        CreateCaseRequest.newBuilder()
                                                .setCase(aCase())
                                                .setRequestId("not a key!")
                                                .build())),
                new Row(
                        "pattern on each item",
                        "case.operation_tags[1]",
                        s ->
                                s.createCase(
                                        CreateCaseRequest.newBuilder()
                                                .setCase(
                                                        aCase().addOperationTags(
                                                                        "BREAKING-THE-CHAINS")
                                                                .addOperationTags("no spaces"))
                                                .build())),
                new Row(
                        "range (maximum)",
                        "scam_centre.estimated_people_held",
                        s ->
                                s.createScamCentre(
                                        CreateScamCentreRequest.newBuilder()
                                                .setScamCentre(
                                                        aCentre().setEstimatedPeopleHeld(1_000_001))
                                                .build())),
                new Row(
                        "range (minimum)",
                        "page_size",
                        s -> s.listCases(ListCasesRequest.newBuilder().setPageSize(-1).build())),
                new Row(
                        "required message",
                        "case",
                        s -> s.createCase(CreateCaseRequest.getDefaultInstance())),
                new Row(
                        "required enum",
                        "handling_code",
                        s ->
                                s.shareCase(
                                        ShareCaseRequest.newBuilder()
                                                .setId(UUID.randomUUID().toString())
                                                .setCountry("TH")
                                                .build())),
                new Row(
                        "enum defined",
                        "case.category",
                        s ->
                                s.createCase(
                                        CreateCaseRequest.newBuilder()
                                                .setCase(aCase().setCategoryValue(99))
                                                .build())),
                new Row(
                        "enum defined and required",
                        "status",
                        s ->
                                s.transitionCase(
                                        TransitionCaseRequest.newBuilder()
                                                .setId(UUID.randomUUID().toString())
                                                .setStatusValue(42)
                                                .build())),
                new Row(
                        "min_items",
                        "scam_report.identifiers",
                        s ->
                                s.registerScamReport(
                                        RegisterScamReportRequest.newBuilder()
                                                .setScamReport(aReport().clearIdentifiers())
                                                .build())),
                new Row(
                        "max_items",
                        "case.operation_tags",
                        s ->
                                s.createCase(
                                        CreateCaseRequest.newBuilder()
                                                .setCase(
                                                        aCase().addAllOperationTags(
                                                                        Stream.iterate(
                                                                                        1,
                                                                                        i -> i + 1)
                                                                                .limit(21)
                                                                                .map(
                                                                                        i ->
                                                                                                "TAG-"
                                                                                                        + i)
                                                                                .toList()))
                                                .build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void a_request_breaking_a_contract_rule_is_refused_naming_the_field_and_changes_nothing(
            Row row) {
        int casesBefore =
                kr.listCases(ListCasesRequest.newBuilder().setPageSize(200).build())
                        .getCasesCount();
        int centresBefore =
                kr.listScamCentres(ListScamCentresRequest.newBuilder().setPageSize(200).build())
                        .getScamCentresCount();

        StatusRuntimeException refused = failure(() -> row.call().accept(kr));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused)).containsExactly(row.field());
        assertThat(refused.getStatus().getDescription()).startsWith(row.field() + ": ");
        assertThat(
                        kr.listCases(ListCasesRequest.newBuilder().setPageSize(200).build())
                                .getCasesCount())
                .isEqualTo(casesBefore);
        assertThat(
                        kr.listScamCentres(
                                        ListScamCentresRequest.newBuilder()
                                                .setPageSize(200)
                                                .build())
                                .getScamCentresCount())
                .isEqualTo(centresBefore);
    }

    /** Rows of the tables an invalid request must not touch, every country's. */
    private static List<Long> everything() {
        try (Connection superuser = PostgresServer.shared().superuserConnection("cases")) {
            ResultSet counts =
                    superuser
                            .createStatement()
                            .executeQuery(
                                    "select (select count(*) from cases), (select count(*) from"
                                            + " audit_log), (select count(*) from outbox_events)");
            counts.next();
            return List.of(counts.getLong(1), counts.getLong(2), counts.getLong(3));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_request_breaking_a_contract_rule_and_a_domain_rule_names_both_and_changes_nothing() {
        // The summary breaks the contract (max_len), the missing title the domain's rule (whether
        // a title is required depends on the field mask of an update, so the contract cannot say).
        CreateCaseRequest bad =
                CreateCaseRequest.newBuilder()
                        .setCase(aCase().setTitle("").setSummary("x".repeat(10_001)))
                        .setRequestId("both-broken-" + UUID.randomUUID())
                        .build();
        List<Long> before = everything();

        StatusRuntimeException refused = failure(() -> kr.createCase(bad));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused)).containsExactlyInAnyOrder("case.summary", "case.title");
        // No case, audit entry or event; and no idempotency record: the same request id with a
        // valid request opens a case rather than being compared with the refused one.
        assertThat(everything()).isEqualTo(before);
        Case opened =
                kr.createCase(
                        bad.toBuilder()
                                .setCase(aCase().setTitle("Fixed").setSummary("short"))
                                .build());
        assertThat(opened.getTitle()).isEqualTo("Fixed");
    }

    @Test
    void a_request_breaking_only_the_contract_is_refused_before_anything_is_written() {
        // The title and category pass the domain's checks; the summary's limit is the contract's
        // alone: the transaction that would open the case is refused before it starts.
        List<Long> before = everything();
        StatusRuntimeException refused =
                failure(
                        () ->
                                kr.createCase(
                                        CreateCaseRequest.newBuilder()
                                                .setCase(aCase().setSummary("x".repeat(10_001)))
                                                .build()));
        assertThat(fieldsIn(refused)).containsExactly("case.summary");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void the_contract_is_checked_before_any_business_rule() {
        // Without its handling code the share is refused for the request's form, before the service
        // looks the case
        // up: the same answer for a case that exists and one that does not.
        StatusRuntimeException refused =
                failure(
                        () ->
                                kr.shareCase(
                                        ShareCaseRequest.newBuilder()
                                                .setId(UUID.randomUUID().toString())
                                                .setCountry("TH")
                                                .build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused)).isEqualTo(List.of("handling_code"));
    }

    @Test
    void limits_are_counted_in_characters_so_text_at_the_limit_in_any_script_is_accepted() {
        // 200 characters outside the Basic Multilingual Plane: 400 UTF-16 units, 800 UTF-8 bytes.
        Case created =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        aCase().setTitle("𠀀".repeat(200))
                                                .setSummary("ก".repeat(10_000)))
                                .build());
        assertThat(created.getTitle()).hasSize(400);
        assertThat(
                        kr.shareCase(
                                        ShareCaseRequest.newBuilder()
                                                .setId(created.getId())
                                                .setCountry("TH")
                                                .setHandlingCode(HandlingCode.H2)
                                                .build())
                                .getSharesCount())
                .isEqualTo(1);
    }
}
