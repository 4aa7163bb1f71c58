package org.chainbreaker.fugitives;

import com.google.protobuf.Timestamp;
import com.google.type.Date;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.devstack.LocalTokenIssuer;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.IdentityDocument;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.TransitionRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the real fugitive-service against a real PostgreSQL (shared by every
 * test class in this JVM; Spring caches the context) and call it over gRPC like a national portal
 * would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class RunningFugitiveService {

    static final PostgresServer.DatabaseAccess DATABASE =
            PostgresServer.shared().provision("fugitives");
    static final int GRPC_PORT = freePort();
    static final LocalTokenIssuer TOKENS = LocalTokenIssuer.shared();

    static ManagedChannel channel;

    /**
     * A deadline for each call from when it starts (stubs are made before the service has started).
     */
    static final ClientInterceptor DEADLINE_PER_CALL =
            new ClientInterceptor() {
                @Override
                public <Q, R> ClientCall<Q, R> interceptCall(
                        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                    return next.newCall(
                            method,
                            options.getDeadline() == null
                                    ? options.withDeadlineAfter(10, TimeUnit.SECONDS)
                                    : options);
                }
            };

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        Suite.serviceProperties(GRPC_PORT, DATABASE, TOKENS.issuer())
                .forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.grpc.server.address", () -> "127.0.0.1");
    }

    @BeforeAll
    static void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT).usePlaintext().build();
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A FugitiveService stub calling as a user of the given tenant with the given roles. */
    static FugitiveServiceBlockingStub fugitivesAs(
            String tenant, String username, String... roles) {
        return withToken(TOKENS.token(tenant, username, roles));
    }

    /** An investigator of the tenant (may record, report sightings and arrests). */
    static FugitiveServiceBlockingStub investigator(String tenant) {
        return fugitivesAs(tenant, tenant.toLowerCase() + "-investigator", "investigator");
    }

    /** A coordinator of the tenant (may open operations). */
    static FugitiveServiceBlockingStub coordinator(String tenant) {
        return fugitivesAs(
                tenant, tenant.toLowerCase() + "-coordinator", "coordinator", "investigator");
    }

    static FugitiveServiceBlockingStub withToken(String token) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + token);
        return FugitiveServiceGrpc.newBlockingStub(channel)
                .withInterceptors(
                        MetadataUtils.newAttachHeadersInterceptor(headers), DEADLINE_PER_CALL);
    }

    /** A complete, valid wanted person with the given primary name and date of birth. */
    static WantedPerson.Builder person(String name, int year, int month, int day) {
        return WantedPerson.newBuilder()
                .setPrimaryName(PersonName.newBuilder().setValue(name))
                .setSex(WantedPerson.Sex.MALE)
                .setDateOfBirth(Date.newBuilder().setYear(year).setMonth(month).setDay(day))
                .addNationalities("KR")
                .addIdentifyingMarks("scar on left forearm")
                .addDocuments(
                        IdentityDocument.newBuilder()
                                .setType(IdentityDocument.Type.PASSPORT)
                                .setNumber(
                                        "M"
                                                + Math.abs(
                                                        UUID.randomUUID().getMostSignificantBits()
                                                                % 100000000L))
                                .setIssuingCountry("KR"))
                .addCharges("fraud (voice phishing), Criminal Act art. 347")
                .setWarrant(
                        Warrant.newBuilder()
                                .setReference(
                                        "2026-W-" + UUID.randomUUID().toString().substring(0, 6))
                                .setIssuingAuthority("Seoul Central District Court"))
                .addRiskFlags(WantedPerson.RiskFlag.ESCAPE_RISK);
    }

    static WantedPerson record(FugitiveServiceBlockingStub as, WantedPerson.Builder person) {
        return as.createWantedPerson(
                CreateWantedPersonRequest.newBuilder().setWantedPerson(person).build());
    }

    /** Records, submits and publishes. */
    static WantedPerson published(FugitiveServiceBlockingStub as, WantedPerson.Builder person) {
        WantedPerson draft = record(as, person);
        as.submitWantedPerson(TransitionRequest.newBuilder().setId(draft.getId()).build());
        return as.publishWantedPerson(TransitionRequest.newBuilder().setId(draft.getId()).build());
    }

    static Operation operation(
            FugitiveServiceBlockingStub coordinator,
            Instant start,
            Instant end,
            String... participants) {
        return coordinator.createOperation(
                CreateOperationRequest.newBuilder()
                        .setOperation(
                                Operation.newBuilder()
                                        .setName(
                                                "INFRA-SEAF "
                                                        + UUID.randomUUID()
                                                                .toString()
                                                                .substring(0, 4))
                                        .addAllParticipants(java.util.List.of(participants))
                                        .setStartTime(timestamp(start))
                                        .setEndTime(timestamp(end)))
                        .build());
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    static Status statusOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
        throw new AssertionError("the call succeeded");
    }

    static StatusRuntimeException failureOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
