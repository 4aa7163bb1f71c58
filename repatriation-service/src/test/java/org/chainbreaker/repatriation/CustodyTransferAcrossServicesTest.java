package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.ServiceProcess;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.devstack.TokensAtRest;
import org.chainbreaker.fugitives.v1.Arrest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.repatriation.app.CustodyTransferRelay;
import org.chainbreaker.repatriation.v1.CustodyDelivery;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.TransitionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The custody handover reaching the REAL fugitive-service, run as a process from its executable jar
 * on a database of its own, through a proxy that injects network failures. This class runs its own
 * repatriation-service (its own database and port, so that no other test's relay touches its
 * deliveries), talking to the proxy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CustodyTransferAcrossServicesTest extends RepatriationCalls {

    static final PostgresServer.DatabaseAccess OWN_DATABASE =
            PostgresServer.shared().provision("repatriation_custody");
    static final PostgresServer.DatabaseAccess FUGITIVES_DATABASE =
            PostgresServer.shared().provision("fugitives_custody");
    static final int OWN_PORT = freePort();
    static final int FUGITIVES_PORT = freePort();
    static final CuttingProxy PROXY = new CuttingProxy(FUGITIVES_PORT);

    static ServiceProcess fugitiveService;
    static ManagedChannel fugitivesChannel;

    @Autowired CustodyTransferRelay relay;

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        serviceProperties(registry, OWN_PORT, OWN_DATABASE, "127.0.0.1:" + PROXY.port());
    }

    @BeforeAll
    static void startFugitiveService() {
        fugitiveService = startFugitives();
        fugitivesChannel =
                ManagedChannelBuilder.forAddress("127.0.0.1", FUGITIVES_PORT)
                        .usePlaintext()
                        .build();
        connectTo(OWN_PORT);
    }

    @AfterAll
    static void stopFugitiveService() throws InterruptedException {
        disconnectChannel();
        PROXY.close();
        fugitivesChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        fugitiveService.stop();
    }

    static ServiceProcess startFugitives() {
        List<String> args = new ArrayList<>();
        Suite.serviceProperties(FUGITIVES_PORT, FUGITIVES_DATABASE, TOKENS.issuer())
                .forEach((key, value) -> args.add("--" + key + "=" + value));
        Path log = Path.of("target", "fugitive-service-for-custody-tests.log");
        // Started (and restarted) for a few calls: start-up time is what counts.
        return ServiceProcess.start(
                        "fugitive-service",
                        ServiceProcess.execJar("fugitive-service"),
                        ServiceProcess.QUICK_START,
                        args,
                        log)
                .awaitGrpcHealthy(FUGITIVES_PORT);
    }

    static FugitiveServiceBlockingStub fugitives(String tenant) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer "
                        + TOKENS.token(
                                tenant, tenant.toLowerCase() + "-investigator", "investigator"));
        return FugitiveServiceGrpc.newBlockingStub(fugitivesChannel)
                .withInterceptors(
                        MetadataUtils.newAttachHeadersInterceptor(headers), DEADLINE_PER_CALL);
    }

    /** Wanted by KR, seen in TH, arrested there: in the real fugitive-service. */
    static WantedPerson arrestedInThailand() {
        FugitiveServiceBlockingStub kr = fugitives("KR");
        WantedPerson draft =
                kr.createWantedPerson(
                        CreateWantedPersonRequest.newBuilder()
                                .setWantedPerson(
                                        WantedPerson.newBuilder()
                                                .setPrimaryName(
                                                        PersonName.newBuilder()
                                                                .setValue("Choi Seung-ho"))
                                                .addCharges("fraud (voice phishing)")
                                                .setWarrant(
                                                        Warrant.newBuilder()
                                                                .setReference(
                                                                        "2026-W-"
                                                                                + System.nanoTime())
                                                                .setIssuingAuthority(
                                                                        "Seoul Central District Court")))
                                .build());
        kr.submitWantedPerson(
                org.chainbreaker.fugitives.v1.TransitionRequest.newBuilder()
                        .setId(draft.getId())
                        .build());
        kr.publishWantedPerson(
                org.chainbreaker.fugitives.v1.TransitionRequest.newBuilder()
                        .setId(draft.getId())
                        .build());
        kr.reportSighting(
                ReportSightingRequest.newBuilder()
                        .setWantedPersonId(draft.getId())
                        .setSighting(
                                Sighting.newBuilder()
                                        .setCountry("TH")
                                        .setPlace("Pattaya")
                                        .setSource("informant")
                                        .setConfidence(Sighting.Confidence.CONFIRMED)
                                        .setSeenTime(
                                                timestamp(Instant.now().minus(Duration.ofDays(3)))))
                        .build());
        return fugitives("TH")
                .recordArrest(
                        RecordArrestRequest.newBuilder()
                                .setWantedPersonId(draft.getId())
                                .setArrest(
                                        Arrest.newBuilder()
                                                .setPlace("Pattaya")
                                                .setArrestTime(
                                                        timestamp(
                                                                Instant.now()
                                                                        .minus(Duration.ofDays(2))))
                                                .setCustody("Immigration Detention Centre Bangkok"))
                                .build());
    }

    /**
     * A transfer TH -> KR of that person, taken to IN_TRANSIT (the fugitive check confirmed it
     * arrested).
     */
    static Repatriation inTransit(WantedPerson person) {
        Repatriation r =
                create(
                        investigator("KR"),
                        suspectTransfer("TH", "KR")
                                .setLogistics(soonPlan("TH", "KR"))
                                .setWantedPersonId(person.getId()));
        assertThat(r.getFugitiveCheck()).isEqualTo(Repatriation.FugitiveCheck.CONFIRMED);
        investigator("KR").submitRepatriation(on(r));
        liaison("TH").approveRepatriation(on(r));
        liaison("KR").approveRepatriation(on(r));
        liaison("KR").scheduleRepatriation(on(r));
        return liaison("TH").startTransit(on(r));
    }

    static TransitionRequest on(Repatriation r) {
        return TransitionRequest.newBuilder().setId(r.getId()).build();
    }

    static Repatriation awaitDelivery(
            Repatriation r, Predicate<CustodyDelivery> condition, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Repatriation seen;
        do {
            seen =
                    as("KR", "kr-analyst", "analyst")
                            .getRepatriation(
                                    GetRepatriationRequest.newBuilder().setId(r.getId()).build());
            if (condition.test(seen.getCustodyDelivery())) {
                return seen;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(
                "the custody delivery did not get there in "
                        + within
                        + ": "
                        + seen.getCustodyDelivery());
    }

    static WantedPerson asOwnerSeesIt(WantedPerson person) {
        return fugitives("KR")
                .getWantedPerson(GetWantedPersonRequest.newBuilder().setId(person.getId()).build());
    }

    @Test
    void a_handover_while_the_fugitive_service_is_down_is_accepted_and_delivered_once_it_is_back()
            throws Exception {
        WantedPerson person = arrestedInThailand();
        Repatriation r = inTransit(person);
        fugitiveService.stop();
        try {
            Repatriation handedOver =
                    liaison("KR")
                            .recordHandover(
                                    WorkflowRulesOverGrpcTest.handoverAt(r, afterLanding(r)));
            assertThat(handedOver.getStatus()).isEqualTo(Repatriation.Status.HANDED_OVER);
            assertThat(handedOver.getCustodyDelivery().getState())
                    .isEqualTo(CustodyDelivery.State.PENDING);
            Repatriation failing =
                    awaitDelivery(r, d -> d.getAttempts() >= 1, Duration.ofSeconds(30));
            assertThat(failing.getCustodyDelivery().getState())
                    .isEqualTo(CustodyDelivery.State.PENDING);
            assertThat(failing.getCustodyDelivery().getLastError()).isNotEmpty();
        } finally {
            fugitiveService = startFugitives();
        }
        Repatriation delivered =
                awaitDelivery(
                        r,
                        d -> d.getState() != CustodyDelivery.State.PENDING,
                        Duration.ofSeconds(120));
        assertThat(delivered.getCustodyDelivery().getState())
                .isEqualTo(CustodyDelivery.State.DELIVERED);
        WantedPerson transferred = asOwnerSeesIt(person);
        assertThat(transferred.getCustody()).isEqualTo(WantedPerson.Custody.TRANSFERRED);
        assertThat(transferred.getCustodyTransfer().getRepatriationReference())
                .isEqualTo(r.getId());
        assertThat(transferred.getCustodyTransfer().getFromCountry()).isEqualTo("TH");
        assertThat(transferred.getCustodyTransfer().getToCountry()).isEqualTo("KR");
        // Acted for the officer who recorded the handover: the receiving country.
        assertThat(transferred.getCustodyTransfer().getRecordedByCountry()).isEqualTo("KR");
        assertThat(fugitiveEvents(person.getId()))
                .filteredOn("wanted_person.transferred"::equals)
                .hasSize(1);
        assertThat(eventsOfOwn(r.getId()))
                .filteredOn("repatriation.custody_transfer_delivered"::equals)
                .hasSize(1);
    }

    @Test
    void
            an_answer_lost_after_the_fugitive_service_applied_the_transfer_is_retried_without_applying_it_twice()
                    throws Exception {
        WantedPerson person = arrestedInThailand();
        Repatriation r = inTransit(person);
        int callsBefore = PROXY.callsForwarded.get();
        int cutsBefore = PROXY.answersCut.get();
        // The handover's own fugitive check is answered; the custody transfer's answer is cut.
        PROXY.cutAnswerAfter(1);
        liaison("KR").recordHandover(WorkflowRulesOverGrpcTest.handoverAt(r, afterLanding(r)));
        Repatriation delivered =
                awaitDelivery(
                        r,
                        d -> d.getState() != CustodyDelivery.State.PENDING,
                        Duration.ofSeconds(60));
        assertThat(delivered.getCustodyDelivery().getState())
                .isEqualTo(CustodyDelivery.State.DELIVERED);
        // The first answer was cut after the fugitive-service had committed; the transfer was sent
        // again.
        assertThat(PROXY.answersCut.get() - cutsBefore).isEqualTo(1);
        assertThat(PROXY.callsForwarded.get() - callsBefore).isGreaterThanOrEqualTo(3);
        assertThat(asOwnerSeesIt(person).getCustody()).isEqualTo(WantedPerson.Custody.TRANSFERRED);
        assertThat(fugitiveEvents(person.getId()))
                .filteredOn("wanted_person.transferred"::equals)
                .hasSize(1);
        assertThat(fugitiveAuditActions(person.getId()))
                .filteredOn("TRANSFER_CUSTODY"::equals)
                .hasSize(1);
        assertThat(eventsOfOwn(r.getId()))
                .filteredOn("repatriation.custody_transfer_delivered"::equals)
                .hasSize(1);
    }

    @Test
    void relays_of_several_replicas_running_at_once_send_a_delivery_once() throws Exception {
        WantedPerson person = arrestedInThailand();
        Repatriation r = inTransit(person);
        int callsBefore = PROXY.callsForwarded.get();
        liaison("KR").recordHandover(WorkflowRulesOverGrpcTest.handoverAt(r, afterLanding(r)));
        // Six rounds at once, each in its own transaction as on six replicas (the background relay
        // may join in).
        CyclicBarrier together = new CyclicBarrier(6);
        List<Callable<Integer>> rounds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rounds.add(
                    () -> {
                        together.await();
                        return relay.deliverDue();
                    });
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            pool.invokeAll(rounds);
        } finally {
            pool.shutdownNow();
        }
        Repatriation delivered =
                awaitDelivery(
                        r,
                        d -> d.getState() != CustodyDelivery.State.PENDING,
                        Duration.ofSeconds(60));
        assertThat(delivered.getCustodyDelivery().getState())
                .isEqualTo(CustodyDelivery.State.DELIVERED);
        assertThat(delivered.getCustodyDelivery().getAttempts()).isEqualTo(1);
        // The handover's fugitive check, and one transfer.
        assertThat(PROXY.callsForwarded.get() - callsBefore).isEqualTo(2);
        assertThat(fugitiveEvents(person.getId()))
                .filteredOn("wanted_person.transferred"::equals)
                .hasSize(1);
        assertThat(eventsOfOwn(r.getId()))
                .filteredOn("repatriation.custody_transfer_delivered"::equals)
                .hasSize(1);
    }

    @Test
    void a_delivery_keeps_no_token_at_rest_and_is_made_after_the_officers_token_expired()
            throws Exception {
        WantedPerson person = arrestedInThailand();
        Repatriation r = inTransit(person);
        // Negative cases first: only a liaison of the receiving country, only while a delivery is
        // pending.
        assertThat(statusOf(() -> liaison("KR").retryCustodyTransfer(on(r))).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        // The officer's token lives a few seconds; the fugitive-service is unreachable until it has
        // expired.
        Instant expires = Instant.now().plusSeconds(4);
        String shortLived =
                TOKENS.sign(
                        TOKENS.claims("KR", "kr-liaison", List.of("liaison"))
                                .expirationTime(java.util.Date.from(expires))
                                .build());
        PROXY.refusing.set(true);
        PROXY.dropConnections();
        try {
            withToken(shortLived)
                    .recordHandover(WorkflowRulesOverGrpcTest.handoverAt(r, afterLanding(r)));
            // Queued: who asked is stored, no token (none shaped like one, not the officer's).
            assertThat(
                            column(
                                    OWN_DATABASE,
                                    "select actor_user from custody_deliveries where repatriation_id = ?::uuid",
                                    r.getId()))
                    .containsExactly("kr-liaison");
            assertThat(TokensAtRest.find("repatriation_custody", List.of(shortLived))).isEmpty();
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 500);
        } finally {
            PROXY.refusing.set(false);
        }
        // Reachable again: the relay obtains a token for the officer now (token exchange) and
        // delivers, with nobody renewing anything.
        Repatriation delivered =
                awaitDelivery(
                        r,
                        d -> d.getState() != CustodyDelivery.State.PENDING,
                        Duration.ofSeconds(90));
        assertThat(delivered.getCustodyDelivery().getState())
                .isEqualTo(CustodyDelivery.State.DELIVERED);
        assertThat(delivered.getCustodyDelivery().getAwaitingToken()).isFalse();
        assertThat(asOwnerSeesIt(person).getCustody()).isEqualTo(WantedPerson.Custody.TRANSFERRED);
        assertThat(fugitiveEvents(person.getId()))
                .filteredOn("wanted_person.transferred"::equals)
                .hasSize(1);
        assertThat(statusOf(() -> liaison("VN").retryCustodyTransfer(on(r))).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void a_transfer_from_a_country_that_did_not_arrest_the_person_is_refused() {
        // KR wants the person and Thailand holds them (the real fugitive-service says so): not
        // Cambodia.
        WantedPerson person = arrestedInThailand();
        assertThat(asOwnerSeesIt(person).getArrestingCountry()).isEqualTo("TH");
        var refused =
                failureOf(
                        () ->
                                create(
                                        investigator("KR"),
                                        suspectTransfer("KH", "KR")
                                                .setWantedPersonId(person.getId())));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(refused.getStatus().getDescription()).contains("arrested by another country");
        assertThat(
                        create(
                                        investigator("KR"),
                                        suspectTransfer("TH", "KR")
                                                .setWantedPersonId(person.getId()))
                                .getFugitiveCheck())
                .isEqualTo(Repatriation.FugitiveCheck.CONFIRMED);
    }

    static List<String> fugitiveEvents(String id) throws SQLException {
        return column(
                FUGITIVES_DATABASE,
                "select event_type from outbox_events where record_id = ? order by id",
                id);
    }

    static List<String> fugitiveAuditActions(String id) throws SQLException {
        return column(
                FUGITIVES_DATABASE,
                "select action from audit_log where record_id = ? order by seq",
                id);
    }

    static List<String> eventsOfOwn(String id) throws SQLException {
        return column(
                OWN_DATABASE,
                "select event_type from outbox_events where record_id = ? order by id",
                id);
    }
}
