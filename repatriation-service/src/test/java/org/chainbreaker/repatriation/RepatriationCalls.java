package org.chainbreaker.repatriation;

import com.google.protobuf.Timestamp;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.devstack.LocalTokenIssuer;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.Escort;
import org.chainbreaker.repatriation.v1.Leg;
import org.chainbreaker.repatriation.v1.Logistics;
import org.chainbreaker.repatriation.v1.Person;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.RepatriationServiceGrpc;
import org.chainbreaker.repatriation.v1.RepatriationServiceGrpc.RepatriationServiceBlockingStub;
import org.chainbreaker.repatriation.v1.TravelDocument;
import org.chainbreaker.repatriation.v1.VictimGroup;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * How the tests call a repatriation-service over gRPC like a national portal would: tokens of the
 * local issuer, stubs per country and role, and valid requests to start from.
 */
abstract class RepatriationCalls {

    static final LocalTokenIssuer TOKENS = LocalTokenIssuer.shared();

    /**
     * Small, so that escalation happens during a test; checks made before it come right after
     * raising.
     */
    static final Duration RESCUE_ACKNOWLEDGE_WITHIN = Duration.ofSeconds(4);

    static ManagedChannel channel;

    static final ClientInterceptor DEADLINE_PER_CALL =
            new ClientInterceptor() {
                @Override
                public <Q, R> ClientCall<Q, R> interceptCall(
                        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                    return next.newCall(
                            method,
                            options.getDeadline() == null
                                    ? options.withDeadlineAfter(15, TimeUnit.SECONDS)
                                    : options);
                }
            };

    static RepatriationServiceBlockingStub as(String tenant, String username, String... roles) {
        return withToken(TOKENS.token(tenant, username, roles));
    }

    static RepatriationServiceBlockingStub withToken(String token) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + token);
        return RepatriationServiceGrpc.newBlockingStub(channel)
                .withInterceptors(
                        MetadataUtils.newAttachHeadersInterceptor(headers), DEADLINE_PER_CALL);
    }

    /** A liaison officer of the tenant (approves its side). */
    static RepatriationServiceBlockingStub liaison(String tenant) {
        return as(tenant, tenant.toLowerCase() + "-liaison", "liaison");
    }

    static RepatriationServiceBlockingStub investigator(String tenant) {
        return as(tenant, tenant.toLowerCase() + "-investigator", "investigator");
    }

    /**
     * A suspect transfer from {@code sending} to {@code receiving}, with a plan that can be
     * scheduled.
     */
    static Repatriation.Builder suspectTransfer(
            String sending, String receiving, String... transit) {
        return Repatriation.newBuilder()
                .setKind(Repatriation.Kind.SUSPECT_TRANSFER)
                .setSendingCountry(sending)
                .setReceivingCountry(receiving)
                .addAllTransitCountries(List.of(transit))
                .setLogistics(plan(sending, receiving));
    }

    static Repatriation.Builder victimReturn(String sending, String receiving, int count) {
        return Repatriation.newBuilder()
                .setKind(Repatriation.Kind.VICTIM_RETURN)
                .setSendingCountry(sending)
                .setReceivingCountry(receiving)
                .setVictimGroup(
                        VictimGroup.newBuilder()
                                .setCount(count)
                                .addNationalities("ID")
                                .addLanguages("id")
                                .addSupportNeeds("trauma counselling"));
    }

    static Logistics plan(String sending, String receiving) {
        return plan(sending, receiving, Instant.now().plus(Duration.ofDays(3)));
    }

    static Logistics plan(String sending, String receiving, Instant departs) {
        return Logistics.newBuilder()
                .addPersons(
                        Person.newBuilder()
                                .setRole(Person.Role.SUSPECT)
                                .setFullName("Kim Min-su")
                                .setNationality("KR")
                                .addLanguages("ko")
                                .setTravelDocument(
                                        TravelDocument.newBuilder()
                                                .setType(
                                                        TravelDocument.Type
                                                                .EMERGENCY_TRAVEL_DOCUMENT)
                                                .setStatus(TravelDocument.Status.ISSUED)
                                                .setNumber("ETD-2026-0042")))
                .addLegs(leg("PNH", "BKK", departs, departs.plus(Duration.ofHours(1))))
                .addLegs(
                        leg(
                                "BKK",
                                "ICN",
                                departs.plus(Duration.ofHours(3)),
                                departs.plus(Duration.ofHours(9))))
                .addEscorts(Escort.newBuilder().setName("Officer One").setCountry(receiving))
                .addEscorts(Escort.newBuilder().setName("Officer Two").setCountry(receiving))
                .build();
    }

    /**
     * A plan that can be scheduled now and handed over at once: it departs 45 s from now and lands
     * 7 s later. A handover may be stated up to a minute ahead (clock differences between
     * countries), so a test records it right after the landing time instead of waiting for the
     * flight (see {@link #afterLanding}).
     */
    static Logistics soonPlan(String sending, String receiving) {
        Instant departs = Instant.now().plusSeconds(45);
        return plan(sending, receiving, departs).toBuilder()
                .clearLegs()
                .addLegs(leg("PNH", "BKK", departs, departs.plusSeconds(2)))
                .addLegs(leg("BKK", "ICN", departs.plusSeconds(4), departs.plusSeconds(7)))
                .build();
    }

    /** A second after the repatriation's last leg lands. */
    static Timestamp afterLanding(Repatriation r) {
        Timestamp last =
                r.getLogistics().getLegs(r.getLogistics().getLegsCount() - 1).getArrivalTime();
        return last.toBuilder().setSeconds(last.getSeconds() + 1).build();
    }

    static Leg leg(String from, String to, Instant departs, Instant arrives) {
        return Leg.newBuilder()
                .setCarrier("Korean Air")
                .setFlightNumber("KE 690")
                .setDepartureAirport(from)
                .setArrivalAirport(to)
                .setDepartureTime(timestamp(departs))
                .setArrivalTime(timestamp(arrives))
                .build();
    }

    static Repatriation create(
            RepatriationServiceBlockingStub as, Repatriation.Builder repatriation) {
        return as.createRepatriation(
                CreateRepatriationRequest.newBuilder().setRepatriation(repatriation).build());
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

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The settings of a repatriation-service under test: its port and database, and where the
     * fugitive-service is.
     */
    static void serviceProperties(
            DynamicPropertyRegistry registry,
            int grpcPort,
            PostgresServer.DatabaseAccess database,
            String fugitives) {
        Suite.serviceProperties(grpcPort, database, TOKENS.issuer())
                .forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.grpc.server.address", () -> "127.0.0.1");
        registry.add("chainbreaker.upstreams.fugitives", () -> fugitives);
        registry.add("chainbreaker.repatriation.fugitives.deadline", () -> "1s");
        registry.add("chainbreaker.repatriation.fugitives.attempts", () -> "2");
        registry.add("chainbreaker.repatriation.fugitives.retry-wait", () -> "50ms");
        registry.add("chainbreaker.repatriation.fugitives.open-for", () -> "300ms");
        registry.add("chainbreaker.repatriation.reconcile-interval", () -> "300ms");
        registry.add("chainbreaker.repatriation.relay-interval", () -> "500ms");
        registry.add(
                "chainbreaker.rescue.acknowledge-within",
                () -> RESCUE_ACKNOWLEDGE_WITHIN.toMillis() + "ms");
        registry.add("chainbreaker.rescue.escalation-interval", () -> "200ms");
    }

    static void connectTo(int port) {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    static void disconnectChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * The values of one column for a record, read as the owner of the tables (no row-level
     * security).
     */
    static List<String> column(PostgresServer.DatabaseAccess db, String sql, String recordId)
            throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection owner =
                        DriverManager.getConnection(
                                db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
                var statement = owner.prepareStatement(sql)) {
            statement.setString(1, recordId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
