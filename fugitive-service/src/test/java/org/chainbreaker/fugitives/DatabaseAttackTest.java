package org.chainbreaker.fugitives;

import java.sql.SQLException;
import java.time.Instant;
import org.chainbreaker.devstack.DatabaseAttackSuite;
import org.chainbreaker.devstack.DatabaseBackstop;
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

/**
 * The fugitive-service's database attacked alone, as its application role with the session set to a country that
 * owns nothing (devstack's {@link DatabaseBackstop}: every table, policy and function read from the catalog). The
 * rows attacked are seeded through the service by PH (owner, coordinator) and ID (participant, sighting, arrest,
 * identity check).
 */
class DatabaseAttackTest extends RunningFugitiveService implements DatabaseAttackSuite {

    private static final DatabaseBackstop BACKSTOP = DatabaseBackstop.of(DATABASE);
    private static boolean seeded;

    @BeforeEach
    void seedOnce() {
        // The first calls of a freshly started service may exceed their deadline on a loaded machine: seed again.
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

    @org.junit.jupiter.api.AfterAll
    static void report() throws SQLException {
        System.out.println("DatabaseAttackTest " + BACKSTOP.coverage());
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
        ph.cancelWantedPerson(CancelWantedPersonRequest.newBuilder().setId(cancelled.getId()).setReason("seeded").build());
        Operation op = operation(ph, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400), "ID");
        ph.publishToOperation(PublishToOperationRequest.newBuilder().setId(published.getId()).setOperationId(op.getId()).build());
        ph.publishToOperation(PublishToOperationRequest.newBuilder().setId(draft.getId()).setOperationId(op.getId()).build());
        id.reportSighting(ReportSightingRequest.newBuilder().setWantedPersonId(published.getId())
                .setSighting(Sighting.newBuilder().setCountry("ID").setPlace("Batam").setSource("informant")
                        .setConfidence(Sighting.Confidence.PROBABLE).setSeenTime(timestamp(Instant.now().minusSeconds(7200))))
                .build());
        id.recordArrest(RecordArrestRequest.newBuilder().setWantedPersonId(published.getId())
                .setArrest(Arrest.newBuilder().setPlace("Batam").setArrestTime(timestamp(Instant.now().minusSeconds(3600)))
                        .setCustody("Batam immigration detention")).build());
        // A check by a country outside the operation: the owner is told by an event of record type notice.
        investigator("MY").checkIdentity(CheckIdentityRequest.newBuilder().setName("Seeded Backstop Fugitive")
                .setPurpose("seeded check").build());
        seeded = true;
    }
}
