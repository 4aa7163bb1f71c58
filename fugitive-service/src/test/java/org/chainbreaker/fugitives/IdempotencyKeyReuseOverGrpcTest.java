package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.devstack.KeyGuardProof;
import org.chainbreaker.devstack.KeyGuardProof.KeyedCreate;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.IngestResult;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.junit.jupiter.api.Test;

/**
 * An idempotency key ({@code request_id}) reused with a different request is refused with
 * ALREADY_EXISTS naming the key and creates nothing, for every create of the fugitive-service that
 * takes a key (CreateWantedPerson, CreateOperation, and each record of IngestWantedPersons); the
 * same key with the same request keeps answering the first record; different requests sent at the
 * same moment with one key make exactly one record.
 */
class IdempotencyKeyReuseOverGrpcTest extends RunningFugitiveService {

    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    static final Instant START = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static String marker(String rpc, int variant) {
        return "IDEM-" + RUN + "-" + rpc + "-" + variant;
    }

    /**
     * Body {@code variant} of a wanted person: deterministic, so that a retry is the same request.
     */
    private static WantedPerson.Builder person(String what, int variant) {
        return WantedPerson.newBuilder()
                .setPrimaryName(PersonName.newBuilder().setValue("Idem Kim"))
                .addCharges("fraud (key reuse)")
                .setWarrant(
                        Warrant.newBuilder()
                                .setReference(marker(what, variant))
                                .setIssuingAuthority("Seoul Central District Court"));
    }

    @Test
    void create_wanted_person() throws Exception {
        KeyGuardProof.prove(
                "CreateWantedPerson",
                new KeyedCreate() {
                    public String create(String key, int variant) {
                        return investigator("KR")
                                .withDeadlineAfter(60, TimeUnit.SECONDS)
                                .createWantedPerson(
                                        CreateWantedPersonRequest.newBuilder()
                                                .setRequestId(key)
                                                .setWantedPerson(person("person", variant))
                                                .build())
                                .getId();
                    }

                    public long stored(int variant) {
                        return count(
                                "select count(*) from wanted_persons where warrant_reference = ?",
                                marker("person", variant));
                    }
                });
    }

    @Test
    void create_operation() throws Exception {
        KeyGuardProof.prove(
                "CreateOperation",
                new KeyedCreate() {
                    public String create(String key, int variant) {
                        return coordinator("KR")
                                .withDeadlineAfter(60, TimeUnit.SECONDS)
                                .createOperation(
                                        CreateOperationRequest.newBuilder()
                                                .setRequestId(key)
                                                .setOperation(
                                                        Operation.newBuilder()
                                                                .setName(
                                                                        marker(
                                                                                "operation",
                                                                                variant))
                                                                .addParticipants("TH")
                                                                .setStartTime(timestamp(START))
                                                                .setEndTime(
                                                                        timestamp(
                                                                                START.plus(
                                                                                        Duration
                                                                                                .ofDays(
                                                                                                        30)))))
                                                .build())
                                .getId();
                    }

                    public long stored(int variant) {
                        return count(
                                "select count(*) from operations where name = ?",
                                marker("operation", variant));
                    }
                });
        // Participants are a set, and the coordinator always takes part: naming it, or another
        // order, is the same.
        String key = "operation-order-" + UUID.randomUUID();
        Operation.Builder operation =
                Operation.newBuilder()
                        .setName(marker("operation-order", 0))
                        .setStartTime(timestamp(START))
                        .setEndTime(timestamp(START.plus(Duration.ofDays(30))));
        String first =
                coordinator("KR")
                        .withDeadlineAfter(60, TimeUnit.SECONDS)
                        .createOperation(
                                CreateOperationRequest.newBuilder()
                                        .setRequestId(key)
                                        .setOperation(
                                                operation
                                                        .clone()
                                                        .addParticipants("TH")
                                                        .addParticipants("VN"))
                                        .build())
                        .getId();
        assertThat(
                        coordinator("KR")
                                .withDeadlineAfter(60, TimeUnit.SECONDS)
                                .createOperation(
                                        CreateOperationRequest.newBuilder()
                                                .setRequestId(key)
                                                .setOperation(
                                                        operation
                                                                .clone()
                                                                .addParticipants("VN")
                                                                .addParticipants("KR")
                                                                .addParticipants("TH"))
                                                .build())
                                .getId())
                .isEqualTo(first);
    }

    @Test
    void ingest_wanted_persons_record_by_record() throws Exception {
        KeyGuardProof.prove(
                "IngestWantedPersons",
                new KeyedCreate() {
                    public String create(String key, int variant) {
                        IngestResult result =
                                ingest("KR", List.of(item(key, variant))).getResults(0);
                        if (result.hasError()) {
                            throw io.grpc.protobuf.StatusProto.toStatusRuntimeException(
                                    result.getError());
                        }
                        return result.getId();
                    }

                    public long stored(int variant) {
                        return count(
                                "select count(*) from wanted_persons where warrant_reference = ?",
                                marker("ingest", variant));
                    }
                });
        // Within one file: the second record with a key already used in the file for another person
        // is refused alone.
        String key = "file-" + UUID.randomUUID();
        IngestWantedPersonsResponse file =
                ingest("KR", List.of(item(key, 5_000), item(key, 5_001), item(key, 5_000)));
        assertThat(file.getRecorded()).isEqualTo(2);
        assertThat(file.getResults(1).getError().getCode())
                .isEqualTo(Status.Code.ALREADY_EXISTS.value());
        assertThat(file.getResults(1).getError().getMessage())
                .contains("request_id \"" + key + "\"");
        assertThat(file.getResults(2).getId()).isEqualTo(file.getResults(0).getId());
        assertThat(
                        count(
                                "select count(*) from wanted_persons where warrant_reference = ?",
                                marker("ingest", 5_001)))
                .isZero();
        // A record loaded in bulk and then created with the same key and the same person is the
        // same request.
        assertThat(
                        investigator("KR")
                                .withDeadlineAfter(60, TimeUnit.SECONDS)
                                .createWantedPerson(
                                        CreateWantedPersonRequest.newBuilder()
                                                .setRequestId(key)
                                                .setWantedPerson(person("ingest", 5_000))
                                                .build())
                                .getId())
                .isEqualTo(file.getResults(0).getId());
    }

    private static IngestWantedPersonsRequest item(String key, int variant) {
        return IngestWantedPersonsRequest.newBuilder()
                .setRequestId(key)
                .setWantedPerson(person("ingest", variant))
                .build();
    }

    private static IngestWantedPersonsResponse ingest(
            String tenant, List<IngestWantedPersonsRequest> records) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer "
                        + TOKENS.token(
                                tenant, tenant.toLowerCase() + "-investigator", "investigator"));
        var stub =
                FugitiveServiceGrpc.newStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        CompletableFuture<IngestWantedPersonsResponse> answer = new CompletableFuture<>();
        StreamObserver<IngestWantedPersonsRequest> upload =
                stub.ingestWantedPersons(
                        new StreamObserver<>() {
                            public void onNext(IngestWantedPersonsResponse value) {
                                answer.complete(value);
                            }

                            public void onError(Throwable t) {
                                answer.completeExceptionally(t);
                            }

                            public void onCompleted() {}
                        });
        records.forEach(upload::onNext);
        upload.onCompleted();
        try {
            return answer.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
