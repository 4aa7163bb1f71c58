package org.chainbreaker.repatriation;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.RecordCustodyTransferRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;

/**
 * A stand-in for the OTHER service (the fugitive-service) on a fixed loopback port, which the tests
 * start and stop to make it go down and come back (the custody tests run the real one:
 * CustodyTransferAcrossServicesTest). It answers GetWantedPerson and RecordCustodyTransfer from a
 * map, by the caller's tenant (read from the forwarded token's claims, unverified: this double
 * tests nothing about tokens), and remembers the authorization header of every call so that the
 * tests can see whose token was forwarded.
 */
final class FugitiveServiceDouble {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> TOKEN = Context.key("token");

    final int port;

    /**
     * Wanted person id -> the record (seen by its owner), and -> the one other tenant that may see
     * it.
     */
    final Map<String, WantedPerson> records = new ConcurrentHashMap<>();

    final Map<String, String> visibleTo = new ConcurrentHashMap<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    /**
     * Wanted persons whose custody transfers this double refuses for good (FAILED_PRECONDITION).
     */
    final java.util.Set<String> refuseTransfers = ConcurrentHashMap.newKeySet();

    private Server server;

    FugitiveServiceDouble(int port) {
        this.port = port;
    }

    synchronized void start() {
        ServerInterceptor capture =
                new ServerInterceptor() {
                    @Override
                    public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
                            io.grpc.ServerCall<Q, R> call,
                            Metadata headers,
                            io.grpc.ServerCallHandler<Q, R> next) {
                        String authorization = headers.get(AUTHORIZATION);
                        authorizations.add(authorization == null ? "" : authorization);
                        return Contexts.interceptCall(
                                Context.current().withValue(TOKEN, authorization),
                                call,
                                headers,
                                next);
                    }
                };
        var service =
                new FugitiveServiceGrpc.FugitiveServiceImplBase() {
                    @Override
                    public void getWantedPerson(
                            GetWantedPersonRequest request, StreamObserver<WantedPerson> response) {
                        WantedPerson found = visible(request.getId());
                        if (found == null) {
                            response.onError(
                                    Status.NOT_FOUND
                                            .withDescription("wanted person")
                                            .asRuntimeException());
                            return;
                        }
                        response.onNext(found);
                        response.onCompleted();
                    }

                    /**
                     * Answers like the real one: once per person, a repeat under the same
                     * repatriation changes nothing.
                     */
                    @Override
                    public void recordCustodyTransfer(
                            RecordCustodyTransferRequest request,
                            StreamObserver<WantedPerson> response) {
                        WantedPerson found = visible(request.getWantedPersonId());
                        if (found == null) {
                            response.onError(
                                    Status.NOT_FOUND
                                            .withDescription("wanted person")
                                            .asRuntimeException());
                            return;
                        }
                        if (refuseTransfers.contains(found.getId())) {
                            response.onError(
                                    Status.FAILED_PRECONDITION
                                            .withDescription(
                                                    "the person is held by another country")
                                            .asRuntimeException());
                            return;
                        }
                        if (found.hasCustodyTransfer()
                                && !found.getCustodyTransfer()
                                        .getRepatriationReference()
                                        .equals(request.getTransfer().getRepatriationReference())) {
                            response.onError(
                                    Status.FAILED_PRECONDITION
                                            .withDescription("already transferred")
                                            .asRuntimeException());
                            return;
                        }
                        WantedPerson transferred =
                                found.toBuilder()
                                        .setCustody(WantedPerson.Custody.TRANSFERRED)
                                        .setCustodyTransfer(request.getTransfer())
                                        .build();
                        records.put(found.getId(), transferred);
                        response.onNext(transferred);
                        response.onCompleted();
                    }

                    private WantedPerson visible(String id) {
                        WantedPerson found = records.get(id);
                        String tenant = tenantOf(TOKEN.get());
                        boolean visible =
                                found != null
                                        && (found.getOwnerCountry().equals(tenant)
                                                || tenant.equals(visibleTo.get(id)));
                        return visible ? found : null;
                    }
                };
        try {
            server =
                    ServerBuilder.forPort(port)
                            .addService(ServerInterceptors.intercept(service, capture))
                            .build()
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server = null;
        }
    }

    /**
     * Records a wanted person owned by {@code owner}, arrested (by {@code alsoVisibleTo}, which
     * holds them) or not, visible also to {@code alsoVisibleTo}.
     */
    String wantedPerson(String owner, boolean arrested, String alsoVisibleTo) {
        return wantedPerson(owner, arrested ? alsoVisibleTo : "", alsoVisibleTo);
    }

    /** A wanted person owned by {@code owner}, arrested by {@code arrestedBy} (empty: at large). */
    String wantedPerson(String owner, String arrestedBy, String alsoVisibleTo) {
        String id = java.util.UUID.randomUUID().toString();
        records.put(
                id,
                WantedPerson.newBuilder()
                        .setId(id)
                        .setOwnerCountry(owner)
                        .setReference(owner + "-WP-2026-" + id.substring(0, 6))
                        .setCustody(
                                arrestedBy.isEmpty()
                                        ? WantedPerson.Custody.AT_LARGE
                                        : WantedPerson.Custody.ARRESTED)
                        .setArrestingCountry(arrestedBy)
                        .build());
        visibleTo.put(id, alsoVisibleTo);
        return id;
    }

    /** The person is no longer held (released): custody AT_LARGE. */
    void release(String id) {
        records.computeIfPresent(
                id, (k, w) -> w.toBuilder().setCustody(WantedPerson.Custody.AT_LARGE).build());
    }

    private static String tenantOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "";
        }
        try {
            return com.nimbusds.jwt.SignedJWT.parse(authorization.substring(7))
                    .getJWTClaimsSet()
                    .getStringClaim("tenant");
        } catch (java.text.ParseException e) {
            return "";
        }
    }
}
