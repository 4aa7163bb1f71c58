package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.chainbreaker.devstack.DatabaseAttackSuite;
import org.chainbreaker.devstack.DatabaseBackstop;
import org.chainbreaker.devstack.GrantedAttacker;
import org.chainbreaker.fugitives.v1.Arrest;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fugitive-service's database attacked alone, as its application role with the session set to a
 * country that owns nothing (devstack's {@link DatabaseBackstop}: every table, policy and function
 * read from the catalog). The rows attacked are seeded through the service by PH (owner,
 * coordinator) and ID (participant, sighting, arrest, identity check).
 */
class DatabaseAttackTest extends RunningFugitiveService implements DatabaseAttackSuite {

    private static final DatabaseBackstop BACKSTOP = DatabaseBackstop.of(DATABASE);
    private static boolean seeded;

    @BeforeEach
    void seedOnce() {
        // The first calls of a freshly started service may exceed their deadline on a loaded
        // machine: seed again.
        for (int attempt = 1; !seeded; attempt++) {
            try {
                seed();
            } catch (io.grpc.StatusRuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @Override
    public java.util.Map<String, String> unseeded() {
        return java.util.Map.of(
                "audit_checkpoints",
                "the fugitive-service holds no key store, so it signs no audit checkpoints (only the"
                        + " case- and repatriation-services do)");
    }

    @org.junit.jupiter.api.AfterAll
    static void report() throws SQLException {
        System.out.println("DatabaseAttackTest " + BACKSTOP.coverage());
    }

    /**
     * A country taking part in an operation (ID in PH's) cannot exceed that grant by direct SQL: it
     * adds no participant, changes neither the operation nor its publications, publishes none of
     * PH's other records to it, changes none of PH's records, and reports no sighting placed in
     * another country.
     */
    @Test
    void a_participant_cannot_exceed_its_participation_by_direct_sql() throws SQLException {
        FugitiveServiceBlockingStub ph = coordinator("PH");
        WantedPerson shown = published(ph, person("Participation Attack Shown", 1983, 2, 3));
        WantedPerson hidden = published(ph, person("Participation Attack Hidden", 1984, 5, 6));
        Operation op =
                operation(
                        ph,
                        Instant.now().minusSeconds(3600),
                        Instant.now().plusSeconds(86_400),
                        "ID");
        ph.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(shown.getId())
                        .setOperationId(op.getId())
                        .build());
        String o = op.getId();
        assertThat(
                        GrantedAttacker.exceeded(
                                DATABASE,
                                "ID",
                                List.of(
                                        "insert into operation_participants (operation_id, coordinator_country, country, join_time)"
                                                + " values ('"
                                                + o
                                                + "', 'PH', 'MY', now())",
                                        "update operation_participants set country = 'MY' where operation_id = '"
                                                + o
                                                + "'",
                                        "update operations set end_time = end_time + interval '1 year', coordinator_country = 'ID'"
                                                + " where id = '"
                                                + o
                                                + "'",
                                        "insert into operation_publications (wanted_person_id, operation_id, owner_country, publish_time)"
                                                + " values ('"
                                                + hidden.getId()
                                                + "', '"
                                                + o
                                                + "', 'PH', now())",
                                        "delete from operation_publications where operation_id = '"
                                                + o
                                                + "'",
                                        "update wanted_persons set primary_name = 'changed by ID' where id = '"
                                                + shown.getId()
                                                + "'",
                                        "insert into sightings (id, wanted_person_id, owner_country, country, seen_country, reporter_country,"
                                                + " place, seen_time, confidence, source, report_time) values (gen_random_uuid(), '"
                                                + shown.getId()
                                                + "', 'PH', null, 'MY', 'ID', 'Kuala Lumpur', now(), 'PROBABLE', 'x', now())",
                                        "insert into sightings (id, wanted_person_id, owner_country, country, seen_country, reporter_country,"
                                                + " place, seen_time, confidence, source, report_time) values (gen_random_uuid(), '"
                                                + shown.getId()
                                                + "', 'PH', 'MY', 'ID', 'ID', 'Batam', now(), 'PROBABLE', 'x', now())")))
                .isEmpty();
    }

    @Override
    public DatabaseBackstop backstop() {
        return BACKSTOP;
    }

    private static void seed() {
        FugitiveServiceBlockingStub ph = coordinator("PH");
        FugitiveServiceBlockingStub id = investigator("ID");
        WantedPerson published = published(ph, person("Seeded Backstop Fugitive", 1981, 4, 12));
        WantedPerson draft = record(ph, person("Seeded Backstop Draft", 1979, 0, 0));
        WantedPerson cancelled = record(ph, person("Seeded Backstop Cancelled", 1975, 0, 0));
        ph.cancelWantedPerson(
                CancelWantedPersonRequest.newBuilder()
                        .setId(cancelled.getId())
                        .setReason("seeded")
                        .build());
        Operation op =
                operation(
                        ph,
                        Instant.now().minusSeconds(3600),
                        Instant.now().plusSeconds(86_400),
                        "ID");
        ph.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(published.getId())
                        .setOperationId(op.getId())
                        .build());
        ph.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(draft.getId())
                        .setOperationId(op.getId())
                        .build());
        id.reportSighting(
                ReportSightingRequest.newBuilder()
                        .setWantedPersonId(published.getId())
                        .setSighting(
                                Sighting.newBuilder()
                                        .setCountry("ID")
                                        .setPlace("Batam")
                                        .setSource("informant")
                                        .setConfidence(Sighting.Confidence.PROBABLE)
                                        .setSeenTime(timestamp(Instant.now().minusSeconds(7200))))
                        .build());
        id.recordArrest(
                RecordArrestRequest.newBuilder()
                        .setWantedPersonId(published.getId())
                        .setArrest(
                                Arrest.newBuilder()
                                        .setPlace("Batam")
                                        .setArrestTime(timestamp(Instant.now().minusSeconds(3600)))
                                        .setCustody("Batam immigration detention"))
                        .build());
        // A check by a country outside the operation: the owner is told by an event of record type
        // notice.
        investigator("MY")
                .checkIdentity(
                        CheckIdentityRequest.newBuilder()
                                .setName("Seeded Backstop Fugitive")
                                .setPurpose("seeded check")
                                .build());
        // A cooperation request of MY about the notice it hit.
        investigator("MY")
                .createNoticeCooperationRequest(
                        org.chainbreaker.common.v1.CreateCooperationRequestRequest.newBuilder()
                                .setRequest(
                                        org.chainbreaker.common.v1.CooperationRequest.newBuilder()
                                                .setOwnerCountry("PH")
                                                .setReference(published.getReference())
                                                .setPurpose("seeded request")
                                                .setLegalBasis("seeded basis")
                                                .setUrgency(
                                                        org.chainbreaker.common.v1.Urgency.ROUTINE)
                                                .addAsks(
                                                        org.chainbreaker.common.v1.CooperationAsk
                                                                .INFORMATION))
                                .build());
        seeded = true;
    }
}
