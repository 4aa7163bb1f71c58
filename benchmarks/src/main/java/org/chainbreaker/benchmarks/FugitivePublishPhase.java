package org.chainbreaker.benchmarks;

import io.grpc.ManagedChannel;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.devstack.PostgresServer.DatabaseAccess;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.Operation;

/**
 * The publication phase of {@link FugitiveSearchBenchmark}: operations opened through the API, most
 * records published to them, then VACUUM ANALYZE.
 */
final class FugitivePublishPhase {

    private FugitivePublishPhase() {}

    /**
     * Two running operations are opened through the API (INTERPOL coordinates INFRA-SEAF with every
     * tenant; a regional one has the Mekong countries and one partner). Then most records are
     * published to one of them. Doing that through SubmitWantedPerson, PublishWantedPerson and
     * PublishToOperation would take three calls per record (hours for a million); the benchmark
     * measures ingest and search, so it sets the same rows the way those calls leave them, in SQL
     * as the database owner, and says so.
     */
    static void publish(
            ManagedChannel channel,
            TenantTokens tokens,
            DatabaseAccess db,
            List<String> tenants,
            int publishedPercent)
            throws SQLException {
        var coordinator =
                FugitiveServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(tokens.as("INTERPOL", "coordinator", "investigator"));
        Instant now = Instant.now();
        Operation all =
                coordinator
                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                        .createOperation(
                                CreateOperationRequest.newBuilder()
                                        .setOperation(
                                                Operation.newBuilder()
                                                        .setName("INFRA-SEAF 2026 (benchmark)")
                                                        .addAllParticipants(tenants)
                                                        .setStartTime(
                                                                FugitiveSearchBenchmark.ts(
                                                                        now.minus(
                                                                                Duration.ofDays(
                                                                                        30))))
                                                        .setEndTime(
                                                                FugitiveSearchBenchmark.ts(
                                                                        now.plus(
                                                                                Duration.ofDays(
                                                                                        365)))))
                                        .build());
        List<String> mekong =
                new ArrayList<>(List.of("INTERPOL", "KR", "TH", "VN", "KH", "LA", "MM"));
        mekong.add(tenants.getLast());
        Operation regional =
                coordinator
                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                        .createOperation(
                                CreateOperationRequest.newBuilder()
                                        .setOperation(
                                                Operation.newBuilder()
                                                        .setName("Mekong corridor (benchmark)")
                                                        .addAllParticipants(mekong)
                                                        .setStartTime(
                                                                FugitiveSearchBenchmark.ts(
                                                                        now.minus(
                                                                                Duration.ofDays(
                                                                                        30))))
                                                        .setEndTime(
                                                                FugitiveSearchBenchmark.ts(
                                                                        now.plus(
                                                                                Duration.ofDays(
                                                                                        365)))))
                                        .build());
        System.out.printf(
                "operations: %s (%d participants), %s (%s)%n",
                all.getName(),
                all.getParticipantsCount(),
                regional.getName(),
                String.join(" ", regional.getParticipantsList()));
        long t0 = System.nanoTime();
        try (Connection c =
                DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword())) {
            c.setAutoCommit(false);
            // A record's bucket (0-99) decides: below publishedPercent it is PUBLISHED; the first
            // 70% of those go to
            // INFRA-SEAF, the rest to the regional operation when its owner takes part in it.
            String bucket = "(abs(hashtext(id::text)) % 100)";
            try (PreparedStatement s =
                    c.prepareStatement(
                            "update wanted_persons set notice_status = 'PUBLISHED',"
                                    + " version = version + 2, update_time = now() where "
                                    + bucket
                                    + " < ?")) {
                s.setInt(1, publishedPercent);
                s.executeUpdate();
            }
            try (PreparedStatement s =
                    c.prepareStatement(
                            """
                    insert into operation_publications (wanted_person_id, operation_id, owner_country, publish_time)
                    select id, case when %s < ? * 0.7 or owner_country <> all(?) then ?::uuid else ?::uuid end,
                           owner_country, now()
                      from wanted_persons where notice_status = 'PUBLISHED'"""
                                    .formatted(bucket))) {
                s.setInt(1, publishedPercent);
                s.setArray(2, c.createArrayOf("text", mekong.toArray()));
                s.setString(3, all.getId());
                s.setString(4, regional.getId());
                s.executeUpdate();
            }
            c.commit();
        }
        System.out.printf(
                "published %d%% of the records to the two operations in %.1f s (SQL as the owner role; not part of the ingest rate)%n",
                publishedPercent, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * What an operator does after a bulk load: VACUUM (which also merges GIN pending lists) and
     * ANALYZE.
     */
    static void prepare(DatabaseAccess db) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c =
                        DriverManager.getConnection(
                                db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
                Statement s = c.createStatement()) {
            for (String table :
                    List.of(
                            "wanted_persons",
                            "wanted_person_name_keys",
                            "wanted_person_documents",
                            "operation_publications",
                            "operation_participants",
                            "operations",
                            "sightings")) {
                s.execute("vacuum analyze " + table);
            }
            System.out.printf("VACUUM ANALYZE in %.1f s; sizes:", (System.nanoTime() - t0) / 1e9);
            try (ResultSet rs =
                    s.executeQuery(
                            """
                    select 'wanted_persons', count(*) from wanted_persons
                    union all select 'published', count(*) from wanted_persons where notice_status = 'PUBLISHED'
                    union all select 'name keys', count(*) from wanted_person_name_keys
                    union all select 'publications', count(*) from operation_publications""")) {
                while (rs.next()) {
                    System.out.printf(" %s %d;", rs.getString(1), rs.getLong(2));
                }
            }
            System.out.println();
        }
    }
}
