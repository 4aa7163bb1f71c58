package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.CreateTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.RegisterScamReportRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ScamReport;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An idempotency key ({@code request_id}) reused with a different request is refused with ALREADY_EXISTS naming the
 * key and creates nothing, for every create of the case-service that takes a key; the same key with the same request
 * keeps answering the first record; and different requests sent at the same moment with one key make exactly one
 * record, the others being refused.
 */
class IdempotencyKeyReuseOverGrpcTest extends RunningCaseService {

    /** Rounds of concurrent different requests with one key, and requests per round. */
    static final int ROUNDS = 10;
    static final int AT_ONCE = 8;
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    static final ExecutorService POOL = Executors.newFixedThreadPool(AT_ONCE);

    /** A fresh stub per call: a stub's deadline runs from its creation, and the service may start slowly. */
    private static CaseServiceBlockingStub kr() {
        return casesAs("KR", "kr-investigator", "investigator");
    }

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    /** One create with a key: body {@code variant} sent with {@code key} (answers the record's id), and its records. */
    interface KeyedCreate {
        String create(String key, int variant);

        /** How many stored records carry the content of body {@code variant}. */
        long stored(int variant);
    }

    private static String marker(String rpc, int variant) {
        return "IDEM-" + RUN + "-" + rpc + "-" + variant;
    }

    @Test
    void create_case() throws Exception {
        KeyedCreate create = new KeyedCreate() {
            public String create(String key, int variant) {
                return kr().createCase(CreateCaseRequest.newBuilder().setRequestId(key).setCase(Case.newBuilder()
                        .setTitle(marker("case", variant)).setCategory(Case.Category.ONLINE_SCAM)
                        .setSummary("key reuse")).build()).getId();
            }

            public long stored(int variant) {
                return count("select count(*) from cases where title = ?", marker("case", variant));
            }
        };
        String key = proveKeyGuarded("CreateCase", create);
        // An honest retry that differs only in what the server fills in or normalises still gets the first case.
        String first = create.create(key, 0);
        Case retried = kr().createCase(CreateCaseRequest.newBuilder().setRequestId(key).setCase(Case.newBuilder()
                .setTitle("  " + marker("case", 0) + "  ").setCategory(Case.Category.ONLINE_SCAM).setSummary("key reuse")
                .setId(UUID.randomUUID().toString()).setOwnerCountry("TH").setEtag("W/\"7\"")).build());
        assertThat(retried.getId()).isEqualTo(first);
    }

    @Test
    void create_lead() throws Exception {
        Case c = newCase("lead");
        Case other = newCase("lead-other");
        KeyedCreate create = new KeyedCreate() {
            public String create(String key, int variant) {
                return lead(c, key, variant).getId();
            }

            public long stored(int variant) {
                return count("select count(*) from case_leads where description = ?", marker("lead", variant));
            }
        };
        String key = proveKeyGuarded("CreateLead", create);
        // The case is part of the request: the same key and lead on another case is a different request.
        StatusRuntimeException refused = failure(() -> kr().createLead(CreateLeadRequest.newBuilder()
                .setCaseId(other.getId()).setRequestId(key).setLead(leadBody(0)).build()));
        assertRefused(refused, key);
        assertThat(count("select count(*) from case_leads where case_id = cast(? as uuid)", other.getId())).isZero();
    }

    @Test
    void register_scam_report() throws Exception {
        proveKeyGuarded("RegisterScamReport", new KeyedCreate() {
            public String create(String key, int variant) {
                return kr().registerScamReport(RegisterScamReportRequest.newBuilder().setRequestId(key)
                        .setScamReport(ScamReport.newBuilder().setChannel(ScamReport.Channel.WEBSITE)
                                .setMethod(ScamReport.Method.INVESTMENT).setNarrative(marker("report", variant))
                                .addIdentifiers(Identifier.newBuilder().setKind(Identifier.Kind.WEBSITE)
                                        .setValue("idem-" + RUN.toLowerCase() + "-" + variant + ".example.com")))
                        .build()).getId();
            }

            public long stored(int variant) {
                return count("select count(*) from scam_reports where narrative = ?", marker("report", variant));
            }
        });
    }

    @Test
    void create_scam_centre() throws Exception {
        proveKeyGuarded("CreateScamCentre", new KeyedCreate() {
            public String create(String key, int variant) {
                return kr().createScamCentre(CreateScamCentreRequest.newBuilder().setRequestId(key)
                        .setScamCentre(ScamCentre.newBuilder().setName(marker("centre", variant))
                                .setLocation(ScamCentre.Location.newBuilder().setCountry("MM").setCity("Myawaddy"))
                                .setEstimatedPeopleHeld(500)).build()).getId();
            }

            public long stored(int variant) {
                return count("select count(*) from scam_centres where name = ?", marker("centre", variant));
            }
        });
    }

    @Test
    void create_technical_analysis() throws Exception {
        Case c = newCase("analysis");
        proveKeyGuarded("CreateTechnicalAnalysis", new KeyedCreate() {
            public String create(String key, int variant) {
                return kr().createTechnicalAnalysis(CreateTechnicalAnalysisRequest.newBuilder().setCaseId(c.getId())
                        .setRequestId(key).setTechnicalAnalysis(TechnicalAnalysis.newBuilder()
                                .setKind(TechnicalAnalysis.Kind.PHISHING_KIT).setTitle(marker("analysis", variant)))
                        .build()).getId();
            }

            public long stored(int variant) {
                return count("select count(*) from case_analyses where title = ?", marker("analysis", variant));
            }
        });
    }

    /**
     * The three rules for one create: the same key and body answer the first record; the same key with another body
     * is refused and stores nothing; {@value #ROUNDS} rounds of {@value #AT_ONCE} different bodies sent at once with
     * one key make exactly one record per round. Returns the key of the first record (body 0).
     */
    static String proveKeyGuarded(String rpc, KeyedCreate create) throws Exception {
        String key = rpc + "-" + UUID.randomUUID();
        String first = create.create(key, 0);
        assertThat(create.create(key, 0)).as("%s retried with the same key and body", rpc).isEqualTo(first);

        StatusRuntimeException refused = failure(() -> create.create(key, 1));
        assertRefused(refused, key);
        assertThat(create.stored(1)).as("%s records of the refused body", rpc).isZero();
        assertThat(create.stored(0)).as("%s records of the first body", rpc).isEqualTo(1);
        assertThat(create.create(key, 0)).as("%s retried after the refusal", rpc).isEqualTo(first);

        AtomicInteger variants = new AtomicInteger(1_000);
        for (int round = 0; round < ROUNDS; round++) {
            String shared = rpc + "-race-" + UUID.randomUUID();
            CountDownLatch go = new CountDownLatch(1);
            List<Integer> bodies = new ArrayList<>();
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                int variant = variants.getAndIncrement();
                bodies.add(variant);
                answers.add(POOL.submit(() -> {
                    go.await();
                    try {
                        return create.create(shared, variant);
                    } catch (StatusRuntimeException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            int created = 0;
            for (int i = 0; i < AT_ONCE; i++) {
                Object answer = answers.get(i).get();
                if (answer instanceof StatusRuntimeException e) {
                    assertRefused(e, shared);
                    assertThat(create.stored(bodies.get(i))).as("%s round %d: records of a refused body", rpc, round).isZero();
                } else {
                    created++;
                    assertThat(create.stored(bodies.get(i))).as("%s round %d: records of the accepted body", rpc, round)
                            .isEqualTo(1);
                }
            }
            assertThat(created).as("%s round %d: %d different bodies at once with one key", rpc, round, AT_ONCE)
                    .isEqualTo(1);
        }
        return key;
    }

    static void assertRefused(StatusRuntimeException refused, String key) {
        assertThat(refused.getStatus().getCode()).as("refusal of key %s: %s", key, refused.getStatus())
                .isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(refused.getStatus().getDescription()).contains("request_id \"" + key + "\"");
    }

    private Case newCase(String what) {
        return kr().createCase(CreateCaseRequest.newBuilder().setCase(Case.newBuilder().setTitle(marker(what, 0))
                .setCategory(Case.Category.ONLINE_SCAM)).build());
    }

    private static Lead.Builder leadBody(int variant) {
        return Lead.newBuilder().setKind(Lead.Kind.OTHER).setValue("a lead").setDescription(marker("lead", variant));
    }

    private Lead lead(Case c, String key, int variant) {
        return kr().createLead(CreateLeadRequest.newBuilder().setCaseId(c.getId()).setRequestId(key)
                .setLead(leadBody(variant)).build());
    }

    /** Counts rows as the database owner (not subject to row-level security), so nothing stored can hide. */
    static long count(String sql, String parameter) {
        try (Connection owner = DriverManager.getConnection(DATABASE.jdbcUrl(), DATABASE.ownerUser(),
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
