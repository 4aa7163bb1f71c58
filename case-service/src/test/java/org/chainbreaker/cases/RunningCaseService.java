package org.chainbreaker.cases;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.devstack.LocalTokenIssuer;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.Suite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the real case-service against a real PostgreSQL (shared by every test
 * class in this JVM; Spring caches the context) and call it over gRPC like a national portal would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class RunningCaseService {

    static final PostgresServer.DatabaseAccess DATABASE =
            PostgresServer.shared().provision("cases");
    static final int GRPC_PORT = freePort();
    static final LocalTokenIssuer TOKENS = LocalTokenIssuer.shared();
    static final int UNREACHABLE_PORT = freePort();

    static ManagedChannel channel;

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        Suite.serviceProperties(GRPC_PORT, DATABASE, TOKENS.issuer())
                .forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.grpc.server.address", () -> "127.0.0.1");
        // Nothing listens there: in these tests the fugitive-service is down (the suite's tests run
        // it for real).
        registry.add("chainbreaker.upstreams.fugitives", () -> "127.0.0.1:" + UNREACHABLE_PORT);
        registry.add("chainbreaker.cases.fugitives.deadline", () -> "500ms");
        registry.add("chainbreaker.cases.fugitives.attempts", () -> "2");
        registry.add("chainbreaker.cases.fugitives.retry-wait", () -> "50ms");
        // A subscriber that reads nothing for 1 s is cut off (EventStreamDeliveryTest; production
        // default 10 s).
        registry.add("chainbreaker.events.stall-limit", () -> "1s");
    }

    @BeforeAll
    static void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT).usePlaintext().build();
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A CaseService stub calling as a user of the given tenant with the given roles. */
    static CaseServiceGrpc.CaseServiceBlockingStub casesAs(
            String tenant, String username, String... roles) {
        return withToken(TOKENS.token(tenant, username, roles));
    }

    /** A case of the caller's country, an online scam with that title. */
    static Case openCase(CaseServiceGrpc.CaseServiceBlockingStub owner, String title) {
        return owner.createCase(
                CreateCaseRequest.newBuilder()
                        .setCase(
                                Case.newBuilder()
                                        .setTitle(title)
                                        .setCategory(Case.Category.ONLINE_SCAM))
                        .build());
    }

    static CaseServiceGrpc.CaseServiceBlockingStub withToken(String token) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + token);
        return CaseServiceGrpc.newBlockingStub(channel)
                .withInterceptors(
                        MetadataUtils.newAttachHeadersInterceptor(headers), DEADLINE_PER_CALL);
    }

    /**
     * 30 s for each call, counted from the call: a deadline set on the stub would count from the
     * stub's making, which for a test's fields is before the service has started (minutes on a
     * loaded machine).
     */
    private static final io.grpc.ClientInterceptor DEADLINE_PER_CALL =
            new io.grpc.ClientInterceptor() {
                @Override
                public <Q, A> io.grpc.ClientCall<Q, A> interceptCall(
                        io.grpc.MethodDescriptor<Q, A> method,
                        io.grpc.CallOptions options,
                        io.grpc.Channel next) {
                    return next.newCall(method, options.withDeadlineAfter(30, TimeUnit.SECONDS));
                }
            };

    /**
     * Lets a grant run out, as time would: the owner role (not subject to row-level security) moves
     * the expiry of the grant of record {@code id} to {@code country} into the past, in {@code
     * table} keyed by {@code idColumn}.
     */
    static void letGrantExpire(String table, String idColumn, String id, String country) {
        try (java.sql.Connection owner =
                        java.sql.DriverManager.getConnection(
                                DATABASE.jdbcUrl(),
                                DATABASE.ownerUser(),
                                DATABASE.ownerPassword());
                var statement =
                        owner.prepareStatement(
                                "update "
                                        + table
                                        + " set expire_time = now() - interval '1 second'"
                                        + " where "
                                        + idColumn
                                        + " = ? and country = ?")) {
            statement.setObject(1, java.util.UUID.fromString(id));
            statement.setString(2, country);
            if (statement.executeUpdate() != 1) {
                throw new AssertionError("no grant of " + id + " to " + country + " in " + table);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
