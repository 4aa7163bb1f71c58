package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;

import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.CreateTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListTechnicalAnalysesRequest;
import org.chainbreaker.cases.v1.RegisterScamReportRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ScamReport;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.chainbreaker.devstack.KeyGuardProof;
import org.chainbreaker.devstack.KeyGuardProof.KeyedCreate;
import org.junit.jupiter.api.Test;

/**
 * An idempotency key ({@code request_id}) reused with a different request is refused with
 * ALREADY_EXISTS naming the key and creates nothing, for every create of the case-service that
 * takes a key; the same key with the same request keeps answering the first record; and different
 * requests sent at the same moment with one key make exactly one record, the others being refused.
 */
class IdempotencyKeyReuseOverGrpcTest extends RunningCaseService {

    /** Rounds of concurrent different requests with one key, and requests per round. */
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();

    /**
     * A fresh stub per call: a stub's deadline runs from its creation, and the service may start
     * slowly.
     */
    private static CaseServiceBlockingStub kr() {
        return casesAs("KR", "kr-investigator", "investigator");
    }

    /**
     * One create with a key: body {@code variant} sent with {@code key} (answers the record's id),
     * and its records.
     */
    private static String marker(String rpc, int variant) {
        return "IDEM-" + RUN + "-" + rpc + "-" + variant;
    }

    @Test
    void create_case() throws Exception {
        KeyedCreate create =
                new KeyedCreate() {
                    public String create(String key, int variant) {
                        return kr().createCase(
                                        CreateCaseRequest.newBuilder()
                                                .setRequestId(key)
                                                .setCase(
                                                        Case.newBuilder()
                                                                .setTitle(marker("case", variant))
                                                                .setCategory(
                                                                        Case.Category.ONLINE_SCAM)
                                                                .setSummary("key reuse"))
                                                .build())
                                .getId();
                    }

                    public long stored(int variant) {
                        return count(
                                "select count(*) from cases where title = ?",
                                marker("case", variant));
                    }
                };
        String key = KeyGuardProof.prove("CreateCase", create);
        // An honest retry that differs only in what the server fills in or normalises still gets
        // the first case.
        String first = create.create(key, 0);
        Case retried =
                kr().createCase(
                                CreateCaseRequest.newBuilder()
                                        .setRequestId(key)
                                        .setCase(
                                                Case.newBuilder()
                                                        .setTitle("  " + marker("case", 0) + "  ")
                                                        .setCategory(Case.Category.ONLINE_SCAM)
                                                        .setSummary("key reuse")
                                                        .setId(UUID.randomUUID().toString())
                                                        .setOwnerCountry("TH")
                                                        .setEtag("W/\"7\""))
                                        .build());
        assertThat(retried.getId()).isEqualTo(first);
    }

    @Test
    void create_lead() throws Exception {
        Case c = newCase("lead");
        Case other = newCase("lead-other");
        KeyedCreate create =
                new KeyedCreate() {
                    public String create(String key, int variant) {
                        return lead(c, key, variant).getId();
                    }

                    public long stored(int variant) {
                        return count(
                                "select count(*) from case_leads where description = ?",
                                marker("lead", variant));
                    }
                };
        String key = KeyGuardProof.prove("CreateLead", create);
        // The case is part of the request: the same key and lead on another case is a different
        // request.
        StatusRuntimeException refused =
                failure(
                        () ->
                                kr().createLead(
                                                CreateLeadRequest.newBuilder()
                                                        .setCaseId(other.getId())
                                                        .setRequestId(key)
                                                        .setLead(leadBody(0))
                                                        .build()));
        KeyGuardProof.assertRefused(refused, key);
        assertThat(
                        count(
                                "select count(*) from case_leads where case_id = cast(? as uuid)",
                                other.getId()))
                .isZero();
    }

    @Test
    void register_scam_report() throws Exception {
        KeyGuardProof.prove(
                "RegisterScamReport",
                new KeyedCreate() {
                    public String create(String key, int variant) {
                        return kr().registerScamReport(
                                        RegisterScamReportRequest.newBuilder()
                                                .setRequestId(key)
                                                .setScamReport(
                                                        ScamReport.newBuilder()
                                                                .setChannel(
                                                                        ScamReport.Channel.WEBSITE)
                                                                .setMethod(
                                                                        ScamReport.Method
                                                                                .INVESTMENT)
                                                                .setNarrative(
                                                                        marker("report", variant))
                                                                .addIdentifiers(
                                                                        Identifier.newBuilder()
                                                                                .setKind(
                                                                                        Identifier
                                                                                                .Kind
                                                                                                .WEBSITE)
                                                                                .setValue(
                                                                                        "idem-"
                                                                                                + RUN
                                                                                                        .toLowerCase()
                                                                                                + "-"
                                                                                                + variant
                                                                                                + ".example.com")))
                                                .build())
                                .getId();
                    }

                    public long stored(int variant) {
                        return count(
                                "select count(*) from scam_reports where narrative = ?",
                                marker("report", variant));
                    }
                });
    }

    @Test
    void create_scam_centre() throws Exception {
        KeyGuardProof.prove(
                "CreateScamCentre",
                new KeyedCreate() {
                    public String create(String key, int variant) {
                        return kr().createScamCentre(
                                        CreateScamCentreRequest.newBuilder()
                                                .setRequestId(key)
                                                .setScamCentre(
                                                        ScamCentre.newBuilder()
                                                                .setName(marker("centre", variant))
                                                                .setLocation(
                                                                        ScamCentre.Location
                                                                                .newBuilder()
                                                                                .setCountry("MM")
                                                                                .setCity(
                                                                                        "Myawaddy"))
                                                                .setEstimatedPeopleHeld(500))
                                                .build())
                                .getId();
                    }

                    public long stored(int variant) {
                        return count(
                                "select count(*) from scam_centres where name = ?",
                                marker("centre", variant));
                    }
                });
    }

    @Test
    void create_technical_analysis() throws Exception {
        Case c = newCase("analysis");
        KeyGuardProof.prove(
                "CreateTechnicalAnalysis",
                new KeyedCreate() {
                    public String create(String key, int variant) {
                        return kr().createTechnicalAnalysis(
                                        CreateTechnicalAnalysisRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .setRequestId(key)
                                                .setTechnicalAnalysis(
                                                        TechnicalAnalysis.newBuilder()
                                                                .setKind(
                                                                        TechnicalAnalysis.Kind
                                                                                .PHISHING_KIT)
                                                                .setTitle(
                                                                        marker(
                                                                                "analysis",
                                                                                variant)))
                                                .build())
                                .getId();
                    }

                    // The title is sealed under the owner's key in the table, so the owner's own
                    // list counts.
                    public long stored(int variant) {
                        return kr()
                                .listTechnicalAnalyses(
                                        ListTechnicalAnalysesRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .build())
                                .getTechnicalAnalysesList()
                                .stream()
                                .filter(a -> a.getTitle().equals(marker("analysis", variant)))
                                .count();
                    }
                });
    }

    private Case newCase(String what) {
        return kr().createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle(marker(what, 0))
                                                .setCategory(Case.Category.ONLINE_SCAM))
                                .build());
    }

    private static Lead.Builder leadBody(int variant) {
        return Lead.newBuilder()
                .setKind(Lead.Kind.OTHER)
                .setValue("a lead")
                .setDescription(marker("lead", variant));
    }

    private Lead lead(Case c, String key, int variant) {
        return kr().createLead(
                        CreateLeadRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setRequestId(key)
                                .setLead(leadBody(variant))
                                .build());
    }

    /**
     * Counts rows as the database owner (not subject to row-level security), so nothing stored can
     * hide.
     */
    static long count(String sql, String parameter) {
        try (Connection owner =
                        DriverManager.getConnection(
                                DATABASE.jdbcUrl(),
                                DATABASE.ownerUser(),
                                DATABASE.ownerPassword());
                PreparedStatement statement = owner.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
